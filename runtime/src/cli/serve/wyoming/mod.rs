//! The Wyoming protocol (Home Assistant's): a JSON header line per event, then
//! `data_length` bytes of JSON merged into its data and `payload_length` bytes of payload.
//! Serves `describe`, `synthesize` and the streaming `synthesize-start/-chunk/-stop`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod blocks;

use serde_json::{json, Map, Value};
use sotto::{Chunk, SpeakOptions};

use super::engine::{Engine, Refusal, SpeakError};
use blocks::Blocks;

/// Protocol version written in each event header.
pub const PROTOCOL_VERSION: &str = "1.9.0";
/// Longest header line accepted.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Largest `data_length` accepted.
pub const MAX_DATA_BYTES: usize = 64 * 1024;
/// Largest `payload_length` accepted (payloads are read and dropped: a TTS takes none).
pub const MAX_PAYLOAD_BYTES: usize = 1 << 20;
/// Time a connection may stay silent (between events or inside one) before it is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Text chunks of a stream buffered ahead of the synthesis before reading pauses.
const STREAM_BACKLOG: usize = 64;
/// Most characters of one `synthesize` text (a streamed text has no limit: it is spoken
/// as it arrives, with bounded buffering).
pub const MAX_TEXT_CHARS: usize = 16 * 1024;

/// The `error` event's text when shutdown cancels a synthesis midway.
const CANCELLED: &str = "the server is shutting down: synthesis cancelled";

/// One event read from a client.
#[derive(Debug)]
struct Event {
    kind: String,
    data: Map<String, Value>,
}

/// Why no event was read; the connection is closed after either.
#[derive(Debug)]
enum FrameError {
    /// End of stream or a socket error.
    Gone,
    /// A frame that breaks the protocol; told to the client in an `error` event.
    Malformed(String),
}

fn read_event(reader: &mut impl BufRead) -> Result<Event, FrameError> {
    let mut line = Vec::new();
    Read::take(&mut *reader, MAX_HEADER_BYTES as u64 + 1)
        .read_until(b'\n', &mut line)
        .map_err(|_| FrameError::Gone)?;
    if line.is_empty() {
        return Err(FrameError::Gone);
    }
    if line.last() != Some(&b'\n') {
        return Err(if line.len() > MAX_HEADER_BYTES {
            FrameError::Malformed(format!("header line over {MAX_HEADER_BYTES} bytes"))
        } else {
            FrameError::Gone
        });
    }
    let header: Value = serde_json::from_slice(&line)
        .map_err(|e| FrameError::Malformed(format!("header is not JSON: {e}")))?;
    let Value::Object(mut header) = header else {
        return Err(FrameError::Malformed("header is not a JSON object".into()));
    };
    let kind = match header.remove("type") {
        Some(Value::String(t)) => t,
        _ => {
            return Err(FrameError::Malformed(
                "header has no string \"type\"".into(),
            ))
        }
    };
    let mut data = match header.remove("data") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(d)) => d,
        Some(_) => return Err(FrameError::Malformed("\"data\" is not an object".into())),
    };
    let data_len = length(&header, "data_length", MAX_DATA_BYTES)?;
    let payload_len = length(&header, "payload_length", MAX_PAYLOAD_BYTES)?;
    if data_len > 0 {
        let mut bytes = vec![0u8; data_len];
        reader
            .read_exact(&mut bytes)
            .map_err(|_| FrameError::Gone)?;
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(extra)) => data.extend(extra),
            _ => return Err(FrameError::Malformed("data is not a JSON object".into())),
        }
    }
    if payload_len > 0 {
        let copied = std::io::copy(
            &mut Read::take(&mut *reader, payload_len as u64),
            &mut std::io::sink(),
        )
        .map_err(|_| FrameError::Gone)?;
        if copied < payload_len as u64 {
            return Err(FrameError::Gone);
        }
    }
    Ok(Event { kind, data })
}

fn length(header: &Map<String, Value>, key: &str, max: usize) -> Result<usize, FrameError> {
    match header.get(key) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => match v.as_u64() {
            Some(n) if n <= max as u64 => Ok(n as usize),
            Some(n) => Err(FrameError::Malformed(format!("{key} {n} is over {max}"))),
            None => Err(FrameError::Malformed(format!("{key} is not a length"))),
        },
    }
}

/// The writing half of a connection, shared by the reader and a streaming synthesis.
#[derive(Clone)]
struct Writer(Arc<Mutex<TcpStream>>);

impl Writer {
    fn send(&self, kind: &str, data: Value, payload: &[u8]) -> std::io::Result<()> {
        let mut header = json!({"type": kind, "version": PROTOCOL_VERSION});
        let data = match data {
            Value::Object(m) if !m.is_empty() => Some(Value::Object(m).to_string()),
            _ => None,
        };
        if let Some(d) = &data {
            header["data_length"] = json!(d.len());
        }
        if !payload.is_empty() {
            header["payload_length"] = json!(payload.len());
        }
        let mut frame = header.to_string().into_bytes();
        frame.push(b'\n');
        if let Some(d) = &data {
            frame.extend_from_slice(d.as_bytes());
        }
        frame.extend_from_slice(payload);
        let mut stream = self.0.lock().unwrap_or_else(|e| e.into_inner());
        stream.write_all(&frame)?;
        stream.flush()
    }

    fn error(&self, text: &str, code: &str) -> std::io::Result<()> {
        self.send("error", json!({"text": text, "code": code}), &[])
    }
}

/// A `Read` over the text chunks of a stream; ends when the sender is dropped.
struct ChunkReader {
    rx: Receiver<String>,
    pending: Vec<u8>,
    at: usize,
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.pending.len() {
            match self.rx.recv() {
                Ok(s) => {
                    self.pending = s.into_bytes();
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.pending.len() - self.at);
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The `info` event describing the served voice: the program credited as Sotto (which has
/// no public home page), the voice as its pack's manifest credits it (by name alone when the
/// manifest does not say).
fn info(engine: &Engine) -> Value {
    let v = engine.voice();
    let program = json!({"name": "Sotto", "url": ""});
    let voice = match v.attribution() {
        Some(a) => json!({"name": format!("{} ({})", a.name, a.license), "url": a.url}),
        None => json!({"name": v.name(), "url": ""}),
    };
    json!({
        "asr": [], "handle": [], "intent": [], "wake": [], "mic": [], "snd": [],
        "tts": [{
            "name": "sotto",
            "attribution": program,
            "installed": true,
            "description": "Sotto on-device English text-to-speech",
            "version": env!("CARGO_PKG_VERSION"),
            "supports_synthesize_streaming": true,
            "voices": [{
                "name": v.name(),
                "attribution": voice,
                "installed": true,
                "description": format!("{} ({} Hz)", v.name(), v.sample_rate()),
                "version": env!("CARGO_PKG_VERSION"),
                "languages": [v.language().replace('-', "_")],
                "speakers": null,
            }],
        }],
    })
}

/// The text of one synthesis: a whole `synthesize` text, or the chunks of a stream.
enum Text {
    Whole(String),
    Streamed(ChunkReader),
}

/// Speaks `text` as audio events (see [`Blocks`]); a streamed text that holds nothing to
/// speak sends none.
fn speak(engine: &Engine, w: &Writer, text: Text, per_sentence: bool) -> std::io::Result<()> {
    let mut lease = match engine.acquire() {
        Ok(l) => l,
        Err(Refusal::Busy) => return w.error("every synthesis slot is busy; retry later", "busy"),
        Err(Refusal::ShuttingDown) => {
            return w.error("the server is shutting down", "shutting-down")
        }
        Err(Refusal::Gone) => return Ok(()),
    };
    let mut blocks = Blocks::new(w, engine.voice().sample_rate(), per_sentence);
    let opts = SpeakOptions::default();
    let mut out = |chunk: &Chunk| blocks.chunk(chunk);
    let result = match text {
        Text::Whole(t) => lease.speak(&t, &opts, &mut out),
        Text::Streamed(r) => lease.speak_from(r, &opts, &mut out),
    };
    match result {
        Ok(_) => blocks.stop(),
        Err(e) if per_sentence && e.is_nothing_to_speak(lease.spoken()) => Ok(()),
        Err(SpeakError::Input(e)) => w.error(&e.to_string(), "bad-text"),
        Err(SpeakError::Engine(e)) => w.error(
            &format!("synthesis failed: {:#}", anyhow::Error::from(e)),
            "synthesis-failed",
        ),
        Err(SpeakError::Cancelled) => w.error(CANCELLED, "shutting-down"),
        Err(SpeakError::Stopped) => Err(std::io::ErrorKind::BrokenPipe.into()),
    }
}

struct Stream {
    tx: SyncSender<String>,
    worker: std::thread::JoinHandle<()>,
}

/// Serves one Wyoming connection until the client closes it or breaks the protocol.
pub fn serve_connection(stream: TcpStream, engine: Arc<Engine>) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(super::http::WRITE_TIMEOUT));
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let w = Writer(Arc::new(Mutex::new(write_half)));
    let mut reader = BufReader::new(stream);
    let mut streaming: Option<Stream> = None;
    loop {
        let event = match read_event(&mut reader) {
            Ok(e) => e,
            Err(FrameError::Gone) => break,
            Err(FrameError::Malformed(msg)) => {
                let _ = w.error(&msg, "malformed-event");
                super::http::linger_close(reader.get_mut());
                break;
            }
        };
        let text = || match event.data.get("text") {
            Some(Value::String(t)) => Some(t.clone()),
            _ => None,
        };
        let sent = match event.kind.as_str() {
            "describe" => w.send("info", info(&engine), &[]),
            "synthesize" if streaming.is_some() => Ok(()),
            "synthesize" => match text() {
                Some(t) if t.chars().count() > MAX_TEXT_CHARS => w.error(
                    &format!("text is over {MAX_TEXT_CHARS} characters"),
                    "text-too-long",
                ),
                Some(t) => speak(&engine, &w, Text::Whole(t), false),
                None => w.error("synthesize needs a string \"text\"", "bad-event"),
            },
            "synthesize-start" => {
                if let Some(old) = streaming.take() {
                    drop(old.tx);
                    let _ = old.worker.join();
                }
                let (tx, rx) = sync_channel(STREAM_BACKLOG);
                let (engine, w2) = (Arc::clone(&engine), w.clone());
                let worker = std::thread::spawn(move || {
                    let reader = ChunkReader {
                        rx,
                        pending: Vec::new(),
                        at: 0,
                    };
                    if speak(&engine, &w2, Text::Streamed(reader), true).is_ok() {
                        let _ = w2.send("synthesize-stopped", json!({}), &[]);
                    }
                });
                streaming = Some(Stream { tx, worker });
                Ok(())
            }
            "synthesize-chunk" => match (&streaming, text()) {
                (Some(s), Some(t)) if t.len() <= MAX_DATA_BYTES => {
                    let _ = s.tx.send(t);
                    Ok(())
                }
                (Some(_), _) => w.error("synthesize-chunk needs a string \"text\"", "bad-event"),
                (None, _) => w.error(
                    "synthesize-chunk outside synthesize-start/-stop",
                    "bad-event",
                ),
            },
            "synthesize-stop" => match streaming.take() {
                Some(s) => {
                    drop(s.tx);
                    let _ = s.worker.join();
                    Ok(())
                }
                None => w.error("synthesize-stop without synthesize-start", "bad-event"),
            },
            "ping" => w.send("pong", json!({}), &[]),
            other => w.error(&format!("unknown event type {other:?}"), "unknown-event"),
        };
        if sent.is_err() {
            break;
        }
    }
    if let Some(s) = streaming.take() {
        drop(s.tx);
        let _ = s.worker.join();
    }
}
