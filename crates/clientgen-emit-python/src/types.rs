//! Python type expressions for IR types, and the imports rendering them needs.

use std::collections::BTreeSet;

use clientgen_ir::{EnumKind, Number, StringFormat, TypeDef, TypeId, TypeKind, Value};

use crate::Emitter;
use crate::imports::{ImportBlock, Section};
use crate::layout::{self, Doc, text};
use crate::syntax::string_literal;

/// A Python type expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PyType {
    /// A name or other atom (`int`, `Ticket`, `dt.date`, `None`, `"a"` inside `Literal`).
    Name(String),
    /// `base[arguments]`.
    Generic(String, Vec<PyType>),
    /// `a | b | c`.
    Union(Vec<PyType>),
}

impl PyType {
    /// `None`.
    pub(crate) fn none() -> Self {
        PyType::Name(String::from("None"))
    }

    /// The expression on one line.
    pub(crate) fn flat(&self) -> String {
        let mut out = String::new();
        self.write_flat(&mut out);
        out
    }

    fn write_flat(&self, out: &mut String) {
        match self {
            PyType::Name(name) => out.push_str(name),
            PyType::Generic(base, arguments) => {
                out.push_str(base);
                out.push('[');
                for (index, argument) in arguments.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    argument.write_flat(out);
                }
                out.push(']');
            }
            PyType::Union(members) => {
                for (index, member) in members.iter().enumerate() {
                    if index > 0 {
                        out.push_str(" | ");
                    }
                    member.write_flat(out);
                }
            }
        }
    }

    /// The layout of the expression inside brackets or a parameter list.
    pub(crate) fn doc(&self) -> Doc {
        match self {
            PyType::Name(name) => text(name.clone()),
            PyType::Generic(base, arguments) => {
                layout::subscript(base.clone(), arguments.iter().map(PyType::doc).collect())
            }
            PyType::Union(members) => layout::union(members.iter().map(PyType::doc).collect()),
        }
    }

    /// The layout of the expression as the annotation of an assignment (a long union is
    /// wrapped in parentheses).
    pub(crate) fn annotation_doc(&self) -> Doc {
        match self {
            PyType::Union(members) => {
                layout::parenthesized_union(members.iter().map(PyType::doc).collect())
            }
            other => other.doc(),
        }
    }

    /// True when `None` is one of the values.
    pub(crate) fn includes_none(&self) -> bool {
        match self {
            PyType::Name(name) => name == "None" || name == "JsonValue",
            PyType::Union(members) => members.iter().any(PyType::includes_none),
            PyType::Generic(_, _) => false,
        }
    }
}

/// What rendering types in one module needs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Imports {
    /// Names from `typing`.
    pub(crate) typing: BTreeSet<&'static str>,
    /// `import datetime as dt`.
    pub(crate) datetime: bool,
    /// `from decimal import Decimal`.
    pub(crate) decimal: bool,
    /// `from uuid import UUID`.
    pub(crate) uuid: bool,
    /// Names from `pydantic`.
    pub(crate) pydantic: BTreeSet<&'static str>,
    /// Names from `_model` (`Model`, `Omittable`).
    pub(crate) model: BTreeSet<&'static str>,
    /// `Upload` from `runtime` (models; client modules write `rt.Upload`).
    pub(crate) upload: bool,
    /// Named types declared in model modules.
    pub(crate) types: BTreeSet<TypeId>,
    /// Named enums (declared in `enums.py`).
    pub(crate) enums: BTreeSet<TypeId>,
    /// `import builtins` (for builtins shadowed by methods of a class).
    pub(crate) builtins: bool,
    /// Builtin names shadowed where the types are written.
    pub(crate) shadowed: Vec<String>,
    /// Write `rt.Upload` instead of `Upload`.
    pub(crate) upload_via_runtime: bool,
}

impl Imports {
    /// Adds everything `other` needs.
    pub(crate) fn merge(&mut self, other: &Imports) {
        self.typing.extend(other.typing.iter().copied());
        self.datetime |= other.datetime;
        self.decimal |= other.decimal;
        self.uuid |= other.uuid;
        self.pydantic.extend(other.pydantic.iter().copied());
        self.model.extend(other.model.iter().copied());
        self.upload |= other.upload;
        self.types.extend(other.types.iter().copied());
        self.enums.extend(other.enums.iter().copied());
        self.builtins |= other.builtins;
    }

    /// Removes everything `other` already imports.
    pub(crate) fn remove_all(&mut self, other: &Imports) {
        self.typing.retain(|name| !other.typing.contains(name));
        self.datetime &= !other.datetime;
        self.decimal &= !other.decimal;
        self.uuid &= !other.uuid;
        self.pydantic.retain(|name| !other.pydantic.contains(name));
        self.model.retain(|name| !other.model.contains(name));
        self.upload &= !other.upload;
        self.types.retain(|id| !other.types.contains(id));
        self.enums.retain(|id| !other.enums.contains(id));
        self.builtins &= !other.builtins;
    }

    /// Adds the standard library and pydantic imports to `block`.
    pub(crate) fn add_external(&self, block: &mut ImportBlock) {
        if self.datetime {
            block.plain(Section::Standard, "datetime as dt");
        }
        if self.builtins {
            block.plain(Section::Standard, "builtins");
        }
        if self.decimal {
            block.from(Section::Standard, "decimal", "Decimal");
        }
        if self.uuid {
            block.from(Section::Standard, "uuid", "UUID");
        }
        for name in &self.typing {
            block.from(Section::Standard, "typing", name);
        }
        for name in &self.pydantic {
            block.from(Section::ThirdParty, "pydantic", name);
        }
    }
}

/// True for drf-spectacular's `BlankEnum` (`enum: [""]`): written as `Literal[""]`.
pub(crate) fn is_blank_enum(kind: &TypeKind) -> bool {
    matches!(kind, TypeKind::Enum(enumeration)
        if enumeration.members.len() == 1
            && matches!(&enumeration.members[0].value, Value::String(text) if text.is_empty()))
}

/// True for enums written as `StrEnum` / `IntEnum` classes.
pub(crate) fn is_enum_class(kind: &TypeKind) -> bool {
    matches!(kind, TypeKind::Enum(enumeration)
        if matches!(enumeration.kind, EnumKind::String | EnumKind::Integer))
        && !is_blank_enum(kind)
}

/// Where a named type is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Home {
    /// In `enums.py`.
    Enums,
    /// In a module under `models/`.
    Models,
    /// Nowhere: written out where used (`BlankEnum` as `Literal[""]`, `NullEnum` as
    /// `None`), though still declared in `enums.py`/`models/` under its own name.
    Inline,
}

impl Emitter<'_> {
    /// Where the named type `id` lives and how references to it are written.
    pub(crate) fn home(&self, id: TypeId) -> Home {
        let kind = &self.api.type_def(id).kind;
        if is_blank_enum(kind) || matches!(kind, TypeKind::Null) {
            Home::Inline
        } else if matches!(kind, TypeKind::Enum(_)) {
            Home::Enums
        } else {
            Home::Models
        }
    }

    /// The Python type of `id`: a named type by name, an anonymous one by structure.
    pub(crate) fn py_type(&self, id: TypeId, imports: &mut Imports) -> PyType {
        self.py_type_at(id, imports, 0)
    }

    fn py_type_at(&self, id: TypeId, imports: &mut Imports, depth: usize) -> PyType {
        let def = self.api.type_def(id);
        if def.name.is_some() {
            return match self.home(id) {
                Home::Inline => self.structure_at(def, id, imports, depth),
                Home::Enums => {
                    imports.enums.insert(id);
                    PyType::Name(self.names.type_name(id).to_owned())
                }
                Home::Models => {
                    imports.types.insert(id);
                    PyType::Name(self.names.type_name(id).to_owned())
                }
            };
        }
        self.structure_at(def, id, imports, depth)
    }

    /// The structure of a type, ignoring its name (the right-hand side of its declaration).
    pub(crate) fn structure(&self, id: TypeId, imports: &mut Imports) -> PyType {
        self.structure_at(self.api.type_def(id), id, imports, 0)
    }

    fn structure_at(
        &self,
        def: &TypeDef,
        id: TypeId,
        imports: &mut Imports,
        depth: usize,
    ) -> PyType {
        if depth > 48 {
            return json_value(imports);
        }
        let next = depth + 1;
        match &def.kind {
            TypeKind::Any => json_value(imports),
            TypeKind::Never => never(imports),
            TypeKind::Null => PyType::none(),
            TypeKind::Boolean => builtin("bool", imports),
            TypeKind::Integer { .. } => builtin("int", imports),
            TypeKind::Number { .. } => builtin("float", imports),
            TypeKind::String { format, .. } => self.string_type(format, imports),
            TypeKind::Literal(value) => literal_type(value, imports),
            TypeKind::Enum(enumeration) => {
                let members: Vec<PyType> = enumeration
                    .members
                    .iter()
                    .map(|member| literal_type(&member.value, imports))
                    .collect();
                union_of(members, imports)
            }
            TypeKind::Array { items, .. } => PyType::Generic(
                builtin("list", imports).flat(),
                vec![self.py_type_at(*items, imports, next)],
            ),
            TypeKind::Map { values } => PyType::Generic(
                builtin("dict", imports).flat(),
                vec![
                    builtin("str", imports),
                    self.py_type_at(*values, imports, next),
                ],
            ),
            TypeKind::Object(object) => {
                let values = match object.additional {
                    clientgen_ir::AdditionalProperties::Typed(values)
                        if object.properties.is_empty() =>
                    {
                        self.py_type_at(values, imports, next)
                    }
                    _ => json_value(imports),
                };
                PyType::Generic(
                    builtin("dict", imports).flat(),
                    vec![builtin("str", imports), values],
                )
            }
            TypeKind::Union(union) => {
                let members: Vec<PyType> = union
                    .variants
                    .iter()
                    .map(|variant| self.py_type_at(*variant, imports, next))
                    .collect();
                let joined = union_of(members, imports);
                match self.discriminators.unions.get(&id) {
                    Some(field) => {
                        imports.typing.insert("Annotated");
                        imports.pydantic.insert("Field");
                        PyType::Generic(
                            String::from("Annotated"),
                            vec![
                                joined,
                                PyType::Name(format!(
                                    "Field(discriminator={})",
                                    string_literal(field)
                                )),
                            ],
                        )
                    }
                    None => joined,
                }
            }
            TypeKind::Intersection(_) => json_value(imports),
            TypeKind::Nullable(inner) => {
                let inner = self.py_type_at(*inner, imports, next);
                union_of(vec![inner, PyType::none()], imports)
            }
            TypeKind::Alias(target) => self.py_type_at(*target, imports, next),
        }
    }

    fn string_type(&self, format: &StringFormat, imports: &mut Imports) -> PyType {
        match format {
            StringFormat::Date => {
                imports.datetime = true;
                PyType::Name(String::from("dt.date"))
            }
            StringFormat::DateTime => {
                imports.datetime = true;
                PyType::Name(String::from("dt.datetime"))
            }
            StringFormat::Time => {
                imports.datetime = true;
                PyType::Name(String::from("dt.time"))
            }
            StringFormat::Uuid => {
                imports.uuid = true;
                PyType::Name(String::from("UUID"))
            }
            StringFormat::Decimal => {
                imports.decimal = true;
                PyType::Name(String::from("Decimal"))
            }
            StringFormat::Binary => upload(imports),
            _ => builtin("str", imports),
        }
    }
}

/// `head(parameters) -> returns:` at `column` as ruff lays out a function definition: flat if
/// it fits; else the parameters are split, and when `) -> returns:` is still too long, the
/// return annotation is split too (a subscript at its brackets, a union in parentheses; a
/// plain name stays as it is).
pub(crate) fn definition(
    head: String,
    parameters: Vec<Doc>,
    returns: &PyType,
    column: usize,
) -> Doc {
    if parameters.is_empty() {
        return Doc::Concat(vec![
            text(format!("{head}() -> ")),
            returns.doc(),
            text(":"),
        ]);
    }
    let tail = format!(" -> {}:", returns.flat());
    // `)` + tail is the last line once the parameters are split.
    if column + 1 + layout::display_width(&tail) <= layout::LINE_WIDTH
        || matches!(returns, PyType::Name(_))
    {
        return layout::parameters(head, parameters, &tail);
    }
    Doc::Concat(vec![
        layout::parameters_split(head, parameters, " -> "),
        returns.annotation_doc(),
        text(":"),
    ])
}

/// `Upload` (the type of file fields and binary bodies).
pub(crate) fn upload(imports: &mut Imports) -> PyType {
    if imports.upload_via_runtime {
        PyType::Name(String::from("rt.Upload"))
    } else {
        imports.upload = true;
        PyType::Name(String::from("Upload"))
    }
}

/// `Never` from `_model` (pydantic cannot validate `typing.Never` itself).
fn never(imports: &mut Imports) -> PyType {
    imports.model.insert("Never");
    PyType::Name(String::from("Never"))
}

/// pydantic's recursive `JsonValue` (any JSON value, `None` included).
pub(crate) fn json_value(imports: &mut Imports) -> PyType {
    imports.pydantic.insert("JsonValue");
    PyType::Name(String::from("JsonValue"))
}

/// A builtin type name, qualified when a class member shadows it.
pub(crate) fn builtin(name: &'static str, imports: &mut Imports) -> PyType {
    if imports.shadowed.iter().any(|shadowed| shadowed == name) {
        imports.builtins = true;
        PyType::Name(format!("builtins.{name}"))
    } else {
        PyType::Name(name.to_owned())
    }
}

/// The literal type of a value: `Literal["a"]`, `None`; values `Literal` cannot hold become
/// their base type.
pub(crate) fn literal_type(value: &Value, imports: &mut Imports) -> PyType {
    match value {
        Value::Null => PyType::none(),
        Value::Bool(flag) => literal(if *flag { "True" } else { "False" }, imports),
        Value::Number(number) => match number {
            Number::Integer(_) | Number::Unsigned(_) => literal(&number.to_string(), imports),
            Number::Float(_) => builtin("float", imports),
        },
        Value::String(text) => literal(&string_literal(text), imports),
        Value::Array(_) | Value::Object(_) => json_value(imports),
    }
}

fn literal(item: &str, imports: &mut Imports) -> PyType {
    imports.typing.insert("Literal");
    PyType::Generic(String::from("Literal"), vec![PyType::Name(item.to_owned())])
}

/// A union in the form ruff's rules want: nested unions flattened, duplicates dropped, all
/// literals merged into one `Literal[…]`, `int` dropped beside `float`, `None` last.
pub(crate) fn union_of(members: Vec<PyType>, imports: &mut Imports) -> PyType {
    let mut flat: Vec<PyType> = Vec::with_capacity(members.len());
    for member in members {
        match member {
            PyType::Union(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    if flat
        .iter()
        .any(|member| matches!(member, PyType::Name(name) if name == "JsonValue"))
    {
        return json_value(imports);
    }
    let has_float = flat
        .iter()
        .any(|member| matches!(member, PyType::Name(name) if name == "float" || name == "builtins.float"));
    let mut out: Vec<PyType> = Vec::with_capacity(flat.len());
    let mut literal_position: Option<usize> = None;
    let mut literal_items: Vec<PyType> = Vec::new();
    let mut has_none = false;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for member in flat {
        match member {
            PyType::Name(name) if name == "None" => has_none = true,
            PyType::Name(name) if has_float && (name == "int" || name == "builtins.int") => {}
            PyType::Generic(base, items) if base == "Literal" => {
                if literal_position.is_none() {
                    literal_position = Some(out.len());
                    out.push(PyType::none());
                }
                for item in items {
                    if !literal_items.contains(&item) {
                        literal_items.push(item);
                    }
                }
            }
            other => {
                if seen.insert(other.flat()) {
                    out.push(other);
                }
            }
        }
    }
    if let Some(position) = literal_position {
        out[position] = PyType::Generic(String::from("Literal"), literal_items);
    }
    if has_none {
        out.push(PyType::none());
    }
    match out.len() {
        0 => never(imports),
        1 => out.pop().unwrap_or_else(PyType::none),
        _ => PyType::Union(out),
    }
}
