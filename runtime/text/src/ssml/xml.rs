//! A small, bounded XML reader for SSML: elements, attributes, text, comments, CDATA and the
//! five predefined entities plus numeric character references. No DTD, no external or
//! user-defined entities, a nesting cap and a size cap; every error names its line and column.

use super::SsmlError;

/// Largest SSML document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;
/// Deepest element nesting accepted.
pub const MAX_DEPTH: usize = 32;
/// Most attributes on one element.
pub const MAX_ATTRIBUTES: usize = 16;

/// One parsed piece of the document, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `<name a="v">` (also emitted for `<name/>`, followed by its `End`).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        /// Byte offset of the `<`.
        at: usize,
    },
    /// `</name>` or the end of an empty element.
    End { name: String },
    /// Character data with entities resolved.
    Text(String),
}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
}

/// 1-based line and column of byte offset `at` in `src`.
pub fn line_col(src: &str, at: usize) -> (usize, usize) {
    let before = &src[..at.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

impl<'a> Reader<'a> {
    fn err(&self, at: usize, message: impl Into<String>) -> SsmlError {
        let (line, column) = line_col(self.src, at);
        SsmlError {
            line,
            column,
            message: message.into(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn skip_ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }

    fn name(&mut self) -> Result<String, SsmlError> {
        let r = self.rest();
        let n = r.find(|c: char| !is_name_char(c)).unwrap_or(r.len());
        if n == 0 || !r.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            return Err(self.err(self.pos, "expected a name"));
        }
        self.pos += n;
        Ok(r[..n].to_string())
    }

    /// Resolves entities in `raw` (which starts at byte `at` of the source).
    fn unescape(&self, raw: &str, at: usize) -> Result<String, SsmlError> {
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let here = at + (raw.len() - rest.len()) + i;
            let body = &rest[i + 1..];
            let Some(end) = body.find(';').filter(|&e| e <= 10) else {
                return Err(self.err(here, "'&' must start an entity such as &amp;"));
            };
            let ent = &body[..end];
            let c = match ent {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = if let Some(h) = ent.strip_prefix("#x").or(ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else if let Some(d) = ent.strip_prefix('#') {
                        d.parse().ok()
                    } else {
                        return Err(self.err(here, format!("unknown entity &{ent};")));
                    };
                    code.and_then(char::from_u32)
                        .filter(|&c| c != '\0')
                        .ok_or_else(|| {
                            self.err(here, format!("invalid character reference &{ent};"))
                        })?
                }
            };
            out.push(c);
            rest = &body[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn attrs(&mut self) -> Result<(Vec<(String, String)>, bool), SsmlError> {
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            self.skip_ws();
            let r = self.rest();
            if let Some(after) = r.strip_prefix("/>") {
                self.pos = self.src.len() - after.len();
                return Ok((attrs, true));
            }
            if r.starts_with('>') {
                self.pos += 1;
                return Ok((attrs, false));
            }
            if r.is_empty() {
                return Err(self.err(self.pos, "unclosed tag"));
            }
            let at = self.pos;
            let name = self.name()?;
            self.skip_ws();
            if !self.rest().starts_with('=') {
                return Err(self.err(self.pos, format!("attribute {name} needs =\"value\"")));
            }
            self.pos += 1;
            self.skip_ws();
            let quote = self
                .rest()
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''));
            let Some(q) = quote else {
                return Err(self.err(self.pos, format!("attribute {name}: value must be quoted")));
            };
            let start = self.pos + 1;
            let Some(len) = self.src[start..].find(q) else {
                return Err(self.err(self.pos, format!("attribute {name}: unclosed quote")));
            };
            let raw = &self.src[start..start + len];
            if raw.contains('<') {
                return Err(self.err(start, format!("attribute {name}: '<' in a value")));
            }
            let value = self.unescape(raw, start)?;
            self.pos = start + len + 1;
            if attrs.iter().any(|(n, _)| *n == name) {
                return Err(self.err(at, format!("attribute {name} given twice")));
            }
            if attrs.len() == MAX_ATTRIBUTES {
                return Err(self.err(at, format!("more than {MAX_ATTRIBUTES} attributes")));
            }
            attrs.push((name, value));
        }
    }
}

/// Parses `src` into events; the whole document must be one well-formed element.
pub fn parse(src: &str) -> Result<Vec<Event>, SsmlError> {
    let mut rd = Reader { src, pos: 0 };
    if src.len() > MAX_DOCUMENT_BYTES {
        return Err(rd.err(
            0,
            format!("document larger than {MAX_DOCUMENT_BYTES} bytes"),
        ));
    }
    let mut events = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut seen_root = false;
    while rd.pos < src.len() {
        let r = rd.rest();
        let at = rd.pos;
        if let Some(body) = r.strip_prefix("<!--") {
            let end = body
                .find("-->")
                .ok_or_else(|| rd.err(at, "unclosed comment"))?;
            rd.pos += 4 + end + 3;
        } else if let Some(body) = r.strip_prefix("<![CDATA[") {
            let end = body
                .find("]]>")
                .ok_or_else(|| rd.err(at, "unclosed CDATA section"))?;
            if stack.is_empty() {
                return Err(rd.err(at, "text outside the root element"));
            }
            events.push(Event::Text(body[..end].to_string()));
            rd.pos += 9 + end + 3;
        } else if r.starts_with("<!") {
            return Err(rd.err(at, "DOCTYPE and other declarations are not allowed"));
        } else if let Some(body) = r.strip_prefix("<?") {
            if !events.is_empty() || seen_root {
                return Err(rd.err(at, "processing instruction not allowed here"));
            }
            let end = body
                .find("?>")
                .ok_or_else(|| rd.err(at, "unclosed processing instruction"))?;
            rd.pos += 2 + end + 2;
        } else if r.starts_with("</") {
            rd.pos += 2;
            let name = rd.name()?;
            rd.skip_ws();
            if !rd.rest().starts_with('>') {
                return Err(rd.err(rd.pos, format!("expected '>' to close </{name}")));
            }
            rd.pos += 1;
            match stack.pop() {
                Some((open, _)) if open == name => events.push(Event::End { name }),
                Some((open, open_at)) => {
                    let (l, c) = line_col(src, open_at);
                    return Err(rd.err(
                        at,
                        format!("</{name}> closes <{open}> opened at line {l}, column {c}"),
                    ));
                }
                None => return Err(rd.err(at, format!("</{name}> has no opening tag"))),
            }
        } else if r.starts_with('<') {
            rd.pos += 1;
            let name = rd.name()?;
            if stack.is_empty() && seen_root {
                return Err(rd.err(at, "only one root element is allowed"));
            }
            if stack.len() == MAX_DEPTH {
                return Err(rd.err(at, format!("elements nested deeper than {MAX_DEPTH}")));
            }
            let (attrs, empty) = rd.attrs()?;
            seen_root = true;
            events.push(Event::Start {
                name: name.clone(),
                attrs,
                at,
            });
            if empty {
                events.push(Event::End { name });
            } else {
                stack.push((name, at));
            }
        } else {
            let n = r.find('<').unwrap_or(r.len());
            let raw = &r[..n];
            if stack.is_empty() {
                if !raw.trim().is_empty() {
                    return Err(rd.err(at, "text outside the root element"));
                }
            } else {
                events.push(Event::Text(rd.unescape(raw, at)?));
            }
            rd.pos += n;
        }
    }
    if let Some((open, at)) = stack.pop() {
        return Err(rd.err(at, format!("<{open}> is never closed")));
    }
    if !seen_root {
        return Err(rd.err(0, "no root element"));
    }
    Ok(events)
}
