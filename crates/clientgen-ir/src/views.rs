//! Request and response views of types with `readOnly` / `writeOnly` properties.
//!
//! A property marked `readOnly` is sent by the server and must not be required from clients;
//! one marked `writeOnly` (a password) is sent by clients and never comes back. When such a
//! type is used only in responses, its `writeOnly` properties are dropped; only in requests,
//! its `readOnly` ones are. When it is used in both, the type itself becomes the response view
//! and a second named type, its request view (`TicketRequest`), is added. Types that contain
//! such types get views too, so a request never requires a read-only field at any depth.
//!
//! drf-spectacular with `COMPONENT_SPLIT_REQUEST` already writes separate `X` / `XRequest`
//! components; for those nothing needs to change and nothing does.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{AdditionalProperties, Api, Origin, TypeDef, TypeId, TypeKind, Union};

/// Adds request views and trims properties per context, then points request bodies and
/// parameters at the request views.
pub(crate) fn split(api: &mut Api) {
    let count = api.types.len();
    let mut read_used = vec![false; count];
    let mut write_used = vec![false; count];
    {
        let mut stack: Vec<TypeId> = Vec::new();
        for operation in &api.operations {
            for parameter in &operation.parameters {
                stack.push(parameter.ty);
            }
            if let Some(body) = &operation.request_body {
                stack.extend(body.contents.iter().map(|content| content.ty));
            }
        }
        mark(&api.types, &mut stack, &mut write_used, true);
        for operation in &api.operations {
            for response in &operation.responses {
                stack.extend(response.contents.iter().map(|content| content.ty));
            }
        }
        mark(&api.types, &mut stack, &mut read_used, false);
    }

    let needs = needs_views(&api.types);
    if !needs.iter().any(|need| *need) {
        return;
    }

    // Request views.
    let mut taken: FxHashSet<String> = api
        .types
        .iter()
        .filter_map(|def| def.name.clone())
        .collect();
    let mut write_view: Vec<Option<TypeId>> = vec![None; count];
    for index in 0..count {
        if !needs[index] || !write_used[index] {
            continue;
        }
        let id = TypeId(index as u32);
        if read_used[index] {
            let mut view = api.types[index].clone();
            let base = view.name.clone().unwrap_or_default();
            let suffix = if base.ends_with("Request") {
                "Input"
            } else {
                "Request"
            };
            let mut name = format!("{base}{suffix}");
            let mut counter = 2;
            while taken.contains(&name) {
                name = format!("{base}{suffix}{counter}");
                counter += 1;
            }
            taken.insert(name.clone());
            view.name = Some(name);
            view.origin = Origin::RequestView(id);
            let view_id = TypeId(api.types.len() as u32);
            api.types.push(view);
            write_view[index] = Some(view_id);
        } else {
            write_view[index] = Some(id);
        }
    }
    let mut remapper = Remapper {
        write_view,
        memo: FxHashMap::default(),
    };
    for index in 0..count {
        let Some(view) = remapper.write_view[index] else {
            continue;
        };
        let mut kind = api.types[view.index()].kind.clone();
        if let TypeKind::Object(object) = &mut kind {
            object.properties.retain(|property| !property.read_only);
        }
        let kind = remapper.remap_kind(&mut api.types, &kind);
        api.types[view.index()].kind = kind;
    }
    // Response views: the types themselves, without write-only properties.
    for index in 0..count {
        if needs[index]
            && read_used[index]
            && let TypeKind::Object(object) = &mut api.types[index].kind
        {
            object.properties.retain(|property| !property.write_only);
        }
    }
    // Requests use the request views.
    for operation in &mut api.operations {
        for parameter in &mut operation.parameters {
            parameter.ty = remapper.remap(&mut api.types, parameter.ty);
        }
        if let Some(body) = &mut operation.request_body {
            for content in &mut body.contents {
                content.ty = remapper.remap(&mut api.types, content.ty);
            }
        }
    }
}

/// Marks every type reachable from `stack` in the given context (request when `write`).
fn mark(types: &[TypeDef], stack: &mut Vec<TypeId>, used: &mut [bool], write: bool) {
    while let Some(id) = stack.pop() {
        let Some(slot) = used.get_mut(id.index()) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        match &types[id.index()].kind {
            TypeKind::Object(object) => {
                for property in &object.properties {
                    if (write && property.read_only) || (!write && property.write_only) {
                        continue;
                    }
                    stack.push(property.ty);
                }
                if let AdditionalProperties::Typed(values) = object.additional {
                    stack.push(values);
                }
            }
            kind => stack.extend(kind.children()),
        }
    }
}

/// Which named types need separate views: objects with `readOnly`/`writeOnly` properties, and
/// named types that reach one through anonymous structure (a fixpoint, so cycles are fine).
fn needs_views(types: &[TypeDef]) -> Vec<bool> {
    let mut needs: Vec<bool> = types
        .iter()
        .map(|def| {
            def.name.is_some()
                && matches!(&def.kind, TypeKind::Object(object)
                    if object.properties.iter().any(|property| property.read_only || property.write_only))
        })
        .collect();
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            if needs[index] || types[index].name.is_none() {
                continue;
            }
            if reaches_needing(types, &needs, &types[index].kind) {
                needs[index] = true;
                changed = true;
            }
        }
        if !changed {
            return needs;
        }
    }
}

fn reaches_needing(types: &[TypeDef], needs: &[bool], kind: &TypeKind) -> bool {
    let mut stack = kind.children();
    let mut seen: FxHashSet<TypeId> = FxHashSet::default();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if needs.get(id.index()).copied().unwrap_or(false) {
            return true;
        }
        if types[id.index()].name.is_none() {
            stack.extend(types[id.index()].kind.children());
        }
    }
    false
}

struct Remapper {
    write_view: Vec<Option<TypeId>>,
    memo: FxHashMap<TypeId, TypeId>,
}

impl Remapper {
    /// The type to use in request context for `id`.
    fn remap(&mut self, types: &mut Vec<TypeDef>, id: TypeId) -> TypeId {
        if let Some(view) = self.write_view.get(id.index()).copied().flatten() {
            return view;
        }
        if types[id.index()].name.is_some() {
            return id;
        }
        if let Some(done) = self.memo.get(&id) {
            return *done;
        }
        // Provisional entry guards against cycles through anonymous types (there are none in
        // practice: recursion always goes through a named type).
        self.memo.insert(id, id);
        let kind = types[id.index()].kind.clone();
        let remapped = self.remap_kind(types, &kind);
        let result = if remapped == kind {
            id
        } else {
            let mut def = types[id.index()].clone();
            def.kind = remapped;
            let new_id = TypeId(types.len() as u32);
            types.push(def);
            new_id
        };
        self.memo.insert(id, result);
        result
    }

    fn remap_kind(&mut self, types: &mut Vec<TypeDef>, kind: &TypeKind) -> TypeKind {
        match kind {
            TypeKind::Array { items, constraints } => TypeKind::Array {
                items: self.remap(types, *items),
                constraints: constraints.clone(),
            },
            TypeKind::Map { values } => TypeKind::Map {
                values: self.remap(types, *values),
            },
            TypeKind::Nullable(inner) => TypeKind::Nullable(self.remap(types, *inner)),
            TypeKind::Alias(inner) => TypeKind::Alias(self.remap(types, *inner)),
            TypeKind::Union(union) => TypeKind::Union(Union {
                variants: union
                    .variants
                    .iter()
                    .map(|variant| self.remap(types, *variant))
                    .collect(),
                discriminator: union.discriminator.as_ref().map(|discriminator| {
                    let mut discriminator = discriminator.clone();
                    for (_, target) in &mut discriminator.mapping {
                        *target = self.remap(types, *target);
                    }
                    discriminator
                }),
            }),
            TypeKind::Intersection(parts) => {
                TypeKind::Intersection(parts.iter().map(|part| self.remap(types, *part)).collect())
            }
            TypeKind::Object(object) => {
                let mut object = object.clone();
                for property in &mut object.properties {
                    property.ty = self.remap(types, property.ty);
                }
                if let AdditionalProperties::Typed(values) = object.additional {
                    object.additional = AdditionalProperties::Typed(self.remap(types, values));
                }
                TypeKind::Object(object)
            }
            other => other.clone(),
        }
    }
}
