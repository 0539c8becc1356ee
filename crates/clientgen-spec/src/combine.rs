//! Several documents read as one API (`schema = ["shop.yaml", "billing.yaml"]` in
//! clientgen.toml): where they disagree so that no single API can say what both say.

use crate::document::Method;
use crate::node::Node;
use crate::source::Span;

/// Something two documents both define, differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// What it is, for a message: ``schema `Ticket` ``, ``operation `GET /api/tickets/` ``.
    pub what: String,
    /// True when the item may be defined only once (an operation); false when both define
    /// it, but differently (a component, `security`, the OpenAPI version).
    pub duplicate: bool,
    /// The earlier document (its index in the list given) and where it defines the item.
    pub earlier: (usize, Span),
    /// The later document and where it defines the item.
    pub later: (usize, Span),
}

/// Every clash between `roots` (parsed documents, in the order the configuration lists them)
/// that would make one API out of them ambiguous:
///
/// - the same operation (path and method) in two documents;
/// - a path item both have with different fields besides its operations (`parameters`, …);
/// - a component (schema, parameter, response, security scheme, …) both name but define
///   differently, compared as JSON (`$ref`s as written);
/// - different OpenAPI versions (`3.0` against `3.1`) or different top-level `security`.
///
/// Equal definitions are not clashes: documents generated from one Django project share their
/// components. Tags, servers and `info` never clash (the first document's are used).
pub fn clashes(roots: &[&Node]) -> Vec<Clash> {
    let mut found = Vec::new();
    for (later, root) in roots.iter().enumerate() {
        for (earlier, other) in roots.iter().enumerate().take(later) {
            compare(earlier, other, later, root, &mut found);
        }
    }
    found
}

fn compare(earlier: usize, first: &Node, later: usize, second: &Node, found: &mut Vec<Clash>) {
    let mut clash = |what: String, duplicate: bool, left: Span, right: Span| {
        found.push(Clash {
            what,
            duplicate,
            earlier: (earlier, left),
            later: (later, right),
        });
    };
    let version = |root: &Node| {
        root.get("openapi").map(|node| {
            let text = node
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| node.to_json());
            let minor: String = text.split('.').take(2).collect::<Vec<_>>().join(".");
            (minor, text, node.span)
        })
    };
    if let (Some((left, left_text, left_span)), Some((right, right_text, right_span))) =
        (version(first), version(second))
        && left != right
    {
        clash(
            format!("OpenAPI version (`{left_text}` against `{right_text}`)"),
            false,
            left_span,
            right_span,
        );
    }
    let security = String::from("top-level `security`");
    match (first.get("security"), second.get("security")) {
        (Some(left), Some(right)) if !left.same_content(right) => {
            clash(security, false, left.span, right.span);
        }
        (Some(left), None) => clash(security, false, left.span, start(second)),
        (None, Some(right)) => clash(security, false, start(first), right.span),
        _ => {}
    }

    let is_method = |key: &str| Method::ALL.iter().any(|method| method.key() == key);
    for item in object_at(second, "paths") {
        let Some(other) = object_at(first, "paths")
            .iter()
            .find(|other| other.key == item.key)
        else {
            continue;
        };
        let (Some(left), Some(right)) = (other.value.as_object(), item.value.as_object()) else {
            continue;
        };
        let field_of_path = |key: &str| format!("`{key}` of path `{}`", item.key);
        for field in right {
            match left.iter().find(|candidate| candidate.key == field.key) {
                Some(existing) if is_method(&field.key) => clash(
                    format!(
                        "operation `{} {}`",
                        field.key.to_ascii_uppercase(),
                        item.key
                    ),
                    true,
                    existing.key_span,
                    field.key_span,
                ),
                Some(existing) if !existing.value.same_content(&field.value) => clash(
                    field_of_path(&field.key),
                    false,
                    existing.key_span,
                    field.key_span,
                ),
                None if !is_method(&field.key) => clash(
                    field_of_path(&field.key),
                    false,
                    other.key_span,
                    field.key_span,
                ),
                _ => {}
            }
        }
        for field in left {
            if !is_method(&field.key) && !right.iter().any(|candidate| candidate.key == field.key) {
                clash(
                    field_of_path(&field.key),
                    false,
                    field.key_span,
                    item.key_span,
                );
            }
        }
    }

    for section in object_at(second, "components") {
        let Some(other) = object_at(first, "components")
            .iter()
            .find(|other| other.key == section.key)
        else {
            continue;
        };
        for item in section.value.as_object().unwrap_or(&[]) {
            if let Some(existing) = other
                .value
                .as_object()
                .and_then(|entries| entries.iter().find(|entry| entry.key == item.key))
                && !existing.value.same_content(&item.value)
            {
                let what = match &*section.key {
                    "schemas" => format!("schema `{}`", item.key),
                    "securitySchemes" => format!("security scheme `{}`", item.key),
                    section => format!("`components/{section}/{}`", item.key),
                };
                clash(what, false, existing.key_span, item.key_span);
            }
        }
    }
}

/// The entries of the object at `key` of `root` (none when it is missing or not an object).
fn object_at<'n>(root: &'n Node, key: &str) -> &'n [crate::node::Entry] {
    root.get(key).and_then(Node::as_object).unwrap_or(&[])
}

/// The start of a document, for clashes about something it lacks.
fn start(root: &Node) -> Span {
    Span::new(
        root.span.source,
        root.span.start as usize,
        root.span.start as usize,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceId;

    fn parse(text: &str, source: u32) -> Node {
        crate::json::parse(text, SourceId(source)).expect("valid json")
    }

    #[test]
    fn equal_components_and_distinct_operations_combine() {
        let first = parse(
            r##"{"openapi":"3.0.3","paths":{"/a/":{"get":{}},"/c/":{"get":{}}},"components":{"schemas":{"A":{"type":"string"}}}}"##,
            0,
        );
        let second = parse(
            r##"{"openapi": "3.0.2", "paths": {"/b/": {"get": {}}, "/c/": {"post": {}}}, "components": {"schemas": {"A": {"type": "string"}, "B": {}}}}"##,
            1,
        );
        assert_eq!(clashes(&[&first, &second]), Vec::new());
    }

    #[test]
    fn every_kind_of_clash_is_found() {
        let first = parse(
            r##"{"openapi":"3.0.3","security":[{"t":[]}],"paths":{"/a/":{"parameters":[],"get":{}}},"components":{"schemas":{"A":{"type":"string"}},"securitySchemes":{"t":{"type":"http","scheme":"bearer"}}}}"##,
            0,
        );
        let second = parse(
            r##"{"openapi":"3.1.0","paths":{"/a/":{"get":{}}},"components":{"schemas":{"A":{"type":"integer"}},"securitySchemes":{"t":{"type":"apiKey","in":"header","name":"X"}}}}"##,
            1,
        );
        let found: Vec<String> = clashes(&[&first, &second])
            .into_iter()
            .map(|clash| {
                assert_eq!((clash.earlier.0, clash.later.0), (0, 1));
                assert_eq!(clash.earlier.1.source, SourceId(0));
                assert_eq!(clash.later.1.source, SourceId(1));
                clash.what
            })
            .collect();
        assert_eq!(
            found,
            [
                "OpenAPI version (`3.0.3` against `3.1.0`)",
                "top-level `security`",
                "operation `GET /a/`",
                "`parameters` of path `/a/`",
                "schema `A`",
                "security scheme `t`",
            ]
        );
    }
}
