//! The HTTP endpoints: the page, health, model and voice lists, speech.

use std::net::TcpStream;
use std::time::Duration;

use super::engine::Engine;
use super::http::{linger_close, read_request, respond, respond_error, ReadError};
use super::speech;

/// The page at `/`, embedded in the binary.
const PAGE: &str = include_str!("page.html");
/// Model names accepted and listed: Sotto's own and OpenAI's TTS names, so clients that
/// hard-code those work unchanged.
pub const MODELS: &[&str] = &["sotto", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"];

/// Reads one request from `stream` and answers it.
pub fn serve_connection(mut stream: TcpStream, engine: &Engine, deadline: Duration) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(super::http::WRITE_TIMEOUT));
    let req = match read_request(&mut stream, deadline) {
        Ok(r) => r,
        Err(ReadError::Gone) => return,
        Err(ReadError::Status(code, msg)) => {
            let _ = respond_error(&mut stream, code, &msg, None);
            linger_close(&mut stream);
            return;
        }
    };
    let _ = route(&mut stream, engine, &req.method, &req.path, &req.body);
}

fn route(
    stream: &mut TcpStream,
    engine: &Engine,
    method: &str,
    path: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let voice = engine.voice();
    let get = method == "GET";
    match (path, get, method) {
        ("/", true, _) | ("/index.html", true, _) => {
            respond(stream, 200, "text/html; charset=utf-8", PAGE.as_bytes())
        }
        ("/healthz", true, _) => {
            let (code, status) = if engine.is_shutting_down() {
                (503, "shutting down")
            } else {
                (200, "ok")
            };
            let body = serde_json::json!({"status": status, "voice": voice.name()});
            respond(
                stream,
                code,
                "application/json",
                body.to_string().as_bytes(),
            )
        }
        ("/v1/models", true, _) => {
            let data: Vec<_> = MODELS
                .iter()
                .map(|m| serde_json::json!({"id": m, "object": "model", "created": 0, "owned_by": "sotto"}))
                .collect();
            let body = serde_json::json!({"object": "list", "data": data});
            respond(stream, 200, "application/json", body.to_string().as_bytes())
        }
        ("/v1/voices", true, _) => {
            let body = serde_json::json!({"voices": [{
                "id": voice.name(), "name": voice.name(), "language": voice.language(),
                "sample_rate": voice.sample_rate(), "aliases": speech::OPENAI_VOICES,
            }]});
            respond(stream, 200, "application/json", body.to_string().as_bytes())
        }
        ("/v1/audio/speech", _, "POST") => speech::handle(stream, engine, body),
        (
            "/" | "/index.html" | "/healthz" | "/v1/models" | "/v1/voices" | "/v1/audio/speech",
            _,
            m,
        ) => respond_error(stream, 405, &format!("method {m} not allowed here"), None),
        (p, _, _) => respond_error(stream, 404, &format!("no such endpoint: {p}"), None),
    }
}
