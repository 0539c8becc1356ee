//! Several APIs as one: the IR of `schema = ["shop.yaml", "billing.yaml"]`.

use clientgen_spec::Span;
use rustc_hash::FxHashMap;

use crate::model::{Api, Origin, TypeDef, TypeId, TypeKind};
use crate::slice::{kind_types, remap_kind, remap_operation};

/// Something [`merge`] had to resolve or could not.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeIssue {
    /// True when the APIs cannot be merged faithfully (the merged API should not be used).
    pub error: bool,
    /// What happened, e.g. ``operationId `list` is used by both documents; this one is called `list_2` ``.
    pub message: String,
    /// The part (index into the `parts` given) and the place of the item concerned.
    pub part: usize,
    /// Where in that part's document, when known.
    pub span: Option<Span>,
}

/// Merges `parts` (each lowered from one document, in configuration order, before the
/// request/response views are made) into one API.
///
/// - `info` (title, version, description) and servers come from the first part.
/// - Named component types that several parts define identically (the same structure, names,
///   descriptions and constraints, down to every type they reach) become one type; a
///   component a later part defines differently is an error (the loader's
///   [`clientgen_spec::combine::clashes`] normally reports it first, with both places).
/// - Operations are concatenated; an `operationId` an earlier part already uses gets a `_2`,
///   `_3`, … suffix (a warning, as inside one document).
/// - Security schemes are merged by name; tags are the union, in order of first use.
///
/// The result's spans point into the document of the part each item came from; the issues
/// say which part that is.
pub(crate) fn merge(parts: Vec<Api>) -> (Api, Vec<MergeIssue>) {
    let mut parts = parts.into_iter();
    let mut merged = parts.next().unwrap_or_else(|| Api {
        title: String::new(),
        version: String::new(),
        description: None,
        servers: Vec::new(),
        types: Vec::new(),
        operations: Vec::new(),
        security_schemes: Vec::new(),
        tags: Vec::new(),
    });
    let mut issues = Vec::new();
    for (index, part) in parts.enumerate() {
        merge_part(&mut merged, part, index + 1, &mut issues);
    }
    (merged, issues)
}

fn merge_part(merged: &mut Api, part: Api, index: usize, issues: &mut Vec<MergeIssue>) {
    // Named components of the merged API, by name.
    let components: FxHashMap<&str, TypeId> = merged
        .types
        .iter()
        .enumerate()
        .filter(|(_, def)| def.origin == Origin::Component)
        .filter_map(|(position, def)| Some((def.name.as_deref()?, TypeId(position as u32))))
        .collect();
    let mut map: Vec<Option<TypeId>> = vec![None; part.types.len()];
    for (position, def) in part.types.iter().enumerate() {
        if def.origin != Origin::Component || map[position].is_some() {
            continue;
        }
        let Some(existing) = def.name.as_deref().and_then(|name| components.get(name)) else {
            continue;
        };
        match equivalent(merged, *existing, &part, TypeId(position as u32)) {
            Some(pairs) => {
                for (ours, theirs) in pairs {
                    map[theirs.index()].get_or_insert(ours);
                }
            }
            None => issues.push(MergeIssue {
                error: true,
                message: format!(
                    "schema `{}` is defined differently by an earlier document",
                    def.name.as_deref().unwrap_or_default()
                ),
                part: index,
                // Only the start: the whole schema would make a long message.
                span: def
                    .span
                    .map(|span| Span::new(span.source, span.start as usize, span.start as usize)),
            }),
        }
    }
    // Everything else is appended, in order.
    let mut next = merged.types.len();
    let mut appended = Vec::new();
    for (position, slot) in map.iter_mut().enumerate() {
        if slot.is_none() {
            *slot = Some(TypeId(u32::try_from(next).unwrap_or(u32::MAX)));
            next += 1;
            appended.push(position);
        }
    }
    let remap = |id: TypeId| map.get(id.index()).copied().flatten().unwrap_or(id);
    for position in appended {
        let mut def: TypeDef = part.types[position].clone();
        remap_kind(&mut def.kind, &remap);
        if let Origin::RequestView(of) = def.origin {
            def.origin = Origin::RequestView(remap(of));
        }
        merged.types.push(def);
    }

    let schemes: Vec<usize> = part
        .security_schemes
        .iter()
        .map(|scheme| {
            match merged
                .security_schemes
                .iter()
                .position(|existing| existing.name == scheme.name)
            {
                Some(position) => position,
                None => {
                    merged.security_schemes.push(scheme.clone());
                    merged.security_schemes.len() - 1
                }
            }
        })
        .collect();
    for mut operation in part.operations {
        if merged
            .operations
            .iter()
            .any(|existing| existing.path == operation.path && existing.method == operation.method)
        {
            issues.push(MergeIssue {
                error: true,
                message: format!(
                    "operation `{} {}` is also in an earlier document",
                    operation.method.http_name(),
                    operation.path
                ),
                part: index,
                span: operation.span,
            });
            continue;
        }
        if merged
            .operations
            .iter()
            .any(|existing| existing.id == operation.id)
        {
            let original = operation.id.clone();
            let mut counter = 2;
            while merged
                .operations
                .iter()
                .any(|existing| existing.id == operation.id)
            {
                operation.id = format!("{original}_{counter}");
                counter += 1;
            }
            operation.method_name = crate::operations::method_name(&operation.id, &operation.tag);
            issues.push(MergeIssue {
                error: false,
                message: format!(
                    "operationId `{original}` is also used by an earlier document; this one is called `{}`",
                    operation.id
                ),
                part: index,
                span: operation.span,
            });
        }
        remap_operation(&mut operation, &remap);
        for requirement in &mut operation.security {
            for scheme in requirement {
                *scheme = schemes.get(*scheme).copied().unwrap_or(*scheme);
            }
        }
        merged.operations.push(operation);
    }
    for tag in part.tags {
        match merged
            .tags
            .iter_mut()
            .find(|existing| existing.name == tag.name)
        {
            Some(existing) => {
                if existing.description.is_none() {
                    existing.description = tag.description;
                }
            }
            None => merged.tags.push(tag),
        }
    }
}

/// Whether type `ours` of `left` and type `theirs` of `right` are the same type: equal
/// definitions whose referenced types are pairwise the same again (checked coinductively, so
/// recursive types compare). Returns every pair matched, or `None` at the first difference.
fn equivalent(
    left: &Api,
    ours: TypeId,
    right: &Api,
    theirs: TypeId,
) -> Option<Vec<(TypeId, TypeId)>> {
    // theirs → ours, for every pair assumed equal so far.
    let mut assumed: FxHashMap<TypeId, TypeId> = FxHashMap::default();
    let mut pending = vec![(ours, theirs)];
    while let Some((ours, theirs)) = pending.pop() {
        match assumed.get(&theirs) {
            Some(paired) if *paired == ours => continue,
            Some(_) => return None,
            None => {}
        }
        assumed.insert(theirs, ours);
        let (Some(left_def), Some(right_def)) = (
            left.types.get(ours.index()),
            right.types.get(theirs.index()),
        ) else {
            return None;
        };
        if left_def.name != right_def.name
            || left_def.description != right_def.description
            || left_def.deprecated != right_def.deprecated
        {
            return None;
        }
        match (left_def.origin, right_def.origin) {
            (Origin::Component, Origin::Component) | (Origin::Inline, Origin::Inline) => {}
            (Origin::RequestView(left_of), Origin::RequestView(right_of)) => {
                pending.push((left_of, right_of));
            }
            _ => return None,
        }
        // The same shape once every referenced id is blanked out…
        let blank = |kind: &TypeKind| {
            let mut kind = kind.clone();
            remap_kind(&mut kind, &|_| TypeId(0));
            kind
        };
        if blank(&left_def.kind) != blank(&right_def.kind) {
            return None;
        }
        // …and the referenced types pairwise the same.
        let left_children = kind_types(&left_def.kind);
        let right_children = kind_types(&right_def.kind);
        if left_children.len() != right_children.len() {
            return None;
        }
        pending.extend(left_children.into_iter().zip(right_children));
    }
    Some(
        assumed
            .into_iter()
            .map(|(theirs, ours)| (ours, theirs))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(texts: &[&str]) -> (Api, Vec<MergeIssue>) {
        let loaded: Vec<clientgen_spec::Loaded> = texts
            .iter()
            .map(|text| {
                clientgen_spec::load_from_str("t.yaml", text, std::path::Path::new("."))
                    .expect("valid")
            })
            .collect();
        let documents: Vec<&clientgen_spec::Document> =
            loaded.iter().map(|loaded| &loaded.document).collect();
        crate::lower_merged(&documents)
    }

    const SHOP: &str = r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /api/shop/items/:
    get:
      operationId: list
      tags: [shop]
      security: [{token: []}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
  schemas:
    Page:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Page'}
        kind: {type: string, enum: [a, b]}
"#;

    const BILLING: &str = r#"
openapi: 3.0.3
info: {title: Billing, version: '2'}
paths:
  /api/billing/invoices/:
    get:
      operationId: list
      tags: [billing]
      security: [{key: []}, {token: []}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Invoice'}}}}
  /api/billing/pages/:
    get:
      operationId: pages
      tags: [billing]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    token: {type: http, scheme: bearer}
  schemas:
    Invoice: {type: object, properties: {total: {type: string, format: decimal}}}
    Page:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Page'}
        kind: {type: string, enum: [a, b]}
"#;

    #[test]
    fn identical_components_become_one_and_operations_are_concatenated() {
        let (api, issues) = merged(&[SHOP, BILLING]);
        let names: Vec<&str> = api
            .named_types()
            .filter_map(|id| api.type_def(id).name.as_deref())
            .collect();
        // `Page` (recursive) and its hoisted `PageKind` enum exist once.
        assert_eq!(
            names.iter().filter(|name| **name == "Page").count(),
            1,
            "{names:?}"
        );
        assert_eq!(
            names.iter().filter(|name| **name == "PageKind").count(),
            1,
            "{names:?}"
        );
        assert!(names.contains(&"Invoice"), "{names:?}");
        let ids: Vec<&str> = api
            .operations
            .iter()
            .map(|operation| operation.id.as_str())
            .collect();
        assert_eq!(ids, ["list", "list_2", "pages"]);
        assert_eq!(api.operations[1].method_name, "list_2");
        assert_eq!(issues.len(), 1);
        assert!(!issues[0].error && issues[0].part == 1, "{issues:?}");
        // Both `pages` and `list` of the shop return the one `Page`.
        let shop = api.operations[0].success.clone();
        let pages = api.operations[2].success.clone();
        assert_eq!(shop, pages);
        // Security requirements point at the merged schemes.
        let schemes: Vec<&str> = api
            .security_schemes
            .iter()
            .map(|scheme| scheme.name.as_str())
            .collect();
        assert_eq!(schemes, ["token", "key"]);
        assert_eq!(api.operations[1].security, vec![vec![1], vec![0]]);
        let tags: Vec<&str> = api.tags.iter().map(|tag| tag.name.as_str()).collect();
        assert_eq!(tags, ["shop", "billing"]);
        assert_eq!(api.title, "Shop");
        // Every id inside the merged API points into it.
        let dump = crate::dump::dump(&api);
        assert!(!dump.is_empty());
    }

    #[test]
    fn different_components_and_repeated_operations_are_errors() {
        let changed = BILLING.replace("enum: [a, b]", "enum: [a, c]");
        let repeated = changed.replace("/api/billing/pages/", "/api/shop/items/");
        let (_, issues) = merged(&[SHOP, &repeated]);
        let errors: Vec<&str> = issues
            .iter()
            .filter(|issue| issue.error)
            .map(|issue| issue.message.as_str())
            .collect();
        assert_eq!(
            errors,
            [
                "schema `Page` is defined differently by an earlier document",
                "operation `GET /api/shop/items/` is also in an earlier document",
            ]
        );
    }
}
