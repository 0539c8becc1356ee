//! A JSON-shaped tree with a source span on every node.
//!
//! Both the YAML and the JSON reader produce this tree; everything after them works on it
//! without knowing which syntax the file was written in.

use std::fmt;

use crate::source::Span;

/// A number as written in the document, kept exactly where it fits an integer type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer that fits `i64`.
    Integer(i64),
    /// A non-negative integer above `i64::MAX`.
    Unsigned(u64),
    /// Anything else: a fraction, an exponent, or an integer too large for 64 bits.
    Float(f64),
}

impl Number {
    /// The value as `f64` (exact for integers up to 2^53).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Integer(value) => value as f64,
            Number::Unsigned(value) => value as f64,
            Number::Float(value) => value,
        }
    }

    /// The value as `i64` when it is an integer in range.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Integer(value) => Some(value),
            Number::Unsigned(value) => i64::try_from(value).ok(),
            Number::Float(value) => {
                if value.fract() == 0.0 && value.abs() < 9.007_199_254_740_992e15 {
                    Some(value as i64)
                } else {
                    None
                }
            }
        }
    }

    /// The value as a non-negative integer, when it is one.
    pub fn as_u64(self) -> Option<u64> {
        match self {
            Number::Integer(value) => u64::try_from(value).ok(),
            Number::Unsigned(value) => Some(value),
            Number::Float(value) => {
                if value.fract() == 0.0 && (0.0..9.007_199_254_740_992e15).contains(&value) {
                    Some(value as u64)
                } else {
                    None
                }
            }
        }
    }

    /// True for the integer variants (and floats with no fractional part).
    pub fn is_integer(self) -> bool {
        match self {
            Number::Integer(_) | Number::Unsigned(_) => true,
            Number::Float(value) => value.is_finite() && value.fract() == 0.0,
        }
    }
}

impl fmt::Display for Number {
    /// JSON notation: integers exactly, floats in the shortest form that reads back the same.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Integer(value) => write!(formatter, "{value}"),
            Number::Unsigned(value) => write!(formatter, "{value}"),
            Number::Float(value) if value.is_finite() => {
                if value.fract() == 0.0 && value.abs() < 1e21 {
                    write!(formatter, "{value:.1}")
                } else {
                    write!(formatter, "{value}")
                }
            }
            // JSON has no spelling for these; YAML's `.inf`/`.nan` are the only source.
            Number::Float(value) if value.is_nan() => formatter.write_str("NaN"),
            Number::Float(value) if *value > 0.0 => formatter.write_str("Infinity"),
            Number::Float(_) => formatter.write_str("-Infinity"),
        }
    }
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `null` (YAML: `null`, `~` or nothing).
    Null,
    /// `true` or `false` (YAML 1.2 spellings only: `yes`/`on` stay strings).
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Box<str>),
    /// An array / YAML sequence.
    Array(Vec<Node>),
    /// An object / YAML mapping, entries in document order, keys unique.
    Object(Vec<Entry>),
}

/// One key/value pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key (YAML scalar keys are taken as written: `200:` is the key `"200"`).
    pub key: Box<str>,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A value together with the span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it is.
    pub span: Span,
}

impl Node {
    /// The entries when this is an object.
    pub fn as_object(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items when this is an array.
    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(text) => Some(text),
            _ => None,
        }
    }

    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?
            .iter()
            .find(|entry| &*entry.key == key)
            .map(|entry| &entry.value)
    }

    /// Follows a JSON pointer (RFC 6901, already percent-decoded): `""` is this node,
    /// `/components/schemas/Pet` walks three levels, `~1` and `~0` stand for `/` and `~`.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        for raw in rest.split('/') {
            let token = unescape_pointer_token(raw);
            node = match &node.kind {
                NodeKind::Object(entries) => {
                    &entries.iter().find(|entry| *entry.key == *token)?.value
                }
                NodeKind::Array(items) => {
                    let index: usize = token.parse().ok()?;
                    items.get(index)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// A short name for the kind of value, used in "expected X, found Y" messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Number(_) => "a number",
            NodeKind::String(_) => "a string",
            NodeKind::Array(_) => "an array",
            NodeKind::Object(_) => "an object",
        }
    }

    /// True when both values are the same JSON, wherever they were read from (spans are
    /// ignored; object keys are compared in order).
    pub fn same_content(&self, other: &Node) -> bool {
        match (&self.kind, &other.kind) {
            (NodeKind::Null, NodeKind::Null) => true,
            (NodeKind::Bool(left), NodeKind::Bool(right)) => left == right,
            (NodeKind::Number(left), NodeKind::Number(right)) => left == right,
            (NodeKind::String(left), NodeKind::String(right)) => left == right,
            (NodeKind::Array(left), NodeKind::Array(right)) => {
                left.len() == right.len()
                    && left
                        .iter()
                        .zip(right)
                        .all(|(left, right)| left.same_content(right))
            }
            (NodeKind::Object(left), NodeKind::Object(right)) => {
                left.len() == right.len()
                    && left.iter().zip(right).all(|(left, right)| {
                        left.key == right.key && left.value.same_content(&right.value)
                    })
            }
            _ => false,
        }
    }

    /// Number of nodes in this subtree (this node included).
    pub fn count(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Array(items) => items.iter().map(Node::count).sum(),
            NodeKind::Object(entries) => entries.iter().map(|entry| entry.value.count()).sum(),
            _ => 0,
        }
    }

    /// Writes this value as compact JSON (keys in document order).
    pub fn write_json(&self, out: &mut String) {
        match &self.kind {
            NodeKind::Null => out.push_str("null"),
            NodeKind::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            NodeKind::Number(number) => out.push_str(&number.to_string()),
            NodeKind::String(text) => write_json_string(text, out),
            NodeKind::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            NodeKind::Object(entries) => {
                out.push('{');
                for (index, entry) in entries.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_json_string(&entry.key, out);
                    out.push(':');
                    entry.value.write_json(out);
                }
                out.push('}');
            }
        }
    }

    /// This value as compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// This value as JSON indented by two spaces per level, ending with a newline (the layout
    /// of `JSON.stringify(value, null, 2)`, so files stay readable and diff well).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        self.write_json_pretty(&mut out, 0);
        out.push('\n');
        out
    }

    /// Writes this value as indented JSON, as if it started at nesting `level`.
    pub(crate) fn write_json_pretty_at(&self, out: &mut String, level: usize) {
        self.write_json_pretty(out, level);
    }

    fn write_json_pretty(&self, out: &mut String, level: usize) {
        let indent = |out: &mut String, level: usize| {
            for _ in 0..level {
                out.push_str("  ");
            }
        };
        match &self.kind {
            NodeKind::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (index, item) in items.iter().enumerate() {
                    indent(out, level + 1);
                    item.write_json_pretty(out, level + 1);
                    out.push_str(if index + 1 < items.len() { ",\n" } else { "\n" });
                }
                indent(out, level);
                out.push(']');
            }
            NodeKind::Object(entries) if !entries.is_empty() => {
                out.push_str("{\n");
                for (index, entry) in entries.iter().enumerate() {
                    indent(out, level + 1);
                    write_json_string(&entry.key, out);
                    out.push_str(": ");
                    entry.value.write_json_pretty(out, level + 1);
                    out.push_str(if index + 1 < entries.len() {
                        ",\n"
                    } else {
                        "\n"
                    });
                }
                indent(out, level);
                out.push('}');
            }
            _ => self.write_json(out),
        }
    }
}

/// Writes `text` as a JSON string literal (with quotes), escaping what JSON requires plus
/// U+2028/U+2029 so the result is also a valid JavaScript literal.
pub fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            control if (control as u32) < 0x20 || control == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", control as u32));
            }
            other => out.push(other),
        }
    }
    out.push('"');
}

/// Undoes RFC 6901 escaping of one pointer token (`~1` → `/`, `~0` → `~`).
fn unescape_pointer_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// Escapes a string for use as one JSON pointer token (`/` → `~1`, `~` → `~0`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceId;

    fn node(kind: NodeKind) -> Node {
        Node {
            kind,
            span: Span::new(SourceId(0), 0, 0),
        }
    }

    fn object(entries: Vec<(&str, Node)>) -> Node {
        node(NodeKind::Object(
            entries
                .into_iter()
                .map(|(key, value)| Entry {
                    key: key.into(),
                    key_span: Span::new(SourceId(0), 0, 0),
                    value,
                })
                .collect(),
        ))
    }

    #[test]
    fn pointer_walks_objects_and_arrays_and_unescapes() {
        let tree = object(vec![(
            "paths",
            object(vec![(
                "/pets/{id}",
                node(NodeKind::Array(vec![node(NodeKind::Bool(true))])),
            )]),
        )]);
        assert_eq!(
            tree.pointer("/paths/~1pets~1{id}/0").map(|n| &n.kind),
            Some(&NodeKind::Bool(true))
        );
        assert!(tree.pointer("/paths/missing").is_none());
        assert!(tree.pointer("paths").is_none());
        assert_eq!(tree.pointer("").map(Node::kind_name), Some("an object"));
    }

    #[test]
    fn json_output_escapes_and_keeps_numbers() {
        let tree = object(vec![
            ("a\"b", node(NodeKind::String("line\nnext\u{2028}".into()))),
            (
                "n",
                node(NodeKind::Number(Number::Integer(9_223_372_036_854_775_807))),
            ),
            ("f", node(NodeKind::Number(Number::Float(2.0)))),
        ]);
        assert_eq!(
            tree.to_json(),
            r#"{"a\"b":"line\nnext\u2028","n":9223372036854775807,"f":2.0}"#
        );
    }
}
