//! YAML text to a span-carrying [`Node`] tree.
//!
//! Built directly on the event stream of `granit-parser`, the parser `serde-saphyr` uses: going
//! through serde's data model to a generic spanned tree costs about three times as much
//! (105 ms against 35 ms for the 1.7 MB authentik spec), and a generic tree is what `$ref`
//! resolution needs. Scalars follow the YAML 1.2 core schema with *strict booleans*: only
//! `true`/`false` (any case variant the spec lists) are booleans, so `yes`, `no`, `on` and `off`
//! stay strings, and integers written with leading zeros (`0755`) stay strings.

use granit_parser::{Event, Parser, ScalarStyle};
use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::json::{MAX_DEPTH, parse_number};
use crate::node::{Entry, Node, NodeKind, Number};
use crate::source::{SourceId, Span};

/// Most nodes that alias expansion (`*name`) may create in one document: enough for any real
/// document, small enough to stop "billion laughs" input.
const MAX_ALIAS_NODES: usize = 1_000_000;

/// Parses one YAML document.
///
/// # Errors
/// The first problem found: a syntax error (with the parser's own description), a duplicate
/// mapping key, a non-scalar mapping key, more than one document in the stream, nesting deeper
/// than [`MAX_DEPTH`], or aliases that would expand to more than a million nodes.
pub fn parse(text: &str, source: SourceId) -> Result<Node, Box<Diagnostic>> {
    parse_collecting_refs(text, source).map(|(node, _)| node)
}

/// Like [`parse`], also returning every `$ref` value that names another file (the part of the
/// reference before `#` is not empty), in document order, so the loader need not walk the tree.
pub(crate) fn parse_collecting_refs(
    text: &str,
    source: SourceId,
) -> Result<(Node, Vec<String>), Box<Diagnostic>> {
    let mut builder = Builder {
        file_refs: Vec::new(),
        source,
        stack: Vec::new(),
        anchors: FxHashMap::default(),
        alias_budget: MAX_ALIAS_NODES,
        root: None,
        documents: 0,
    };
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                let start = span.start.byte_offset().unwrap_or(0);
                let end = span.end.byte_offset().unwrap_or(start);
                builder.event(event, Span::new(source, start, end))?;
            }
            Err(error) => {
                let offset = error.marker().byte_offset().unwrap_or(0);
                let end = (offset + 1).min(text.len()).max(offset);
                return Err(Box::new(
                    Diagnostic::error(
                        Span::new(source, offset, end),
                        format!("invalid YAML: {}", error.info()),
                    )
                    .with_label("here"),
                ));
            }
        }
    }
    let root = builder.root.unwrap_or(Node {
        kind: NodeKind::Null,
        span: Span::new(source, 0, 0),
    });
    Ok((root, builder.file_refs))
}

enum Frame {
    Sequence {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Mapping {
        start: Span,
        anchor: usize,
        entries: Vec<Entry>,
        /// The key read and waiting for its value; `merge` when it is a plain `<<`.
        key: Option<(Box<str>, Span, bool)>,
        /// Mappings named by `<<` entries, merged in at the end (explicit keys win).
        merges: Vec<Node>,
    },
}

struct Builder {
    source: SourceId,
    /// `$ref` values naming another file, in document order.
    file_refs: Vec<String>,
    stack: Vec<Frame>,
    anchors: FxHashMap<usize, Node>,
    alias_budget: usize,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Box<Diagnostic>> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Box::new(
                        Diagnostic::error(span, "expected a single YAML document, found a second one")
                            .with_help("an OpenAPI file holds exactly one document; remove the extra `---` section"),
                    ));
                }
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => {
                let plain_key = style == ScalarStyle::Plain && &*value == "<<";
                let kind = scalar_kind(&value, style, tag.as_deref());
                let node = Node { kind, span };
                if anchor != 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.complete(node, plain_key)
            }
            Event::SequenceStart(_, anchor, _) => {
                self.push(Frame::Sequence {
                    start: span,
                    anchor,
                    items: Vec::new(),
                })?;
                Ok(())
            }
            Event::MappingStart(_, anchor, _) => {
                self.push(Frame::Mapping {
                    start: span,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                })?;
                Ok(())
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Sequence {
                    start,
                    anchor,
                    items,
                }) => {
                    let node = Node {
                        kind: NodeKind::Array(items),
                        span: Span::new(self.source, start.start as usize, span.end as usize),
                    };
                    self.finish_collection(node, anchor)
                }
                _ => Err(self.structure_error(span)),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Mapping {
                    start,
                    anchor,
                    mut entries,
                    merges,
                    ..
                }) => {
                    apply_merges(&mut entries, merges);
                    let node = Node {
                        kind: NodeKind::Object(entries),
                        span: Span::new(self.source, start.start as usize, span.end as usize),
                    };
                    self.finish_collection(node, anchor)
                }
                _ => Err(self.structure_error(span)),
            },
            Event::Alias(anchor) => {
                let Some(target) = self.anchors.get(&anchor) else {
                    return Err(Box::new(Diagnostic::error(
                        span,
                        "alias to an unknown anchor",
                    )));
                };
                let size = target.count();
                if size > self.alias_budget {
                    return Err(Box::new(Diagnostic::error(
                        span,
                        format!(
                            "aliases in this document expand to more than {MAX_ALIAS_NODES} nodes"
                        ),
                    )));
                }
                self.alias_budget -= size;
                let mut node = target.clone();
                // Report problems inside the copy at the alias, where the reader looks.
                node.span = span;
                self.complete(node, false)
            }
            // Anchor metadata, unresolved aliases and comments are not enabled in the options;
            // should a future parser version send other events, they carry no data we need.
            _ => Ok(()),
        }
    }

    fn structure_error(&self, span: Span) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(
            span,
            "invalid YAML: unbalanced collection end",
        ))
    }

    fn push(&mut self, frame: Frame) -> Result<(), Box<Diagnostic>> {
        if self.stack.len() >= MAX_DEPTH {
            let span = match &frame {
                Frame::Sequence { start, .. } | Frame::Mapping { start, .. } => *start,
            };
            return Err(Box::new(Diagnostic::error(
                span,
                format!("the document nests deeper than {MAX_DEPTH} levels"),
            )));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn finish_collection(&mut self, node: Node, anchor: usize) -> Result<(), Box<Diagnostic>> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        self.complete(node, false)
    }

    /// Places a finished node into its parent (or makes it the root).
    fn complete(&mut self, node: Node, merge_key: bool) -> Result<(), Box<Diagnostic>> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Sequence { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Frame::Mapping {
                entries,
                key,
                merges,
                ..
            }) => match key.take() {
                None => {
                    let text = match node.kind {
                        NodeKind::String(text) => text,
                        NodeKind::Null => Box::from(""),
                        NodeKind::Bool(_) | NodeKind::Number(_) => {
                            // Keys are taken as written: `200:` is the status code key "200".
                            Box::from(key_text(&node))
                        }
                        NodeKind::Array(_) | NodeKind::Object(_) => {
                            return Err(Box::new(
                                Diagnostic::error(
                                    node.span,
                                    "expected a scalar mapping key, found a collection",
                                )
                                .with_help("OpenAPI documents only use string keys"),
                            ));
                        }
                    };
                    *key = Some((text, node.span, merge_key));
                    Ok(())
                }
                Some((text, key_span, is_merge)) => {
                    if is_merge {
                        match node.kind {
                            NodeKind::Object(_) => merges.push(node),
                            NodeKind::Array(items) => merges.extend(items),
                            _ => {
                                return Err(Box::new(Diagnostic::error(
                                    node.span,
                                    "expected a mapping or a list of mappings after the merge key `<<`",
                                )));
                            }
                        }
                        return Ok(());
                    }
                    if let Some(first) = entries.iter().find(|entry| entry.key == text) {
                        return Err(Box::new(
                            Diagnostic::error(key_span, format!("duplicate key `{text}`"))
                                .with_label("repeated here")
                                .with_related(first.key_span, "first defined here"),
                        ));
                    }
                    if &*text == "$ref" {
                        note_file_ref(&node, &mut self.file_refs);
                    }
                    entries.push(Entry {
                        key: text,
                        key_span,
                        value: node,
                    });
                    Ok(())
                }
            },
        }
    }
}

/// Records the value of a `$ref` entry when it names another file.
pub(crate) fn note_file_ref(value: &Node, file_refs: &mut Vec<String>) {
    if let NodeKind::String(reference) = &value.kind {
        let file_part = reference.split('#').next().unwrap_or("");
        if !file_part.is_empty() {
            file_refs.push(reference.to_string());
        }
    }
}

/// The written form of a scalar key that resolved to a number or boolean.
fn key_text(node: &Node) -> String {
    match &node.kind {
        NodeKind::Bool(value) => value.to_string(),
        NodeKind::Number(Number::Integer(value)) => value.to_string(),
        NodeKind::Number(Number::Unsigned(value)) => value.to_string(),
        NodeKind::Number(number) => number.to_string(),
        _ => String::new(),
    }
}

/// Adds the entries of `<<` merge sources that the mapping does not define itself. Earlier
/// sources win over later ones, as in YAML 1.1's merge key type.
fn apply_merges(entries: &mut Vec<Entry>, merges: Vec<Node>) {
    for source in merges {
        if let NodeKind::Object(merged) = source.kind {
            for entry in merged {
                if !entries.iter().any(|existing| existing.key == entry.key) {
                    entries.push(entry);
                }
            }
        }
    }
}

const CORE_TAG_PREFIX: &str = "tag:yaml.org,2002:";

fn scalar_kind(value: &str, style: ScalarStyle, tag: Option<&granit_parser::Tag>) -> NodeKind {
    if let Some(tag) = tag
        && tag.handle() == CORE_TAG_PREFIX
    {
        return match tag.suffix() {
            "str" | "binary" | "timestamp" => NodeKind::String(value.into()),
            "null" => NodeKind::Null,
            "bool" => {
                resolve_bool(value).map_or_else(|| NodeKind::String(value.into()), NodeKind::Bool)
            }
            "int" | "float" => match resolve_plain(value) {
                kind @ NodeKind::Number(_) => kind,
                _ => NodeKind::String(value.into()),
            },
            _ => resolve_by_style(value, style),
        };
    }
    resolve_by_style(value, style)
}

fn resolve_by_style(value: &str, style: ScalarStyle) -> NodeKind {
    if style == ScalarStyle::Plain {
        resolve_plain(value)
    } else {
        NodeKind::String(value.into())
    }
}

fn resolve_bool(value: &str) -> Option<bool> {
    match value {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// YAML 1.2 core schema resolution of a plain scalar, with strict booleans and leading-zero
/// integers kept as strings.
fn resolve_plain(value: &str) -> NodeKind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return NodeKind::Number(Number::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return NodeKind::Number(Number::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return NodeKind::Number(Number::Float(f64::NAN)),
        _ => {}
    }
    if let Some(boolean) = resolve_bool(value) {
        return NodeKind::Bool(boolean);
    }
    let bytes = value.as_bytes();
    let first = bytes[0];
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return NodeKind::String(value.into());
    }
    if let Some(hex) = value.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|byte| byte.is_ascii_hexdigit())
    {
        return u64::from_str_radix(hex, 16).map_or_else(
            |_| NodeKind::String(value.into()),
            |number| NodeKind::Number(unsigned(number)),
        );
    }
    if let Some(octal) = value.strip_prefix("0o")
        && !octal.is_empty()
        && octal.bytes().all(|byte| (b'0'..=b'7').contains(&byte))
    {
        return u64::from_str_radix(octal, 8).map_or_else(
            |_| NodeKind::String(value.into()),
            |number| NodeKind::Number(unsigned(number)),
        );
    }
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        if digits.len() > 1 && digits.starts_with('0') {
            return NodeKind::String(value.into());
        }
        let normalized = value.strip_prefix('+').unwrap_or(value);
        return NodeKind::Number(parse_number(normalized, true));
    }
    if is_core_float(digits) {
        let normalized = value.strip_prefix('+').unwrap_or(value);
        if let Ok(number) = normalized.parse::<f64>() {
            return NodeKind::Number(Number::Float(number));
        }
    }
    NodeKind::String(value.into())
}

fn unsigned(number: u64) -> Number {
    i64::try_from(number).map_or(Number::Unsigned(number), Number::Integer)
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` (sign already removed).
fn is_core_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut index = 0;
    let integer_digits = count_digits(&bytes[index..]);
    index += integer_digits;
    let mut fraction_digits = 0;
    if bytes.get(index) == Some(&b'.') {
        index += 1;
        fraction_digits = count_digits(&bytes[index..]);
        index += fraction_digits;
    }
    if integer_digits == 0 && fraction_digits == 0 {
        return false;
    }
    if let Some(b'e' | b'E') = bytes.get(index) {
        index += 1;
        if let Some(b'+' | b'-') = bytes.get(index) {
            index += 1;
        }
        let exponent_digits = count_digits(&bytes[index..]);
        if exponent_digits == 0 {
            return false;
        }
        index += exponent_digits;
    }
    index == bytes.len()
}

fn count_digits(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
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
    fn strict_core_schema_scalars() {
        let node = parse_ok(
            "a: yes\nb: on\nc: true\nd: 0755\ne: 12\nf: 1.5e3\ng: ~\nh: '12'\ni: 3.0.3\nj: -7\nk: .inf\nl: 0x1F\nm: 18446744073709551615\nn: !!str 12\no: +3\n",
        );
        assert_eq!(
            node.to_json(),
            r#"{"a":"yes","b":"on","c":true,"d":"0755","e":12,"f":1500.0,"g":null,"h":"12","i":"3.0.3","j":-7,"k":Infinity,"l":31,"m":18446744073709551615,"n":"12","o":3}"#
        );
    }

    #[test]
    fn numeric_keys_keep_their_spelling_and_spans_point_at_keys() {
        let node = parse_ok("responses:\n  200:\n    description: ok\n");
        let responses = node
            .get("responses")
            .and_then(Node::as_object)
            .unwrap_or(&[]);
        assert_eq!(&*responses[0].key, "200");
        assert_eq!(responses[0].key_span.start, 13);
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let node = parse_ok("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\ncopy: *b\n");
        assert_eq!(
            node.to_json(),
            r#"{"base":{"x":1,"y":2},"derived":{"y":3,"x":1},"copy":{"x":1,"y":2}}"#
        );
    }

    #[test]
    fn errors_are_reported_with_positions() {
        let error = parse_err("a: 1\na: 2\n");
        assert_eq!(error.message, "duplicate key `a`");
        assert_eq!(error.span.map(|span| span.start), Some(5));
        assert!(parse_err("a: [1, 2\n").message.starts_with("invalid YAML"));
        assert!(
            parse_err("a: 1\n---\nb: 2\n")
                .message
                .contains("single YAML document")
        );
        assert!(
            parse_err("? [1, 2]\n: x\n")
                .message
                .contains("scalar mapping key")
        );
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..8 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        assert!(parse_err(&text).message.contains("expand to more than"));
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let text = "[".repeat(10_000);
        let error = parse_err(&text);
        assert!(
            error.message.contains("nests deeper") || error.message.starts_with("invalid YAML"),
            "{}",
            error.message
        );
    }
}
