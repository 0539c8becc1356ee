//! Go identifiers for every IR item, unique within their scopes.

use clientgen_emit_structs::Plan;
use clientgen_ir::naming::{self, Namespace, reserved};
use clientgen_ir::{Api, ParameterLocation, TypeId, TypeKind};

/// Exported names of the runtime files; declarations of the API may not take them.
const RUNTIME_EXPORTS: &[&str] = &[
    "APIError",
    "Client",
    "Date",
    "DateOf",
    "Decimal",
    "DefaultBaseURL",
    "File",
    "NewClient",
    "NewFile",
    "Null",
    "NullValue",
    "Nullable",
    "Option",
    "ParseDate",
    "Some",
    "WithAPIKey",
    "WithHTTPClient",
    "WithHeader",
    "WithToken",
    "WithTokenPrefix",
];

/// Methods of `Client`; service fields may not take them.
const CLIENT_MEMBERS: &[&str] = &["BaseURL", "SetToken", "SetAPIKey"];

/// Locals of generated method bodies, and the package names they refer to.
pub(crate) const METHOD_LOCALS: &[&str] = &[
    "s", "ctx", "r", "out", "err", "ok", "item", "items", "key", "form", "values", "data", "body",
    "params", "path", "text", "entries", "entry",
];

/// Words Go writes in upper case inside identifiers (`ID`, `URL`), from the Go code review
/// conventions.
const INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "gid", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
];

fn go_word(word: &str, first_lower: bool) -> String {
    if first_lower {
        return word.to_owned();
    }
    if INITIALISMS.contains(&word) {
        return word.to_ascii_uppercase();
    }
    let mut characters = word.chars();
    match characters.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + characters.as_str(),
        None => String::new(),
    }
}

/// An exported Go identifier from any name: words in PascalCase with initialisms upper-cased
/// (`ticket_id` → `TicketID`); `X` before a leading digit; `fallback` for a name without
/// words.
pub(crate) fn exported(name: &str, fallback: &str) -> String {
    let mut result: String = naming::words(name)
        .iter()
        .map(|word| go_word(word, false))
        .collect();
    if result.is_empty() {
        result = fallback.to_owned();
    }
    if result.starts_with(|character: char| character.is_ascii_digit()) {
        result.insert(0, 'X');
    }
    result
}

/// An unexported Go identifier (a local or parameter): `ticket_pk` → `ticketPk`, `ID` → `id`.
pub(crate) fn local(name: &str, fallback: &str) -> String {
    let mut result = String::new();
    for (index, word) in naming::words(name).iter().enumerate() {
        result.push_str(&go_word(word, index == 0));
    }
    if result.is_empty() {
        result = fallback.to_owned();
    }
    if result.starts_with(|character: char| character.is_ascii_digit()) {
        result.insert(0, 'v');
    }
    result
}

/// A type identifier that keeps the document's spelling (`APIKey`, `Multi-language string` →
/// `MultiLanguageString`).
pub(crate) fn type_identifier(original: &str) -> String {
    let mut name = naming::type_name(original);
    if name.is_empty() {
        name = String::from("Type");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert(0, 'X');
    }
    name
}

/// Identifiers chosen for one tag.
#[derive(Debug, Clone)]
pub(crate) struct ServiceNames {
    /// Field of `Client` (`Tickets`).
    pub(crate) field: String,
    /// Service type (`TicketsService`).
    pub(crate) type_name: String,
    /// File name (`tickets_service.go`).
    pub(crate) file: String,
}

/// Identifiers chosen for one operation.
#[derive(Debug, Clone)]
pub(crate) struct OperationNames {
    /// Method of the service (`List`).
    pub(crate) method: String,
    /// Struct of the query/header/cookie parameters (`TicketsListParams`), when there are any.
    pub(crate) params_struct: Option<String>,
    /// Field of the params struct for each parameter (`None` for path parameters).
    pub(crate) param_fields: Vec<Option<String>>,
    /// Argument name of each path parameter (`None` for the others).
    pub(crate) path_arguments: Vec<Option<String>>,
}

/// All Go names of one API.
#[derive(Debug)]
pub(crate) struct Names {
    types: Vec<Option<String>>,
    /// Constant names of each enum's members, indexed by type id.
    enum_members: Vec<Option<Vec<String>>>,
    pub(crate) services: Vec<ServiceNames>,
    pub(crate) operations: Vec<OperationNames>,
}

impl Names {
    pub(crate) fn new(api: &Api, plan: &Plan) -> Self {
        let mut package = Namespace::new(false);
        package.reserve(RUNTIME_EXPORTS.iter().copied());
        let mut types = vec![None; api.types.len()];
        for id in &plan.declarations {
            let original = plan.name(*id).unwrap_or("Type");
            types[id.index()] = Some(package.claim(&type_identifier(original)));
        }

        let mut client_members = Namespace::new(false);
        client_members.reserve(CLIENT_MEMBERS.iter().copied());
        let mut files = Namespace::new(true);
        files.reserve(["client", "models", "enums", "errors", "values", "transport"]);
        let services: Vec<ServiceNames> = api
            .tags
            .iter()
            .map(|tag| {
                let field = client_members.claim(&exported(&tag.name, "Default"));
                let type_name = package.claim(&format!("{field}Service"));
                let mut stem = naming::snake_case(&tag.name);
                if stem.is_empty() {
                    stem = String::from("default");
                }
                let stem = files.claim_with_separator(&stem, "_");
                ServiceNames {
                    field,
                    type_name,
                    file: format!("{stem}_service.go"),
                }
            })
            .collect();

        let mut methods: Vec<Namespace> = api
            .tags
            .iter()
            .map(|_| {
                let mut namespace = Namespace::new(false);
                namespace.reserve(["client"]);
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
            let mut method = exported(&operation.method_name, "");
            if method.is_empty() {
                method = exported(&operation.id, "Call");
            }
            let method = match methods.get_mut(tag_index) {
                Some(namespace) => namespace.claim(&method),
                None => method,
            };
            let service = services
                .get(tag_index)
                .map(|service| service.field.as_str())
                .unwrap_or("");
            let has_params = operation
                .parameters
                .iter()
                .any(|parameter| parameter.location != ParameterLocation::Path);
            let params_struct =
                has_params.then(|| package.claim(&format!("{service}{method}Params")));
            let mut fields = Namespace::new(false);
            let param_fields = operation
                .parameters
                .iter()
                .map(|parameter| {
                    (parameter.location != ParameterLocation::Path)
                        .then(|| fields.claim(&exported(&parameter.name, "Param")))
                })
                .collect();
            let mut arguments = Namespace::new(false);
            arguments.reserve(reserved::GO.iter().copied());
            arguments.reserve(METHOD_LOCALS.iter().copied());
            arguments.reserve(crate::gofmt::package_names());
            let path_arguments = operation
                .parameters
                .iter()
                .map(|parameter| {
                    (parameter.location == ParameterLocation::Path)
                        .then(|| arguments.claim(&local(&parameter.name, "param")))
                })
                .collect();
            operations.push(OperationNames {
                method,
                params_struct,
                param_fields,
                path_arguments,
            });
        }

        let mut enum_members = vec![None; api.types.len()];
        for id in &plan.declarations {
            let TypeKind::Enum(enumeration) = &api.type_def(*id).kind else {
                continue;
            };
            let type_name = types[id.index()].clone().unwrap_or_default();
            let members = enumeration
                .members
                .iter()
                .map(|member| {
                    package.claim(&format!("{type_name}{}", exported(&member.name, "Value")))
                })
                .collect();
            enum_members[id.index()] = Some(members);
        }
        Names {
            types,
            enum_members,
            services,
            operations,
        }
    }

    /// The identifier of a declared type.
    pub(crate) fn type_name(&self, id: TypeId) -> &str {
        self.types
            .get(id.index())
            .and_then(Option::as_deref)
            .unwrap_or("json.RawMessage")
    }

    /// The constant names of an enum's members.
    pub(crate) fn enum_members(&self, id: TypeId) -> &[String] {
        self.enum_members
            .get(id.index())
            .and_then(Option::as_deref)
            .unwrap_or(&[])
    }
}

/// The Go package name for a module path: its last element that is not a major version
/// suffix (`v2`), lower-cased, letters and digits only.
pub(crate) fn package_for_module(module: &str) -> Option<String> {
    let element = module
        .split('/')
        .rev()
        .find(|element| {
            !(element.len() > 1
                && element.starts_with('v')
                && element[1..].bytes().all(|byte| byte.is_ascii_digit()))
        })?
        .to_ascii_lowercase();
    let name: String = element
        .chars()
        .filter(|character| character.is_ascii_alphanumeric())
        .collect();
    (!name.is_empty()).then(|| package_identifier(&name))
}

/// Makes a valid, non-keyword package name (a leading digit, a keyword and `main` get an
/// `api` added).
pub(crate) fn package_identifier(name: &str) -> String {
    let mut name = name.to_owned();
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert_str(0, "api");
    }
    if name == "main" || reserved::GO.contains(&name.as_str()) {
        name.push_str("api");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(exported("ticket_id", ""), "TicketID");
        assert_eq!(exported("convMaskToPoly", ""), "ConvMaskToPoly");
        assert_eq!(exported("+1", ""), "X1");
        assert_eq!(exported("--", "Field"), "Field");
        assert_eq!(exported("api_url", ""), "APIURL");
        assert_eq!(local("ticket_pk", ""), "ticketPk");
        assert_eq!(local("ID", ""), "id");
        assert_eq!(type_identifier("2fa"), "X2fa");
        assert_eq!(
            type_identifier("Multi-language string"),
            "MultiLanguageString"
        );
    }

    #[test]
    fn packages() {
        assert_eq!(
            package_for_module("github.com/acme/desk-client/v2").as_deref(),
            Some("deskclient")
        );
        assert_eq!(package_identifier("go"), "goapi");
        assert_eq!(package_identifier("main"), "mainapi");
        assert_eq!(package_identifier("2fa"), "api2fa");
    }
}
