//! TypeScript identifiers for every IR item, unique within their scopes.

use clientgen_ir::naming::{self, Namespace, reserved};
use clientgen_ir::{Api, ParameterLocation, TypeId};

/// Names the generated modules export themselves; models may not take them.
const RUNTIME_EXPORTS: &[&str] = &[
    "API",
    "APIError",
    "NetworkError",
    "HttpClient",
    "ClientOptions",
    "RequestOptions",
    "RequestSpec",
    "TokenStorage",
    "ApiKeyLocation",
    "QueryStyle",
    "PathStyle",
    "BodyType",
    "ResponseType",
    "configureAPI",
    "getAPI",
    "pathParam",
    "appendQuery",
    "toFormData",
    "toUrlEncoded",
    "z",
];

/// Members of the `API` class besides the tag sub-clients.
const API_MEMBERS: &[&str] = &[
    "http",
    "constructor",
    "setToken",
    "clearToken",
    "getToken",
    "getRefreshToken",
    "isAuthenticated",
    "setApiKey",
    "setTokenPrefix",
    "setHeaders",
    "baseUrl",
    "toString",
    "valueOf",
    "hasOwnProperty",
];

/// Identifiers chosen for one tag.
#[derive(Debug, Clone)]
pub(crate) struct TagNames {
    /// Property of `API` holding the sub-client (`tickets`).
    pub(crate) property: String,
    /// Sub-client class (`TicketsClient`).
    pub(crate) class: String,
    /// File stem under `_utils/fetchers/` and `_utils/hooks/` (`tickets`).
    pub(crate) file: String,
}

/// Identifiers chosen for one operation.
#[derive(Debug, Clone)]
pub(crate) struct OperationNames {
    /// Method in the tag's sub-client (`list`).
    pub(crate) method: String,
    /// Standalone fetcher function (`ticketsList`).
    pub(crate) fetcher: String,
    /// For paginated operations: the sub-client method iterating over every item (`listAll`).
    pub(crate) list_all: Option<String>,
    /// SWR hook (`useTicketsList`).
    pub(crate) hook: String,
    /// Interface of the query/header/cookie parameters (`TicketsListParams`), when there are any.
    pub(crate) params_interface: Option<String>,
    /// Positional argument name of each path parameter, indexed like `Operation::parameters`
    /// (`None` for non-path parameters).
    pub(crate) path_arguments: Vec<Option<String>>,
    /// Name of the body argument (`data`).
    pub(crate) body_argument: String,
    /// Name of the params argument (`params`).
    pub(crate) params_argument: String,
    /// Name of the options argument (`options`).
    pub(crate) options_argument: String,
}

/// All TypeScript names of one API.
#[derive(Debug)]
pub(crate) struct Names {
    types: Vec<Option<String>>,
    schemas: Vec<Option<String>>,
    pub(crate) tags: Vec<TagNames>,
    pub(crate) operations: Vec<OperationNames>,
}

impl Names {
    pub(crate) fn new(api: &Api) -> Self {
        // Types, schemas and files share one case-insensitive namespace: type names become
        // file names, and the index module re-exports types and schemas side by side.
        // Type names are PascalCase, so they never equal a (lower-case) keyword; globals the
        // generated code refers to are what they must not shadow.
        let mut module = Namespace::new(true);
        module.reserve(reserved::TYPESCRIPT_GLOBALS.iter().copied());
        module.reserve(RUNTIME_EXPORTS.iter().copied());
        let mut types = vec![None; api.types.len()];
        for id in api.named_types() {
            let original = api.type_def(id).name.as_deref().unwrap_or("Type");
            types[id.index()] = Some(module.claim(&type_identifier(original)));
        }
        let mut schemas = vec![None; api.types.len()];
        for id in api.named_types() {
            if let Some(name) = &types[id.index()] {
                schemas[id.index()] = Some(module.claim(&format!("{name}Schema")));
            }
        }

        let mut api_members = Namespace::new(true);
        api_members.reserve(API_MEMBERS.iter().copied());
        let mut tags = Vec::with_capacity(api.tags.len());
        for tag in &api.tags {
            let mut property = naming::camel_case(&tag.name);
            if property.is_empty() {
                property = String::from("default");
            }
            if property.starts_with(|character: char| character.is_ascii_digit()) {
                property.insert(0, '_');
            }
            let property = api_members.claim(&property);
            let class = module.claim(&type_identifier(&format!("{property}_client")));
            tags.push(TagNames {
                file: property.clone(),
                property,
                class,
            });
        }

        // Fetchers and hooks are exported side by side from one index module each.
        let mut functions = Namespace::new(false);
        functions.reserve(reserved::TYPESCRIPT.iter().copied());
        functions.reserve(reserved::TYPESCRIPT_GLOBALS.iter().copied());
        functions.reserve(RUNTIME_EXPORTS.iter().copied());
        let mut methods_per_tag: Vec<Namespace> = api
            .tags
            .iter()
            .map(|_| {
                let mut namespace = Namespace::new(false);
                namespace.reserve(["http", "constructor"]);
                namespace
            })
            .collect();
        let mut operations = Vec::with_capacity(api.operations.len());
        for operation in &api.operations {
            let tag_index = api
                .tags
                .iter()
                .position(|tag| tag.name == operation.tag)
                .unwrap_or(0);
            let mut method = naming::camel_case(&operation.method_name);
            if method.is_empty() {
                method = naming::camel_case(&operation.id);
            }
            if method.is_empty() || method.starts_with(|character: char| character.is_ascii_digit())
            {
                method.insert_str(0, "call");
            }
            let method = match methods_per_tag.get_mut(tag_index) {
                Some(namespace) => namespace.claim(&method),
                None => method,
            };
            let mut base = naming::camel_case(&operation.id);
            if base.is_empty() || base.starts_with(|character: char| character.is_ascii_digit()) {
                base.insert_str(0, "call");
            }
            let fetcher = functions.claim(&base);
            let hook = functions.claim(&format!("use{}", naming::pascal_case(&base)));
            let has_params = operation
                .parameters
                .iter()
                .any(|parameter| parameter.location != ParameterLocation::Path);
            let params_interface =
                has_params.then(|| module.claim(&format!("{}Params", naming::pascal_case(&base))));

            let mut arguments = Namespace::new(false);
            arguments.reserve(reserved::TYPESCRIPT.iter().copied());
            // Locals of the generated function bodies.
            arguments.reserve([
                "client", "config", "swrKey", "response", "result", "mutate", "arg", "_key",
            ]);
            let body_argument = arguments.claim("data");
            let params_argument = arguments.claim("params");
            let options_argument = arguments.claim("options");
            let path_arguments = operation
                .parameters
                .iter()
                .map(|parameter| {
                    (parameter.location == ParameterLocation::Path).then(|| {
                        let mut name = naming::camel_case(&parameter.name);
                        if name.is_empty()
                            || name.starts_with(|character: char| character.is_ascii_digit())
                        {
                            name.insert(0, '_');
                        }
                        arguments.claim(&name)
                    })
                })
                .collect();
            operations.push(OperationNames {
                method,
                fetcher,
                list_all: None,
                hook,
                params_interface,
                path_arguments,
                body_argument,
                params_argument,
                options_argument,
            });
        }
        // `…All` iterators are named after every plain method is, so they never take a name
        // an operation's own method would have had.
        for (operation, names) in api.operations.iter().zip(operations.iter_mut()) {
            if operation.pagination.is_none() {
                continue;
            }
            let tag_index = api
                .tags
                .iter()
                .position(|tag| tag.name == operation.tag)
                .unwrap_or(0);
            if let Some(namespace) = methods_per_tag.get_mut(tag_index) {
                names.list_all = Some(namespace.claim(&format!("{}All", names.method)));
            }
        }
        Names {
            types,
            schemas,
            tags,
            operations,
        }
    }

    /// The identifier of a named type.
    pub(crate) fn type_name(&self, id: TypeId) -> &str {
        self.types
            .get(id.index())
            .and_then(Option::as_deref)
            .unwrap_or("unknown")
    }

    /// The zod schema constant of a named type.
    pub(crate) fn schema_name(&self, id: TypeId) -> &str {
        self.schemas
            .get(id.index())
            .and_then(Option::as_deref)
            .unwrap_or("UnknownSchema")
    }
}

/// A type identifier: the document's spelling, capitalized, with non-identifier characters
/// removed; a leading digit gets an underscore.
fn type_identifier(original: &str) -> String {
    let mut name = naming::type_name(original);
    if name.is_empty() {
        name = String::from("Type");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// Writes an import statement (`keyword` is `import` or `import type`). Lists that would make
/// the line longer than 100 characters are written one name per line, as formatters do.
pub(crate) fn write_import(
    writer: &mut clientgen_emit::CodeWriter,
    keyword: &str,
    names: &[&str],
    module: &str,
) {
    if names.is_empty() {
        return;
    }
    let line = format!("{keyword} {{ {} }} from \"{module}\";", names.join(", "));
    if line.len() <= 100 {
        writer.line(line);
        return;
    }
    writer.line(format!("{keyword} {{"));
    writer.indent();
    for name in names {
        writer.line(format!("{name},"));
    }
    writer.dedent();
    writer.line(format!("}} from \"{module}\";"));
}

/// A property key as written in an interface or object literal: bare when it is an
/// identifier, else a JSON string literal.
pub(crate) fn property_key(name: &str) -> String {
    if naming::is_identifier(name, true) {
        name.to_owned()
    } else {
        string_literal(name)
    }
}

/// A JavaScript string literal (double-quoted, JSON escaping).
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    clientgen_spec::node::write_json_string(text, &mut out);
    out
}

/// Property access on `object` for a key: `object.key` or `object["key"]`.
pub(crate) fn member_access(object: &str, key: &str, optional: bool) -> String {
    let dot = if optional { "?." } else { "." };
    if naming::is_identifier(key, true) {
        format!("{object}{dot}{key}")
    } else if optional {
        format!("{object}?.[{}]", string_literal(key))
    } else {
        format!("{object}[{}]", string_literal(key))
    }
}
