//! Decisions about the models taken before any file is written: which unions become pydantic
//! discriminated unions (and which model fields that narrows to `Literal`s), how `allOf`
//! intersections become classes, and which module declares each named type.

use rustc_hash::{FxHashMap, FxHashSet};

use clientgen_ir::naming::Namespace;
use clientgen_ir::{AdditionalProperties, Api, StringFormat, TypeId, TypeKind, Value};

use crate::names::{self, Names};
use crate::types::{Home, is_blank_enum};

/// A model field whose values a discriminated union pins to its mapping values.
#[derive(Debug, Clone)]
pub(crate) struct Narrowed {
    /// The property name on the wire.
    pub(crate) property: String,
    /// The discriminator values selecting the class, in mapping order.
    pub(crate) values: Vec<String>,
}

/// Discriminated unions and the fields they narrow.
#[derive(Debug, Default)]
pub(crate) struct Discriminators {
    /// Unions written as `Annotated[A | B, Field(discriminator=…)]`, with the Python field
    /// name of the discriminator.
    pub(crate) unions: FxHashMap<TypeId, String>,
    /// Per model class: the fields narrowed to `Literal[…]` (added when the class lacks them).
    pub(crate) narrowed: FxHashMap<TypeId, Vec<Narrowed>>,
}

/// One field of a model class.
#[derive(Debug, Clone)]
pub(crate) struct FieldSpec<'a> {
    /// The Python attribute name.
    pub(crate) python: String,
    /// The key on the wire.
    pub(crate) wire: String,
    /// The property, or `None` for a discriminator property the class lacks.
    pub(crate) property: Option<&'a clientgen_ir::Property>,
    /// The discriminator values the field is narrowed to.
    pub(crate) narrowed: Option<Vec<String>>,
}

/// The fields of a model class: its properties (without `never` ones) and the discriminator
/// properties it lacks.
pub(crate) fn class_fields<'a>(
    api: &'a Api,
    discriminators: &Discriminators,
    id: TypeId,
) -> Vec<FieldSpec<'a>> {
    let TypeKind::Object(object) = &api.type_def(id).kind else {
        return Vec::new();
    };
    let narrowed = discriminators.narrowed.get(&id);
    let properties = names::model_properties(api, object);
    let mut wires: Vec<&str> = properties
        .iter()
        .map(|property| property.name.as_str())
        .collect();
    let mut added: Vec<&Narrowed> = Vec::new();
    if let Some(narrowed) = narrowed {
        for item in narrowed {
            if !wires.contains(&item.property.as_str()) {
                wires.push(item.property.as_str());
                added.push(item);
            }
        }
    }
    let pythons = names::field_names(&wires);
    let mut fields = Vec::with_capacity(wires.len());
    for (index, python) in pythons.into_iter().enumerate() {
        let wire = wires[index].to_owned();
        let values = narrowed.and_then(|items| {
            items
                .iter()
                .find(|item| item.property == wire)
                .map(|item| item.values.clone())
        });
        fields.push(FieldSpec {
            python,
            property: properties.get(index).copied(),
            wire,
            narrowed: values,
        });
    }
    fields
}

/// A union that may become a discriminated union: its id, the discriminator property, and
/// each variant class with the values selecting it.
type Candidate = (TypeId, String, Vec<(TypeId, Vec<String>)>);

/// Finds the unions that can be pydantic discriminated unions and narrows their variants.
pub(crate) fn discriminators(api: &Api) -> Discriminators {
    let mut result = Discriminators::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    for (index, def) in api.types.iter().enumerate() {
        let TypeKind::Union(union) = &def.kind else {
            continue;
        };
        let Some(discriminator) = &union.discriminator else {
            continue;
        };
        let mut variants: Vec<(TypeId, Vec<String>)> = Vec::new();
        let mut eligible = !union.variants.is_empty();
        for variant in &union.variants {
            let class = api.resolve(*variant);
            let class_def = api.type_def(class);
            let TypeKind::Object(object) = &class_def.kind else {
                eligible = false;
                break;
            };
            if class_def.name.is_none() {
                eligible = false;
                break;
            }
            if let Some(property) = object
                .properties
                .iter()
                .find(|property| property.name == discriminator.property)
                && !is_string_like(api, property.ty)
            {
                eligible = false;
                break;
            }
            let values: Vec<String> = discriminator
                .mapping
                .iter()
                .filter(|(_, target)| api.resolve(*target) == class)
                .map(|(value, _)| value.clone())
                .collect();
            if values.is_empty() || variants.iter().any(|(seen, _)| *seen == class) {
                eligible = false;
                break;
            }
            variants.push((class, values));
        }
        if eligible {
            candidates.push((
                TypeId(index as u32),
                discriminator.property.clone(),
                variants,
            ));
        }
    }
    for (_, property, variants) in &candidates {
        for (class, values) in variants {
            let entries = result.narrowed.entry(*class).or_default();
            match entries.iter_mut().find(|entry| entry.property == *property) {
                Some(entry) => {
                    for value in values {
                        if !entry.values.contains(value) {
                            entry.values.push(value.clone());
                        }
                    }
                }
                None => entries.push(Narrowed {
                    property: property.clone(),
                    values: values.clone(),
                }),
            }
        }
    }
    for (union, property, variants) in &candidates {
        let mut field: Option<String> = None;
        let mut consistent = true;
        let mut taken: FxHashSet<&str> = FxHashSet::default();
        for (class, _) in variants {
            let fields = class_fields(api, &result, *class);
            let Some(spec) = fields.iter().find(|spec| spec.wire == *property) else {
                consistent = false;
                break;
            };
            match &field {
                Some(name) if *name != spec.python => consistent = false,
                Some(_) => {}
                None => field = Some(spec.python.clone()),
            }
            // Every value may select one class only.
            if let Some(entries) = result.narrowed.get(class)
                && let Some(entry) = entries.iter().find(|entry| entry.property == *property)
            {
                for value in &entry.values {
                    if !taken.insert(value.as_str()) {
                        consistent = false;
                    }
                }
            }
        }
        if consistent && let Some(field) = field {
            result.unions.insert(*union, field);
        }
    }
    result
}

/// True for types a string discriminator value can be (strings, string enums and literals).
fn is_string_like(api: &Api, id: TypeId) -> bool {
    match &api.type_def(api.resolve(id)).kind {
        TypeKind::String { format, .. } => !matches!(
            format,
            StringFormat::Binary
                | StringFormat::Date
                | StringFormat::DateTime
                | StringFormat::Time
                | StringFormat::Uuid
                | StringFormat::Decimal
        ),
        TypeKind::Enum(enumeration) => enumeration
            .members
            .iter()
            .all(|member| matches!(member.value, Value::String(_))),
        TypeKind::Literal(Value::String(_)) => true,
        _ => false,
    }
}

/// How a named type declared under `models/` is written.
#[derive(Debug, Clone)]
pub(crate) enum Declaration {
    /// A model class.
    Class,
    /// A model class without fields that forbids every key.
    EmptyClass,
    /// `allOf` parts that could not be merged: classes inheriting from one combination of
    /// parts each, and (with several) an alias naming their union.
    Intersection(Vec<(String, Vec<TypeId>)>),
    /// `Name: TypeAlias = …`.
    Alias,
}

/// One module under `models/`.
#[derive(Debug, Clone)]
pub(crate) struct ModelModule {
    /// File stem.
    pub(crate) stem: String,
    /// Declared types, in declaration order.
    pub(crate) members: Vec<TypeId>,
    /// Members refer to each other: call `model_rebuild()` at the end.
    pub(crate) cyclic: bool,
}

/// Which module declares each named type.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// The modules, in order of their first type.
    pub(crate) modules: Vec<ModelModule>,
    /// Module index of each type declared under `models/`.
    pub(crate) module_of: FxHashMap<TypeId, usize>,
    /// How each type under `models/` is declared.
    pub(crate) declarations: FxHashMap<TypeId, Declaration>,
    /// Types declared under `enums/` (enums, and `BlankEnum`/`NullEnum`), in arena order.
    pub(crate) enum_types: Vec<TypeId>,
    /// The module stem of each of them.
    pub(crate) enum_stems: FxHashMap<TypeId, String>,
}

impl Plan {
    /// The stem of the module declaring `id`.
    pub(crate) fn stem(&self, id: TypeId) -> &str {
        self.module_of
            .get(&id)
            .and_then(|index| self.modules.get(*index))
            .map(|module| module.stem.as_str())
            .unwrap_or("_missing")
    }

    /// The stem of the module under `enums/` declaring `id`.
    pub(crate) fn enum_stem(&self, id: TypeId) -> &str {
        self.enum_stems
            .get(&id)
            .map(String::as_str)
            .unwrap_or("_missing")
    }
}

/// The home of a named type (see [`Home`]).
pub(crate) fn home_of(api: &Api, id: TypeId) -> Home {
    let kind = &api.type_def(id).kind;
    if is_blank_enum(kind) || matches!(kind, TypeKind::Null) {
        Home::Inline
    } else if matches!(kind, TypeKind::Enum(_)) {
        Home::Enums
    } else {
        Home::Models
    }
}

/// Groups the types declared under `models/` into modules: one per strongly connected
/// component of the reference graph, so that modules import each other without cycles.
pub(crate) fn plan(api: &Api, names: &mut Names) -> Plan {
    let model_types: Vec<TypeId> = api
        .named_types()
        .filter(|id| home_of(api, *id) == Home::Models)
        .collect();
    let mut declarations: FxHashMap<TypeId, Declaration> = FxHashMap::default();
    for id in &model_types {
        let declaration = match &api.type_def(*id).kind {
            TypeKind::Object(object) => {
                if !object.properties.is_empty() {
                    Declaration::Class
                } else if object.additional == AdditionalProperties::Forbidden {
                    Declaration::EmptyClass
                } else {
                    Declaration::Alias
                }
            }
            TypeKind::Intersection(parts) => match intersection_classes(api, parts) {
                Some(combinations) => {
                    let base = names.type_name(*id).to_owned();
                    let classes = if combinations.len() == 1 {
                        vec![(base, combinations.into_iter().next().unwrap_or_default())]
                    } else {
                        combinations
                            .into_iter()
                            .enumerate()
                            .map(|(index, bases)| {
                                (
                                    names
                                        .type_namespace
                                        .claim(&format!("{base}Variant{}", index + 1)),
                                    bases,
                                )
                            })
                            .collect()
                    };
                    Declaration::Intersection(classes)
                }
                None => Declaration::Alias,
            },
            _ => Declaration::Alias,
        };
        declarations.insert(*id, declaration);
    }

    let index_of: FxHashMap<TypeId, usize> = model_types
        .iter()
        .enumerate()
        .map(|(index, id)| (*id, index))
        .collect();
    let edges: Vec<Vec<usize>> = model_types
        .iter()
        .map(|id| {
            let mut references = Vec::new();
            references_of(api, *id, &declarations, &mut references);
            let mut targets: Vec<usize> = references
                .iter()
                .filter_map(|target| index_of.get(target).copied())
                .collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect();
    let components = strongly_connected(&edges);

    let mut files = Namespace::new(true);
    files.reserve(["__init__"]);
    let mut modules: Vec<ModelModule> = Vec::with_capacity(components.len());
    let mut module_of: FxHashMap<TypeId, usize> = FxHashMap::default();
    let mut ordered: Vec<Vec<usize>> = components;
    for component in &mut ordered {
        component.sort_unstable();
    }
    ordered.sort_by_key(|component| component.first().copied().unwrap_or(usize::MAX));
    for component in ordered {
        let first = component.first().copied().unwrap_or(0);
        let cyclic = component.len() > 1
            || edges
                .get(first)
                .is_some_and(|targets| targets.contains(&first));
        let members = declaration_order(&component, &edges, &model_types, &declarations);
        let stem = names::module_stem(names.type_name(model_types[first]));
        let stem = names::claim_snake(&mut files, &stem);
        let module_index = modules.len();
        for member in &members {
            module_of.insert(*member, module_index);
        }
        modules.push(ModelModule {
            stem,
            members,
            cyclic: cyclic && component.len() > 1,
        });
    }
    let mut enum_files = Namespace::new(true);
    enum_files.reserve(["__init__"]);
    let enum_types: Vec<TypeId> = api
        .named_types()
        .filter(|id| home_of(api, *id) != Home::Models)
        .collect();
    let mut enum_stems: FxHashMap<TypeId, String> = FxHashMap::default();
    for id in &enum_types {
        let stem = names::module_stem(names.type_name(*id));
        enum_stems.insert(*id, names::claim_snake(&mut enum_files, &stem));
    }
    Plan {
        modules,
        module_of,
        declarations,
        enum_types,
        enum_stems,
    }
}

/// Classes first (bases before the classes inheriting from them), then aliases, each after
/// the aliases it refers to.
fn declaration_order(
    component: &[usize],
    edges: &[Vec<usize>],
    model_types: &[TypeId],
    declarations: &FxHashMap<TypeId, Declaration>,
) -> Vec<TypeId> {
    let in_component: FxHashSet<usize> = component.iter().copied().collect();
    let is_alias = |index: usize| {
        matches!(
            declarations.get(&model_types[index]),
            Some(Declaration::Alias) | None
        )
    };
    let is_intersection = |index: usize| {
        matches!(
            declarations.get(&model_types[index]),
            Some(Declaration::Intersection(_))
        )
    };
    let mut order: Vec<usize> = Vec::with_capacity(component.len());
    let mut placed: FxHashSet<usize> = FxHashSet::default();
    // Plain classes, then intersection classes after their bases, then aliases in
    // dependency order.
    for &index in component {
        if !is_alias(index) && !is_intersection(index) && placed.insert(index) {
            order.push(index);
        }
    }
    for wanted_alias in [false, true] {
        for &start in component {
            if placed.contains(&start) || is_alias(start) != wanted_alias {
                continue;
            }
            // Depth-first, dependencies of the same kind first.
            let mut stack: Vec<(usize, bool)> = vec![(start, false)];
            let mut visiting: FxHashSet<usize> = FxHashSet::default();
            while let Some((index, expanded)) = stack.pop() {
                if placed.contains(&index) {
                    continue;
                }
                if expanded {
                    placed.insert(index);
                    order.push(index);
                    continue;
                }
                if !visiting.insert(index) {
                    continue;
                }
                stack.push((index, true));
                for &target in edges[index].iter().rev() {
                    if in_component.contains(&target)
                        && !placed.contains(&target)
                        && is_alias(target) == wanted_alias
                        && !visiting.contains(&target)
                    {
                        stack.push((target, false));
                    }
                }
            }
        }
    }
    order.into_iter().map(|index| model_types[index]).collect()
}

/// The combinations of object classes an intersection stands for, or `None` when a part
/// is neither an object nor a union of objects (or there would be too many).
fn intersection_classes(api: &Api, parts: &[TypeId]) -> Option<Vec<Vec<TypeId>>> {
    let mut combinations: Vec<Vec<TypeId>> = vec![Vec::new()];
    for part in parts {
        let resolved = api.resolve(*part);
        let def = api.type_def(resolved);
        let alternatives: Vec<TypeId> = match &def.kind {
            TypeKind::Object(_) if def.name.is_some() => vec![resolved],
            TypeKind::Union(union) if union.discriminator.is_none() => {
                let mut alternatives = Vec::new();
                for variant in &union.variants {
                    let target = api.resolve(*variant);
                    let target_def = api.type_def(target);
                    if !matches!(target_def.kind, TypeKind::Object(_)) || target_def.name.is_none()
                    {
                        return None;
                    }
                    alternatives.push(target);
                }
                alternatives
            }
            _ => return None,
        };
        if alternatives.is_empty() {
            return None;
        }
        let mut next = Vec::with_capacity(combinations.len() * alternatives.len());
        for combination in &combinations {
            for alternative in &alternatives {
                let mut extended = combination.clone();
                if !extended.contains(alternative) {
                    extended.push(*alternative);
                }
                next.push(extended);
            }
        }
        if next.len() > 16 {
            return None;
        }
        combinations = next;
    }
    Some(combinations)
}

/// Named types under `models/` that the declaration of `id` refers to.
fn references_of(
    api: &Api,
    id: TypeId,
    declarations: &FxHashMap<TypeId, Declaration>,
    out: &mut Vec<TypeId>,
) {
    if let Some(Declaration::Intersection(classes)) = declarations.get(&id) {
        for (_, bases) in classes {
            out.extend(bases.iter().copied());
        }
        return;
    }
    let mut stack: Vec<(TypeId, usize)> = children(api, &api.type_def(id).kind)
        .into_iter()
        .map(|child| (child, 0))
        .collect();
    let mut seen: FxHashSet<TypeId> = FxHashSet::default();
    while let Some((child, depth)) = stack.pop() {
        let def = api.type_def(child);
        if def.name.is_some() {
            if home_of(api, child) == Home::Models {
                out.push(child);
            }
            continue;
        }
        if depth > 48 || !seen.insert(child) {
            continue;
        }
        stack.extend(
            children(api, &def.kind)
                .into_iter()
                .map(|next| (next, depth + 1)),
        );
    }
}

/// The types a kind refers to directly (properties of type `never` left out).
pub(crate) fn children(api: &Api, kind: &TypeKind) -> Vec<TypeId> {
    match kind {
        TypeKind::Array { items, .. } => vec![*items],
        TypeKind::Map { values } => vec![*values],
        TypeKind::Nullable(inner) | TypeKind::Alias(inner) => vec![*inner],
        TypeKind::Union(union) => union.variants.clone(),
        TypeKind::Intersection(parts) => parts.clone(),
        TypeKind::Object(object) => {
            let mut ids: Vec<TypeId> = names::model_properties(api, object)
                .iter()
                .map(|property| property.ty)
                .collect();
            if let AdditionalProperties::Typed(values) = object.additional {
                ids.push(values);
            }
            ids
        }
        _ => Vec::new(),
    }
}

/// Tarjan's algorithm, iteratively: the strongly connected components of a graph given by
/// adjacency lists.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let count = edges.len();
    let mut index = vec![usize::MAX; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut components: Vec<Vec<usize>> = Vec::new();
    let mut next_index = 0usize;
    for root in 0..count {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next edge position)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut position)) = work.last_mut() {
            if let Some(&target) = edges[node].get(*position) {
                *position += 1;
                if index[target] == usize::MAX {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components() {
        let edges = vec![vec![1], vec![0, 2], vec![], vec![3]];
        let mut found = strongly_connected(&edges);
        for component in &mut found {
            component.sort_unstable();
        }
        found.sort();
        assert_eq!(found, vec![vec![0, 1], vec![2], vec![3]]);
    }
}
