//! `POST /v1/audio/speech`: OpenAI's request fields, streamed WAV/PCM or an event stream.

use std::net::TcpStream;

use serde::Deserialize;
use sotto::audio::{to_i16, wav_header, AudioSink, Format, UNKNOWN_LENGTH};
use sotto::{Chunk, SpeakOptions, Spoken, Voice};

use super::engine::{Engine, Refusal, SpeakError};
use super::http::{client_gone, respond_busy, respond_error, respond_with, start_chunked, Chunked};
use super::routes::MODELS;
use super::sse::Events;

/// Longest input accepted, in characters (OpenAI's limit).
pub const MAX_INPUT_CHARS: usize = 4096;
/// The output formats served.
pub const SUPPORTED_FORMATS: &str = "wav, pcm";
/// Accepted range of `speed` (OpenAI's).
pub const SPEED_RANGE: (f64, f64) = (0.25, 4.0);

/// OpenAI's voice names, accepted as aliases of the served voice (so clients that hard-code
/// one work unchanged).
pub const OPENAI_VOICES: &[&str] = &[
    "alloy", "ash", "ballad", "cedar", "coral", "echo", "fable", "marin", "nova", "onyx", "sage",
    "shimmer", "verse",
];

/// The JSON body of a speech request. Other fields (`instructions`, …) are accepted and
/// ignored.
#[derive(Debug, Deserialize)]
pub struct SpeechRequest {
    /// The text to speak (read as SSML when it starts with `<speak>`, as `sotto say` does).
    pub input: String,
    /// One of [`MODELS`]; any when absent.
    #[serde(default)]
    pub model: Option<serde_json::Value>,
    /// The served voice's name or one of [`OPENAI_VOICES`]; the served voice when absent.
    #[serde(default)]
    pub voice: Option<serde_json::Value>,
    /// `wav` (default) or `pcm` (16-bit little-endian mono at the voice's rate).
    #[serde(default)]
    pub response_format: Option<String>,
    /// Speaking rate, within [`SPEED_RANGE`].
    #[serde(default)]
    pub speed: Option<f64>,
    /// `audio` or `sse`: an event stream of base64 audio deltas and the sentence, word and
    /// phoneme marks (see `sse.rs`). Absent, `pcm` streams and `wav` comes whole with its true
    /// sizes; `audio` streams `wav` too (its header then declares an unknown length).
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
    /// A whole WAV file with its true sizes, sent once it is made (`wav` without
    /// `stream_format`: what a client saving the file gets).
    WholeWav,
    /// Chunked as it is made (`pcm`, or `wav` with `"stream_format": "audio"`, whose header
    /// then declares an unknown length, as streaming encoders do).
    Streamed(Format),
    /// An event stream of audio deltas and marks.
    Events,
}

/// A checked request, or the status, message and field of its refusal.
struct Checked {
    text: String,
    opts: SpeakOptions,
    output: Output,
}

fn check(body: &[u8], voice: &Voice) -> Result<Checked, Refused> {
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
    let output = match req.stream_format.as_deref() {
        None if format == Format::Wav => Output::WholeWav,
        None | Some("audio") => Output::Streamed(format),
        Some("sse") => Output::Events,
        Some(other) => {
            return Err((
                400,
                format!("stream_format {other:?} is not supported; supported: audio, sse"),
                Some("stream_format"),
            ))
        }
    };
    check_model(req.model.as_ref())?;
    check_voice(req.voice.as_ref(), voice)?;
    let speed = req.speed.unwrap_or(1.0);
    let (lo, hi) = SPEED_RANGE;
    if !(lo..=hi).contains(&speed) {
        return Err((
            400,
            format!("speed must be a number from {lo} to {hi}, got {speed}"),
            Some("speed"),
        ));
    }
    let opts = SpeakOptions {
        steps: req.steps.map(|s| s as usize),
        temperature: req.temperature.map(|t| t as f32),
        speed: speed as f32,
        seed: req.seed.unwrap_or(0),
    };
    voice.check(&opts).map_err(|e| {
        let param = match &e {
            sotto::Error::Input { subject, .. } => ["speed", "steps", "temperature"]
                .into_iter()
                .find(|p| p == subject),
            _ => None,
        };
        (400, e.to_string(), param)
    })?;
    Ok(Checked {
        text: req.input,
        opts,
        output,
    })
}

type Refused = (u16, String, Option<&'static str>);

/// A `model` that is absent or one of [`MODELS`].
fn check_model(model: Option<&serde_json::Value>) -> Result<(), Refused> {
    match model {
        None => Ok(()),
        Some(serde_json::Value::String(m)) if MODELS.contains(&m.as_str()) => Ok(()),
        Some(other) => Err((
            400,
            format!(
                "model {other} is not served; the models are {}",
                MODELS.join(", ")
            ),
            Some("model"),
        )),
    }
}

/// A `voice` that is absent, the served voice's name or one of [`OPENAI_VOICES`].
fn check_voice(asked: Option<&serde_json::Value>, voice: &Voice) -> Result<(), Refused> {
    match asked {
        None => Ok(()),
        Some(serde_json::Value::String(v))
            if v == voice.name() || OPENAI_VOICES.contains(&v.as_str()) =>
        {
            Ok(())
        }
        Some(other) => Err((
            400,
            format!(
                "voice {other} is not served; the voice is {:?} (OpenAI's names {} are aliases of it)",
                voice.name(),
                OPENAI_VOICES.join(", ")
            ),
            Some("voice"),
        )),
    }
}

/// Answers a speech request on `stream`.
pub fn handle(stream: &mut TcpStream, engine: &Engine, body: &[u8]) -> std::io::Result<()> {
    let req = match check(body, engine.voice()) {
        Ok(r) => r,
        Err((code, msg, param)) => return respond_error(stream, code, &msg, param),
    };
    let lease = engine.acquire_for(&|| client_gone(stream));
    let mut lease = match lease {
        Ok(l) => l,
        Err(Refusal::Busy) => {
            return respond_busy(
                stream,
                429,
                "every synthesis slot is busy and the queue is full; retry later",
            )
        }
        Err(Refusal::ShuttingDown) => {
            return respond_busy(stream, 503, "the server is shutting down")
        }
        Err(Refusal::Gone) => return Ok(()),
    };
    let rate = engine.voice().sample_rate();
    let mut body: Option<Body> = None;
    let result = lease.speak(&req.text, &req.opts, &mut |chunk| match &mut body {
        Some(b) => b.write(chunk),
        None => body
            .insert(Body::open(stream, req.output, rate)?)
            .write(chunk),
    });
    let body = match (&result, body) {
        (Err(_), Some(Body::Whole(_))) => None,
        (_, b) => b,
    };
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
        (Err(SpeakError::Cancelled), None) => {
            respond_busy(stream, 503, "the server is shutting down")
        }
        (Err(SpeakError::Cancelled), Some(b)) => {
            b.fail(stream, "the server is shutting down: synthesis cancelled")
        }
        (Err(SpeakError::Stopped), _) => Ok(()),
    }
}

/// A response body: streamed ones once their head is sent, a whole WAV as it is gathered.
enum Body {
    Whole(WholeWav),
    Audio(AudioSink),
    Events(Events<Chunked>),
}

/// The samples of a whole WAV response, as 16-bit PCM, and their rate.
struct WholeWav {
    pcm: Vec<u8>,
    rate: u32,
}

impl Body {
    /// Sends the head of a chunked `output` response and opens its body (a whole WAV sends
    /// nothing until it is finished).
    fn open(stream: &mut TcpStream, output: Output, rate: u32) -> std::io::Result<Self> {
        let content_type = match output {
            Output::WholeWav => {
                return Ok(Body::Whole(WholeWav {
                    pcm: Vec::new(),
                    rate,
                }))
            }
            Output::Streamed(Format::Wav) => "audio/wav",
            Output::Streamed(Format::Raw) => "audio/pcm",
            Output::Events => "text/event-stream",
        };
        start_chunked(stream, content_type, &[("X-Sample-Rate", rate.to_string())])?;
        let chunked = Chunked::new(stream.try_clone()?);
        Ok(match output {
            Output::Streamed(format) => {
                Body::Audio(AudioSink::to_writer(Box::new(chunked), format, rate).map_err(io)?)
            }
            _ => Body::Events(Events::new(chunked, rate)),
        })
    }

    /// Sends one engine chunk at once (a whole WAV keeps it).
    fn write(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        match self {
            Body::Whole(w) => {
                for &s in &chunk.samples {
                    w.pcm.extend_from_slice(&to_i16(s).to_le_bytes());
                }
                Ok(())
            }
            Body::Audio(_) if chunk.samples.is_empty() => Ok(()),
            Body::Audio(sink) => {
                sink.write(&chunk.samples).map_err(io)?;
                sink.flush().map_err(io)
            }
            Body::Events(events) => events.chunk(chunk),
        }
    }

    /// Ends a complete response.
    fn finish(self, stream: &mut TcpStream, spoken: Spoken) -> std::io::Result<()> {
        match self {
            Body::Whole(w) => {
                let size = u32::try_from(w.pcm.len()).unwrap_or(UNKNOWN_LENGTH);
                let mut file = wav_header(w.rate, size);
                file.extend_from_slice(&w.pcm);
                let rate = [("X-Sample-Rate", w.rate.to_string())];
                return respond_with(stream, 200, "audio/wav", &file, &rate);
            }
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
            Body::Whole(_) | Body::Audio(_) => Ok(()),
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
