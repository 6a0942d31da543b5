//! `POST /v1/audio/speech`: OpenAI's request fields, streamed WAV/PCM or an event stream.

use std::net::TcpStream;

use serde::Deserialize;
use sotto::audio::sink::{AudioSink, Format};
use sotto::engine::{Chunk, SpeakOptions, Spoken, Voice};

use super::engine::{Engine, Refusal, SpeakError};
use super::http::{respond_error, start_chunked, Chunked};
use super::sse::Events;

/// Longest input accepted, in characters (OpenAI's limit).
pub const MAX_INPUT_CHARS: usize = 4096;
/// The output formats served.
pub const SUPPORTED_FORMATS: &str = "wav, pcm";
/// Accepted range of `speed` (OpenAI's).
pub const SPEED_RANGE: (f64, f64) = (0.25, 4.0);

/// The JSON body of a speech request. Other fields (`model`, `voice`, `instructions`, …) are
/// accepted and ignored: the server speaks with its one voice.
#[derive(Debug, Deserialize)]
pub struct SpeechRequest {
    /// The text to speak.
    pub input: String,
    /// `wav` (default) or `pcm` (16-bit little-endian mono at the voice's rate).
    #[serde(default)]
    pub response_format: Option<String>,
    /// Speaking rate, within [`SPEED_RANGE`].
    #[serde(default)]
    pub speed: Option<f64>,
    /// `audio` (default) or `sse`: an event stream of base64 audio deltas and the sentence,
    /// word and phoneme marks (see `sse.rs`).
    #[serde(default)]
    pub stream_format: Option<String>,
    /// Flow-matching steps (a Sotto extension).
    #[serde(default)]
    pub steps: Option<u32>,
    /// Noise scale (a Sotto extension).
    #[serde(default)]
    pub temperature: Option<f64>,
    /// Noise seed (a Sotto extension).
    #[serde(default)]
    pub seed: Option<u64>,
}

/// How the audio goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Audio(Format),
    Events,
}

/// A checked request, or the status, message and field of its refusal.
struct Checked {
    text: String,
    opts: SpeakOptions,
    output: Output,
}

fn check(body: &[u8], voice: &Voice) -> Result<Checked, (u16, String, Option<&'static str>)> {
    let req: SpeechRequest =
        serde_json::from_slice(body).map_err(|e| (400, format!("invalid JSON body: {e}"), None))?;
    if req.input.chars().count() > MAX_INPUT_CHARS {
        return Err((
            413,
            format!("input is over {MAX_INPUT_CHARS} characters"),
            Some("input"),
        ));
    }
    if req.input.trim().is_empty() {
        return Err((400, "input is empty".into(), Some("input")));
    }
    let format = match req.response_format.as_deref().unwrap_or("wav") {
        "wav" => Format::Wav,
        "pcm" => Format::Raw,
        other => {
            return Err((
                400,
                format!(
                    "response_format {other:?} is not supported; supported: {SUPPORTED_FORMATS}"
                ),
                Some("response_format"),
            ))
        }
    };
    let output = match req.stream_format.as_deref().unwrap_or("audio") {
        "audio" => Output::Audio(format),
        "sse" => Output::Events,
        other => {
            return Err((
                400,
                format!("stream_format {other:?} is not supported; supported: audio, sse"),
                Some("stream_format"),
            ))
        }
    };
    let speed = req.speed.unwrap_or(1.0);
    let (lo, hi) = SPEED_RANGE;
    if !(lo..=hi).contains(&speed) {
        return Err((
            400,
            format!("speed must be a number within {lo}..={hi}"),
            Some("speed"),
        ));
    }
    let opts = SpeakOptions {
        steps: req.steps.map(|s| s as usize),
        temperature: req.temperature.map(|t| t as f32),
        speed: speed as f32,
        seed: req.seed.unwrap_or(0),
    };
    voice
        .settings(&opts)
        .map_err(|e| (400, e.to_string(), None))?;
    Ok(Checked {
        text: req.input,
        opts,
        output,
    })
}

/// Answers a speech request on `stream`.
pub fn handle(stream: &mut TcpStream, engine: &Engine, body: &[u8]) -> std::io::Result<()> {
    let req = match check(body, engine.voice()) {
        Ok(r) => r,
        Err((code, msg, param)) => return respond_error(stream, code, &msg, param),
    };
    let mut lease = match engine.acquire() {
        Ok(l) => l,
        Err(Refusal::Busy) => {
            return respond_error(
                stream,
                429,
                "every synthesis slot is busy and the queue is full; retry later",
                None,
            )
        }
        Err(Refusal::ShuttingDown) => {
            return respond_error(stream, 503, "the server is shutting down", None)
        }
    };
    let rate = engine.voice().sample_rate();
    let mut body: Option<Body> = None;
    let result = lease.speak(&req.text, &req.opts, &mut |chunk| match &mut body {
        Some(b) => b.write(chunk),
        None => body
            .insert(Body::open(stream, req.output, rate)?)
            .write(chunk),
    });
    match (result, body) {
        (Ok(spoken), Some(b)) => b.finish(stream, spoken),
        (Ok(spoken), None) => Body::open(stream, req.output, rate)?.finish(stream, spoken),
        (Err(SpeakError::Input(e)), None) => {
            respond_error(stream, 400, &e.to_string(), Some("input"))
        }
        (Err(SpeakError::Engine(e)), None) => respond_error(
            stream,
            500,
            &format!("synthesis failed: {:#}", anyhow::Error::from(e)),
            None,
        ),
        (Err(SpeakError::Input(e) | SpeakError::Engine(e)), Some(b)) => {
            let msg = format!("synthesis failed: {:#}", anyhow::Error::from(e));
            eprintln!("sotto serve: {msg} (mid-stream)");
            b.fail(stream, &msg)
        }
        (Err(SpeakError::Stopped), _) => Ok(()),
    }
}

/// A response body once its head is sent.
enum Body {
    Audio(AudioSink),
    Events(Events<Chunked>),
}

impl Body {
    /// Sends the head of a chunked `output` response and opens its body.
    fn open(stream: &mut TcpStream, output: Output, rate: u32) -> std::io::Result<Self> {
        let content_type = match output {
            Output::Audio(Format::Wav) => "audio/wav",
            Output::Audio(Format::Raw) => "audio/pcm",
            Output::Events => "text/event-stream",
        };
        start_chunked(stream, content_type, &[("X-Sample-Rate", rate.to_string())])?;
        let chunked = Chunked::new(stream.try_clone()?);
        Ok(match output {
            Output::Audio(format) => {
                Body::Audio(AudioSink::to_writer(Box::new(chunked), format, rate).map_err(io)?)
            }
            Output::Events => Body::Events(Events::new(chunked, rate)),
        })
    }

    /// Sends one engine chunk at once.
    fn write(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        match self {
            Body::Audio(_) if chunk.samples.is_empty() => Ok(()),
            Body::Audio(sink) => {
                sink.write(&chunk.samples).map_err(io)?;
                sink.flush().map_err(io)
            }
            Body::Events(events) => events.chunk(chunk),
        }
    }

    /// Ends a complete response.
    fn finish(self, stream: &TcpStream, spoken: Spoken) -> std::io::Result<()> {
        match self {
            Body::Audio(sink) => sink.finish().map_err(io)?,
            Body::Events(mut events) => events.done(spoken)?,
        }
        Chunked::new(stream.try_clone()?).finish()
    }

    /// Ends a response whose synthesis failed: an event stream says so in an `error` event
    /// and ends cleanly; an audio body is cut off without its last chunk, so the client sees
    /// an incomplete transfer rather than a short file.
    fn fail(self, stream: &TcpStream, message: &str) -> std::io::Result<()> {
        match self {
            Body::Audio(_) => Ok(()),
            Body::Events(mut events) => {
                events.error(message)?;
                Chunked::new(stream.try_clone()?).finish()
            }
        }
    }
}

fn io(e: sotto::Error) -> std::io::Error {
    match e {
        sotto::Error::Write(e) => e,
        e => std::io::Error::other(e.to_string()),
    }
}
