//! JSON text (RFC 8259) to a span-carrying [`Node`] tree.
//!
//! A small recursive-descent reader of our own: general JSON libraries do not report where each
//! value came from, and every diagnostic clientgen prints needs that.

use crate::diagnostic::Diagnostic;
use crate::node::{Entry, Node, NodeKind, Number};
use crate::source::{SourceId, Span};

/// Deepest nesting accepted. Real OpenAPI documents stay far below; the limit keeps
/// pathological input from exhausting the stack later in the pipeline.
pub const MAX_DEPTH: usize = 256;

/// Parses a whole JSON document. A leading UTF-8 byte-order mark is skipped.
///
/// # Errors
/// The first syntax error, with its position: unexpected character, unterminated string,
/// invalid escape, nesting deeper than [`MAX_DEPTH`], duplicate object key, trailing content.
pub fn parse(text: &str, source: SourceId) -> Result<Node, Box<Diagnostic>> {
    parse_collecting_refs(text, source).map(|(node, _)| node)
}

/// Like [`parse`], also returning every `$ref` value that names another file, in document
/// order, so the loader need not walk the tree.
pub(crate) fn parse_collecting_refs(
    text: &str,
    source: SourceId,
) -> Result<(Node, Vec<String>), Box<Diagnostic>> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        position: 0,
        source,
        depth: 0,
        file_refs: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        reader.position = '\u{feff}'.len_utf8();
    }
    reader.skip_whitespace();
    let node = reader.value()?;
    reader.skip_whitespace();
    if reader.position < reader.bytes.len() {
        return Err(reader.error_here("unexpected content after the end of the JSON document"));
    }
    Ok((node, reader.file_refs))
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    position: usize,
    source: SourceId,
    depth: usize,
    /// `$ref` values naming another file, in document order.
    file_refs: Vec<String>,
}

impl Reader<'_> {
    fn span(&self, start: usize) -> Span {
        Span::new(self.source, start, self.position)
    }

    fn error_at(&self, start: usize, end: usize, message: impl Into<String>) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(
            Span::new(self.source, start, end),
            message,
        ))
    }

    fn error_here(&self, message: impl Into<String>) -> Box<Diagnostic> {
        let end = (self.position + 1).min(self.bytes.len());
        let described = match self.peek() {
            None => format!("{}, found the end of the file", message.into()),
            Some(_) => {
                let found: String = self.text[self.position..].chars().take(1).collect();
                format!("{}, found `{}`", message.into(), found.escape_default())
            }
        };
        self.error_at(self.position, end, described)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.position += 1;
        }
    }

    fn value(&mut self) -> Result<Node, Box<Diagnostic>> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let start = self.position;
                let text = self.string()?;
                Ok(Node {
                    kind: NodeKind::String(text.into_boxed_str()),
                    span: self.span(start),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", NodeKind::Bool(true)),
            Some(b'f') => self.literal("false", NodeKind::Bool(false)),
            Some(b'n') => self.literal("null", NodeKind::Null),
            _ => Err(self.error_here("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Result<Node, Box<Diagnostic>> {
        let start = self.position;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.position += word.len();
            Ok(Node {
                kind,
                span: self.span(start),
            })
        } else {
            Err(self.error_here("expected a JSON value"))
        }
    }

    fn enter(&mut self) -> Result<(), Box<Diagnostic>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(
                self.position,
                self.position + 1,
                format!("the document nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Node, Box<Diagnostic>> {
        let start = self.position;
        self.enter()?;
        self.position += 1;
        let mut entries: Vec<Entry> = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.position += 1;
        } else {
            loop {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    return Err(self.error_here("expected a string key"));
                }
                let key_start = self.position;
                let key = self.string()?;
                let key_span = self.span(key_start);
                if let Some(first) = entries.iter().find(|entry| *entry.key == *key) {
                    return Err(Box::new(
                        Diagnostic::error(key_span, format!("duplicate key `{key}`"))
                            .with_label("repeated here")
                            .with_related(first.key_span, "first defined here"),
                    ));
                }
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return Err(self.error_here("expected `:` after an object key"));
                }
                self.position += 1;
                self.skip_whitespace();
                let value = self.value()?;
                if key == "$ref" {
                    crate::yaml::note_file_ref(&value, &mut self.file_refs);
                }
                entries.push(Entry {
                    key: key.into_boxed_str(),
                    key_span,
                    value,
                });
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.position += 1,
                    Some(b'}') => {
                        self.position += 1;
                        break;
                    }
                    _ => return Err(self.error_here("expected `,` or `}` in an object")),
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            kind: NodeKind::Object(entries),
            span: self.span(start),
        })
    }

    fn array(&mut self) -> Result<Node, Box<Diagnostic>> {
        let start = self.position;
        self.enter()?;
        self.position += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.position += 1;
        } else {
            loop {
                self.skip_whitespace();
                items.push(self.value()?);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.position += 1,
                    Some(b']') => {
                        self.position += 1;
                        break;
                    }
                    _ => return Err(self.error_here("expected `,` or `]` in an array")),
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            kind: NodeKind::Array(items),
            span: self.span(start),
        })
    }

    fn string(&mut self) -> Result<String, Box<Diagnostic>> {
        let start = self.position;
        self.position += 1;
        let mut out = String::new();
        loop {
            let run_start = self.position;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.position += 1;
            }
            // Runs end only at ASCII bytes, so they are always on character boundaries.
            out.push_str(&self.text[run_start..self.position]);
            match self.peek() {
                Some(b'"') => {
                    self.position += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.position += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(
                        self.error_here("control characters must be escaped inside a JSON string")
                    );
                }
                None => {
                    return Err(self.error_at(
                        start,
                        self.position,
                        "unterminated string: expected a closing `\"`",
                    ));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Box<Diagnostic>> {
        let escape_start = self.position - 1;
        let Some(byte) = self.peek() else {
            return Err(self.error_here("expected an escape character after `\\`"));
        };
        self.position += 1;
        let character = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) {
                    if self.bytes[self.position..].starts_with(b"\\u") {
                        self.position += 2;
                        let low = self.hex4()?;
                        if (0xDC00..0xE000).contains(&low) {
                            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            char::from_u32(code).unwrap_or('\u{fffd}')
                        } else {
                            return Err(self.error_at(
                                escape_start,
                                self.position,
                                "invalid surrogate pair in a `\\u` escape",
                            ));
                        }
                    } else {
                        return Err(self.error_at(
                            escape_start,
                            self.position,
                            "unpaired surrogate in a `\\u` escape",
                        ));
                    }
                } else if (0xDC00..0xE000).contains(&high) {
                    return Err(self.error_at(
                        escape_start,
                        self.position,
                        "unpaired surrogate in a `\\u` escape",
                    ));
                } else {
                    char::from_u32(high).unwrap_or('\u{fffd}')
                }
            }
            _ => {
                return Err(self.error_at(
                    escape_start,
                    self.position,
                    "invalid escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                ));
            }
        };
        out.push(character);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Box<Diagnostic>> {
        let digits = self
            .bytes
            .get(self.position..self.position + 4)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u32::from_str_radix(digits, 16).ok());
        match digits {
            Some(value) => {
                self.position += 4;
                Ok(value)
            }
            None => Err(self.error_here("expected four hexadecimal digits after `\\u`")),
        }
    }

    fn number(&mut self) -> Result<Node, Box<Diagnostic>> {
        let start = self.position;
        if self.peek() == Some(b'-') {
            self.position += 1;
        }
        match self.peek() {
            Some(b'0') => self.position += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here("expected a digit")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.position += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.position += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.position += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        let text = &self.text[start..self.position];
        let number = parse_number(text, integer);
        Ok(Node {
            kind: NodeKind::Number(number),
            span: self.span(start),
        })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.position += 1;
        }
    }
}

/// Reads a syntactically valid JSON number, keeping integers exact when they fit 64 bits.
pub(crate) fn parse_number(text: &str, integer: bool) -> Number {
    if integer {
        if let Ok(value) = text.parse::<i64>() {
            return Number::Integer(value);
        }
        if let Ok(value) = text.parse::<u64>() {
            return Number::Unsigned(value);
        }
    }
    Number::Float(text.parse::<f64>().unwrap_or(f64::NAN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        match parse(text, SourceId(0)) {
            Ok(node) => node,
            Err(error) => panic!("unexpected error: {}", error.message),
        }
    }

    fn parse_err(text: &str) -> Diagnostic {
        match parse(text, SourceId(0)) {
            Ok(node) => panic!("expected an error, got {node:?}"),
            Err(error) => *error,
        }
    }

    #[test]
    fn reads_values_with_spans() {
        let node = parse_ok(
            r#" {"a": [1, -2.5e3, true, null, "x\u00e9\ud83d\ude00"], "b": 18446744073709551615} "#,
        );
        assert_eq!(
            node.to_json(),
            r#"{"a":[1,-2500.0,true,null,"xé😀"],"b":18446744073709551615}"#
        );
        let array = node.get("a").and_then(Node::as_array).map(<[Node]>::to_vec);
        let array = array.unwrap_or_default();
        assert_eq!((array[1].span.start, array[1].span.end), (11, 17));
        assert_eq!(node.span.start, 1);
    }

    #[test]
    fn reports_syntax_errors_with_positions() {
        let error = parse_err("{\"a\": 1,}");
        assert_eq!(error.message, "expected a string key, found `}`");
        assert_eq!(error.span.map(|s| s.start), Some(8));
        assert!(
            parse_err("[1 2]")
                .message
                .starts_with("expected `,` or `]`")
        );
        assert!(
            parse_err("\"abc")
                .message
                .starts_with("unterminated string")
        );
        assert!(
            parse_err("{\"a\":1,\"a\":2}")
                .message
                .contains("duplicate key `a`")
        );
        assert!(parse_err("01").message.contains("after the end"));
        assert!(
            parse_err("\"\\ud800\"")
                .message
                .contains("unpaired surrogate")
        );
        assert!(parse_err("").message.contains("end of the file"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000);
        assert!(parse_err(&text).message.contains("nests deeper"));
    }
}
