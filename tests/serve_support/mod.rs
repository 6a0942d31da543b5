//! A `sotto serve` process on ephemeral loopback ports, and small raw HTTP and Wyoming
//! clients for the tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::Value;

/// Longest a test waits on one socket read.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(120);

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub http: SocketAddr,
    pub wyoming: SocketAddr,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    /// Starts `sotto serve` with `voice` and extra arguments; waits until it listens.
    pub fn start(voice: &Path, extra: &[&str]) -> Server {
        let mut cmd = super::common::sotto_command();
        cmd.arg("serve")
            .arg("--voice")
            .arg(voice)
            .args(["--http", "127.0.0.1:0", "--wyoming", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("sotto serve starts");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr"));
        let mut seen = String::new();
        let (http, wyoming) = loop {
            let mut line = String::new();
            if lines.read_line(&mut line).expect("stderr readable") == 0 {
                panic!("sotto serve exited before listening:\n{seen}");
            }
            seen.push_str(&line);
            if let (Some(h), Some(w)) = (line.find("http://"), line.find("tcp://")) {
                let h = line[h + 7..].split('/').next().unwrap().parse().unwrap();
                let w = line[w + 6..].trim().parse().unwrap();
                break (h, w);
            }
        };
        let log = std::sync::Arc::new(std::sync::Mutex::new(seen));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Server {
            child,
            http,
            wyoming,
            log,
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(self) -> std::process::ExitStatus {
        self.send_term();
        self.wait()
    }

    /// Sends SIGTERM without waiting.
    pub fn send_term(&self) {
        let pid = self.child.id().to_string();
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
    }

    /// Waits for the server to exit.
    pub fn wait(mut self) -> std::process::ExitStatus {
        let status = self.child.wait().expect("server exits");
        std::mem::forget(self);
        status
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response: status, lower-cased headers, de-chunked body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Connects with the test's timeouts.
pub fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connects");
    s.set_read_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    s.set_write_timeout(Some(CLIENT_TIMEOUT)).unwrap();
    s
}

/// Sends raw bytes and reads the whole response.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Response {
    let mut s = connect(addr);
    // A server may answer (and stop reading) before a refused request is fully sent.
    let _ = s.write_all(request);
    read_response(&mut s)
}

/// Reads a response until the server closes the connection.
pub fn read_response(s: &mut TcpStream) -> Response {
    let mut all = Vec::new();
    s.read_to_end(&mut all).expect("response read");
    parse_response(&all)
}

/// Parses a complete response (chunked or not).
pub fn parse_response(all: &[u8]) -> Response {
    let end = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(all)));
    let head = std::str::from_utf8(&all[..end]).expect("ascii head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').expect("header line");
            (k.trim().to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    let rest = &all[end + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v == "chunked");
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Response {
        status,
        headers,
        body,
    }
}

/// Decodes a chunked body; panics on a truncated one (no final chunk).
pub fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&data[..eol]).unwrap(), 16).unwrap();
        data = &data[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        assert_eq!(&data[size..size + 2], b"\r\n", "chunk terminator");
        data = &data[size + 2..];
    }
}

/// A request with a body.
pub fn post(addr: SocketAddr, path: &str, body: &str) -> Response {
    raw(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

/// A GET request.
pub fn get(addr: SocketAddr, path: &str) -> Response {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n").as_bytes(),
    )
}

/// One Wyoming event as read by the test.
#[derive(Debug)]
pub struct Event {
    pub kind: String,
    pub data: Value,
    pub payload: Vec<u8>,
}

/// Writes a Wyoming event (data inline in the header, as older clients do, or after it).
pub fn send_event(s: &mut TcpStream, kind: &str, data: Value) {
    let data = data.to_string();
    let header = serde_json::json!({"type": kind, "data_length": data.len()});
    s.write_all(format!("{header}\n{data}").as_bytes())
        .expect("event sent");
}

/// Reads one Wyoming event; `None` when the server closed the connection.
pub fn read_event(r: &mut BufReader<TcpStream>) -> Option<Event> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let header: Value = serde_json::from_str(&line).expect("JSON header");
    let mut data = header.get("data").cloned().unwrap_or(serde_json::json!({}));
    if let Some(n) = header.get("data_length").and_then(Value::as_u64) {
        let mut b = vec![0u8; n as usize];
        r.read_exact(&mut b).expect("data bytes");
        let extra: Value = serde_json::from_slice(&b).expect("data JSON");
        for (k, v) in extra.as_object().unwrap() {
            data[k] = v.clone();
        }
    }
    let mut payload = Vec::new();
    if let Some(n) = header.get("payload_length").and_then(Value::as_u64) {
        payload = vec![0u8; n as usize];
        r.read_exact(&mut payload).expect("payload bytes");
    }
    Some(Event {
        kind: header["type"].as_str().unwrap().to_string(),
        data,
        payload,
    })
}

/// Data bytes of a WAV (the 44-byte header skipped after checking it).
pub fn wav_data(wav: &[u8]) -> &[u8] {
    assert!(wav.len() >= 44, "a WAV header");
    assert_eq!(&wav[..4], b"RIFF");
    assert_eq!(&wav[8..16], b"WAVEfmt ");
    assert_eq!(&wav[36..40], b"data");
    &wav[44..]
}

/// Asserts two PCM byte strings are equal, saying where they first differ.
#[track_caller]
pub fn assert_same_audio(got: &[u8], want: &[u8], what: &str) {
    if got != want {
        let at = got.iter().zip(want).position(|(a, b)| a != b);
        panic!(
            "{what}: {} bytes vs {} expected, first difference at byte {at:?}",
            got.len(),
            want.len()
        );
    }
}
