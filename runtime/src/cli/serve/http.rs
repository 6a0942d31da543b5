//! HTTP/1.1 on `httparse`: one request per connection, a bounded head and body read under
//! one deadline (so a slow-dripping client is cut off), JSON errors, chunked streaming bodies.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Largest request head (request line and headers).
pub const MAX_HEAD_BYTES: usize = 8 * 1024;
/// Most headers in a request.
pub const MAX_HEADERS: usize = 32;
/// Largest request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Default time a client has to send its whole request, from the moment it connected.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// The wait a refused client is told to leave before it retries (`Retry-After`).
pub const RETRY_AFTER: Duration = Duration::from_secs(1);
/// Time one write to a client may block before the client counts as gone.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// A parsed request.
#[derive(Debug)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path without its query.
    pub path: String,
    /// The request body.
    pub body: Vec<u8>,
}

/// Why no request could be read.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection or vanished; nothing to answer.
    Gone,
    /// Answer with this status and message.
    Status(u16, String),
}

fn status(code: u16, msg: impl Into<String>) -> ReadError {
    ReadError::Status(code, msg.into())
}

/// Reads one request within `deadline`, refusing heads over [`MAX_HEAD_BYTES`] and bodies
/// over [`MAX_BODY_BYTES`] before reading them.
pub fn read_request(stream: &mut TcpStream, deadline: Duration) -> Result<Request, ReadError> {
    let start = Instant::now();
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let (head_len, method, path, content_length) = loop {
        read_some(stream, start, deadline, &mut chunk, &mut buf)?;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf) {
            Ok(httparse::Status::Complete(n)) => {
                let mut length = None;
                for h in req.headers.iter() {
                    if h.name.eq_ignore_ascii_case("content-length") {
                        if length.is_some() {
                            return Err(status(400, "more than one Content-Length"));
                        }
                        let v = std::str::from_utf8(h.value)
                            .ok()
                            .and_then(|v| v.trim().parse::<u64>().ok())
                            .ok_or_else(|| status(400, "invalid Content-Length"))?;
                        length = Some(v);
                    } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
                        return Err(status(411, "send the body with a Content-Length"));
                    }
                }
                let path = req.path.unwrap_or("/");
                let path = path.split('?').next().unwrap_or("/").to_string();
                break (
                    n,
                    req.method.unwrap_or("").to_string(),
                    path,
                    length.unwrap_or(0),
                );
            }
            Ok(httparse::Status::Partial) if buf.len() >= MAX_HEAD_BYTES => {
                return Err(status(431, "request head too large"))
            }
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => return Err(status(431, "too many headers")),
            Err(e) => return Err(status(400, format!("malformed request: {e}"))),
        }
    };
    if content_length > MAX_BODY_BYTES as u64 {
        return Err(status(
            413,
            format!("request body over {MAX_BODY_BYTES} bytes"),
        ));
    }
    let want = content_length as usize;
    let mut body = buf.split_off(head_len);
    while body.len() < want {
        read_some(stream, start, deadline, &mut chunk, &mut body)?;
    }
    body.truncate(want);
    Ok(Request { method, path, body })
}

fn read_some(
    stream: &mut TcpStream,
    start: Instant,
    deadline: Duration,
    chunk: &mut [u8],
    into: &mut Vec<u8>,
) -> Result<(), ReadError> {
    let left = deadline.saturating_sub(start.elapsed());
    if left.is_zero() {
        return Err(status(408, "request not received in time"));
    }
    stream
        .set_read_timeout(Some(left))
        .map_err(|_| ReadError::Gone)?;
    match stream.read(chunk) {
        Ok(0) => Err(ReadError::Gone),
        Ok(n) => {
            into.extend_from_slice(&chunk[..n]);
            Ok(())
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            Err(status(408, "request not received in time"))
        }
        Err(_) => Err(ReadError::Gone),
    }
}

/// Most bytes discarded from a refused client before closing.
const MAX_DRAIN_BYTES: usize = 4 << 20;
/// Longest wait for a refused client to stop sending.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);

/// Closes a connection whose input was refused unread: stops writing, then discards what the
/// client still sends (bounded in bytes and time), so it reads the answer instead of a reset.
pub fn linger_close(stream: &mut TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let start = Instant::now();
    let mut drained = 0;
    let mut buf = [0u8; 8192];
    while drained < MAX_DRAIN_BYTES {
        let left = DRAIN_TIMEOUT.saturating_sub(start.elapsed());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// The reason phrase of the statuses this server sends.
pub fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Writes a whole response and closes the exchange.
pub fn respond(
    stream: &mut TcpStream,
    code: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    respond_with(stream, code, content_type, body, &[])
}

/// [`respond`] with `extra` headers.
pub fn respond_with(
    stream: &mut TcpStream,
    code: u16,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, String)],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        reason(code),
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    stream.write_all(&out)?;
    stream.flush()
}

/// Writes an error in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}`.
pub fn respond_error(
    stream: &mut TcpStream,
    code: u16,
    message: &str,
    param: Option<&str>,
) -> std::io::Result<()> {
    respond_error_with(stream, code, message, param, &[])
}

/// [`respond_error`] for a refusal that passes (429 busy, 503 out of connections or
/// shutting down): it carries `Retry-After`, so clients that retry (OpenAI's SDKs do) wait
/// [`RETRY_AFTER`] and try again.
pub fn respond_busy(stream: &mut TcpStream, code: u16, message: &str) -> std::io::Result<()> {
    let after = RETRY_AFTER.as_secs().to_string();
    respond_error_with(stream, code, message, None, &[("Retry-After", after)])
}

fn respond_error_with(
    stream: &mut TcpStream,
    code: u16,
    message: &str,
    param: Option<&str>,
    extra: &[(&str, String)],
) -> std::io::Result<()> {
    let kind = match code {
        400..=499 => "invalid_request_error",
        _ => "server_error",
    };
    let body = serde_json::json!({
        "error": {"message": message, "type": kind, "param": param, "code": code}
    });
    respond_with(
        stream,
        code,
        "application/json",
        body.to_string().as_bytes(),
        extra,
    )
}

/// Whether the client of `stream` closed or reset the connection. Once its request is read a
/// client sends nothing more, so an end of stream or an error means it is gone (a client that
/// half-closes after its request counts as gone too).
pub fn client_gone(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let mut byte = [0u8; 1];
    let gone = match stream.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    let _ = stream.set_nonblocking(false);
    gone
}

/// Writes the head of a chunked response; the body follows through a [`Chunked`].
pub fn start_chunked(
    stream: &mut TcpStream,
    content_type: &str,
    extra: &[(&str, String)],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())
}

/// A chunked-transfer body: each `write` is sent as one chunk at once.
pub struct Chunked {
    stream: TcpStream,
    frame: Vec<u8>,
}

impl Chunked {
    /// Sends the body over `stream` (a handle of the connection).
    pub fn new(stream: TcpStream) -> Self {
        Self {
            stream,
            frame: Vec::new(),
        }
    }

    /// Sends the last (empty) chunk.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.stream.write_all(b"0\r\n\r\n")?;
        self.stream.flush()
    }
}

impl Write for Chunked {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        self.frame.clear();
        self.frame
            .extend_from_slice(format!("{:x}\r\n", data.len()).as_bytes());
        self.frame.extend_from_slice(data);
        self.frame.extend_from_slice(b"\r\n");
        self.stream.write_all(&self.frame)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}
