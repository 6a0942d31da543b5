//! Streaming sentence splitting with bounded memory and capped sentence length.

use std::collections::VecDeque;
use std::io::Read;

use crate::normalize::abbreviation::TITLES;
use crate::Error;

/// Longest sentence handed out, in characters; longer ones are cut at spaces.
pub const MAX_SENTENCE_CHARS: usize = 400;

/// Bytes read from the source at a time.
pub const READ_CHUNK: usize = 4096;

/// Iterator over the sentences of a reader (see [`crate::Frontend::sentences`]).
pub struct Sentences<R> {
    reader: R,
    buf: String,
    pending: Vec<u8>,
    queue: VecDeque<String>,
    eof: bool,
}

impl<R: Read> Sentences<R> {
    /// Splits the text read from `reader`; invalid UTF-8 is replaced, never fatal.
    pub fn new(reader: R) -> Sentences<R> {
        Sentences {
            reader,
            buf: String::new(),
            pending: Vec::new(),
            queue: VecDeque::new(),
            eof: false,
        }
    }

    fn fill(&mut self) -> Result<(), Error> {
        let mut chunk = [0u8; READ_CHUNK];
        let n = loop {
            match self.reader.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::Io(e)),
            }
        };
        if n == 0 {
            self.eof = true;
            if !self.pending.is_empty() {
                self.buf.push_str(&String::from_utf8_lossy(&self.pending));
                self.pending.clear();
            }
            return Ok(());
        }
        self.pending.extend_from_slice(&chunk[..n]);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let tail = self.pending.split_off(valid);
        self.buf.push_str(&String::from_utf8_lossy(&self.pending));
        self.pending = tail;
        Ok(())
    }

    fn drain(&mut self) {
        let mut start = 0;
        for end in boundaries(&self.buf, self.eof) {
            push_capped(&mut self.queue, &self.buf[start..end]);
            start = end;
        }
        self.buf.drain(..start);
        if self.eof {
            push_capped(&mut self.queue, &self.buf);
            self.buf.clear();
        } else if self.buf.len() > MAX_SENTENCE_CHARS * 4 {
            let cut = cut_point(&self.buf);
            push_capped(&mut self.queue, &self.buf[..cut]);
            self.buf.drain(..cut);
        }
    }
}

impl<R: Read> Iterator for Sentences<R> {
    type Item = Result<String, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(s) = self.queue.pop_front() {
                return Some(Ok(s));
            }
            if self.eof {
                return None;
            }
            if let Err(e) = self.fill() {
                self.eof = true;
                self.buf.clear();
                return Some(Err(e));
            }
            self.drain();
        }
    }
}

/// Byte index at most [`MAX_SENTENCE_CHARS`] chars in, at the last whitespace if there is one
/// (see [`run_safe_cut`] otherwise).
fn cut_point(s: &str) -> usize {
    let limit = s
        .char_indices()
        .nth(MAX_SENTENCE_CHARS)
        .map_or(s.len(), |(i, _)| i);
    match s[..limit].rfind(char::is_whitespace) {
        Some(i) if i > 0 => i,
        _ => run_safe_cut(s, limit),
    }
}

/// A cut at `limit` moved so that it leaves no piece of a repeated-symbol run (decoration such
/// as `####`) shorter than the normalizer's decoration run, which would be read aloud: to the
/// run's start, or back far enough that the rest of the run is long enough.
fn run_safe_cut(s: &str, limit: usize) -> usize {
    let min_run = crate::normalize::clean::MIN_DECORATION_RUN;
    let Some(c) = s[limit..].chars().next() else {
        return limit;
    };
    if c.is_alphanumeric() || c.is_whitespace() || !s[..limit].ends_with(c) {
        return limit;
    }
    let start = s[..limit].trim_end_matches(c).len();
    if start > 0 {
        return start;
    }
    let after = s[limit..].chars().take_while(|&x| x == c).count();
    if after >= min_run {
        limit
    } else {
        limit - min_run * c.len_utf8()
    }
}

fn push_capped(queue: &mut VecDeque<String>, s: &str) {
    let mut rest = s.trim();
    while !rest.is_empty() {
        let cut = if rest.chars().count() > MAX_SENTENCE_CHARS {
            cut_point(rest)
        } else {
            rest.len()
        };
        let piece = rest[..cut].trim();
        if !piece.is_empty() {
            queue.push_back(piece.to_string());
        }
        rest = rest[cut..].trim_start();
    }
}

fn last_word(before: &str) -> &str {
    before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("")
}

/// `Oct. 3rd`, `no. 17`: the period belongs to an abbreviation that introduces a number.
fn number_follows_abbreviation(before: &str, after: &str) -> bool {
    let next = after.split_whitespace().next().unwrap_or("");
    let word = last_word(before);
    let head = &before[..before.len() - word.len()];
    let after_number = head.ends_with(char::is_whitespace)
        && head.trim_end().ends_with(|c: char| c.is_ascii_digit());
    crate::normalize::context::period_continues(word, next, after_number)
}

fn ends_with_title(before: &str) -> bool {
    let word = last_word(before);
    TITLES.contains(&word)
        || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || (word.contains('.')
            && word
                .split('.')
                .all(|p| p.len() <= 2 && p.chars().all(|c| c.is_ascii_alphabetic())))
}

/// Byte indices just past each complete sentence in `s`; without `eof`, only boundaries whose
/// following text is already known.
fn boundaries(s: &str, eof: bool) -> Vec<usize> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'\n' && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                out.push(i);
                i = j + 1;
                continue;
            }
        }
        if matches!(c, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < b.len() && matches!(b[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                end += 1;
            }
            let mut j = end;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j == end {
                i = end;
                continue;
            }
            if j == b.len() {
                if eof {
                    out.push(end);
                }
                break;
            }
            let next = b[j];
            let starts_sentence = next.is_ascii_uppercase()
                || next.is_ascii_digit()
                || matches!(next, b'"' | b'\'' | b'(' | b'[')
                || next >= 0x80;
            let abbreviation = c == b'.'
                && end == i + 1
                && (ends_with_title(&s[..i]) || number_follows_abbreviation(&s[..i], &s[j..]));
            if starts_sentence && !abbreviation {
                out.push(end);
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        Sentences::new(s.as_bytes()).map(Result::unwrap).collect()
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            split("Hello there. How are you? Fine!"),
            ["Hello there.", "How are you?", "Fine!"]
        );
        assert_eq!(
            split("Dr. Patel is in. Mr. Smith is out."),
            ["Dr. Patel is in.", "Mr. Smith is out."]
        );
        assert_eq!(
            split("It costs $1.50. Pay now."),
            ["It costs $1.50.", "Pay now."]
        );
        assert_eq!(
            split("Meet at 9 a.m. and leave."),
            ["Meet at 9 a.m. and leave."]
        );
        assert_eq!(split("Title\n\nBody text"), ["Title", "Body text"]);
        assert_eq!(
            split("Open Oct. 3rd. Bring ID."),
            ["Open Oct. 3rd.", "Bring ID."]
        );
        assert_eq!(
            split("Closed Mar. 3–Apr. 5. Bring ID."),
            ["Closed Mar. 3–Apr. 5.", "Bring ID."]
        );
        assert_eq!(
            split("Ticket no. 17 is called."),
            ["Ticket no. 17 is called."]
        );
        assert_eq!(
            split("Turn onto Martin Luther King Jr. Blvd now. Then stop."),
            ["Turn onto Martin Luther King Jr. Blvd now.", "Then stop."]
        );
        assert_eq!(
            split("Stay min. (2 nights) here. Max. 4 guests per room."),
            ["Stay min. (2 nights) here.", "Max. 4 guests per room."]
        );
        assert_eq!(
            split("See p. 12 and vol. 3 approx. Noon."),
            ["See p. 12 and vol. 3 approx. Noon."]
        );
        assert_eq!(
            split("The train is in 5 min. Doors open left."),
            ["The train is in 5 min.", "Doors open left."]
        );
        assert_eq!(
            split("Ask for Bob Smith Jr. Please wait."),
            ["Ask for Bob Smith Jr.", "Please wait."]
        );
        assert!(split("").is_empty());
        assert!(split("  \n\t ").is_empty());
    }

    #[test]
    fn caps_long_sentences() {
        let long = "word ".repeat(1000);
        let parts = split(&long);
        assert!(parts.len() > 5);
        assert!(parts
            .iter()
            .all(|p| p.chars().count() <= MAX_SENTENCE_CHARS));
        let no_space = "x".repeat(5000);
        assert!(split(&no_space)
            .iter()
            .all(|p| p.chars().count() <= MAX_SENTENCE_CHARS));
    }

    #[test]
    fn symbol_runs_are_not_cut_into_readable_pieces() {
        for n in [399, 400, 401, 402, 799, 800, 801, 2_000, 4_321] {
            for lead in ["", " ", "Menu ", "x"] {
                let text = format!("{lead}{} end", "#".repeat(n));
                let parts = split(&text);
                assert!(
                    parts
                        .iter()
                        .all(|p| p.chars().count() <= MAX_SENTENCE_CHARS),
                    "{n} {lead:?}"
                );
                for p in &parts {
                    for run in p.split(|c: char| c != '#').filter(|r| !r.is_empty()) {
                        assert!(run.len() >= 3, "{n} {lead:?}: piece {run:?} in {p:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn survives_invalid_utf8_across_reads() {
        let mut text = "é".repeat(5000).into_bytes();
        text.extend_from_slice(&[0xff, 0xfe, b'.', b' ', b'A', b'.']);
        let parts: Vec<String> = Sentences::new(&text[..]).map(Result::unwrap).collect();
        assert!(parts.concat().contains('é'));
        assert!(!parts.concat().contains("\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}é"));
    }
}
