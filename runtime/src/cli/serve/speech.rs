//! `POST /v1/audio/speech`: OpenAI's request fields, streamed WAV/PCM or an event stream.

use std::io::Write;
use std::net::TcpStream;

use base64::Engine as _;
use serde::Deserialize;
use sotto::audio::sink::{to_i16, AudioSink, Format};

use super::engine::{Engine, Params, Piece, Refusal, SpeakError};
use super::http::{respond_error, start_chunked, Chunked};

/// Longest input accepted, in characters (OpenAI's limit).
pub const MAX_INPUT_CHARS: usize = 4096;
/// The output formats served.
pub const SUPPORTED_FORMATS: &str = "wav, pcm";

/// The JSON body of a speech request. Other fields (`model`, `voice`, `instructions`, …) are
/// accepted and ignored: the server speaks with its one voice.
#[derive(Debug, Deserialize)]
pub struct SpeechRequest {
    /// The text to speak.
    pub input: String,
    /// `wav` (default) or `pcm` (16-bit little-endian mono at the voice's rate).
    #[serde(default)]
    pub response_format: Option<String>,
    /// Speaking rate, 0.25 to 4.
    #[serde(default)]
    pub speed: Option<f64>,
    /// `audio` (default) or `sse`: an event stream of base64 audio deltas and sentence events.
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
    params: Params,
    output: Output,
}

fn check(body: &[u8]) -> Result<Checked, (u16, String, Option<&'static str>)> {
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
    let params = Params {
        speed: req.speed.unwrap_or(1.0) as f32,
        steps: req.steps,
        temperature: req.temperature.map(|t| t as f32),
        seed: req.seed.unwrap_or(0),
    };
    params
        .validate()
        .map_err(|(field, msg)| (400, msg, Some(field)))?;
    Ok(Checked {
        text: req.input,
        params,
        output,
    })
}

/// Answers a speech request on `stream`.
pub fn handle(stream: &mut TcpStream, engine: &Engine, body: &[u8]) -> std::io::Result<()> {
    let req = match check(body) {
        Ok(r) => r,
        Err((code, msg, param)) => return respond_error(stream, code, &msg, param),
    };
    let mut lease = match engine.acquire() {
        Ok(l) => l,
        Err(Refusal::Busy) => {
            return respond_error(
                stream,
                429,
                "every synthesizer is busy and the queue is full; retry later",
                None,
            )
        }
        Err(Refusal::ShuttingDown) => {
            return respond_error(stream, 503, "the server is shutting down", None)
        }
    };
    let rate = engine.info().sample_rate;
    let mut started = false;
    let result = match req.output {
        Output::Audio(format) => {
            let content_type = match format {
                Format::Wav => "audio/wav",
                Format::Raw => "audio/pcm",
            };
            let mut sink: Option<AudioSink> = None;
            let r = lease.speak(req.text.as_bytes(), &req.params, 0, &mut |piece| {
                let Piece::Audio(a) = piece else {
                    return Ok(());
                };
                if sink.is_none() {
                    start_chunked(stream, content_type, &[("X-Sample-Rate", rate.to_string())])?;
                    started = true;
                    let body = Chunked::new(stream.try_clone()?);
                    sink = Some(AudioSink::to_writer(Box::new(body), format, rate).map_err(io)?);
                }
                let s = sink.as_mut().expect("sink opened above");
                s.write(a).map_err(io)?;
                s.flush().map_err(io)
            });
            drop(sink);
            r
        }
        Output::Events => {
            let mut body: Option<Chunked> = None;
            let mut at = 0usize;
            let mut pcm = Vec::new();
            let r = lease.speak(req.text.as_bytes(), &req.params, 0, &mut |piece| {
                if body.is_none() {
                    start_chunked(
                        stream,
                        "text/event-stream",
                        &[("X-Sample-Rate", rate.to_string())],
                    )?;
                    started = true;
                    body = Some(Chunked::new(stream.try_clone()?));
                }
                let out = body.as_mut().expect("body opened above");
                let event = match piece {
                    Piece::Sentence { index, text } => serde_json::json!({
                        "type": "sotto.sentence", "index": index, "text": text,
                        "sample": at, "sample_rate": rate,
                    }),
                    Piece::SentenceEnd { index } => serde_json::json!({
                        "type": "sotto.sentence.done", "index": index, "sample": at,
                    }),
                    Piece::Audio(a) => {
                        pcm.clear();
                        for &s in a {
                            pcm.extend_from_slice(&to_i16(s).to_le_bytes());
                        }
                        at += a.len();
                        serde_json::json!({
                            "type": "speech.audio.delta",
                            "audio": base64::engine::general_purpose::STANDARD.encode(&pcm),
                        })
                    }
                };
                out.write_all(format!("data: {event}\n\n").as_bytes())
            });
            if let (Ok(spoken), Some(out)) = (&r, body.as_mut()) {
                let done = serde_json::json!({
                    "type": "speech.audio.done", "samples": spoken.samples, "sample_rate": rate,
                    "sentences": spoken.sentences,
                });
                out.write_all(format!("data: {done}\n\n").as_bytes())?;
            }
            r
        }
    };
    match result {
        Ok(_) => Chunked::new(stream.try_clone()?).finish(),
        Err(SpeakError::Input(msg)) if !started => respond_error(stream, 400, &msg, Some("input")),
        Err(SpeakError::Engine(e)) if !started => {
            respond_error(stream, 500, &format!("synthesis failed: {e:#}"), None)
        }
        Err(SpeakError::Engine(e)) => {
            eprintln!("sotto serve: synthesis failed mid-stream: {e:#}");
            Ok(())
        }
        Err(_) => Ok(()),
    }
}

fn io(e: sotto::Error) -> std::io::Error {
    match e {
        sotto::Error::Write(e) => e,
        e => std::io::Error::other(e.to_string()),
    }
}
