//! `sotto serve` over loopback: the OpenAI speech endpoint, the Wyoming protocol, hostile
//! input, back-pressure, disconnects and shutdown.

mod common;
mod serve_support;

use std::io::{BufReader, Read, Write};
use std::time::Duration;

use serde_json::{json, Value};
use serve_support::*;

const TEXT: &str = "The quick brown fox jumps. It lands softly!";

/// 16-bit PCM of `sotto say` for `text` with `voice` (seed 0, default settings).
fn say_pcm(voice: &std::path::Path, text: &str, extra: &[&str]) -> Vec<u8> {
    let out = std::env::temp_dir().join(format!(
        "sotto-serve-ref-{}-{}.wav",
        std::process::id(),
        text.len() + extra.len()
    ));
    let mut cmd = common::sotto_command();
    cmd.arg("say")
        .arg("--voice")
        .arg(voice)
        .args(["--precision", "fp32", "-o"])
        .arg(&out)
        .args(extra)
        .arg(text);
    let o = cmd.output().expect("sotto say runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let wav = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    wav_data(&wav).to_vec()
}

fn tiny() -> Server {
    Server::start(&common::tiny_voice(), &["--precision", "fp32"])
}

fn speech(server: &Server, body: Value) -> Response {
    post(server.http, "/v1/audio/speech", &body.to_string())
}

#[test]
fn speech_streams_chunked_wav_equal_to_say() {
    let voice = common::shipped_voice();
    let server = Server::start(&voice, &["--precision", "fp32"]);
    let r = speech(
        &server,
        json!({"model": "sotto", "input": TEXT, "voice": "joe", "stream_format": "audio"}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("transfer-encoding"), Some("chunked"));
    assert_eq!(r.header("content-type"), Some("audio/wav"));
    assert_same_audio(
        wav_data(&r.body),
        &say_pcm(&voice, TEXT, &[]),
        "HTTP vs say",
    );
}

#[test]
fn pcm_and_event_stream_carry_the_wav_samples() {
    let server = tiny();
    let body = json!({"input": TEXT, "speed": 1.25, "seed": 7});
    let wav = speech(&server, body.clone());
    assert_eq!(wav.status, 200);
    let mut pcm_req = body.clone();
    pcm_req["response_format"] = json!("pcm");
    let pcm = speech(&server, pcm_req);
    assert_eq!(pcm.header("content-type"), Some("audio/pcm"));
    assert_same_audio(&pcm.body, wav_data(&wav.body), "pcm vs wav");
    let mut sse_req = body;
    sse_req["stream_format"] = json!("sse");
    let sse = speech(&server, sse_req);
    assert_eq!(sse.status, 200);
    assert_eq!(sse.header("transfer-encoding"), Some("chunked"));
    assert_eq!(sse.header("content-type"), Some("text/event-stream"));
    let events = sse_events(&sse.body);
    let audio = check_event_stream(
        &events,
        &[
            "The", "quick", "brown", "fox", "jumps", "It", "lands", "softly",
        ],
    );
    assert_same_audio(&audio, wav_data(&wav.body), "sse vs wav");
}

/// Parses an event stream: every event one `data: {json}` line followed by a blank line.
fn sse_events(body: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(body).expect("UTF-8 events");
    assert!(text.ends_with("\n\n"), "events end with a blank line");
    text.split_terminator("\n\n")
        .map(|e| {
            let data = e.strip_prefix("data: ").unwrap_or_else(|| panic!("{e:?}"));
            assert!(!data.contains('\n'), "{e:?}");
            serde_json::from_str(data).unwrap()
        })
        .collect()
}

/// Checks the events of a speech of `words` and returns its audio (16-bit PCM): deltas
/// contiguous, each mark sent before the delta holding its first sample, sentence, word and
/// phoneme marks in order and within the audio, `speech.audio.done` last.
fn check_event_stream(events: &[Value], words: &[&str]) -> Vec<u8> {
    use base64::Engine as _;
    let mut audio = Vec::new();
    let mut pending: Vec<u64> = Vec::new();
    let mut marks: Vec<(String, String, u64, u64)> = Vec::new();
    for e in &events[..events.len() - 1] {
        match e["type"].as_str().unwrap() {
            "speech.audio.delta" => {
                let start = e["start"].as_u64().unwrap();
                assert_eq!(start, audio.len() as u64 / 2, "deltas are contiguous");
                audio.extend(
                    base64::engine::general_purpose::STANDARD
                        .decode(e["audio"].as_str().unwrap())
                        .unwrap(),
                );
                let end = audio.len() as u64 / 2;
                for m in pending.drain(..) {
                    assert!(
                        start <= m && m < end,
                        "mark at {m} sent for delta {start}..{end}"
                    );
                }
            }
            "speech.mark" => {
                let start = e["start"].as_u64().unwrap();
                let duration = e["duration"].as_u64().unwrap();
                let start_s = e["start_s"].as_f64().unwrap();
                assert!((start_s * 22050.0 - start as f64).abs() < 0.5, "{e}");
                pending.push(start);
                marks.push((
                    e["kind"].as_str().unwrap().to_string(),
                    e["text"].as_str().unwrap().to_string(),
                    start,
                    duration,
                ));
            }
            other => panic!("unexpected event {other}: {e}"),
        }
    }
    let done = events.last().unwrap();
    assert_eq!(done["type"], "speech.audio.done");
    let total = audio.len() as u64 / 2;
    assert_eq!(done["samples"], total);
    assert!(total > 0);
    let starts: Vec<u64> = marks.iter().map(|m| m.2).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "marks in order");
    let of = |kind: &str| -> Vec<&(String, String, u64, u64)> {
        marks.iter().filter(|m| m.0 == kind).collect()
    };
    let said: Vec<&str> = of("word").iter().map(|m| m.1.as_str()).collect();
    assert_eq!(said, words);
    for kind in ["sentence", "word", "phoneme"] {
        let ms = of(kind);
        assert!(!ms.is_empty(), "{kind} marks");
        for pair in ms.windows(2) {
            assert!(pair[0].2 + pair[0].3 <= pair[1].2, "{kind}: {pair:?}");
        }
        for m in &ms {
            assert!(
                m.3 > 0 && m.2 + m.3 <= total,
                "{kind} {m:?} within {total} samples"
            );
        }
    }
    assert_eq!(of("sentence")[0].2, 0);
    assert_eq!(
        of("sentence").last().unwrap().2 + of("sentence").last().unwrap().3,
        total
    );
    audio
}

#[test]
fn page_health_models_and_voices_answer() {
    let server = tiny();
    let page = get(server.http, "/");
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("/v1/audio/speech"));
    assert_eq!(get(server.http, "/healthz").json()["status"], "ok");
    let models = get(server.http, "/v1/models").json();
    assert!(models["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == "tts-1"));
    let voices = get(server.http, "/v1/voices").json();
    assert_eq!(voices["voices"][0]["id"], "joe");
    assert_eq!(get(server.http, "/nope").status, 404);
    assert_eq!(post(server.http, "/v1/models", "{}").status, 405);
}

#[test]
fn hostile_http_requests_get_clean_errors_and_the_server_keeps_serving() {
    let server = Server::start(
        &common::tiny_voice(),
        &["--precision", "fp32", "--request-timeout", "2"],
    );
    let speech_raw = |body: &[u8]| {
        let mut req = format!(
            "POST /v1/audio/speech HTTP/1.1\r\nHost: t\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        req.extend_from_slice(body);
        raw(server.http, &req)
    };
    let long_input = "a ".repeat(2100);
    let megabyte = json!({"input": "x".repeat(1 << 20)}).to_string();
    let cases: Vec<(&str, Response, u16, &str)> = vec![
        (
            "invalid JSON",
            speech_raw(b"{\"input\": "),
            400,
            "invalid JSON",
        ),
        (
            "binary body",
            speech_raw(&[0xff, 0x00, 0xfe, 0x80]),
            400,
            "invalid JSON",
        ),
        (
            "missing input",
            speech_raw(b"{\"model\": \"tts-1\"}"),
            400,
            "input",
        ),
        (
            "empty input",
            speech_raw(br#"{"input": "  "}"#),
            400,
            "empty",
        ),
        (
            "mp3",
            speech_raw(br#"{"input": "hi", "response_format": "mp3"}"#),
            400,
            "wav, pcm",
        ),
        (
            "opus",
            speech_raw(br#"{"input": "hi", "response_format": "opus"}"#),
            400,
            "wav, pcm",
        ),
        (
            "negative speed",
            speech_raw(br#"{"input": "hi", "speed": -1}"#),
            400,
            "speed",
        ),
        (
            "NaN speed",
            speech_raw(br#"{"input": "hi", "speed": NaN}"#),
            400,
            "invalid JSON",
        ),
        (
            "string speed",
            speech_raw(br#"{"input": "hi", "speed": "NaN"}"#),
            400,
            "invalid JSON",
        ),
        (
            "huge speed",
            speech_raw(br#"{"input": "hi", "speed": 1e300}"#),
            400,
            "speed",
        ),
        (
            "zero steps",
            speech_raw(br#"{"input": "hi", "steps": 0}"#),
            400,
            "steps",
        ),
        (
            "hot temperature",
            speech_raw(br#"{"input": "hi", "temperature": 9}"#),
            400,
            "temperature",
        ),
        (
            "nothing to speak",
            speech_raw(br#"{"input": "... !!!"}"#),
            400,
            "nothing to speak",
        ),
        (
            "4200 characters",
            speech_raw(json!({"input": long_input}).to_string().as_bytes()),
            413,
            "4096",
        ),
        ("1 MB input", speech_raw(megabyte.as_bytes()), 413, "bytes"),
        (
            "huge Content-Length",
            raw(
                server.http,
                b"POST /v1/audio/speech HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
            ),
            413,
            "bytes",
        ),
        (
            "bad Content-Length",
            raw(
                server.http,
                b"POST /v1/audio/speech HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
            ),
            400,
            "Content-Length",
        ),
        (
            "chunked request body",
            raw(
                server.http,
                b"POST /v1/audio/speech HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            ),
            411,
            "Content-Length",
        ),
        (
            "huge head",
            raw(
                server.http,
                format!("GET / HTTP/1.1\r\nX-Pad: {}\r\n\r\n", "p".repeat(20_000)).as_bytes(),
            ),
            431,
            "too large",
        ),
        (
            "garbage request line",
            raw(
                server.http,
                b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
            ),
            400,
            "malformed",
        ),
        ("slowloris", slowloris(&server), 408, "in time"),
    ];
    for (name, r, status, says) in cases {
        assert_eq!(
            r.status,
            status,
            "{name}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let err = r.json();
        let msg = err["error"]["message"].as_str().unwrap_or_default();
        assert!(msg.contains(says), "{name}: message {msg:?} lacks {says:?}");
    }
    let ok = speech(&server, json!({"input": "Still here."}));
    assert_eq!(ok.status, 200);
    assert!(wav_data(&ok.body).len() > 1000);
}

/// Sends a request head one byte at a time, slower than the deadline allows.
fn slowloris(server: &Server) -> Response {
    let mut s = connect(server.http);
    let head = b"POST /v1/audio/speech HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n";
    let mut got = Vec::new();
    for b in head.iter() {
        if s.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        if s.set_nonblocking(true).is_ok() {
            let mut buf = [0u8; 4096];
            if let Ok(n) = s.read(&mut buf) {
                got.extend_from_slice(&buf[..n]);
            }
            s.set_nonblocking(false).unwrap();
        }
        if !got.is_empty() {
            break;
        }
    }
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    got.extend(rest);
    parse_response(&got)
}

#[test]
fn a_full_queue_gets_429_and_a_disconnect_does_not_corrupt_the_next_response() {
    let server = Server::start(
        &common::tiny_voice(),
        &[
            "--precision",
            "fp32",
            "--max-concurrent",
            "1",
            "--queue",
            "0",
        ],
    );
    let reference = wav_data(&speech(&server, json!({"input": TEXT})).body).to_vec();
    let long = "This sentence is one of many in a long text. ".repeat(80);
    let body = json!({"input": long, "response_format": "pcm"}).to_string();
    let mut hog = connect(server.http);
    hog.write_all(
        format!(
            "POST /v1/audio/speech HTTP/1.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .unwrap();
    let mut first = [0u8; 256];
    hog.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"HTTP/1.1 200"));
    let busy = speech(&server, json!({"input": TEXT}));
    assert_eq!(busy.status, 429, "{}", String::from_utf8_lossy(&busy.body));
    assert_eq!(
        busy.header("retry-after"),
        Some("1"),
        "429 says when to retry"
    );
    assert!(busy.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("busy"));
    drop(hog);
    let mut after = None;
    for _ in 0..600 {
        let r = speech(&server, json!({"input": TEXT}));
        if r.status != 429 {
            after = Some(r);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let after = after.expect("the stream came back after the disconnect");
    assert_eq!(after.status, 200);
    assert_same_audio(wav_data(&after.body), &reference, "after a disconnect");
}

fn wyoming_session(server: &Server) -> (std::net::TcpStream, BufReader<std::net::TcpStream>) {
    let s = connect(server.wyoming);
    let r = BufReader::new(s.try_clone().unwrap());
    (s, r)
}

#[test]
fn wyoming_describe_synthesize_and_streaming_match_http() {
    let server = tiny();
    let reference = speech(&server, json!({"input": TEXT, "response_format": "pcm"})).body;
    let (mut s, mut r) = wyoming_session(&server);
    send_event(&mut s, "describe", json!({}));
    let info = read_event(&mut r).unwrap();
    assert_eq!(info.kind, "info");
    let tts = &info.data["tts"][0];
    assert_eq!(tts["supports_synthesize_streaming"], true);
    assert_eq!(tts["voices"][0]["name"], "joe");
    assert_eq!(tts["voices"][0]["languages"][0], "en_US");
    assert_eq!(tts["attribution"]["name"], "Sotto");
    assert_eq!(
        tts["voices"][0]["attribution"]["name"], "joe",
        "a pack without an attribution is credited by its name"
    );

    send_event(
        &mut s,
        "synthesize",
        json!({"text": TEXT, "voice": {"name": "joe"}}),
    );
    let mut kinds = Vec::new();
    let mut audio = Vec::new();
    loop {
        let e = read_event(&mut r).unwrap();
        if e.kind == "audio-chunk" {
            assert_eq!(e.data["rate"], 22050);
            assert_eq!(e.data["width"], 2);
            audio.extend(e.payload);
        }
        kinds.push(e.kind.clone());
        if e.kind == "audio-stop" {
            break;
        }
    }
    assert_eq!(kinds.first().unwrap(), "audio-start");
    assert!(kinds.len() > 3);
    assert_same_audio(&audio, &reference, "wyoming synthesize");

    send_event(
        &mut s,
        "synthesize-start",
        json!({"voice": {"name": "joe"}}),
    );
    for part in ["The quick bro", "wn fox jumps. It la", "nds softly!"] {
        send_event(&mut s, "synthesize-chunk", json!({"text": part}));
    }
    send_event(&mut s, "synthesize", json!({"text": TEXT}));
    send_event(&mut s, "synthesize-stop", json!({}));
    let mut starts = 0;
    let mut streamed = Vec::new();
    let mut open = false;
    loop {
        let e = read_event(&mut r).expect("stream events");
        match e.kind.as_str() {
            "audio-start" => {
                assert!(!open, "audio-start inside a block");
                open = true;
                starts += 1;
            }
            "audio-chunk" => {
                assert!(open, "audio-chunk outside a block");
                streamed.extend(e.payload);
            }
            "audio-stop" => {
                assert!(open, "audio-stop outside a block");
                open = false;
            }
            "synthesize-stopped" => break,
            other => panic!("unexpected {other}: {:?}", e.data),
        }
    }
    assert!(!open, "the last block is closed before synthesize-stopped");
    assert_eq!(starts, 2, "one audio-start per sentence");
    assert_same_audio(&streamed, &reference, "wyoming stream");
}

#[test]
fn hostile_wyoming_frames_get_errors_and_the_server_keeps_serving() {
    let server = tiny();
    let frames: Vec<(&str, Vec<u8>, bool)> = vec![
        ("garbage bytes", vec![0xde, 0xad, 0xbe, 0xef, b'\n'], true),
        ("not an object", b"[1,2,3]\n".to_vec(), true),
        ("no type", b"{\"data\": {}}\n".to_vec(), true),
        (
            "huge data_length",
            b"{\"type\":\"synthesize\",\"data_length\":9999999999}\n".to_vec(),
            true,
        ),
        (
            "negative payload_length",
            b"{\"type\":\"x\",\"payload_length\":-1}\n".to_vec(),
            true,
        ),
        (
            "huge payload_length",
            b"{\"type\":\"x\",\"payload_length\":99999999999}\n".to_vec(),
            true,
        ),
        ("endless header line", vec![b'{'; 40_000], true),
        (
            "unknown event",
            b"{\"type\":\"transcribe\"}\n".to_vec(),
            false,
        ),
        (
            "synthesize without text",
            b"{\"type\":\"synthesize\",\"data\":{\"text\":5}}\n".to_vec(),
            false,
        ),
        (
            "chunk outside a stream",
            b"{\"type\":\"synthesize-chunk\",\"data\":{\"text\":\"hi\"}}\n".to_vec(),
            false,
        ),
        (
            "nothing to speak",
            b"{\"type\":\"synthesize\",\"data\":{\"text\":\"!!!\"}}\n".to_vec(),
            false,
        ),
    ];
    for (name, bytes, closes) in frames {
        let (mut s, mut r) = wyoming_session(&server);
        s.write_all(&bytes).unwrap();
        let e = read_event(&mut r).unwrap_or_else(|| panic!("{name}: no error event"));
        assert_eq!(e.kind, "error", "{name}");
        assert!(e.data["text"].is_string(), "{name}");
        if closes {
            assert!(
                read_event(&mut r).is_none(),
                "{name}: connection stays open"
            );
        } else {
            send_event(&mut s, "describe", json!({}));
            assert_eq!(read_event(&mut r).unwrap().kind, "info", "{name}");
        }
    }
    let (mut s, mut r) = wyoming_session(&server);
    send_event(&mut s, "synthesize", json!({"text": "Still here."}));
    assert_eq!(read_event(&mut r).unwrap().kind, "audio-start");
}

#[test]
fn sigterm_stops_the_server_with_exit_0() {
    let server = tiny();
    assert_eq!(get(server.http, "/healthz").status, 200);
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
}

#[test]
fn sigterm_during_a_stalled_synthesis_still_exits_0() {
    let server = tiny();
    let long = "A client that stopped reading holds this synthesis. ".repeat(70);
    let body = json!({"input": long, "response_format": "pcm"}).to_string();
    let mut stalled = connect(server.http);
    stalled
        .write_all(
            format!(
                "POST /v1/audio/speech HTTP/1.1\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .unwrap();
    let mut first = [0u8; 64];
    stalled.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"HTTP/1.1 200"));
    let log = server.log.clone();
    let status = server.terminate();
    assert!(status.success(), "{status:?}: {}", log.lock().unwrap());
}

#[test]
fn ssml_over_http_speaks_what_say_speaks() {
    let server = tiny();
    let ssml = "<speak>Hello there.<break time=\"700ms\"/>Goodbye.</speak>";
    let r = speech(&server, json!({"input": ssml}));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_same_audio(
        wav_data(&r.body),
        &say_pcm(&common::tiny_voice(), ssml, &[]),
        "SSML over HTTP vs say",
    );
    let bad = speech(&server, json!({"input": "<speak>unclosed"}));
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["param"], "input");
}

#[test]
fn voice_and_model_are_checked_and_errors_name_their_field() {
    let server = tiny();
    for ok in [
        json!({"input": "Hi.", "voice": "joe", "model": "sotto"}),
        json!({"input": "Hi.", "voice": "alloy", "model": "tts-1"}),
        json!({"input": "Hi."}),
    ] {
        let r = speech(&server, ok.clone());
        assert_eq!(r.status, 200, "{ok}: {}", String::from_utf8_lossy(&r.body));
    }
    let cases = [
        (json!({"input": "Hi.", "voice": ""}), "voice"),
        (json!({"input": "Hi.", "voice": "nobody"}), "voice"),
        (json!({"input": "Hi.", "voice": {"name": "joe"}}), "voice"),
        (json!({"input": "Hi.", "model": "whisper-1"}), "model"),
        (json!({"input": "Hi.", "model": 3}), "model"),
        (json!({"input": "Hi.", "speed": 9}), "speed"),
        (json!({"input": "Hi.", "steps": 0}), "steps"),
        (json!({"input": "Hi.", "temperature": 7}), "temperature"),
    ];
    for (body, param) in cases {
        let r = speech(&server, body.clone());
        assert_eq!(r.status, 400, "{body}");
        let e = &r.json()["error"];
        assert_eq!(e["param"], param, "{body}: {e}");
        let msg = e["message"].as_str().unwrap();
        assert!(!msg.contains("..="), "{body}: Rust syntax in {msg:?}");
        if param == "voice" {
            assert!(msg.contains("joe") && msg.contains("alloy"), "{msg}");
        }
    }
    let body = json!({"input": "Hi."}).to_string();
    let twice = raw(
        server.http,
        format!(
            "POST /v1/audio/speech HTTP/1.1\r\nContent-Length: {n}\r\nContent-Length: {n}\r\n\r\n{body}",
            n = body.len()
        )
        .as_bytes(),
    );
    assert_eq!(twice.status, 400, "duplicate Content-Length");
}

/// Posts `body` to the speech endpoint on a raw connection, without reading the answer.
fn post_raw(server: &Server, body: &str) -> std::net::TcpStream {
    let mut s = connect(server.http);
    s.write_all(
        format!(
            "POST /v1/audio/speech HTTP/1.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
    .unwrap();
    s
}

#[test]
fn requests_whose_clients_hung_up_leave_the_queue() {
    let server = Server::start(
        &common::tiny_voice(),
        &[
            "--precision",
            "fp32",
            "--max-concurrent",
            "1",
            "--queue",
            "2",
        ],
    );
    let long = json!({
        "input": "This sentence is one of many in a long text. ".repeat(80),
        "response_format": "pcm",
    });
    let mut hog = post_raw(&server, &long.to_string());
    let mut first = [0u8; 256];
    hog.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"HTTP/1.1 200"));
    let short = json!({"input": TEXT}).to_string();
    let queued: Vec<_> = (0..2).map(|_| post_raw(&server, &short)).collect();
    std::thread::sleep(Duration::from_millis(300));
    let full = speech(&server, json!({"input": TEXT}));
    assert_eq!(full.status, 429, "the queue holds the two waiting requests");
    drop(queued);
    let mut waiting = None;
    for _ in 0..50 {
        let mut s = post_raw(&server, &short);
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let mut head = [0u8; 12];
        match s.read_exact(&mut head) {
            Ok(()) => {
                assert!(head.starts_with(b"HTTP/1.1 429"), "{head:?}");
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(_) => {
                waiting = Some(s);
                break;
            }
        }
    }
    assert!(
        waiting.is_some(),
        "requests whose clients hung up still fill the queue"
    );
}

#[test]
fn sigterm_closes_an_idle_wyoming_connection_at_once() {
    let server = tiny();
    let (mut s, mut r) = wyoming_session(&server);
    send_event(&mut s, "describe", json!({}));
    let info = read_event(&mut r).unwrap();
    assert_eq!(info.kind, "info");
    let url = info.data["tts"][0]["attribution"]["url"].as_str().unwrap();
    assert!(!url.contains("example.invalid"), "placeholder URL {url}");
    let log = server.log.clone();
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
    assert!(
        read_event(&mut r).is_none(),
        "the idle connection is closed"
    );
    let log = log.lock().unwrap();
    assert!(
        !log.contains("cancelling"),
        "an idle connection waited for the grace period:\n{log}"
    );
}

#[test]
fn a_wyoming_synthesis_cancelled_at_shutdown_ends_with_an_error_event() {
    let server = tiny();
    let (mut s, mut r) = wyoming_session(&server);
    let long = "A client that stopped reading holds this synthesis. ".repeat(300);
    send_event(&mut s, "synthesize", json!({"text": long}));
    assert_eq!(read_event(&mut r).unwrap().kind, "audio-start");
    server.send_term();
    let log = server.log.clone();
    while !log.lock().unwrap().contains("cancelling") {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut last = None;
    while let Some(e) = read_event(&mut r) {
        last = Some(e);
    }
    let last = last.expect("events after the cancel");
    assert_eq!(last.kind, "error", "{last:?}");
    assert_eq!(last.data["code"], "shutting-down");
    assert!(server.wait().success());
}

#[test]
fn a_wav_response_has_true_sizes_unless_streaming_is_asked_for() {
    let server = tiny();
    let whole = speech(&server, json!({"input": TEXT}));
    assert_eq!(whole.status, 200);
    assert_eq!(whole.header("transfer-encoding"), None);
    assert_eq!(
        whole.header("content-length"),
        Some(whole.body.len().to_string().as_str())
    );
    let size = |at: usize, b: &[u8]| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    assert_eq!(
        size(40, &whole.body) as usize,
        whole.body.len() - 44,
        "data size"
    );
    assert_eq!(
        size(4, &whole.body) as usize,
        whole.body.len() - 8,
        "RIFF size"
    );
    let streamed = speech(&server, json!({"input": TEXT, "stream_format": "audio"}));
    assert_eq!(streamed.header("transfer-encoding"), Some("chunked"));
    assert_eq!(
        size(40, &streamed.body),
        u32::MAX,
        "a stream's length is unknown"
    );
    assert_same_audio(
        wav_data(&streamed.body),
        wav_data(&whole.body),
        "streamed vs whole",
    );
}

#[test]
fn wyoming_info_credits_the_voice_as_its_manifest_does() {
    let server = Server::start(&common::shipped_voice(), &["--precision", "fp32"]);
    let (mut s, mut r) = wyoming_session(&server);
    send_event(&mut s, "describe", json!({}));
    let info = read_event(&mut r).unwrap();
    let voice = &info.data["tts"][0]["voices"][0]["attribution"];
    assert_eq!(voice["url"], "https://huggingface.co/rhasspy/piper-voices");
    let name = voice["name"].as_str().unwrap();
    assert!(
        name.contains("en_US-joe-medium") && name.ends_with("(MIT)"),
        "{name}"
    );
    assert_eq!(info.data["tts"][0]["attribution"]["name"], "Sotto");
}

#[test]
fn speech_logs_one_warning_per_span_the_voice_cannot_read() {
    let server = tiny();
    let input = "Platform Привет three, 你好.";
    let r = speech(&server, json!({"input": input, "response_format": "pcm"}));
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let want = [
        "sotto serve: warning: Cyrillic text \"Привет\" (bytes 9..21) dropped",
        "sotto serve: warning: Han (CJK) text \"你好\" (bytes 29..35) dropped",
    ];
    let log = server.log.clone();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !want.iter().all(|w| log.lock().unwrap().contains(w)) {
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = log.lock().unwrap();
    assert_eq!(log.matches("warning:").count(), 2, "{log}");
}
