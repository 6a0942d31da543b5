//! Marks: where sentences, words and phonemes lie in the audio, from the acoustic model's
//! durations.

use crate::utterance::{Span, Utterance};

/// What a mark times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A sentence (its text as read).
    Sentence,
    /// A spoken word (as normalization wrote it: `seven` for `7`).
    Word,
    /// A phoneme (IPA, stress and length marks included).
    Phoneme,
    /// A position the caller named in the text (SSML `<mark name="…"/>`); no duration.
    User,
}

impl MarkKind {
    /// Lower-case name (`sentence`, `word`, `phoneme`, `mark`).
    pub fn name(self) -> &'static str {
        match self {
            MarkKind::Sentence => "sentence",
            MarkKind::Word => "word",
            MarkKind::Phoneme => "phoneme",
            MarkKind::User => "mark",
        }
    }
}

/// One timed mark. Times are sample indices in the stream's audio (all sentences and the
/// silences between them), at the voice's sample rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// What it times.
    pub kind: MarkKind,
    /// The sentence, word or phoneme.
    pub text: String,
    /// Index of its first sample.
    pub start: u64,
    /// Its length in samples.
    pub duration: u64,
}

/// The marks of one utterance whose audio starts at sample `at`: the sentence, then each word
/// followed by its phonemes, with the `user` marks (id index, name) before the word they
/// precede; `durations` are frames per id, `hop` samples per frame.
pub(crate) fn utterance_marks(
    sentence: &str,
    u: &Utterance,
    durations: &[usize],
    hop: usize,
    at: u64,
    user: &[(usize, String)],
) -> Vec<Mark> {
    let mut frame_at = Vec::with_capacity(durations.len() + 1);
    let mut total = 0u64;
    frame_at.push(0);
    for &d in durations {
        total += d as u64;
        frame_at.push(total);
    }
    let hop = hop as u64;
    let mark = |kind, span: &Span| {
        let (a, b) = (
            frame_at.get(span.ids.start).copied().unwrap_or(total),
            frame_at.get(span.ids.end).copied().unwrap_or(total),
        );
        Mark {
            kind,
            text: span.text.clone(),
            start: at + a * hop,
            duration: (b - a) * hop,
        }
    };
    let mut timed = Vec::with_capacity(u.words.len() + u.phonemes.len());
    let mut phonemes = u.phonemes.iter().peekable();
    for w in &u.words {
        timed.push(mark(MarkKind::Word, w));
        while let Some(p) = phonemes.next_if(|p| p.ids.start < w.ids.end) {
            timed.push(mark(MarkKind::Phoneme, p));
        }
    }
    timed.extend(phonemes.map(|p| mark(MarkKind::Phoneme, p)));
    let mut user = user
        .iter()
        .map(|(id, name)| Mark {
            kind: MarkKind::User,
            text: name.clone(),
            start: at + frame_at.get(*id).copied().unwrap_or(total) * hop,
            duration: 0,
        })
        .peekable();
    let mut out = Vec::with_capacity(1 + timed.len() + user.len());
    out.push(Mark {
        kind: MarkKind::Sentence,
        text: sentence.trim().to_string(),
        start: at,
        duration: total * hop,
    });
    for m in timed {
        while let Some(u) = user.next_if(|u| u.start <= m.start) {
            out.push(u);
        }
        out.push(m);
    }
    out.extend(user);
    out
}
