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
    if root.as_object().is_none() {
        return root.to_json_pretty();
    }
    slice_documents(
        &[root],
        |_, path, method| keep(path, method),
        info_overrides,
    )
}

/// Several documents written as one, cut down like [`slice_document`]: `keep(document, path,
/// method)` chooses operations by the index of their document in `roots`.
///
/// The top level, `info` and every other single-valued field come from the first document;
/// `paths`, each `components` section and `tags` are the union of all documents in order
/// (first come first), and path items that several documents share are written once with
/// the operations of each. Meant for documents [`crate::combine::clashes`] found nothing
/// against: where they disagree anyway, the first document's version is written. Roots that
/// are not objects are skipped.
pub fn slice_documents(
    roots: &[&Node],
    keep: impl Fn(usize, &str, Method) -> bool,
    info_overrides: &[(&str, &str)],
) -> String {
    let documents: Vec<(usize, &[Entry])> = roots
        .iter()
        .enumerate()
        .filter_map(|(index, root)| Some((index, root.as_object()?)))
        .collect();
    let is_method = |key: &str| Method::ALL.iter().any(|method| method.key() == key);
    let keep_field = |document: usize, path: &str, key: &str| match Method::ALL
        .into_iter()
        .find(|method| method.key() == key)
    {
        Some(method) => keep(document, path, method),
        None => true,
    };
    // Path items with a kept operation, in order of first appearance, each with the items of
    // every document that has that path.
    let mut kept_paths: Vec<(&str, Vec<PathItemOf<'_>>)> = Vec::new();
    for &(document, _) in &documents {
        let paths = roots[document]
            .get("paths")
            .and_then(Node::as_object)
            .unwrap_or(&[]);
        for item in paths {
            let Some(fields) = item.value.as_object() else {
                continue;
            };
            if !fields
                .iter()
                .any(|field| is_method(&field.key) && keep_field(document, &item.key, &field.key))
            {
                continue;
            }
            match kept_paths.iter_mut().find(|(path, _)| *path == &*item.key) {
                Some((_, items)) => items.push((document, fields)),
                None => kept_paths.push((&item.key, vec![(document, fields)])),
            }
        }
    }
    // Components reached from everything kept, transitively.
    let mut pending: Vec<String> = Vec::new();
    if let Some((_, entries)) = documents.first() {
        for entry in entries
            .iter()
            .filter(|entry| !matches!(&*entry.key, "paths" | "components"))
        {
            collect_local_refs(&entry.value, &mut pending);
        }
    }
    for (path, items) in &kept_paths {
        for (document, fields) in items {
            for field in *fields {
                if keep_field(*document, path, &field.key) {
                    collect_local_refs(&field.value, &mut pending);
                }
            }
        }
    }
    // A component by section and name: the first document's that has it.
    let component = |section: &str, name: &str| {
        documents.iter().find_map(|(document, _)| {
            roots[*document]
                .get("components")
                .and_then(|components| components.get(section))
                .and_then(|section| section.get(name))
        })
    };
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
            && let Some(target) = component(section, &name)
        {
            collect_local_refs(target, &mut pending);
        }
    }

    // Top-level keys: the first document's, then any only later ones have.
    let mut keys: Vec<&str> = Vec::new();
    for (_, entries) in &documents {
        for entry in *entries {
            if !keys.contains(&&*entry.key) {
                keys.push(&entry.key);
            }
        }
    }
    let first_value = |key: &str| {
        documents
            .iter()
            .find_map(|(document, _)| roots[*document].get(key))
    };
    let mut writer = PrettyWriter::default();
    writer.open('{');
    for key in keys {
        match key {
            "paths" => {
                writer.key(key);
                writer.open('{');
                for (path, items) in &kept_paths {
                    writer.key(path);
                    writer.open('{');
                    // The first document's fields in its order, then the operations of the
                    // others (their other fields are the same, or the combination was refused).
                    for (position, (document, fields)) in items.iter().enumerate() {
                        for field in *fields {
                            if (position == 0 || is_method(&field.key))
                                && keep_field(*document, path, &field.key)
                            {
                                writer.key(&field.key);
                                writer.value(&field.value);
                            }
                        }
                    }
                    writer.close('}');
                }
                writer.close('}');
            }
            "components" => {
                let mut sections: Vec<(&str, Vec<(&str, &Node)>)> = Vec::new();
                for (document, _) in &documents {
                    let Some(section_entries) =
                        roots[*document].get("components").and_then(Node::as_object)
                    else {
                        continue;
                    };
                    for section in section_entries {
                        let position =
                            match sections.iter().position(|(name, _)| *name == &*section.key) {
                                Some(position) => position,
                                None => {
                                    sections.push((&section.key, Vec::new()));
                                    sections.len() - 1
                                }
                            };
                        let items = &mut sections[position].1;
                        for item in section.value.as_object().unwrap_or(&[]) {
                            let wanted = &*section.key == "securitySchemes"
                                || reached
                                    .contains(&(section.key.to_string(), item.key.to_string()));
                            if wanted && !items.iter().any(|(name, _)| *name == &*item.key) {
                                items.push((&item.key, &item.value));
                            }
                        }
                    }
                }
                sections.retain(|(_, items)| !items.is_empty());
                if sections.is_empty() {
                    continue;
                }
                writer.key(key);
                writer.open('{');
                for (section, items) in sections {
                    writer.key(section);
                    writer.open('{');
                    for (name, value) in items {
                        writer.key(name);
                        writer.value(value);
                    }
                    writer.close('}');
                }
                writer.close('}');
            }
            "info" if first_value(key).and_then(Node::as_object).is_some() => {
                writer.key(key);
                writer.open('{');
                let fields = first_value(key).and_then(Node::as_object).unwrap_or(&[]);
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
            "tags" if documents.len() > 1 => {
                // Every document's tags, by name, first come first.
                let mut tags: Vec<&Node> = Vec::new();
                for (document, _) in &documents {
                    for tag in roots[*document]
                        .get("tags")
                        .and_then(Node::as_array)
                        .unwrap_or(&[])
                    {
                        let name = tag.get("name").and_then(Node::as_str);
                        if name.is_none()
                            || !tags
                                .iter()
                                .any(|seen| seen.get("name").and_then(Node::as_str) == name)
                        {
                            tags.push(tag);
                        }
                    }
                }
                writer.key(key);
                writer.open('[');
                for tag in tags {
                    writer.value(tag);
                }
                writer.close(']');
            }
            _ => {
                if let Some(value) = first_value(key) {
                    writer.key(key);
                    writer.value(value);
                }
            }
        }
    }
    writer.close('}');
    writer.finish()
}

/// The fields of one document's path item, with the document's index.
type PathItemOf<'n> = (usize, &'n [Entry]);

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

    #[test]
    fn several_documents_are_written_as_one() {
        let first = r##"{"openapi":"3.0.3","info":{"title":"Shop","version":"1"},"paths":{"/a/":{"parameters":[],"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}}},"components":{"schemas":{"A":{"type":"string"},"Unused":{}},"securitySchemes":{"t":{"type":"http","scheme":"bearer"}}},"tags":[{"name":"a"}]}"##;
        let second = r##"{"openapi":"3.0.3","info":{"title":"Billing","version":"2"},"paths":{"/a/":{"parameters":[],"post":{"responses":{"201":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/B"}}}}}}},"/b/":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}},"/skipped/":{"get":{}}},"components":{"schemas":{"A":{"type":"string"},"B":{"$ref":"#/components/schemas/C"},"C":{"type":"integer"}},"securitySchemes":{"k":{"type":"apiKey","in":"header","name":"X"}}},"tags":[{"name":"a"},{"name":"b"}]}"##;
        let first = crate::json::parse(first, crate::SourceId(0)).expect("valid json");
        let second = crate::json::parse(second, crate::SourceId(1)).expect("valid json");
        let sliced = slice_documents(
            &[&first, &second],
            |_, path, _| path != "/skipped/",
            &[("title", "Shop and billing")],
        );
        let expected = r##"{"openapi":"3.0.3","info":{"title":"Shop and billing","version":"1"},"paths":{"/a/":{"parameters":[],"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}},"post":{"responses":{"201":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/B"}}}}}}},"/b/":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}}}}},"components":{"schemas":{"A":{"type":"string"},"B":{"$ref":"#/components/schemas/C"},"C":{"type":"integer"}},"securitySchemes":{"t":{"type":"http","scheme":"bearer"},"k":{"type":"apiKey","in":"header","name":"X"}}},"tags":[{"name":"a"},{"name":"b"}]}"##;
        let expected = crate::json::parse(expected, crate::SourceId(0)).expect("valid json");
        assert_eq!(sliced, expected.to_json_pretty());
    }
}
