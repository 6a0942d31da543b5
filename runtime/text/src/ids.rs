//! Piper phoneme ids: parsing a `phoneme_id_map` and turning phoneme strings into id sequences.

use std::collections::HashMap;

use crate::Error;

/// Sentence start marker.
pub const BOS: char = '^';
/// Sentence end marker.
pub const EOS: char = '$';
/// Padding inserted after every symbol.
pub const PAD: char = '_';

/// A voice's map from phoneme symbols to ids.
#[derive(Debug, Clone, Default)]
pub struct PhonemeIdMap {
    map: HashMap<char, Vec<i64>>,
}

impl PhonemeIdMap {
    /// Builds the map from (symbol, id) pairs; symbols must be single characters.
    pub fn from_pairs(pairs: &[(String, i64)]) -> Result<PhonemeIdMap, Error> {
        let mut map: HashMap<char, Vec<i64>> = HashMap::new();
        for (sym, id) in pairs {
            let c = single_char(sym)?;
            map.entry(c).or_default().push(*id);
        }
        PhonemeIdMap::checked(map)
    }

    /// Parses Piper's JSON form `{"a": [14], "b": [15], ...}` (a bare object or a whole voice
    /// config containing a `"phoneme_id_map"` object).
    pub fn from_json(json: &str) -> Result<PhonemeIdMap, Error> {
        let body = match json.find("\"phoneme_id_map\"") {
            Some(at) => &json[at + "\"phoneme_id_map\"".len()..],
            None => json,
        };
        let mut p = JsonReader {
            s: body.as_bytes(),
            at: 0,
        };
        p.skip_until(b'{')?;
        let mut map: HashMap<char, Vec<i64>> = HashMap::new();
        loop {
            p.ws();
            match p.peek() {
                Some(b'}') => break,
                Some(b',') => {
                    p.at += 1;
                    continue;
                }
                _ => {}
            }
            let key = p.string()?;
            p.ws();
            p.expect(b':')?;
            p.ws();
            p.expect(b'[')?;
            let c = single_char(&key)?;
            loop {
                p.ws();
                match p.peek() {
                    Some(b']') => {
                        p.at += 1;
                        break;
                    }
                    Some(b',') => p.at += 1,
                    _ => {
                        let id = p.int()?;
                        map.entry(c).or_default().push(id);
                    }
                }
            }
        }
        PhonemeIdMap::checked(map)
    }

    fn checked(map: HashMap<char, Vec<i64>>) -> Result<PhonemeIdMap, Error> {
        for c in [BOS, EOS, PAD] {
            if !map.contains_key(&c) {
                return Err(Error::IdMap(format!("phoneme id map has no {c:?}")));
            }
        }
        Ok(PhonemeIdMap { map })
    }

    /// The ids of one symbol; `None` when the map lacks it (such symbols are skipped).
    pub fn symbol(&self, c: char) -> Option<&[i64]> {
        self.map.get(&c).map(Vec::as_slice)
    }

    /// Whether the map has an id for `c`.
    pub fn contains(&self, c: char) -> bool {
        self.map.contains_key(&c)
    }

    /// Ids for a phoneme string: `^ _`, then each known symbol's ids followed by `_`, then `$`.
    /// Unknown symbols are skipped.
    pub fn ids(&self, phonemes: &str) -> Vec<i64> {
        let pad = &self.map[&PAD];
        let mut out = Vec::with_capacity(phonemes.len() * 2 + 4);
        out.extend_from_slice(&self.map[&BOS]);
        out.extend_from_slice(pad);
        for c in phonemes.chars() {
            if let Some(ids) = self.map.get(&c) {
                out.extend_from_slice(ids);
                out.extend_from_slice(pad);
            }
        }
        out.extend_from_slice(&self.map[&EOS]);
        out
    }
}

fn single_char(s: &str) -> Result<char, Error> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(Error::IdMap(format!("symbol {s:?} is not one character"))),
    }
}

struct JsonReader<'a> {
    s: &'a [u8],
    at: usize,
}

impl JsonReader<'_> {
    fn err(&self, what: &str) -> Error {
        Error::IdMap(format!(
            "bad phoneme id map JSON at byte {}: {what}",
            self.at
        ))
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn skip_until(&mut self, c: u8) -> Result<(), Error> {
        while let Some(b) = self.peek() {
            self.at += 1;
            if b == c {
                return Ok(());
            }
        }
        Err(self.err("no object"))
    }

    fn expect(&mut self, c: u8) -> Result<(), Error> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.err(&format!("expected {:?}", char::from(c))))
        }
    }

    fn string(&mut self) -> Result<String, Error> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.at += 1;
                    break;
                }
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(b'u') => {
                            let hex = self
                                .s
                                .get(self.at + 1..self.at + 5)
                                .and_then(|h| std::str::from_utf8(h).ok())
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .ok_or_else(|| self.err("bad \\u escape"))?;
                            self.at += 5;
                            let c =
                                char::from_u32(hex).ok_or_else(|| self.err("bad code point"))?;
                            let mut buf = [0; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                        Some(c) => {
                            self.at += 1;
                            out.push(match c {
                                b'n' => b'\n',
                                b't' => b'\t',
                                other => other,
                            });
                        }
                        None => return Err(self.err("unterminated escape")),
                    }
                }
                Some(c) => {
                    self.at += 1;
                    out.push(c);
                }
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8"))
    }

    fn int(&mut self) -> Result<i64, Error> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        std::str::from_utf8(&self.s[start..self.at])
            .ok()
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| self.err("expected an integer"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_json_and_maps() {
        let m = PhonemeIdMap::from_json(
            r#"{"x": 1, "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "h": [20], "\u0259": [59], "\"": [150]}}"#,
        )
        .unwrap();
        assert_eq!(m.ids("hə h"), vec![1, 0, 20, 0, 59, 0, 3, 0, 20, 0, 2]);
        assert_eq!(m.ids("h🙂"), vec![1, 0, 20, 0, 2]);
        assert!(m.contains('"'));
        assert!(PhonemeIdMap::from_json("{\"a\": [1]}").is_err());
        assert!(PhonemeIdMap::from_json("{\"ab\": [1]}").is_err());
        assert!(PhonemeIdMap::from_json("nonsense").is_err());
        let pairs: Vec<(String, i64)> = [("_", 0), ("^", 1), ("$", 2), ("a", 14)]
            .iter()
            .map(|(s, i)| (s.to_string(), *i))
            .collect();
        assert_eq!(
            PhonemeIdMap::from_pairs(&pairs).unwrap().ids("a"),
            vec![1, 0, 14, 0, 2]
        );
    }
}
