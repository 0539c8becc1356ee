//! A document cut down to some of its operations and the components they reach, so a group of
//! operations can be published (and diffed) as an OpenAPI document of its own.

use std::collections::BTreeSet;

use crate::document::Method;
use crate::node::{Entry, Node, NodeKind, write_json_string};

/// The document `root` as indented JSON ([`Node::to_json_pretty`] layout) with only the
/// operations `keep(path, method)` accepts, only the components (of every kind) those
/// operations reach through local `$ref`s, all security schemes, and `info` fields replaced by
/// the given overrides.
///
/// Written straight from `root`, without copying it. References into other files are kept as
/// written.
pub fn slice_document(
    root: &Node,
    keep: impl Fn(&str, Method) -> bool,
    info_overrides: &[(&str, &str)],
) -> String {
    let Some(entries) = root.as_object() else {
        return root.to_json_pretty();
    };
    let keep_field =
        |path: &str, key: &str| match Method::ALL.into_iter().find(|method| method.key() == key) {
            Some(method) => keep(path, method),
            None => true,
        };
    // The operations kept, per path (path items without one are left out).
    let paths = root.get("paths").and_then(Node::as_object).unwrap_or(&[]);
    let kept_paths: Vec<&Entry> = paths
        .iter()
        .filter(|item| {
            item.value.as_object().is_some_and(|fields| {
                fields.iter().any(|field| {
                    Method::ALL.iter().any(|method| method.key() == &*field.key)
                        && keep_field(&item.key, &field.key)
                })
            })
        })
        .collect();
    // Components reached from everything kept, transitively.
    let mut pending: Vec<String> = Vec::new();
    for entry in entries
        .iter()
        .filter(|entry| !matches!(&*entry.key, "paths" | "components"))
    {
        collect_local_refs(&entry.value, &mut pending);
    }
    for item in &kept_paths {
        for field in item.value.as_object().unwrap_or(&[]) {
            if keep_field(&item.key, &field.key) {
                collect_local_refs(&field.value, &mut pending);
            }
        }
    }
    let components = root.get("components");
    let mut reached: BTreeSet<(String, String)> = BTreeSet::new();
    while let Some(pointer) = pending.pop() {
        let mut parts = pointer.trim_start_matches('/').splitn(4, '/');
        let (Some("components"), Some(section), Some(name)) =
            (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        if reached.insert((section.to_owned(), name.clone()))
            && let Some(target) = components
                .and_then(|components| components.get(section))
                .and_then(|section| section.get(&name))
        {
            collect_local_refs(target, &mut pending);
        }
    }

    let mut writer = PrettyWriter::default();
    writer.open('{');
    for entry in entries {
        match &*entry.key {
            "paths" => {
                writer.key(&entry.key);
                writer.open('{');
                for item in &kept_paths {
                    writer.key(&item.key);
                    writer.open('{');
                    for field in item.value.as_object().unwrap_or(&[]) {
                        if keep_field(&item.key, &field.key) {
                            writer.key(&field.key);
                            writer.value(&field.value);
                        }
                    }
                    writer.close('}');
                }
                writer.close('}');
            }
            "components" => {
                let sections: Vec<(&Entry, Vec<&Entry>)> = entry
                    .value
                    .as_object()
                    .unwrap_or(&[])
                    .iter()
                    .map(|section| {
                        let items: Vec<&Entry> = section
                            .value
                            .as_object()
                            .unwrap_or(&[])
                            .iter()
                            .filter(|item| {
                                &*section.key == "securitySchemes"
                                    || reached
                                        .contains(&(section.key.to_string(), item.key.to_string()))
                            })
                            .collect();
                        (section, items)
                    })
                    .filter(|(_, items)| !items.is_empty())
                    .collect();
                if sections.is_empty() {
                    continue;
                }
                writer.key(&entry.key);
                writer.open('{');
                for (section, items) in sections {
                    writer.key(&section.key);
                    writer.open('{');
                    for item in items {
                        writer.key(&item.key);
                        writer.value(&item.value);
                    }
                    writer.close('}');
                }
                writer.close('}');
            }
            "info" if entry.value.as_object().is_some() => {
                writer.key(&entry.key);
                writer.open('{');
                let fields = entry.value.as_object().unwrap_or(&[]);
                for field in fields {
                    writer.key(&field.key);
                    match info_overrides.iter().find(|(key, _)| *key == &*field.key) {
                        Some((_, value)) => writer.string(value),
                        None => writer.value(&field.value),
                    }
                }
                for (key, value) in info_overrides {
                    if !fields.iter().any(|field| &*field.key == *key) {
                        writer.key(key);
                        writer.string(value);
                    }
                }
                writer.close('}');
            }
            _ => {
                writer.key(&entry.key);
                writer.value(&entry.value);
            }
        }
    }
    writer.close('}');
    writer.finish()
}

/// Writes indented JSON piece by piece, in the layout of [`Node::to_json_pretty`]: two
/// spaces per level, `"key": value`, empty objects as `{}`.
#[derive(Default)]
struct PrettyWriter {
    out: String,
    /// Per open container: whether it has a member yet.
    stack: Vec<bool>,
    /// A key was just written; the next value follows it on the same line.
    after_key: bool,
}

impl PrettyWriter {
    fn indent(&mut self) {
        for _ in 0..self.stack.len() {
            self.out.push_str("  ");
        }
    }

    /// Starts a member of the current container (comma, newline, indentation).
    fn member(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(has_members) = self.stack.last_mut() {
            if *has_members {
                self.out.push(',');
            }
            *has_members = true;
            self.out.push('\n');
            self.indent();
        }
    }

    fn key(&mut self, key: &str) {
        self.member();
        write_json_string(key, &mut self.out);
        self.out.push_str(": ");
        self.after_key = true;
    }

    fn open(&mut self, bracket: char) {
        self.member();
        self.out.push(bracket);
        self.stack.push(false);
    }

    fn close(&mut self, bracket: char) {
        let had_members = self.stack.pop().unwrap_or(false);
        if had_members {
            self.out.push('\n');
            self.indent();
        }
        self.out.push(bracket);
    }

    fn value(&mut self, node: &Node) {
        self.member();
        let level = self.stack.len();
        node.write_json_pretty_at(&mut self.out, level);
    }

    fn string(&mut self, text: &str) {
        self.member();
        write_json_string(text, &mut self.out);
    }

    fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }
}

/// Pointers (after `#`) of every local `$ref` under `node`.
fn collect_local_refs(node: &Node, out: &mut Vec<String>) {
    match &node.kind {
        NodeKind::Object(entries) => {
            for entry in entries {
                if &*entry.key == "$ref"
                    && let NodeKind::String(reference) = &entry.value.kind
                    && let Some(pointer) = reference.strip_prefix('#')
                {
                    out.push(crate::load::percent_decode(pointer));
                } else if &*entry.key == "mapping"
                    && let NodeKind::Object(mapping) = &entry.value.kind
                {
                    // Discriminator mappings name schemas by reference or by bare name.
                    for target in mapping {
                        if let NodeKind::String(reference) = &target.value.kind {
                            match reference.strip_prefix('#') {
                                Some(pointer) => out.push(crate::load::percent_decode(pointer)),
                                None if !reference.contains('/') => {
                                    out.push(format!("/components/schemas/{reference}"))
                                }
                                None => {}
                            }
                        }
                    }
                } else {
                    collect_local_refs(&entry.value, out);
                }
            }
        }
        NodeKind::Array(items) => {
            for item in items {
                collect_local_refs(item, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_reached_components() {
        let text = r##"{"openapi":"3.1.0","info":{"title":"T","version":"1"},"paths":{"/a/":{"get":{"responses":{"200":{"$ref":"#/components/responses/Ok"}}},"post":{"responses":{"201":{"description":"x"}}}},"/b/":{"get":{"responses":{}}}},"components":{"responses":{"Ok":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}},"schemas":{"A":{"properties":{"b":{"$ref":"#/components/schemas/B"}}},"B":{"type":"string"},"Unused":{"type":"string"}},"securitySchemes":{"token":{"type":"http","scheme":"bearer"}}}}"##;
        let root = crate::json::parse(text, crate::SourceId(0)).expect("valid json");
        let sliced = slice_document(
            &root,
            |path, method| path == "/a/" && method == Method::Get,
            &[("title", "T: group")],
        );
        let expected = r##"{"openapi":"3.1.0","info":{"title":"T: group","version":"1"},"paths":{"/a/":{"get":{"responses":{"200":{"$ref":"#/components/responses/Ok"}}}}},"components":{"responses":{"Ok":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}},"schemas":{"A":{"properties":{"b":{"$ref":"#/components/schemas/B"}}},"B":{"type":"string"}},"securitySchemes":{"token":{"type":"http","scheme":"bearer"}}}}"##;
        let expected = crate::json::parse(expected, crate::SourceId(0)).expect("valid json");
        assert_eq!(sliced, expected.to_json_pretty());
    }
}
