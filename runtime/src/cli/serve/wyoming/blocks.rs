//! Wyoming audio events from engine chunks.

use serde_json::{json, Value};
use sotto::{Chunk, Mark, MarkKind};

use super::super::pcm16;
use super::Writer;

/// Turns engine chunks into `audio-start`, `audio-chunk`s and `audio-stop`: one block around
/// the whole text, or, `per_sentence`, one block per sentence, closed as soon as that
/// sentence's audio is out (the silence before a sentence opens its block).
pub(super) struct Blocks<'w> {
    w: &'w Writer,
    format: Value,
    per_sentence: bool,
    open: bool,
    sentence_end: Option<u64>,
    pcm: Vec<u8>,
}

impl<'w> Blocks<'w> {
    /// Blocks written to `w`, of 16-bit mono audio at `rate` Hz.
    pub(super) fn new(w: &'w Writer, rate: u32, per_sentence: bool) -> Self {
        Self {
            w,
            format: json!({"rate": rate, "width": 2, "channels": 1}),
            per_sentence,
            open: false,
            sentence_end: None,
            pcm: Vec::new(),
        }
    }

    /// Sends `chunk`'s audio, cut at the sentences that start in it.
    pub(super) fn chunk(&mut self, chunk: &Chunk) -> std::io::Result<()> {
        let mut at = 0;
        for m in chunk.marks.iter().filter(|m| m.kind == MarkKind::Sentence) {
            let cut = (m.start.saturating_sub(chunk.start) as usize).clamp(at, chunk.samples.len());
            self.audio(chunk.start + at as u64, &chunk.samples[at..cut])?;
            self.sentence(m)?;
            at = cut;
        }
        self.audio(chunk.start + at as u64, &chunk.samples[at..])
    }

    fn sentence(&mut self, m: &Mark) -> std::io::Result<()> {
        if self.per_sentence {
            if self.sentence_end.is_some() {
                self.stop()?;
            }
            self.sentence_end = Some(m.start + m.duration);
        }
        self.start()
    }

    /// Sends `samples`, the first at sample index `at`.
    fn audio(&mut self, mut at: u64, mut samples: &[f32]) -> std::io::Result<()> {
        while !samples.is_empty() {
            self.close_at(at)?;
            self.start()?;
            let n = match self.sentence_end {
                Some(end) if self.per_sentence => ((end - at) as usize).min(samples.len()),
                _ => samples.len(),
            };
            pcm16(&samples[..n], &mut self.pcm);
            self.w.send("audio-chunk", self.format.clone(), &self.pcm)?;
            at += n as u64;
            samples = &samples[n..];
        }
        self.close_at(at)
    }

    fn close_at(&mut self, at: u64) -> std::io::Result<()> {
        match self.sentence_end {
            Some(end) if self.per_sentence && end <= at => self.stop(),
            _ => Ok(()),
        }
    }

    fn start(&mut self) -> std::io::Result<()> {
        if !self.open {
            self.open = true;
            self.w.send("audio-start", self.format.clone(), &[])?;
        }
        Ok(())
    }

    /// Closes the open block.
    pub(super) fn stop(&mut self) -> std::io::Result<()> {
        self.sentence_end = None;
        if self.open {
            self.open = false;
            self.w.send("audio-stop", json!({}), &[])?;
        }
        Ok(())
    }
}
