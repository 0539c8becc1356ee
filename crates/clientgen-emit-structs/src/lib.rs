//! The "typed structs" view of an [`Api`] shared by the Go and Protocol Buffers emitters.
//!
//! Languages with nominal struct types cannot write every IR type where it is used: a union
//! inside a property needs a declared type (a Go struct with custom JSON methods, a proto
//! message with a `oneof`), and so may an anonymous enum or object. [`plan`] walks the API from
//! its named types and operations and decides which anonymous types get a declaration of their
//! own, and under which name: the name of the place it was first met (`Ticket` + `category` →
//! `Ticket category`), which each language then turns into an identifier with
//! [`clientgen_ir::naming::type_name`]. The walk is in document order, so names are
//! deterministic.

use clientgen_ir::{AdditionalProperties, Api, TypeDef, TypeId, TypeKind};

/// The declarations of one emission: named IR types and hoisted anonymous ones.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Every declared type: named IR types in arena order, then hoisted anonymous types in the
    /// order they were first met.
    pub declarations: Vec<TypeId>,
    /// The name of each declared type, indexed by type id (`None` for types written
    /// structurally where they are used).
    names: Vec<Option<String>>,
}

impl Plan {
    /// The name of a declared type: its IR name, or for a hoisted type the place it was met
    /// (`Ticket category`, `tickets_list status`). `None` for types that are not declared.
    pub fn name(&self, id: TypeId) -> Option<&str> {
        self.names.get(id.index()).and_then(Option::as_deref)
    }

    /// True when the type has a declaration of its own.
    pub fn is_declared(&self, id: TypeId) -> bool {
        self.name(id).is_some()
    }

    /// True when the type is an anonymous IR type that got a declaration.
    pub fn is_hoisted(&self, api: &Api, id: TypeId) -> bool {
        self.is_declared(id) && api.type_def(id).name.is_none()
    }
}

/// Decides the declarations for `api`.
///
/// `hoist` is asked about each anonymous type met (never about named ones) and says whether it
/// needs a declaration of its own in the target language.
pub fn plan(api: &Api, hoist: impl Fn(TypeId, &TypeDef) -> bool) -> Plan {
    let mut planner = Planner {
        api,
        hoist: &hoist,
        plan: Plan {
            declarations: Vec::new(),
            names: vec![None; api.types.len()],
        },
        visited: vec![false; api.types.len()],
    };
    for id in api.named_types() {
        let name = api.type_def(id).name.clone().unwrap_or_default();
        planner.plan.names[id.index()] = Some(name);
        planner.plan.declarations.push(id);
    }
    for id in api.named_types() {
        let context = api.type_def(id).name.clone().unwrap_or_default();
        planner.visited[id.index()] = true;
        planner.children(id, &context);
    }
    for operation in &api.operations {
        for parameter in &operation.parameters {
            planner.visit(
                parameter.ty,
                &format!("{} {}", operation.id, parameter.name),
            );
        }
        if let Some(body) = &operation.request_body {
            for content in &body.contents {
                planner.visit(content.ty, &format!("{} body", operation.id));
            }
        }
        for response in &operation.responses {
            for content in &response.contents {
                planner.visit(content.ty, &format!("{} response", operation.id));
            }
        }
    }
    planner.plan
}

struct Planner<'a, F: Fn(TypeId, &TypeDef) -> bool> {
    api: &'a Api,
    hoist: &'a F,
    plan: Plan,
    visited: Vec<bool>,
}

impl<F: Fn(TypeId, &TypeDef) -> bool> Planner<'_, F> {
    fn visit(&mut self, id: TypeId, context: &str) {
        let Some(seen) = self.visited.get_mut(id.index()) else {
            return;
        };
        if *seen {
            return;
        }
        *seen = true;
        let def = self.api.type_def(id);
        if def.name.is_some() {
            // Named types are roots of their own walk.
            return;
        }
        if (self.hoist)(id, def) {
            self.plan.names[id.index()] = Some(context.to_owned());
            self.plan.declarations.push(id);
        }
        self.children(id, context);
    }

    fn children(&mut self, id: TypeId, context: &str) {
        match &self.api.type_def(id).kind {
            TypeKind::Object(object) => {
                for property in &object.properties {
                    self.visit(property.ty, &format!("{context} {}", property.name));
                }
                if let AdditionalProperties::Typed(values) = object.additional {
                    self.visit(values, &format!("{context} value"));
                }
            }
            TypeKind::Array { items, .. } => self.visit(*items, &format!("{context} item")),
            TypeKind::Map { values } => self.visit(*values, &format!("{context} value")),
            TypeKind::Nullable(inner) | TypeKind::Alias(inner) => self.visit(*inner, context),
            TypeKind::Union(union) => {
                for (index, variant) in union.variants.iter().enumerate() {
                    self.visit(*variant, &format!("{context} option {}", index + 1));
                }
            }
            TypeKind::Intersection(parts) => {
                for (index, part) in parts.iter().enumerate() {
                    self.visit(*part, &format!("{context} part {}", index + 1));
                }
            }
            _ => {}
        }
    }
}

/// The name of the single implicit group: the words of the API title in `snake_case`, with
/// a trailing `api` word dropped (`Support Desk API` → `support_desk`); `api` when nothing
/// remains.
pub fn group_name(api: &Api) -> String {
    let mut words = clientgen_ir::naming::words(&api.title);
    if words.len() > 1 && words.last().is_some_and(|word| word == "api") {
        words.pop();
    }
    if words.is_empty() {
        String::from("api")
    } else {
        words.join("_")
    }
}

/// Follows anonymous aliases (and named ones) to the type with a structure of its own, and
/// reports whether a `Nullable` wrapper was passed on the way (`Alias(Nullable(X))`).
pub fn strip_nullable(api: &Api, id: TypeId) -> (TypeId, bool) {
    let mut current = api.resolve(id);
    let mut nullable = false;
    for _ in 0..16 {
        match api.type_def(current).kind {
            TypeKind::Nullable(inner) => {
                nullable = true;
                current = api.resolve(inner);
            }
            _ => break,
        }
    }
    (current, nullable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientgen_ir::{Object, Origin, Property, Union};

    fn def(name: Option<&str>, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.map(str::to_owned),
            kind,
            description: None,
            deprecated: false,
            origin: Origin::Inline,
            span: None,
        }
    }

    #[test]
    fn hoists_anonymous_unions_under_the_name_of_their_place() {
        let property = |name: &str, ty: u32| Property {
            name: name.to_owned(),
            ty: TypeId(ty),
            required: false,
            read_only: false,
            write_only: false,
            deprecated: false,
            description: None,
            default: None,
        };
        let api = Api {
            title: String::new(),
            version: String::new(),
            description: None,
            servers: Vec::new(),
            types: vec![
                def(
                    Some("Ticket"),
                    TypeKind::Object(Object {
                        properties: vec![property("category", 1), property("other", 1)],
                        additional: AdditionalProperties::Unspecified,
                        parents: Vec::new(),
                    }),
                ),
                def(
                    None,
                    TypeKind::Union(Union {
                        variants: vec![TypeId(2), TypeId(3)],
                        discriminator: None,
                    }),
                ),
                def(None, TypeKind::Boolean),
                def(None, TypeKind::Any),
            ],
            operations: Vec::new(),
            security_schemes: Vec::new(),
            tags: Vec::new(),
        };
        let plan = plan(&api, |_, def| matches!(def.kind, TypeKind::Union(_)));
        assert_eq!(plan.declarations, vec![TypeId(0), TypeId(1)]);
        assert_eq!(plan.name(TypeId(1)), Some("Ticket category"));
        assert!(plan.is_hoisted(&api, TypeId(1)));
        assert!(!plan.is_declared(TypeId(2)));
    }
}
