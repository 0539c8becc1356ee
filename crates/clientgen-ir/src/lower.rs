//! Lowering schemas to IR types.
//!
//! Every schema with an identity (component or `$ref` target) gets a named [`TypeDef`] up
//! front, so references between them (including recursive ones) are plain ids. Inline schemas
//! are lowered where they appear: objects and enums are hoisted into named types called after
//! their place (`Ticket` + `status` → `TicketStatus`), everything else stays anonymous.

use clientgen_spec::{
    Diagnostic, Document, NodeKind, PrimitiveType, Schema, SchemaId, Span, TypeSet,
};

use crate::model::{
    AdditionalProperties, Discriminator, Enum, EnumKind, EnumMember, IntegerFormat, NumberFormat,
    Object, Origin, Property, StringFormat, TypeDef, TypeId, TypeKind, Union, Value,
};
use crate::naming;

/// Where an inline schema sits, used to name it if it is hoisted. A linked list of name parts
/// on the stack, so that no string is built unless a name is actually needed.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    parent: Option<&'a Context<'a>>,
    part: &'a str,
}

impl<'a> Context<'a> {
    pub(crate) fn root(part: &'a str) -> Self {
        Context { parent: None, part }
    }

    pub(crate) fn child(&'a self, part: &'a str) -> Context<'a> {
        Context {
            parent: Some(self),
            part,
        }
    }

    /// `Ticket` / `status` / `Item` → `TicketStatusItem`.
    fn name(&self) -> String {
        let mut parts = Vec::new();
        let mut current = Some(self);
        while let Some(context) = current {
            parts.push(context.part);
            current = context.parent;
        }
        parts
            .iter()
            .rev()
            .map(|part| naming::type_name(part))
            .collect()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Pending,
    InProgress,
    Done,
}

pub(crate) struct Lowerer<'d> {
    pub(crate) document: &'d Document,
    pub(crate) types: Vec<TypeDef>,
    /// The named type of each document schema entry.
    component_ids: Vec<TypeId>,
    state: Vec<State>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Shared ids for the most common anonymous leaf types.
    any: Option<TypeId>,
    boolean: Option<TypeId>,
    plain_string: Option<TypeId>,
    /// Component enums by their value set (see [`enum_key`]), built once every component is
    /// lowered; `None` marks a value set shared by several components.
    component_enums: Option<rustc_hash::FxHashMap<String, Option<TypeId>>>,
}

impl<'d> Lowerer<'d> {
    pub(crate) fn new(document: &'d Document) -> Self {
        let mut lowerer = Lowerer {
            document,
            types: Vec::with_capacity(document.schemas.len() * 4),
            component_ids: Vec::with_capacity(document.schemas.len()),
            state: vec![State::Pending; document.schemas.len()],
            diagnostics: Vec::new(),
            any: None,
            boolean: None,
            plain_string: None,
            component_enums: None,
        };
        for entry in &document.schemas {
            let id = lowerer.push(TypeDef {
                name: Some(entry.name.clone()),
                kind: TypeKind::Any,
                description: description(&entry.schema),
                deprecated: entry.schema.deprecated,
                origin: Origin::Component,
                span: entry.schema.span,
            });
            lowerer.component_ids.push(id);
        }
        lowerer
    }

    pub(crate) fn push(&mut self, def: TypeDef) -> TypeId {
        let id = TypeId(u32::try_from(self.types.len()).unwrap_or(u32::MAX));
        self.types.push(def);
        id
    }

    fn component(&self, schema: SchemaId) -> TypeId {
        self.component_ids
            .get(schema.0 as usize)
            .copied()
            .unwrap_or(TypeId(0))
    }

    /// Lowers every document schema entry.
    pub(crate) fn lower_components(&mut self) {
        for index in 0..self.document.schemas.len() {
            self.ensure_component(SchemaId(index as u32));
        }
        let mut enums = rustc_hash::FxHashMap::default();
        for id in &self.component_ids {
            if let Some(TypeDef {
                kind: TypeKind::Enum(found),
                origin: Origin::Component,
                ..
            }) = self.types.get(id.index())
            {
                enums
                    .entry(enum_key(found))
                    .and_modify(|slot: &mut Option<TypeId>| *slot = None)
                    .or_insert(Some(*id));
            }
        }
        self.component_enums = Some(enums);
    }

    /// The component enum an inline enum of an operation stands for: the one component enum
    /// with exactly its values. django-filter writes a `ChoiceFilter` as an inline enum in the
    /// query parameter, with the values of the model field's `XEnum`; using `XEnum` lets typed
    /// languages pass a model's value straight back as a filter. Inline enums inside components
    /// are lowered before this index exists and stay as they are, as do value sets that several
    /// component enums share.
    fn component_enum_like(&self, inline: &Enum) -> Option<TypeId> {
        self.component_enums
            .as_ref()?
            .get(&enum_key(inline))
            .copied()
            .flatten()
    }

    /// Lowers one component if not done yet. Returns false when it is being lowered right now
    /// (an `allOf` cycle), in which case its structure is not available.
    fn ensure_component(&mut self, schema_id: SchemaId) -> bool {
        let index = schema_id.0 as usize;
        match self.state.get(index) {
            Some(State::Done) => return true,
            Some(State::InProgress) => return false,
            Some(State::Pending) => {}
            None => return false,
        }
        self.state[index] = State::InProgress;
        let document = self.document;
        let entry = &document.schemas[index];
        let id = self.component(schema_id);
        let context = Context::root(&entry.name);
        let kind = self.lower_kind(&entry.schema, &context, Some(id));
        self.types[id.index()].kind = kind;
        self.state[index] = State::Done;
        true
    }

    fn anonymous(&mut self, kind: TypeKind, schema: &Schema) -> TypeId {
        self.push(TypeDef {
            name: None,
            kind,
            description: None,
            deprecated: schema.deprecated,
            origin: Origin::Inline,
            span: schema.span,
        })
    }

    fn shared(&mut self, which: Shared) -> TypeId {
        let (slot, kind) = match which {
            Shared::Any => (self.any, TypeKind::Any),
            Shared::Boolean => (self.boolean, TypeKind::Boolean),
            Shared::PlainString => (
                self.plain_string,
                TypeKind::String {
                    format: StringFormat::Plain,
                    constraints: Box::default(),
                },
            ),
        };
        if let Some(id) = slot {
            return id;
        }
        let id = self.push(TypeDef {
            name: None,
            kind,
            description: None,
            deprecated: false,
            origin: Origin::Inline,
            span: None,
        });
        match which {
            Shared::Any => self.any = Some(id),
            Shared::Boolean => self.boolean = Some(id),
            Shared::PlainString => self.plain_string = Some(id),
        }
        id
    }

    /// The id of the free-form `Any` type.
    pub(crate) fn any_type(&mut self) -> TypeId {
        self.shared(Shared::Any)
    }

    /// An anonymous `string` with `format: binary` (bodies without a schema).
    pub(crate) fn binary_type(&mut self) -> TypeId {
        self.push(TypeDef {
            name: None,
            kind: TypeKind::String {
                format: StringFormat::Binary,
                constraints: Box::default(),
            },
            description: None,
            deprecated: false,
            origin: Origin::Inline,
            span: None,
        })
    }

    /// Lowers a schema where it is used (a property, an item, a body) and returns its type.
    pub(crate) fn lower(&mut self, schema: &Schema, context: &Context<'_>) -> TypeId {
        if let Some(reference) = schema.reference
            && !has_assertions_besides_ref(schema)
        {
            return self.component(reference);
        }
        if schema.boolean == Some(true) || schema.is_unconstrained() {
            return self.shared(Shared::Any);
        }
        if is_plain(schema, PrimitiveType::Boolean) {
            return self.shared(Shared::Boolean);
        }
        if is_plain(schema, PrimitiveType::String) && schema.format.is_none() {
            return self.shared(Shared::PlainString);
        }
        let kind = self.lower_kind(schema, context, None);
        match kind {
            TypeKind::Alias(target) => target,
            TypeKind::Enum(ref inline) if let Some(id) = self.component_enum_like(inline) => id,
            TypeKind::Object(_) | TypeKind::Enum(_) => {
                let name = context.name();
                self.push(TypeDef {
                    name: Some(name),
                    kind,
                    description: description(schema),
                    deprecated: schema.deprecated,
                    origin: Origin::Inline,
                    span: schema.span,
                })
            }
            kind => self.anonymous(kind, schema),
        }
    }

    /// The structure of a schema. `named` is the id of the named type being defined, when the
    /// schema is a component (so aliases and self-references are expressed against it).
    fn lower_kind(
        &mut self,
        schema: &Schema,
        context: &Context<'_>,
        named: Option<TypeId>,
    ) -> TypeKind {
        match schema.boolean {
            Some(true) => return TypeKind::Any,
            Some(false) => return TypeKind::Never,
            None => {}
        }
        // `$ref` with assertions beside it (3.1): both apply, as in `allOf`.
        if let Some(reference) = schema.reference {
            if !has_assertions_besides_ref(schema) {
                return TypeKind::Alias(self.component(reference));
            }
            let mut rest = schema.clone();
            rest.reference = None;
            let as_ref = Schema {
                reference: Some(reference),
                span: schema.span,
                ..Schema::default()
            };
            let combined = Schema {
                all_of: vec![as_ref, rest],
                span: schema.span,
                ..Schema::default()
            };
            return self.lower_kind(&combined, context, named);
        }
        if self.is_null_only(schema) {
            return TypeKind::Null;
        }
        if let Some(inner) = self.strip_null(schema) {
            let inner_context = match named {
                Some(_) => context.child("Value"),
                None => *context,
            };
            let inner_id = self.lower(&inner, &inner_context);
            // `null` added twice (a 3.0 `nullable` around a oneOf with `NullEnum`), or added to
            // a type that already admits anything, changes nothing.
            return match &self.types[resolve_alias(&self.types, inner_id).index()].kind {
                TypeKind::Nullable(_) | TypeKind::Any => TypeKind::Alias(inner_id),
                _ => TypeKind::Nullable(inner_id),
            };
        }
        if let Some(values) = &schema.enumeration {
            return self.lower_enum(schema, values, named.is_some());
        }
        if let Some(constant) = &schema.constant {
            return TypeKind::Literal(Value::from_node(constant));
        }
        if !schema.all_of.is_empty() {
            return self.lower_all_of(schema, context, named);
        }
        if !schema.one_of.is_empty() || !schema.any_of.is_empty() {
            return self.lower_union(schema, context);
        }
        let types = schema.types.without_null();
        if types.len() > 1 {
            return self.lower_type_list(schema, types, context);
        }
        let primitive = types.iter().next().or_else(|| infer_type(schema));
        match primitive {
            Some(PrimitiveType::Object) => self.lower_object(schema, context),
            Some(PrimitiveType::Array) => self.lower_array(schema, context),
            Some(PrimitiveType::String) => TypeKind::String {
                format: StringFormat::from_keyword(schema.format.as_deref()),
                constraints: Box::new(schema.constraints().clone()),
            },
            Some(PrimitiveType::Integer) => TypeKind::Integer {
                format: match schema.format.as_deref() {
                    Some("int32") => IntegerFormat::Int32,
                    Some("int64") => IntegerFormat::Int64,
                    _ => IntegerFormat::Unspecified,
                },
                constraints: Box::new(schema.constraints().clone()),
            },
            Some(PrimitiveType::Number) => TypeKind::Number {
                format: match schema.format.as_deref() {
                    Some("float") => NumberFormat::Float,
                    Some("double") => NumberFormat::Double,
                    _ => NumberFormat::Unspecified,
                },
                constraints: Box::new(schema.constraints().clone()),
            },
            Some(PrimitiveType::Boolean) => TypeKind::Boolean,
            Some(PrimitiveType::Null) => TypeKind::Null,
            None => TypeKind::Any,
        }
    }

    /// True when the schema (following pure `$ref`s) only admits `null`.
    fn is_null_only(&self, schema: &Schema) -> bool {
        let mut current = schema;
        for _ in 0..32 {
            if current.is_null_only() {
                return true;
            }
            match current.reference {
                Some(reference) if !has_assertions_besides_ref(current) => {
                    match self.document.schemas.get(reference.0 as usize) {
                        Some(entry) => current = &entry.schema,
                        None => return false,
                    }
                }
                _ => return false,
            }
        }
        false
    }

    /// When the schema admits `null` next to other values (a type list with `null`, an enum
    /// listing `null`, a `oneOf`/`anyOf` with a null branch), returns the schema without the
    /// null part; `None` when it is not nullable in that way.
    fn strip_null(&self, schema: &Schema) -> Option<Schema> {
        if schema.types.contains(PrimitiveType::Null) && !schema.types.without_null().is_empty() {
            let mut inner = schema.clone();
            inner.types.remove(PrimitiveType::Null);
            if let Some(values) = &mut inner.enumeration {
                values.retain(|value| !matches!(value.kind, NodeKind::Null));
            }
            return Some(inner);
        }
        if let Some(values) = &schema.enumeration
            && values
                .iter()
                .any(|value| matches!(value.kind, NodeKind::Null))
            && values
                .iter()
                .any(|value| !matches!(value.kind, NodeKind::Null))
        {
            let mut inner = schema.clone();
            if let Some(values) = &mut inner.enumeration {
                values.retain(|value| !matches!(value.kind, NodeKind::Null));
            }
            inner.types.remove(PrimitiveType::Null);
            return Some(inner);
        }
        for branches in [&schema.one_of, &schema.any_of] {
            if branches.iter().any(|branch| self.is_null_only(branch))
                && branches.iter().any(|branch| !self.is_null_only(branch))
            {
                let mut inner = schema.clone();
                inner.one_of.retain(|branch| !self.is_null_only(branch));
                inner.any_of.retain(|branch| !self.is_null_only(branch));
                return Some(inner);
            }
        }
        None
    }

    fn lower_enum(
        &mut self,
        schema: &Schema,
        values: &[clientgen_spec::Node],
        named: bool,
    ) -> TypeKind {
        let string_typed =
            schema.types.without_null().len() == 1 && schema.types.contains(PrimitiveType::String);
        let values: Vec<Value> = values
            .iter()
            .filter(|value| !matches!(value.kind, NodeKind::Null))
            .map(|value| {
                let value = Value::from_node(value);
                // `type: string` with unquoted YAML numbers: the server sends strings.
                match (&value, string_typed) {
                    (Value::Number(number), true) => Value::String(number.to_string()),
                    (Value::Bool(flag), true) => Value::String(flag.to_string()),
                    _ => value,
                }
            })
            .collect();
        let mut unique: Vec<Value> = Vec::with_capacity(values.len());
        for value in values {
            if !unique.contains(&value) {
                unique.push(value);
            }
        }
        if unique.is_empty() {
            return TypeKind::Never;
        }
        if unique.len() == 1 && !named {
            return TypeKind::Literal(unique.remove(0));
        }
        let kind = enum_kind(&unique);
        let labels = drf_choice_labels(schema.description.as_deref());
        let varnames = schema
            .enum_varnames()
            .filter(|names| names.len() == unique.len());
        let descriptions = schema
            .enum_descriptions()
            .filter(|names| names.len() == unique.len());
        let members = unique
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                let label = labels
                    .iter()
                    .find(|(label_value, _)| value_matches_label(&value, label_value))
                    .map(|(_, label)| label.clone());
                let name = match (varnames, &label, kind) {
                    (Some(names), _, _) => member_name_from_text(&names[index], index),
                    // IntegerChoices: `* \`1\` - Low` names the member `low`.
                    (None, Some(label), EnumKind::Integer) => member_name_from_text(label, index),
                    _ => member_name_from_value(&value, index),
                };
                let description = descriptions
                    .map(|descriptions| descriptions[index].clone())
                    .or(label);
                EnumMember {
                    value,
                    name,
                    description,
                }
            })
            .collect();
        TypeKind::Enum(Enum { kind, members })
    }

    fn lower_type_list(
        &mut self,
        schema: &Schema,
        types: TypeSet,
        context: &Context<'_>,
    ) -> TypeKind {
        let mut variants = Vec::new();
        for primitive in types.iter() {
            let mut single = schema.clone();
            single.types = TypeSet::EMPTY;
            single.types.insert(primitive);
            let variant_context = context.child(primitive.keyword());
            variants.push(self.lower(&single, &variant_context));
        }
        TypeKind::Union(Union {
            variants,
            discriminator: None,
        })
    }

    fn lower_array(&mut self, schema: &Schema, context: &Context<'_>) -> TypeKind {
        let item_context = context.child("Item");
        let items = if let Some(items) = &schema.items {
            self.lower(items, &item_context)
        } else if !schema.prefix_items.is_empty() {
            // Tuples are rare in APIs; they are typed as arrays of any of their item types.
            let variants: Vec<TypeId> = schema
                .prefix_items
                .iter()
                .map(|item| self.lower(item, &item_context))
                .collect();
            let mut unique = Vec::new();
            for variant in variants {
                if !unique.contains(&variant) {
                    unique.push(variant);
                }
            }
            if unique.len() == 1 {
                unique[0]
            } else {
                let kind = TypeKind::Union(Union {
                    variants: unique,
                    discriminator: None,
                });
                self.anonymous(kind, schema)
            }
        } else {
            self.shared(Shared::Any)
        };
        TypeKind::Array {
            items,
            constraints: Box::new(schema.constraints().clone()),
        }
    }

    fn lower_object(&mut self, schema: &Schema, context: &Context<'_>) -> TypeKind {
        let additional = match &schema.additional_properties {
            None => AdditionalProperties::Unspecified,
            Some(additional) if additional.boolean == Some(false) => {
                AdditionalProperties::Forbidden
            }
            Some(additional) => {
                let value_context = context.child("Value");
                AdditionalProperties::Typed(self.lower(additional, &value_context))
            }
        };
        if schema.properties.is_empty() {
            match additional {
                AdditionalProperties::Typed(values) => return TypeKind::Map { values },
                AdditionalProperties::Unspecified => {
                    let values = self.shared(Shared::Any);
                    return TypeKind::Map { values };
                }
                AdditionalProperties::Forbidden => {}
            }
        }
        let properties = self.lower_properties(schema, context);
        TypeKind::Object(Object {
            properties,
            additional,
            parents: Vec::new(),
        })
    }

    fn lower_properties(&mut self, schema: &Schema, context: &Context<'_>) -> Vec<Property> {
        let mut properties = Vec::with_capacity(schema.properties.len());
        for (name, property_schema) in &schema.properties {
            let property_context = context.child(name);
            let ty = self.lower(property_schema, &property_context);
            properties.push(Property {
                name: name.clone(),
                ty,
                required: schema.required.iter().any(|required| required == name),
                read_only: property_schema.read_only,
                write_only: property_schema.write_only,
                deprecated: property_schema.deprecated,
                description: description(property_schema),
                default: property_schema.default.as_deref().map(Value::from_node),
            });
        }
        properties
    }

    fn lower_union(&mut self, schema: &Schema, context: &Context<'_>) -> TypeKind {
        let branches: Vec<&Schema> = schema.one_of.iter().chain(schema.any_of.iter()).collect();
        let mut variants: Vec<TypeId> = Vec::with_capacity(branches.len());
        for (index, branch) in branches.iter().enumerate() {
            let part = format!("Variant{}", index + 1);
            let variant_context = context.child(&part);
            let id = self.lower(branch, &variant_context);
            if !variants.contains(&id) {
                variants.push(id);
            }
        }
        let union = if variants.len() == 1 && schema.discriminator.is_none() {
            TypeKind::Alias(variants[0])
        } else {
            let discriminator = schema.discriminator.as_ref().map(|discriminator| {
                let mut mapping: Vec<(String, TypeId)> = discriminator
                    .mapping
                    .iter()
                    .map(|(value, schema_id)| (value.clone(), self.component(*schema_id)))
                    .collect();
                // OpenAPI: a variant without a mapping entry is selected by its schema name.
                for variant in &variants {
                    if mapping.iter().any(|(_, target)| target == variant) {
                        continue;
                    }
                    let def = &self.types[variant.index()];
                    if def.origin == Origin::Component
                        && let Some(name) = &def.name
                    {
                        mapping.push((name.clone(), *variant));
                    }
                }
                Discriminator {
                    property: discriminator.property_name.clone(),
                    mapping,
                }
            });
            TypeKind::Union(Union {
                variants,
                discriminator,
            })
        };
        if schema.properties.is_empty() {
            return union;
        }
        // Properties beside oneOf/anyOf: every value has them *and* matches a branch.
        let union_id = self.anonymous(union, schema);
        let mut object_schema = schema.clone();
        object_schema.one_of.clear();
        object_schema.any_of.clear();
        object_schema.discriminator = None;
        let object = self.lower_object(&object_schema, context);
        let object_id = self.push(TypeDef {
            name: Some(context.name() + "Properties"),
            kind: object,
            description: None,
            deprecated: false,
            origin: Origin::Inline,
            span: schema.span,
        });
        TypeKind::Intersection(vec![object_id, union_id])
    }

    /// `allOf`: objects are merged into one object (later members override earlier
    /// properties of the same name, `required` lists are joined); a single non-object member
    /// with annotation-only siblings is that member; anything else is an intersection.
    fn lower_all_of(
        &mut self,
        schema: &Schema,
        context: &Context<'_>,
        named: Option<TypeId>,
    ) -> TypeKind {
        // The schema's own keywords (besides allOf) form one more member.
        let mut own = schema.clone();
        own.all_of.clear();
        let own_has_assertions = has_assertions(&own);
        let mut members: Vec<&Schema> = schema
            .all_of
            .iter()
            .filter(|member| has_assertions(member))
            .collect();
        if own_has_assertions {
            members.push(&own);
        }
        if members.is_empty() {
            return TypeKind::Any;
        }
        if members.len() == 1 {
            let member = members[0];
            if let Some(reference) = member.reference
                && !has_assertions_besides_ref(member)
            {
                return TypeKind::Alias(self.component(reference));
            }
            return self.lower_kind(member, context, named);
        }
        // Try to merge into one object.
        let mut properties: Vec<Property> = Vec::new();
        let mut parents = Vec::new();
        let mut additional = AdditionalProperties::Unspecified;
        let mut mergeable = true;
        let mut required_extra: Vec<String> = Vec::new();
        for member in &members {
            if let Some(reference) = member.reference
                && !has_assertions_besides_ref(member)
            {
                let component = self.component(reference);
                if !self.ensure_component(reference) {
                    mergeable = false;
                    self.diagnostics.push(Diagnostic::warning(
                        member.span.unwrap_or(Span::new(self.document.root, 0, 0)),
                        "`allOf` refers back to a schema that is still being defined; the parts are combined as an intersection",
                    ));
                    break;
                }
                let resolved = resolve_alias(&self.types, component);
                match &self.types[resolved.index()].kind {
                    TypeKind::Object(object) => {
                        parents.push(component);
                        for property in object.properties.clone() {
                            merge_property(&mut properties, property);
                        }
                        if object.additional != AdditionalProperties::Unspecified {
                            additional = object.additional;
                        }
                    }
                    TypeKind::Map { .. } | TypeKind::Any => {}
                    _ => {
                        mergeable = false;
                        break;
                    }
                }
            } else if is_object_like(member) {
                let own_properties = self.lower_properties(member, context);
                for property in own_properties {
                    merge_property(&mut properties, property);
                }
                required_extra.extend(member.required.iter().cloned());
                if let Some(extra) = &member.additional_properties {
                    additional = if extra.boolean == Some(false) {
                        AdditionalProperties::Forbidden
                    } else {
                        let value_context = context.child("Value");
                        AdditionalProperties::Typed(self.lower(extra, &value_context))
                    };
                }
            } else if member.properties.is_empty()
                && !member.required.is_empty()
                && member.types.is_empty()
            {
                // `{required: [...]}` alone tightens the merged object.
                required_extra.extend(member.required.iter().cloned());
            } else {
                mergeable = false;
                break;
            }
        }
        if mergeable {
            for property in &mut properties {
                if required_extra.contains(&property.name) {
                    property.required = true;
                }
            }
            return TypeKind::Object(Object {
                properties,
                additional,
                parents,
            });
        }
        let mut parts = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let part = format!("Part{}", index + 1);
            let member_context = context.child(&part);
            parts.push(self.lower(member, &member_context));
        }
        TypeKind::Intersection(parts)
    }
}

#[derive(Clone, Copy)]
enum Shared {
    Any,
    Boolean,
    PlainString,
}

fn resolve_alias(types: &[TypeDef], id: TypeId) -> TypeId {
    let mut current = id;
    for _ in 0..64 {
        match types.get(current.index()).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => current = *target,
            _ => return current,
        }
    }
    current
}

fn merge_property(properties: &mut Vec<Property>, property: Property) {
    match properties
        .iter_mut()
        .find(|existing| existing.name == property.name)
    {
        Some(existing) => {
            let required = existing.required || property.required;
            *existing = Property {
                required,
                ..property
            };
        }
        None => properties.push(property),
    }
}

/// `description`, else `title`.
pub(crate) fn description(schema: &Schema) -> Option<String> {
    schema.description.clone().or_else(|| schema.title.clone())
}

/// True when the schema constrains values (as opposed to only annotating them).
fn has_assertions(schema: &Schema) -> bool {
    schema.boolean == Some(false)
        || schema.reference.is_some()
        || has_assertions_besides_ref(schema)
}

/// True when, apart from `$ref`, the schema has keywords that constrain values.
fn has_assertions_besides_ref(schema: &Schema) -> bool {
    !schema.types.is_empty()
        || schema.enumeration.is_some()
        || schema.constant.is_some()
        || !schema.properties.is_empty()
        || schema.additional_properties.is_some()
        || schema.items.is_some()
        || !schema.prefix_items.is_empty()
        || !schema.all_of.is_empty()
        || !schema.any_of.is_empty()
        || !schema.one_of.is_empty()
        || schema.format.is_some()
}

fn is_plain(schema: &Schema, primitive: PrimitiveType) -> bool {
    schema.types.len() == 1
        && schema.types.contains(primitive)
        && schema.reference.is_none()
        && schema.enumeration.is_none()
        && schema.constant.is_none()
        && schema.all_of.is_empty()
        && schema.any_of.is_empty()
        && schema.one_of.is_empty()
        && schema.constraints().is_empty()
        && !schema.deprecated
}

fn is_object_like(schema: &Schema) -> bool {
    schema.reference.is_none()
        && schema.all_of.is_empty()
        && schema.one_of.is_empty()
        && schema.any_of.is_empty()
        && schema.enumeration.is_none()
        && (schema.types.is_empty() || schema.types.without_null() == object_type_set())
        && (!schema.properties.is_empty()
            || schema.additional_properties.is_some()
            || schema.types.contains(PrimitiveType::Object))
}

fn object_type_set() -> TypeSet {
    let mut set = TypeSet::EMPTY;
    set.insert(PrimitiveType::Object);
    set
}

/// The type a schema without `type` evidently has from its other keywords.
fn infer_type(schema: &Schema) -> Option<PrimitiveType> {
    if !schema.properties.is_empty() || schema.additional_properties.is_some() {
        Some(PrimitiveType::Object)
    } else if schema.items.is_some() || !schema.prefix_items.is_empty() {
        Some(PrimitiveType::Array)
    } else if schema.format.as_deref() == Some("binary")
        || schema.constraints().pattern.is_some()
        || schema.constraints().min_length.is_some()
        || schema.constraints().max_length.is_some()
    {
        Some(PrimitiveType::String)
    } else {
        None
    }
}

/// An enum's value set as a map key: its kind and its values as JSON, sorted.
fn enum_key(found: &Enum) -> String {
    let mut values: Vec<String> = found
        .members
        .iter()
        .map(|member| member.value.to_json())
        .collect();
    values.sort_unstable();
    format!("{:?}\u{0}{}", found.kind, values.join("\u{0}"))
}

fn enum_kind(values: &[Value]) -> EnumKind {
    use clientgen_spec::Number;
    if values.iter().all(|value| matches!(value, Value::String(_))) {
        EnumKind::String
    } else if values.iter().all(|value| {
        matches!(
            value,
            Value::Number(Number::Integer(_) | Number::Unsigned(_))
        )
    }) {
        EnumKind::Integer
    } else if values.iter().all(|value| matches!(value, Value::Number(_))) {
        EnumKind::Number
    } else if values.iter().all(|value| matches!(value, Value::Bool(_))) {
        EnumKind::Boolean
    } else {
        EnumKind::Mixed
    }
}

/// drf-spectacular documents choices as Markdown lines `* \`value\` - Label`.
fn drf_choice_labels(description: Option<&str>) -> Vec<(String, String)> {
    let Some(description) = description else {
        return Vec::new();
    };
    description
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("* `")?;
            let (value, label) = rest.split_once("` - ")?;
            Some((value.to_owned(), label.trim().to_owned()))
        })
        .collect()
}

fn value_matches_label(value: &Value, label_value: &str) -> bool {
    match value {
        Value::String(text) => text == label_value,
        Value::Number(number) => number.to_string() == label_value,
        Value::Bool(flag) => flag.to_string() == label_value,
        _ => false,
    }
}

/// A member name from free text (`x-enum-varnames` entry or a label): its words in snake case.
fn member_name_from_text(text: &str, index: usize) -> String {
    let words = naming::words(text);
    if words.is_empty() {
        return format!("value_{index}");
    }
    let name = words.join("_");
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        format!("value_{name}")
    } else {
        name
    }
}

/// A member name from the value itself: `in_progress`, `-created_at` → `minus_created_at`,
/// `""` → `empty`, `1` → `value_1`, `-1` → `value_minus_1`.
fn member_name_from_value(value: &Value, index: usize) -> String {
    match value {
        Value::String(text) => {
            if text.is_empty() {
                return String::from("empty");
            }
            let mut prefix = String::new();
            if text.starts_with('-') {
                prefix.push_str("minus_");
            } else if text.starts_with('+') {
                prefix.push_str("plus_");
            }
            let words = naming::words(text);
            if words.is_empty() {
                return format!("{prefix}value_{index}")
                    .trim_end_matches('_')
                    .to_owned();
            }
            let name = format!("{prefix}{}", words.join("_"));
            if name.starts_with(|character: char| character.is_ascii_digit()) {
                format!("value_{name}")
            } else {
                name
            }
        }
        Value::Number(number) => {
            let text = number.to_string();
            let text = text.replace('-', "minus_").replace('.', "_");
            format!("value_{text}")
        }
        Value::Bool(flag) => flag.to_string(),
        _ => format!("value_{index}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names() {
        let name = |text: &str| member_name_from_value(&Value::String(text.into()), 0);
        assert_eq!(name("in_progress"), "in_progress");
        assert_eq!(name("-created_at"), "minus_created_at");
        assert_eq!(name(""), "empty");
        assert_eq!(name("+1"), "plus_1");
        assert_eq!(name("2fa"), "value_2fa");
        assert_eq!(name("https://example.com/x"), "https_example_com_x");
        assert_eq!(
            member_name_from_value(&Value::Number(clientgen_spec::Number::Integer(-1)), 0),
            "value_minus_1"
        );
    }

    #[test]
    fn inline_enums_of_operations_reuse_the_component_enum_with_their_values() {
        let document = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /tickets/:
    get:
      operationId: tickets_list
      parameters:
      - {in: query, name: status, schema: {type: string, enum: [closed, open]}}
      - {in: query, name: kind, schema: {type: string, enum: [a, b]}}
      - {in: query, name: size, schema: {type: string, enum: [s, m]}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Ticket'}}}}
components:
  schemas:
    Ticket:
      type: object
      properties:
        status: {$ref: '#/components/schemas/StatusEnum'}
        inner: {type: string, enum: [open, closed]}
    StatusEnum: {type: string, enum: [open, closed]}
    KindEnum: {type: string, enum: [a, b]}
    OtherKindEnum: {type: string, enum: [b, a]}
"#;
        let loaded = clientgen_spec::load_from_str("t.yaml", document, std::path::Path::new("."))
            .expect("valid");
        let api = crate::lower(&loaded.document).api;
        let parameter_type = |name: &str| {
            let parameter = api.operations[0]
                .parameters
                .iter()
                .find(|parameter| parameter.name == name)
                .expect("parameter");
            api.type_def(parameter.ty).name.clone()
        };
        // Same values in another order: the component enum.
        assert_eq!(parameter_type("status").as_deref(), Some("StatusEnum"));
        // Two component enums with these values: ambiguous, so the parameter keeps its own.
        assert_eq!(parameter_type("kind").as_deref(), Some("TicketsListKind"));
        // No component enum with these values.
        assert_eq!(parameter_type("size").as_deref(), Some("TicketsListSize"));
        // Inline enums inside components are left alone.
        let names: Vec<&str> = api
            .named_types()
            .filter_map(|id| api.type_def(id).name.as_deref())
            .collect();
        assert!(names.contains(&"TicketInner"), "{names:?}");
    }

    #[test]
    fn drf_labels() {
        let labels = drf_choice_labels(Some("Priority.\n\n* `1` - Low\n* `2` - Normal"));
        assert_eq!(
            labels,
            vec![("1".into(), "Low".into()), ("2".into(), "Normal".into())]
        );
    }
}
