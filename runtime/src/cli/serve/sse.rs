//! The event stream of `stream_format: "sse"`, OpenAI's speech events plus Sotto's marks.
//! Each engine chunk becomes its `speech.mark` events (sentence, word, phoneme; in order),
//! then one `speech.audio.delta`; the stream ends with `speech.audio.done`, or `error` when
//! synthesis failed midway. A mark arrives before the audio that holds its first sample, so a
//! lip-sync client can schedule it against the audio clock: sample `start` plays
//! `start / sample_rate` seconds after the first sample.

use std::io::Write;

use base64::Engine as _;
use serde_json::{json, Value};
use sotto::{Chunk, Mark, Spoken};

use super::pcm16;

/// Writes the events of one response to `out`, one write per engine chunk.
pub struct Events<W: Write> {
    out: W,
    rate: u32,
    pcm: Vec<u8>,
    frame: String,
}

impl<W: Write> Events<W> {
    /// Events for audio at `rate` Hz.
    pub fn new(out: W, rate: u32) -> Self {
        Self {
            out,
            rate,
            pcm: Vec::new(),
            frame: String::new(),
        }
    }

    /// Sends `chunk`'s marks, then its audio (16-bit little-endian mono, base64) when it has
    /// any, with the index of its first sample.
    pub fn chunk(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        self.frame.clear();
        for m in &chunk.marks {
            push(&mut self.frame, &mark(m, self.rate));
        }
        if !chunk.samples.is_empty() {
            pcm16(&chunk.samples, &mut self.pcm);
            let delta = json!({
                "type": "speech.audio.delta",
                "audio": base64::engine::general_purpose::STANDARD.encode(&self.pcm),
                "start": chunk.start,
            });
            push(&mut self.frame, &delta);
        }
        self.send()
    }

    /// Sends `speech.audio.done` with what the whole text produced.
    pub fn done(&mut self, spoken: Spoken) -> std::io::Result<()> {
        self.frame.clear();
        let done = json!({
            "type": "speech.audio.done",
            "samples": spoken.samples,
            "sentences": spoken.sentences,
            "sample_rate": self.rate,
        });
        push(&mut self.frame, &done);
        self.send()
    }

    /// Sends an `error` event in OpenAI's shape (the audio so far is incomplete).
    pub fn error(&mut self, message: &str) -> std::io::Result<()> {
        self.frame.clear();
        let error = json!({
            "type": "error",
            "error": {"message": message, "type": "server_error"},
        });
        push(&mut self.frame, &error);
        self.send()
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        self.out.write_all(self.frame.as_bytes())?;
        self.out.flush()
    }
}

/// The `speech.mark` event of `m`: times in samples and in seconds.
fn mark(m: &Mark, rate: u32) -> Value {
    let seconds = |samples: u64| samples as f64 / rate as f64;
    json!({
        "type": "speech.mark",
        "kind": m.kind.name(),
        "text": m.text,
        "start": m.start,
        "duration": m.duration,
        "start_s": seconds(m.start),
        "duration_s": seconds(m.duration),
    })
}

fn push(frame: &mut String, event: &Value) {
    frame.push_str("data: ");
    frame.push_str(&event.to_string());
    frame.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotto::MarkKind;

    fn events(bytes: &[u8]) -> Vec<Value> {
        std::str::from_utf8(bytes)
            .unwrap()
            .split("\n\n")
            .filter(|e| !e.is_empty())
            .map(|e| serde_json::from_str(e.strip_prefix("data: ").unwrap()).unwrap())
            .collect()
    }

    #[test]
    fn marks_precede_their_audio_and_done_ends() {
        let mut out = Vec::new();
        let mut ev = Events::new(&mut out, 20);
        let word = Mark {
            kind: MarkKind::Word,
            text: "hi".into(),
            start: 10,
            duration: 5,
        };
        ev.chunk(&Chunk {
            samples: vec![0.0, 1.0, -1.0],
            start: 8,
            marks: vec![word],
            is_last: false,
        })
        .unwrap();
        ev.chunk(&Chunk {
            is_last: true,
            ..Chunk::default()
        })
        .unwrap();
        ev.done(Spoken {
            sentences: 1,
            samples: 11,
        })
        .unwrap();
        let got = events(&out);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0]["type"], "speech.mark");
        assert_eq!(got[0]["kind"], "word");
        assert_eq!(got[0]["start_s"], 0.5);
        assert_eq!(got[0]["duration"], 5);
        assert_eq!(got[1]["type"], "speech.audio.delta");
        assert_eq!(got[1]["start"], 8);
        let pcm = base64::engine::general_purpose::STANDARD
            .decode(got[1]["audio"].as_str().unwrap())
            .unwrap();
        assert_eq!(pcm, [0, 0, 0xff, 0x7f, 0x01, 0x80]);
        assert_eq!(got[2]["type"], "speech.audio.done");
        assert_eq!(got[2]["samples"], 11);
    }
}
