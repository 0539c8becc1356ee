//! A group's share of an API: some of its operations and exactly the types they reach.

use rustc_hash::FxHashMap;

use crate::model::{
    AdditionalProperties, Api, Operation, Origin, Success, Tag, TypeDef, TypeId, TypeKind,
};

/// The API restricted to the operations `keep` accepts, with only the types those operations
/// reach (in their original order, ids renumbered) and only the tags they use.
///
/// Security schemes are kept whole, so operations' scheme indexes stay valid.
pub fn slice(api: &Api, keep: impl Fn(&Operation) -> bool) -> Api {
    let operations: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|operation| keep(operation))
        .collect();
    let mut reached = vec![false; api.types.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    for operation in &operations {
        stack.extend(operation_types(operation));
    }
    while let Some(id) = stack.pop() {
        let Some(slot) = reached.get_mut(id.index()) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        let def = &api.types[id.index()];
        stack.extend(kind_types(&def.kind));
        if let Origin::RequestView(of) = def.origin {
            stack.push(of);
        }
    }
    let mut map: FxHashMap<TypeId, TypeId> = FxHashMap::default();
    for (index, _) in reached.iter().enumerate().filter(|(_, reached)| **reached) {
        let next = TypeId(map.len() as u32);
        map.insert(TypeId(index as u32), next);
    }
    let remap = |id: TypeId| map.get(&id).copied().unwrap_or(id);
    let types: Vec<TypeDef> = api
        .types
        .iter()
        .enumerate()
        .filter(|(index, _)| reached[*index])
        .map(|(_, def)| {
            let mut def = def.clone();
            remap_kind(&mut def.kind, &remap);
            if let Origin::RequestView(of) = def.origin {
                def.origin = Origin::RequestView(remap(of));
            }
            def
        })
        .collect();
    let operations: Vec<Operation> = operations
        .into_iter()
        .map(|operation| {
            let mut operation = operation.clone();
            remap_operation(&mut operation, &remap);
            operation
        })
        .collect();
    let tags: Vec<Tag> = api
        .tags
        .iter()
        .filter(|tag| operations.iter().any(|operation| operation.tag == tag.name))
        .cloned()
        .collect();
    Api {
        title: api.title.clone(),
        version: api.version.clone(),
        description: api.description.clone(),
        servers: api.servers.clone(),
        types,
        operations,
        security_schemes: api.security_schemes.clone(),
        tags,
    }
}

fn operation_types(operation: &Operation) -> Vec<TypeId> {
    let mut ids: Vec<TypeId> = operation
        .parameters
        .iter()
        .map(|parameter| parameter.ty)
        .collect();
    if let Some(body) = &operation.request_body {
        ids.extend(body.contents.iter().map(|content| content.ty));
    }
    for response in &operation.responses {
        ids.extend(response.contents.iter().map(|content| content.ty));
    }
    if let Success::Json { ty, .. } = operation.success {
        ids.push(ty);
    }
    if let Some(pagination) = &operation.pagination {
        ids.push(pagination.item);
    }
    ids
}

pub(crate) fn kind_types(kind: &TypeKind) -> Vec<TypeId> {
    match kind {
        TypeKind::Array { items, .. } => vec![*items],
        TypeKind::Map { values } => vec![*values],
        TypeKind::Nullable(inner) | TypeKind::Alias(inner) => vec![*inner],
        TypeKind::Union(union) => {
            let mut ids = union.variants.clone();
            if let Some(discriminator) = &union.discriminator {
                ids.extend(discriminator.mapping.iter().map(|(_, target)| *target));
            }
            ids
        }
        TypeKind::Intersection(parts) => parts.clone(),
        TypeKind::Object(object) => {
            let mut ids: Vec<TypeId> = object
                .properties
                .iter()
                .map(|property| property.ty)
                .collect();
            if let AdditionalProperties::Typed(values) = object.additional {
                ids.push(values);
            }
            ids.extend(object.parents.iter().copied());
            ids
        }
        _ => Vec::new(),
    }
}

pub(crate) fn remap_kind(kind: &mut TypeKind, remap: &impl Fn(TypeId) -> TypeId) {
    match kind {
        TypeKind::Array { items, .. } => *items = remap(*items),
        TypeKind::Map { values } => *values = remap(*values),
        TypeKind::Nullable(inner) | TypeKind::Alias(inner) => *inner = remap(*inner),
        TypeKind::Union(union) => {
            for variant in &mut union.variants {
                *variant = remap(*variant);
            }
            if let Some(discriminator) = &mut union.discriminator {
                for (_, target) in &mut discriminator.mapping {
                    *target = remap(*target);
                }
            }
        }
        TypeKind::Intersection(parts) => {
            for part in parts {
                *part = remap(*part);
            }
        }
        TypeKind::Object(object) => {
            for property in &mut object.properties {
                property.ty = remap(property.ty);
            }
            if let AdditionalProperties::Typed(values) = &mut object.additional {
                *values = remap(*values);
            }
            for parent in &mut object.parents {
                *parent = remap(*parent);
            }
        }
        _ => {}
    }
}

pub(crate) fn remap_operation(operation: &mut Operation, remap: &impl Fn(TypeId) -> TypeId) {
    for parameter in &mut operation.parameters {
        parameter.ty = remap(parameter.ty);
    }
    if let Some(body) = &mut operation.request_body {
        for content in &mut body.contents {
            content.ty = remap(content.ty);
        }
    }
    for response in &mut operation.responses {
        for content in &mut response.contents {
            content.ty = remap(content.ty);
        }
    }
    if let Success::Json { ty, .. } = &mut operation.success {
        *ty = remap(*ty);
    }
    if let Some(pagination) = &mut operation.pagination {
        pagination.item = remap(pagination.item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_keep_only_reached_types_with_consistent_ids() {
        let document = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a/:
    get:
      operationId: a_list
      tags: [a]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}
  /b/:
    get:
      operationId: b_list
      tags: [b]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/B'}}}}
components:
  schemas:
    Unused: {type: string}
    A: {type: object, properties: {child: {$ref: '#/components/schemas/Child'}}}
    B: {type: object, properties: {n: {type: integer}}}
    Child: {type: object, properties: {parent: {$ref: '#/components/schemas/A'}}}
"#;
        let loaded = clientgen_spec::load_from_str("t.yaml", document, std::path::Path::new("."))
            .expect("valid");
        let api = crate::lower(&loaded.document).api;
        let sliced = slice(&api, |operation| operation.tag == "a");
        let names: Vec<&str> = sliced
            .named_types()
            .filter_map(|id| sliced.type_def(id).name.as_deref())
            .collect();
        assert_eq!(names, ["A", "Child"]);
        assert_eq!(sliced.operations.len(), 1);
        assert_eq!(sliced.tags.len(), 1);
        // Ids inside the slice point into the slice.
        let dump = crate::dump::dump(&sliced);
        assert!(dump.contains("\"child\": Child#"), "{dump}");
        assert!(dump.contains("\"parent\": A#0"), "{dump}");
    }
}
