//! Python identifiers for every IR item, unique within their scopes.
//!
//! Collisions are resolved in document order through [`Namespace`]; where two names of one
//! scope convert to the same identifier (cvat's `convMaskToPoly` and `conv_mask_to_poly`), the
//! one whose original spelling already is that identifier keeps it, whatever the order.

use clientgen_ir::naming::{self, Namespace, reserved};
use clientgen_ir::{Api, Object, ParameterLocation, TypeId, TypeKind};

use crate::syntax::KEYWORDS;

/// Names the generated modules define or import next to the models; a model may not take
/// one of them.
const MODULE_NAMES: &[&str] = &[
    "Annotated",
    "APIClient",
    "APIError",
    "ClientError",
    "Decimal",
    "Enum",
    "Field",
    "File",
    "IntEnum",
    "JsonValue",
    "Literal",
    "Model",
    "NetworkError",
    "Never",
    "Omittable",
    "Page",
    "Request",
    "Response",
    "ResponseValidationError",
    "StrEnum",
    "SyncAPIClient",
    "TYPE_CHECKING",
    "TypeAlias",
    "UUID",
    "Upload",
];

/// Attributes of pydantic's `BaseModel`: a field of the same name would shadow them.
const MODEL_ATTRIBUTES: &[&str] = &[
    "construct",
    "copy",
    "dict",
    "from_orm",
    "json",
    "model_computed_fields",
    "model_config",
    "model_construct",
    "model_copy",
    "model_dump",
    "model_dump_json",
    "model_extra",
    "model_fields",
    "model_fields_set",
    "model_json_schema",
    "model_parametrized_name",
    "model_post_init",
    "model_rebuild",
    "model_validate",
    "model_validate_json",
    "model_validate_strings",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
];

/// Names used in class bodies and annotations of the models: a field of the same name would
/// shadow them for the fields declared after it.
const ANNOTATION_NAMES: &[&str] = &[
    "bool", "builtins", "bytes", "dict", "dt", "float", "int", "list", "object", "rt", "str",
];

/// Members of the client classes besides the tag sub-clients.
const CLIENT_MEMBERS: &[&str] = &[
    "aclose",
    "api_key_location",
    "api_key_name",
    "base_url",
    "clear_token",
    "close",
    "default_base_url",
    "is_authenticated",
    "paginate",
    "refresh_token",
    "send",
    "set_api_key",
    "set_token",
    "stream",
    "token",
    "token_prefix",
    "with_headers",
];

/// Identifiers chosen for one tag.
#[derive(Debug, Clone)]
pub(crate) struct TagNames {
    /// Property of the clients holding the sub-client, and the module stem
    /// (`subclients/<module>.py`, `api/<module>/`).
    pub(crate) property: String,
    /// The module stem.
    pub(crate) module: String,
    /// The async sub-client class (`TicketsClient`).
    pub(crate) async_class: String,
    /// The sync sub-client class (`SyncTicketsClient`).
    pub(crate) sync_class: String,
}

/// Identifiers chosen for one operation.
#[derive(Debug, Clone)]
pub(crate) struct OperationNames {
    /// Method of the tag's sub-clients (`list`).
    pub(crate) method: String,
    /// The pagination method (`list_all`), claimed for every operation (used when paginated).
    pub(crate) all_method: String,
    /// The streaming method (`download_retrieve_stream`), used for binary responses.
    pub(crate) stream_method: String,
    /// The request builder in the tag module (`list_request`).
    pub(crate) builder: String,
    /// The module of the standalone functions (`api/<tag>/<module>.py`).
    pub(crate) module: String,
    /// The Python name of each parameter, indexed like `Operation::parameters`.
    pub(crate) parameters: Vec<String>,
    /// The name of the body parameter.
    pub(crate) body: String,
}

/// All Python names of one API.
#[derive(Debug)]
pub(crate) struct Names {
    /// The import name of the package.
    pub(crate) package: String,
    types: Vec<Option<String>>,
    pub(crate) tags: Vec<TagNames>,
    pub(crate) operations: Vec<OperationNames>,
    /// The type namespace, for names the models plan adds (intersection variants).
    pub(crate) type_namespace: Namespace,
}

impl Names {
    pub(crate) fn new(api: &Api, package: String) -> Self {
        let mut type_namespace = Namespace::new(false);
        type_namespace.reserve(MODULE_NAMES.iter().copied());
        type_namespace.reserve(KEYWORDS.iter().copied());
        let mut types = vec![None; api.types.len()];
        for id in api.named_types() {
            let original = api.type_def(id).name.as_deref().unwrap_or("Model");
            types[id.index()] = Some(type_namespace.claim(&class_identifier(original)));
        }

        let mut members = Namespace::new(false);
        members.reserve(CLIENT_MEMBERS.iter().copied());
        members.reserve(KEYWORDS.iter().copied());
        members.reserve(reserved::PYTHON.iter().copied());
        let mut files = Namespace::new(true);
        files.reserve(["__init__"]);
        let mut classes = Namespace::new(false);
        classes.reserve(["APIClient", "SyncAPIClient"]);
        let mut tags = Vec::with_capacity(api.tags.len());
        for tag in &api.tags {
            let mut base = naming::snake_case(&tag.name);
            if base.is_empty() {
                base = String::from("default");
            }
            if base.starts_with(|character: char| character.is_ascii_digit()) {
                base.insert_str(0, "tag_");
            }
            let property = claim_snake(&mut members, &base);
            let module = claim_snake(&mut files, &property);
            let class_base = naming::pascal_case(&property);
            let async_class = classes.claim(&format!("{class_base}Client"));
            let sync_class = classes.claim(&format!("Sync{class_base}Client"));
            tags.push(TagNames {
                property,
                module,
                async_class,
                sync_class,
            });
        }

        let mut methods_per_tag: Vec<Namespace> = api
            .tags
            .iter()
            .map(|_| {
                let mut namespace = Namespace::new(false);
                namespace.reserve(KEYWORDS.iter().copied());
                namespace.reserve(reserved::PYTHON.iter().copied());
                namespace
            })
            .collect();
        let mut module_level_per_tag: Vec<Namespace> = api
            .tags
            .iter()
            .map(|_| {
                let mut namespace = Namespace::new(false);
                namespace.reserve(KEYWORDS.iter().copied());
                namespace.reserve(["rt", "builtins", "httpx", "annotations"]);
                namespace
            })
            .collect();
        let mut files_per_tag: Vec<Namespace> = api
            .tags
            .iter()
            .map(|_| {
                let mut namespace = Namespace::new(true);
                namespace.reserve(["__init__"]);
                namespace
            })
            .collect();
        let tag_index_of = |operation: &clientgen_ir::Operation| {
            api.tags
                .iter()
                .position(|tag| tag.name == operation.tag)
                .unwrap_or(0)
        };
        // Base method names first, so that `x_all` / `x_stream` never take a real name.
        let mut methods = Vec::with_capacity(api.operations.len());
        for operation in &api.operations {
            let mut method = naming::snake_case(&operation.method_name);
            if method.is_empty() {
                method = naming::snake_case(&operation.id);
            }
            if method.is_empty() || method.starts_with(|character: char| character.is_ascii_digit())
            {
                method.insert_str(0, "call_");
            }
            let method = match methods_per_tag.get_mut(tag_index_of(operation)) {
                Some(namespace) => claim_snake(namespace, &method),
                None => method,
            };
            methods.push(method);
        }
        let mut operations = Vec::with_capacity(api.operations.len());
        for (operation, method) in api.operations.iter().zip(methods) {
            let tag_index = tag_index_of(operation);
            let (all_method, stream_method) = match methods_per_tag.get_mut(tag_index) {
                Some(namespace) => (
                    claim_snake(namespace, &format!("{method}_all")),
                    claim_snake(namespace, &format!("{method}_stream")),
                ),
                None => (format!("{method}_all"), format!("{method}_stream")),
            };
            let builder = match module_level_per_tag.get_mut(tag_index) {
                Some(namespace) => claim_snake(namespace, &format!("{method}_request")),
                None => format!("{method}_request"),
            };
            let mut module = naming::snake_case(&operation.id);
            if module.is_empty() || module.starts_with(|character: char| character.is_ascii_digit())
            {
                module.insert_str(0, "call_");
            }
            let module = match files_per_tag.get_mut(tag_index) {
                Some(namespace) => claim_snake(namespace, &module),
                None => module,
            };

            let mut arguments = Namespace::new(false);
            arguments.reserve(KEYWORDS.iter().copied());
            arguments.reserve(reserved::PYTHON.iter().copied());
            arguments.reserve(["self", "client", "rt", "request", "response", &builder]);
            // Path parameters first, then the body, then the rest; exact spellings first.
            let mut order: Vec<usize> = (0..operation.parameters.len())
                .filter(|index| operation.parameters[*index].location == ParameterLocation::Path)
                .collect();
            order.extend(
                (0..operation.parameters.len()).filter(|index| {
                    operation.parameters[*index].location != ParameterLocation::Path
                }),
            );
            let candidates: Vec<String> = operation
                .parameters
                .iter()
                .map(|parameter| python_name(&parameter.name))
                .collect();
            let mut parameters = vec![String::new(); operation.parameters.len()];
            for &index in &order {
                if candidates[index] == operation.parameters[index].name
                    && !arguments.contains(&candidates[index])
                {
                    parameters[index] = arguments.claim(&candidates[index]);
                }
            }
            let body = claim_snake(&mut arguments, "body");
            for &index in &order {
                if parameters[index].is_empty() {
                    parameters[index] = claim_snake(&mut arguments, &candidates[index]);
                }
            }
            operations.push(OperationNames {
                method,
                all_method,
                stream_method,
                builder,
                module,
                parameters,
                body,
            });
        }
        Names {
            package,
            types,
            tags,
            operations,
            type_namespace,
        }
    }

    /// The identifier of a named type.
    pub(crate) fn type_name(&self, id: TypeId) -> &str {
        self.types
            .get(id.index())
            .and_then(Option::as_deref)
            .unwrap_or("Model")
    }
}

/// Claims `candidate` (with `_` appended when it is reserved), else `candidate_2`, ….
pub(crate) fn claim_snake(namespace: &mut Namespace, candidate: &str) -> String {
    if !namespace.contains(candidate) {
        return namespace.claim(candidate);
    }
    let underscored = format!("{candidate}_");
    if (KEYWORDS.contains(&candidate) || reserved::PYTHON.contains(&candidate))
        && !namespace.contains(&underscored)
    {
        return namespace.claim(&underscored);
    }
    namespace.claim_with_separator(candidate, "_")
}

/// A class identifier: the document's spelling, capitalized, with non-identifier characters
/// removed; a leading digit gets a `Type` prefix.
fn class_identifier(original: &str) -> String {
    let mut name = naming::type_name(original);
    if name.is_empty() {
        name = String::from("Model");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert_str(0, "Type");
    }
    name
}

/// A module file stem for a class name in `models/` or `enums/`: `PaginatedTicketList` →
/// `paginated_ticket_list`. Keywords, soft keywords and the names in
/// [`crate::syntax::PACKAGE_NAMES`] (`object`, `str`, `import_module`, …) get a trailing `_`
/// (`Object` → `object_`), so no module shadows a name its package's `__init__.py` uses.
pub(crate) fn module_stem(class_name: &str) -> String {
    let mut stem = naming::snake_case(class_name);
    if stem.is_empty() {
        stem = String::from("model");
    }
    if stem.starts_with(|character: char| character.is_ascii_digit()) {
        stem.insert_str(0, "m_");
    }
    if KEYWORDS.contains(&stem.as_str())
        || reserved::PYTHON.contains(&stem.as_str())
        || crate::syntax::PACKAGE_NAMES.contains(&stem.as_str())
    {
        stem.push('_');
    }
    stem
}

/// A snake_case Python name for a wire name, keeping its separators: letters and digits are
/// split into words at case changes (`convMaskToPoly` → `conv_mask_to_poly`), every other
/// character becomes `_` (`kobo--lock_all` → `kobo__lock_all`), leading underscores are
/// dropped (pydantic keeps those names for private attributes) and a leading digit gets a
/// `field_` prefix.
pub(crate) fn python_name(original: &str) -> String {
    let original = naming::ascii(original);
    let mut out = String::with_capacity(original.len() + 4);
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if !run.is_empty() {
            out.push_str(&naming::words(run).join("_"));
            run.clear();
        }
    };
    for character in original.chars() {
        if character.is_ascii_alphanumeric() {
            run.push(character);
        } else {
            flush(&mut run, &mut out);
            out.push('_');
        }
    }
    flush(&mut run, &mut out);
    let trimmed = out.trim_start_matches('_');
    let mut name = trimmed.to_owned();
    if name.is_empty() {
        name = String::from("field");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert_str(0, "field_");
    }
    name
}

/// Python field names of an object's properties (and of discriminator properties the
/// emitter adds, listed after them), unique within the class: keywords, pydantic's own
/// attributes and names used in annotations get a trailing `_`.
pub(crate) fn field_names(properties: &[&str]) -> Vec<String> {
    let mut namespace = Namespace::new(false);
    namespace.reserve(KEYWORDS.iter().copied());
    namespace.reserve(reserved::PYTHON.iter().copied());
    namespace.reserve(MODEL_ATTRIBUTES.iter().copied());
    namespace.reserve(ANNOTATION_NAMES.iter().copied());
    let candidates: Vec<String> = properties.iter().map(|name| python_name(name)).collect();
    let mut names = vec![String::new(); properties.len()];
    for (index, candidate) in candidates.iter().enumerate() {
        if candidate == properties[index] && !namespace.contains(candidate) {
            names[index] = namespace.claim(candidate);
        }
    }
    for (index, candidate) in candidates.iter().enumerate() {
        if names[index].is_empty() {
            names[index] = claim_field(&mut namespace, candidate);
        }
    }
    names
}

fn claim_field(namespace: &mut Namespace, candidate: &str) -> String {
    if !namespace.contains(candidate) {
        return namespace.claim(candidate);
    }
    let reserved_word = KEYWORDS.contains(&candidate)
        || reserved::PYTHON.contains(&candidate)
        || MODEL_ATTRIBUTES.contains(&candidate)
        || ANNOTATION_NAMES.contains(&candidate);
    let underscored = format!("{candidate}_");
    if reserved_word && !namespace.contains(&underscored) {
        return namespace.claim(&underscored);
    }
    namespace.claim_with_separator(candidate, "_")
}

/// The properties of an object in model order (those of type `never` left out).
pub(crate) fn model_properties<'a>(
    api: &Api,
    object: &'a Object,
) -> Vec<&'a clientgen_ir::Property> {
    object
        .properties
        .iter()
        .filter(|property| !matches!(api.type_def(api.resolve(property.ty)).kind, TypeKind::Never))
        .collect()
}

/// The import name of the package: `--package-name` or the API title, in snake_case.
pub(crate) fn package_name(option: Option<&str>, title: &str) -> String {
    let source = option.unwrap_or(title);
    let mut name = naming::snake_case(source);
    if name.is_empty() {
        name = String::from("api_client");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert_str(0, "api_");
    }
    if KEYWORDS.contains(&name.as_str()) || reserved::PYTHON.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The distribution name for `pyproject.toml`: `--package-name` as given, or the title in
/// kebab-case.
pub(crate) fn distribution_name(option: Option<&str>, title: &str) -> String {
    if let Some(name) = option {
        let cleaned: String = name
            .chars()
            .map(|character| {
                if character.is_ascii_alphanumeric() || matches!(character, '-' | '_' | '.') {
                    character
                } else {
                    '-'
                }
            })
            .collect();
        let cleaned = cleaned.trim_matches(|character| matches!(character, '-' | '_' | '.'));
        if !cleaned.is_empty() {
            return cleaned.to_owned();
        }
    }
    let words = naming::words(title);
    if words.is_empty() {
        String::from("api-client")
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_names() {
        assert_eq!(python_name("kobo--lock_all"), "kobo__lock_all");
        assert_eq!(python_name("convMaskToPoly"), "conv_mask_to_poly");
        assert_eq!(python_name("X-Request-ID"), "x_request_id");
        assert_eq!(python_name("__proto__"), "proto__");
        assert_eq!(python_name("+1"), "field_1");
        assert_eq!(python_name("is_global"), "is_global");
    }

    #[test]
    fn fields_keep_exact_spellings() {
        assert_eq!(
            field_names(&[
                "convMaskToPoly",
                "conv_mask_to_poly",
                "from",
                "json",
                "date"
            ]),
            [
                "conv_mask_to_poly_2",
                "conv_mask_to_poly",
                "from_",
                "json_",
                "date"
            ]
        );
        assert_eq!(field_names(&["list", "list_"]), ["list_2", "list_"]);
    }

    #[test]
    fn packages() {
        assert_eq!(package_name(None, "Support Desk API"), "support_desk_api");
        assert_eq!(package_name(Some("my-client"), "x"), "my_client");
        assert_eq!(package_name(None, ""), "api_client");
        assert_eq!(
            distribution_name(None, "Support Desk API"),
            "support-desk-api"
        );
        assert_eq!(distribution_name(Some("my_client"), "x"), "my_client");
    }
}
