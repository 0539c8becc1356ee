//! A document cut down to some of its operations and the components they reach, so a group of
//! operations can be published (and diffed) as an OpenAPI document of its own.

use std::collections::BTreeSet;

use crate::document::Method;
use crate::node::{Entry, Node, NodeKind};

/// The document `root` with only the operations `keep(path, method)` accepts, only the
/// components (of every kind) those operations reach through local `$ref`s, all security
/// schemes, and `info` fields replaced by the given overrides.
///
/// References into other files are kept as written.
pub fn slice_document(
    root: &Node,
    keep: impl Fn(&str, Method) -> bool,
    info_overrides: &[(&str, &str)],
) -> Node {
    let Some(entries) = root.as_object() else {
        return root.clone();
    };
    let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        match &*entry.key {
            "paths" => kept.push(Entry {
                value: slice_paths(&entry.value, &keep),
                ..entry.clone()
            }),
            "components" => {}
            "info" => kept.push(Entry {
                value: override_fields(&entry.value, info_overrides),
                ..entry.clone()
            }),
            _ => kept.push(entry.clone()),
        }
    }
    // Components reached from what is kept, transitively.
    let mut reached: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    for entry in &kept {
        collect_local_refs(&entry.value, &mut pending);
    }
    let components = root.get("components");
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
    if let Some(components) = components
        && let Some(sections) = components.as_object()
    {
        let mut kept_sections = Vec::new();
        for section in sections {
            let Some(items) = section.value.as_object() else {
                continue;
            };
            let items: Vec<Entry> = items
                .iter()
                .filter(|item| {
                    &*section.key == "securitySchemes"
                        || reached.contains(&(section.key.to_string(), item.key.to_string()))
                })
                .cloned()
                .collect();
            if !items.is_empty() {
                kept_sections.push(Entry {
                    value: Node {
                        kind: NodeKind::Object(items),
                        span: section.value.span,
                    },
                    ..section.clone()
                });
            }
        }
        if !kept_sections.is_empty() {
            let position = entries.iter().position(|entry| &*entry.key == "components");
            let entry = Entry {
                key: "components".into(),
                key_span: components.span,
                value: Node {
                    kind: NodeKind::Object(kept_sections),
                    span: components.span,
                },
            };
            // Keep the document's own key order.
            let before = position.map_or(kept.len(), |position| {
                entries[..position]
                    .iter()
                    .filter(|entry| &*entry.key != "components")
                    .count()
            });
            kept.insert(before.min(kept.len()), entry);
        }
    }
    Node {
        kind: NodeKind::Object(kept),
        span: root.span,
    }
}

fn slice_paths(paths: &Node, keep: &impl Fn(&str, Method) -> bool) -> Node {
    let Some(items) = paths.as_object() else {
        return paths.clone();
    };
    let mut kept = Vec::new();
    for item in items {
        let Some(fields) = item.value.as_object() else {
            continue;
        };
        let mut has_operation = false;
        let fields: Vec<Entry> = fields
            .iter()
            .filter(|field| {
                match Method::ALL
                    .into_iter()
                    .find(|method| method.key() == &*field.key)
                {
                    Some(method) => {
                        let keep = keep(&item.key, method);
                        has_operation |= keep;
                        keep
                    }
                    None => true,
                }
            })
            .cloned()
            .collect();
        if has_operation {
            kept.push(Entry {
                value: Node {
                    kind: NodeKind::Object(fields),
                    span: item.value.span,
                },
                ..item.clone()
            });
        }
    }
    Node {
        kind: NodeKind::Object(kept),
        span: paths.span,
    }
}

fn override_fields(node: &Node, overrides: &[(&str, &str)]) -> Node {
    let Some(entries) = node.as_object() else {
        return node.clone();
    };
    let mut entries = entries.to_vec();
    for (key, value) in overrides {
        let value = Node {
            kind: NodeKind::String((*value).into()),
            span: node.span,
        };
        match entries.iter_mut().find(|entry| &*entry.key == *key) {
            Some(entry) => entry.value = value,
            None => entries.push(Entry {
                key: (*key).into(),
                key_span: node.span,
                value,
            }),
        }
    }
    Node {
        kind: NodeKind::Object(entries),
        span: node.span,
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
        assert_eq!(
            sliced.to_json(),
            r##"{"openapi":"3.1.0","info":{"title":"T: group","version":"1"},"paths":{"/a/":{"get":{"responses":{"200":{"$ref":"#/components/responses/Ok"}}}}},"components":{"responses":{"Ok":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}}},"schemas":{"A":{"properties":{"b":{"$ref":"#/components/schemas/B"}}},"B":{"type":"string"}},"securitySchemes":{"token":{"type":"http","scheme":"bearer"}}}}"##
        );
    }
}
