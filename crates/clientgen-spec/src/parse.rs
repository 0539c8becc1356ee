//! From [`Node`] trees to the typed [`Document`], upgrading OpenAPI 3.0 shapes to 3.1 on the way.
//!
//! The reader is forgiving where the meaning is clear and strict where guessing would produce
//! wrong code: a keyword of the wrong type or a reference that points nowhere is an error; an
//! unknown field in an OpenAPI object, an undeclared path parameter or a path that does not start
//! with `/` is a warning.

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::{
    Discriminator, Document, Encoding, Header, Info, MediaType, Method, OpenApiVersion, Operation,
    Parameter, ParameterLocation, ParameterStyle, PrimitiveType, RequestBody, Response, Schema,
    SchemaEntry, SchemaId, SecurityRequirement, SecurityScheme, SecuritySchemeKind, Server,
    StatusCode, TagInfo, TypeSet,
};
use crate::load::{Files, Target};
use crate::node::{Entry, Node, NodeKind, Number, escape_pointer_token};
use crate::source::{SourceId, Span};

/// Longest chain of `$ref` → `$ref` → … followed before giving up as a cycle.
const MAX_REFERENCE_HOPS: usize = 64;

/// Reads the root document. Returns `None` only when the document is unusable as a whole
/// (not an object, no usable version); other problems are recorded in `diagnostics`.
pub(crate) fn read_document(
    files: &Files,
    root: SourceId,
    diagnostics: &mut Diagnostics,
) -> Option<Document> {
    let mut reader = Reader {
        files,
        diagnostics,
        minor: 1,
        schemas: Vec::new(),
        schema_keys: FxHashMap::default(),
    };
    reader.document(root)
}

struct PendingSchema {
    name: String,
    source: SourceId,
    pointer: String,
    is_component: bool,
    first_use: Span,
    schema: Option<Schema>,
}

struct Reader<'f, 'd> {
    files: &'f Files,
    diagnostics: &'d mut Diagnostics,
    /// OpenAPI minor version of the root document (0 or 1).
    minor: u8,
    schemas: Vec<PendingSchema>,
    schema_keys: FxHashMap<(SourceId, String), SchemaId>,
}

/// What kind of OpenAPI object an unknown field was found in, for warnings.
const ROOT_FIELDS: &[&str] = &[
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
];

impl<'f> Reader<'f, '_> {
    // ----- small typed accessors -------------------------------------------------------------

    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn type_error(&mut self, node: &Node, expected: &str, what: &str) {
        self.error(
            Diagnostic::error(
                node.span,
                format!(
                    "expected {expected} for `{what}`, found {}",
                    node.kind_name()
                ),
            )
            .with_label(format!("expected {expected}")),
        );
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            NodeKind::String(text) => Some(text.to_string()),
            _ => {
                self.type_error(node, "a string", what);
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.kind {
            NodeKind::Bool(value) => Some(value),
            _ => {
                self.type_error(node, "a boolean", what);
                None
            }
        }
    }

    fn number(&mut self, node: &Node, what: &str) -> Option<Number> {
        match node.kind {
            NodeKind::Number(number) => Some(number),
            _ => {
                self.type_error(node, "a number", what);
                None
            }
        }
    }

    fn count(&mut self, node: &Node, what: &str) -> Option<u64> {
        match node.kind {
            NodeKind::Number(number) if number.as_u64().is_some() => number.as_u64(),
            _ => {
                self.type_error(node, "a non-negative integer", what);
                None
            }
        }
    }

    fn object<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Entry]> {
        match &node.kind {
            NodeKind::Object(entries) => Some(entries),
            _ => {
                self.type_error(node, "an object", what);
                None
            }
        }
    }

    fn array<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.kind {
            NodeKind::Array(items) => Some(items),
            _ => {
                self.type_error(node, "an array", what);
                None
            }
        }
    }

    fn string_list(&mut self, node: &Node, what: &str) -> Vec<String> {
        let Some(items) = self.array(node, what) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(item, what))
            .collect()
    }

    fn unknown_field(&mut self, entry: &Entry, object: &str) {
        if entry.key.starts_with("x-") {
            return;
        }
        self.error(
            Diagnostic::warning(
                entry.key_span,
                format!("unknown field `{}` in {object}; it is ignored", entry.key),
            )
            .with_label("unknown field"),
        );
    }

    // ----- references --------------------------------------------------------------------------

    /// Follows `$ref`s (of parameters, responses, request bodies, headers, path items, security
    /// schemes) to the object they name. Returns the object and the file it lives in.
    fn deref(&mut self, node: &'f Node, file: SourceId) -> Option<(&'f Node, SourceId)> {
        let mut node = node;
        let mut file = file;
        for _ in 0..MAX_REFERENCE_HOPS {
            let Some(reference_node) = node.get("$ref") else {
                return Some((node, file));
            };
            let reference = self.string(reference_node, "$ref")?;
            let target = match self.files.target(file, &reference, reference_node.span) {
                Ok(target) => target,
                Err(diagnostic) => {
                    self.error(*diagnostic);
                    return None;
                }
            };
            match self.files.node_at(&target) {
                Some(next) => {
                    node = next;
                    file = target.source;
                }
                None => {
                    self.dangling(reference_node.span, &reference, &target);
                    return None;
                }
            }
        }
        self.error(Diagnostic::error(
            node.span,
            format!("`$ref` chain longer than {MAX_REFERENCE_HOPS} links; is it a cycle?"),
        ));
        None
    }

    fn dangling(&mut self, span: Span, reference: &str, target: &Target) {
        let mut diagnostic =
            Diagnostic::error(span, format!("`$ref` target `{reference}` does not exist"))
                .with_label("dangling $ref");
        if let Some((parent, missing)) = target.pointer.rsplit_once('/')
            && let Some(siblings) = self
                .files
                .tree(target.source)
                .and_then(|tree| tree.pointer(parent))
                .and_then(Node::as_object)
            && let Some(suggestion) = closest(missing, siblings.iter().map(|entry| &*entry.key))
        {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
        }
        self.error(diagnostic);
    }

    /// Interns the schema a `$ref` names and returns its id; it is read later, once.
    fn schema_ref(&mut self, reference: &str, span: Span, file: SourceId) -> Option<SchemaId> {
        let target = match self.files.target(file, reference, span) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.error(*diagnostic);
                return None;
            }
        };
        Some(self.intern_schema(target, span, false))
    }

    fn intern_schema(&mut self, target: Target, span: Span, is_component: bool) -> SchemaId {
        let key = (target.source, target.pointer);
        if let Some(id) = self.schema_keys.get(&key) {
            return *id;
        }
        let id = SchemaId(u32::try_from(self.schemas.len()).unwrap_or(u32::MAX));
        let name = schema_name(self.files, key.0, &key.1);
        self.schemas.push(PendingSchema {
            name,
            source: key.0,
            pointer: key.1.clone(),
            is_component,
            first_use: span,
            schema: None,
        });
        self.schema_keys.insert(key, id);
        id
    }

    /// Reads every interned schema that has not been read yet (reading one may intern more).
    fn read_pending_schemas(&mut self) {
        let mut next = 0;
        while next < self.schemas.len() {
            if self.schemas[next].schema.is_none() {
                let target = Target {
                    source: self.schemas[next].source,
                    pointer: self.schemas[next].pointer.clone(),
                };
                let schema = match self.files.node_at(&target) {
                    Some(node) => self.schema(node, target.source),
                    None => {
                        let reference = format!("#{}", target.pointer);
                        let span = self.schemas[next].first_use;
                        self.dangling(span, &reference, &target);
                        Schema::default()
                    }
                };
                self.schemas[next].schema = Some(schema);
            }
            next += 1;
        }
    }

    // ----- the document ------------------------------------------------------------------------

    fn document(&mut self, root: SourceId) -> Option<Document> {
        let tree = self.files.tree(root)?;
        let Some(entries) = tree.as_object() else {
            self.error(
                Diagnostic::error(
                    tree.span,
                    format!(
                        "expected an OpenAPI document (an object), found {}",
                        tree.kind_name()
                    ),
                )
                .with_label("expected an object"),
            );
            return None;
        };
        if let Some(swagger) = tree.get("swagger") {
            self.error(
                Diagnostic::error(
                    swagger.span,
                    "this is a Swagger 2.0 document; clientgen reads OpenAPI 3.0 and 3.1",
                )
                .with_label("Swagger 2.0")
                .with_help(
                    "convert it first, e.g. `npx swagger2openapi spec.yaml -o openapi.yaml`; \
                     drf-spectacular (unlike drf-yasg) already writes OpenAPI 3",
                ),
            );
            return None;
        }
        let version = self.version(tree)?;
        self.minor = version.minor;

        let mut info = Info::default();
        let mut servers = Vec::new();
        let mut tags = Vec::new();
        let mut security = None;
        let mut security_schemes = Vec::new();
        let mut paths = None;
        for entry in entries {
            match &*entry.key {
                "info" => info = self.info(&entry.value),
                "servers" => servers = self.servers(&entry.value),
                "tags" => tags = self.tags(&entry.value),
                "security" => security = Some(self.security(&entry.value)),
                "components" => {
                    security_schemes = self.components(&entry.value, root);
                }
                "paths" => paths = Some(&entry.value),
                key if ROOT_FIELDS.contains(&key) => {}
                _ => self.unknown_field(entry, "the document"),
            }
        }
        let Some(paths) = paths else {
            self.error(
                Diagnostic::error(
                    Span::new(root, tree.span.start as usize, tree.span.start as usize),
                    "the document has no `paths`: there are no operations to generate a client for",
                )
                .with_help("add a `paths` object (drf-spectacular writes one for every API)"),
            );
            return None;
        };
        let operations = self.paths(paths, root);
        self.read_pending_schemas();
        let schemas = std::mem::take(&mut self.schemas)
            .into_iter()
            .map(|pending| SchemaEntry {
                name: pending.name,
                source: pending.source,
                pointer: pending.pointer,
                is_component: pending.is_component,
                schema: pending.schema.unwrap_or_default(),
            })
            .collect();
        Some(Document {
            version,
            info,
            servers,
            operations,
            schemas,
            security_schemes,
            security,
            tags,
            root,
        })
    }

    fn version(&mut self, tree: &Node) -> Option<OpenApiVersion> {
        let Some(node) = tree.get("openapi") else {
            self.error(
                Diagnostic::error(
                    Span::new(tree.span.source, tree.span.start as usize, tree.span.start as usize),
                    "missing `openapi` field: expected `openapi: 3.0.x` or `openapi: 3.1.x` at the top level",
                )
                .with_help("is this an OpenAPI document? drf-spectacular writes `openapi: 3.0.3`"),
            );
            return None;
        };
        let text = match &node.kind {
            NodeKind::String(text) => text.to_string(),
            // `openapi: 3.1` in YAML reads as a number; take it as written.
            NodeKind::Number(_) => {
                let file = self.files.sources.get(node.span.source);
                file.text()
                    .get(node.span.start as usize..node.span.end as usize)
                    .unwrap_or_default()
                    .to_owned()
            }
            _ => {
                self.type_error(node, "a version string such as \"3.1.0\"", "openapi");
                return None;
            }
        };
        let mut parts = text.split('.');
        let major = parts.next().and_then(|part| part.parse::<u32>().ok());
        let minor = parts.next().and_then(|part| part.parse::<u32>().ok());
        match (major, minor) {
            (Some(3), Some(minor @ (0 | 1))) => Some(OpenApiVersion {
                minor: minor as u8,
                text,
            }),
            (Some(3), Some(2)) => {
                self.error(
                    Diagnostic::warning(node.span, format!("OpenAPI {text} is read as 3.1"))
                        .with_label("newer than 3.1"),
                );
                Some(OpenApiVersion { minor: 1, text })
            }
            (Some(2), _) => {
                self.error(
                    Diagnostic::error(node.span, format!("OpenAPI {text} (Swagger 2.0) is not supported"))
                        .with_help("convert it to OpenAPI 3 first, e.g. `npx swagger2openapi spec.yaml -o openapi.yaml`"),
                );
                None
            }
            _ => {
                self.error(
                    Diagnostic::error(
                        node.span,
                        format!("unsupported OpenAPI version `{text}`: expected 3.0.x or 3.1.x"),
                    )
                    .with_label("unsupported version"),
                );
                None
            }
        }
    }

    fn info(&mut self, node: &Node) -> Info {
        let mut info = Info::default();
        let Some(entries) = self.object(node, "info") else {
            return info;
        };
        for entry in entries {
            match &*entry.key {
                "title" => info.title = self.string(&entry.value, "info.title").unwrap_or_default(),
                "version" => {
                    info.version = match &entry.value.kind {
                        NodeKind::Number(number) => number.to_string(),
                        _ => self
                            .string(&entry.value, "info.version")
                            .unwrap_or_default(),
                    }
                }
                "description" => info.description = self.string(&entry.value, "info.description"),
                "summary" | "termsOfService" | "contact" | "license" => {}
                _ => self.unknown_field(entry, "`info`"),
            }
        }
        info
    }

    fn servers(&mut self, node: &Node) -> Vec<Server> {
        let Some(items) = self.array(node, "servers") else {
            return Vec::new();
        };
        let mut servers = Vec::new();
        for item in items {
            let Some(entries) = self.object(item, "servers") else {
                continue;
            };
            let mut url = None;
            let mut description = None;
            for entry in entries {
                match &*entry.key {
                    "url" => url = self.string(&entry.value, "servers[].url"),
                    "description" => {
                        description = self.string(&entry.value, "servers[].description")
                    }
                    _ => {}
                }
            }
            if let Some(url) = url {
                servers.push(Server { url, description });
            }
        }
        servers
    }

    fn tags(&mut self, node: &Node) -> Vec<TagInfo> {
        let Some(items) = self.array(node, "tags") else {
            return Vec::new();
        };
        let mut tags = Vec::new();
        for item in items {
            let Some(entries) = self.object(item, "tags") else {
                continue;
            };
            let mut name = None;
            let mut description = None;
            for entry in entries {
                match &*entry.key {
                    "name" => name = self.string(&entry.value, "tags[].name"),
                    "description" => description = self.string(&entry.value, "tags[].description"),
                    _ => {}
                }
            }
            if let Some(name) = name {
                tags.push(TagInfo { name, description });
            }
        }
        tags
    }

    fn security(&mut self, node: &Node) -> Vec<SecurityRequirement> {
        let Some(items) = self.array(node, "security") else {
            return Vec::new();
        };
        let mut requirements = Vec::new();
        for item in items {
            let Some(entries) = self.object(item, "security") else {
                continue;
            };
            let mut schemes = Vec::new();
            for entry in entries {
                let scopes = self.string_list(&entry.value, "security scopes");
                schemes.push((entry.key.to_string(), scopes));
            }
            requirements.push(SecurityRequirement { schemes });
        }
        requirements
    }

    /// Reads `components`: pre-interns every schema (so components get the first ids, in
    /// document order) and returns the security schemes.
    fn components(&mut self, node: &'f Node, root: SourceId) -> Vec<SecurityScheme> {
        let mut schemes = Vec::new();
        let Some(entries) = self.object(node, "components") else {
            return schemes;
        };
        for entry in entries {
            match &*entry.key {
                "schemas" => {
                    let Some(schemas) = self.object(&entry.value, "components.schemas") else {
                        continue;
                    };
                    for schema in schemas {
                        let pointer =
                            format!("/components/schemas/{}", escape_pointer_token(&schema.key));
                        self.intern_schema(
                            Target {
                                source: root,
                                pointer,
                            },
                            schema.key_span,
                            true,
                        );
                    }
                }
                "securitySchemes" => {
                    let Some(items) = self.object(&entry.value, "components.securitySchemes")
                    else {
                        continue;
                    };
                    for item in items {
                        if let Some(scheme) = self.security_scheme(item, root) {
                            schemes.push(scheme);
                        }
                    }
                }
                _ => {}
            }
        }
        schemes
    }

    fn security_scheme(&mut self, entry: &'f Entry, file: SourceId) -> Option<SecurityScheme> {
        let (node, _) = self.deref(&entry.value, file)?;
        let entries = self.object(node, "securitySchemes entry")?;
        let field = |name: &str| {
            entries
                .iter()
                .find(|item| &*item.key == name)
                .map(|item| &item.value)
        };
        let description = field("description").and_then(|value| value.as_str().map(str::to_owned));
        let Some(kind_node) = field("type") else {
            self.error(
                Diagnostic::error(
                    entry.key_span,
                    format!("security scheme `{}` has no `type`", entry.key),
                )
                .with_help("expected one of apiKey, http, oauth2, openIdConnect, mutualTLS"),
            );
            return None;
        };
        let kind_name = self.string(kind_node, "type")?;
        let kind = match kind_name.as_str() {
            "apiKey" => {
                let name = field("name").and_then(|value| self.string(value, "name"));
                let location_node = field("in");
                let location = match location_node.and_then(|value| value.as_str()) {
                    Some("header") => Some(ParameterLocation::Header),
                    Some("query") => Some(ParameterLocation::Query),
                    Some("cookie") => Some(ParameterLocation::Cookie),
                    _ => None,
                };
                match (name, location) {
                    (Some(name), Some(location)) => SecuritySchemeKind::ApiKey { name, location },
                    _ => {
                        self.error(
                            Diagnostic::error(
                                node.span,
                                format!("apiKey security scheme `{}` needs `name` and `in` (header, query or cookie)", entry.key),
                            ),
                        );
                        return None;
                    }
                }
            }
            "http" => {
                let scheme = field("scheme")
                    .and_then(|value| self.string(value, "scheme"))
                    .unwrap_or_else(|| String::from("bearer"))
                    .to_ascii_lowercase();
                let bearer_format =
                    field("bearerFormat").and_then(|value| self.string(value, "bearerFormat"));
                SecuritySchemeKind::Http {
                    scheme,
                    bearer_format,
                }
            }
            "oauth2" => SecuritySchemeKind::OAuth2,
            "openIdConnect" => SecuritySchemeKind::OpenIdConnect {
                url: field("openIdConnectUrl")
                    .and_then(|value| self.string(value, "openIdConnectUrl"))
                    .unwrap_or_default(),
            },
            "mutualTLS" => SecuritySchemeKind::MutualTls,
            other => {
                self.error(
                    Diagnostic::error(
                        kind_node.span,
                        format!("unknown security scheme type `{other}`"),
                    )
                    .with_help("expected one of apiKey, http, oauth2, openIdConnect, mutualTLS"),
                );
                return None;
            }
        };
        Some(SecurityScheme {
            name: entry.key.to_string(),
            kind,
            description,
        })
    }

    // ----- paths and operations -------------------------------------------------------------------

    fn paths(&mut self, node: &'f Node, root: SourceId) -> Vec<Operation> {
        let mut operations = Vec::new();
        let Some(entries) = self.object(node, "paths") else {
            return operations;
        };
        for entry in entries {
            if !entry.key.starts_with('/') {
                if entry.key.starts_with("x-") {
                    continue;
                }
                self.error(
                    Diagnostic::warning(
                        entry.key_span,
                        format!("path `{}` does not start with `/`", entry.key),
                    )
                    .with_label("expected `/…`"),
                );
            }
            let Some((item, file)) = self.deref(&entry.value, root) else {
                continue;
            };
            self.path_item(&entry.key, item, file, &mut operations);
        }
        operations
    }

    fn path_item(&mut self, path: &str, node: &'f Node, file: SourceId, out: &mut Vec<Operation>) {
        let Some(entries) = self.object(node, "a path item") else {
            return;
        };
        let mut shared_parameters = Vec::new();
        if let Some(parameters) = node.get("parameters") {
            shared_parameters = self.parameters(parameters, file);
        }
        for entry in entries {
            let method = Method::ALL
                .into_iter()
                .find(|method| method.key() == &*entry.key);
            match method {
                Some(method) => {
                    if let Some(operation) =
                        self.operation(path, method, entry, file, &shared_parameters)
                    {
                        out.push(operation);
                    }
                }
                None => match &*entry.key {
                    "parameters" | "summary" | "description" | "servers" | "$ref" => {}
                    _ => self.unknown_field(entry, "a path item"),
                },
            }
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: Method,
        entry: &'f Entry,
        file: SourceId,
        shared_parameters: &[Parameter],
    ) -> Option<Operation> {
        let node = &entry.value;
        let entries = self.object(node, method.key())?;
        let mut operation = Operation {
            path: path.to_owned(),
            method,
            operation_id: None,
            operation_id_span: None,
            summary: None,
            description: None,
            tags: Vec::new(),
            deprecated: false,
            parameters: Vec::new(),
            request_body: None,
            responses: Vec::new(),
            security: None,
            span: entry.key_span,
        };
        let mut own_parameters = Vec::new();
        for entry in entries {
            let value = &entry.value;
            match &*entry.key {
                "operationId" => {
                    operation.operation_id = self.string(value, "operationId");
                    operation.operation_id_span = Some(value.span);
                }
                "summary" => operation.summary = self.string(value, "summary"),
                "description" => operation.description = self.string(value, "description"),
                "tags" => operation.tags = self.string_list(value, "tags"),
                "deprecated" => {
                    operation.deprecated = self.boolean(value, "deprecated").unwrap_or(false)
                }
                "parameters" => own_parameters = self.parameters(value, file),
                "requestBody" => operation.request_body = self.request_body(value, file),
                "responses" => operation.responses = self.responses(value, file),
                "security" => operation.security = Some(self.security(value)),
                "callbacks" | "servers" | "externalDocs" => {}
                _ => self.unknown_field(entry, "an operation"),
            }
        }
        // Operation-level parameters override path-level ones with the same name and location.
        let mut parameters: Vec<Parameter> = shared_parameters
            .iter()
            .filter(|shared| {
                !own_parameters
                    .iter()
                    .any(|own| own.name == shared.name && own.location == shared.location)
            })
            .cloned()
            .collect();
        parameters.extend(own_parameters);
        self.check_path_parameters(path, &mut parameters, entry.key_span);
        operation.parameters = parameters;
        Some(operation)
    }

    /// Every `{name}` in the path template needs a path parameter and vice versa.
    fn check_path_parameters(&mut self, path: &str, parameters: &mut Vec<Parameter>, span: Span) {
        let template_names = path_template_names(path);
        for name in &template_names {
            if !parameters.iter().any(|parameter| {
                parameter.location == ParameterLocation::Path && parameter.name == *name
            }) {
                self.error(Diagnostic::warning(
                    span,
                    format!("path parameter `{{{name}}}` of `{path}` is not declared; it is treated as a required string"),
                ));
                let mut types = TypeSet::EMPTY;
                types.insert(PrimitiveType::String);
                parameters.push(Parameter {
                    name: name.clone(),
                    location: ParameterLocation::Path,
                    required: true,
                    deprecated: false,
                    description: None,
                    schema: Some(Schema {
                        types,
                        ..Schema::default()
                    }),
                    style: ParameterStyle::Simple,
                    explode: false,
                    content_type: None,
                    span,
                });
            }
        }
        let mut index = 0;
        while index < parameters.len() {
            let parameter = &parameters[index];
            if parameter.location == ParameterLocation::Path
                && !template_names.contains(&parameter.name)
            {
                let span = parameter.span;
                let message = format!(
                    "path parameter `{}` does not appear in `{path}`; it is ignored",
                    parameter.name
                );
                self.error(Diagnostic::warning(span, message));
                parameters.remove(index);
            } else {
                index += 1;
            }
        }
    }

    fn parameters(&mut self, node: &'f Node, file: SourceId) -> Vec<Parameter> {
        let Some(items) = self.array(node, "parameters") else {
            return Vec::new();
        };
        let mut parameters = Vec::new();
        for item in items {
            let Some((item, item_file)) = self.deref(item, file) else {
                continue;
            };
            if let Some(parameter) = self.parameter(item, item_file) {
                // A later duplicate wins, as it would in most servers' parsers.
                parameters.retain(|existing: &Parameter| {
                    !(existing.name == parameter.name && existing.location == parameter.location)
                });
                parameters.push(parameter);
            }
        }
        parameters
    }

    fn parameter(&mut self, node: &'f Node, file: SourceId) -> Option<Parameter> {
        let entries = self.object(node, "a parameter")?;
        let mut name = None;
        let mut location = None;
        let mut required = false;
        let mut deprecated = false;
        let mut description = None;
        let mut schema = None;
        let mut style = None;
        let mut explode = None;
        let mut content_type = None;
        for entry in entries {
            let value = &entry.value;
            match &*entry.key {
                "name" => name = self.string(value, "name"),
                "in" => {
                    let text = self.string(value, "in")?;
                    location = Some(match text.as_str() {
                        "path" => ParameterLocation::Path,
                        "query" => ParameterLocation::Query,
                        "header" => ParameterLocation::Header,
                        "cookie" => ParameterLocation::Cookie,
                        other => {
                            self.error(
                                Diagnostic::error(
                                    value.span,
                                    format!("unknown parameter location `{other}`"),
                                )
                                .with_label("expected path, query, header or cookie"),
                            );
                            return None;
                        }
                    });
                }
                "required" => required = self.boolean(value, "required").unwrap_or(false),
                "deprecated" => deprecated = self.boolean(value, "deprecated").unwrap_or(false),
                "description" => description = self.string(value, "description"),
                "schema" => schema = Some(self.schema(value, file)),
                "content" => {
                    if let Some(media) = self.content(value, file).into_iter().next() {
                        content_type = Some(media.media_type);
                        schema = media.schema;
                    }
                }
                "style" => {
                    let text = self.string(value, "style")?;
                    style = parameter_style(&text);
                    if style.is_none() {
                        self.error(
                            Diagnostic::error(value.span, format!("unknown parameter style `{text}`"))
                                .with_label("expected matrix, label, form, simple, spaceDelimited, pipeDelimited or deepObject"),
                        );
                    }
                }
                "explode" => explode = self.boolean(value, "explode"),
                "allowEmptyValue" | "allowReserved" | "example" | "examples" => {}
                _ => self.unknown_field(entry, "a parameter"),
            }
        }
        let (Some(name), Some(location)) = (name, location) else {
            self.error(
                Diagnostic::error(node.span, "a parameter needs both `name` and `in`")
                    .with_label("incomplete parameter"),
            );
            return None;
        };
        // OpenAPI: these three header parameters "SHALL be ignored"; they are set by the client.
        if location == ParameterLocation::Header
            && ["accept", "content-type", "authorization"]
                .contains(&name.to_ascii_lowercase().as_str())
        {
            return None;
        }
        let style = style.unwrap_or(match location {
            ParameterLocation::Query | ParameterLocation::Cookie => ParameterStyle::Form,
            ParameterLocation::Path | ParameterLocation::Header => ParameterStyle::Simple,
        });
        Some(Parameter {
            name,
            required: required || location == ParameterLocation::Path,
            location,
            deprecated,
            description,
            schema,
            explode: explode.unwrap_or(style == ParameterStyle::Form),
            style,
            content_type,
            span: node.span,
        })
    }

    fn request_body(&mut self, node: &'f Node, file: SourceId) -> Option<RequestBody> {
        let (node, file) = self.deref(node, file)?;
        let entries = self.object(node, "requestBody")?;
        let mut body = RequestBody {
            description: None,
            required: false,
            content: Vec::new(),
            span: node.span,
        };
        for entry in entries {
            match &*entry.key {
                "description" => body.description = self.string(&entry.value, "description"),
                "required" => {
                    body.required = self.boolean(&entry.value, "required").unwrap_or(false)
                }
                "content" => body.content = self.content(&entry.value, file),
                _ => self.unknown_field(entry, "a request body"),
            }
        }
        Some(body)
    }

    fn content(&mut self, node: &'f Node, file: SourceId) -> Vec<MediaType> {
        let Some(entries) = self.object(node, "content") else {
            return Vec::new();
        };
        let mut content = Vec::new();
        for entry in entries {
            let Some(fields) = self.object(&entry.value, "a media type object") else {
                continue;
            };
            let mut media = MediaType {
                media_type: entry.key.to_string(),
                schema: None,
                encoding: Vec::new(),
                span: entry.key_span,
            };
            for field in fields {
                match &*field.key {
                    "schema" => media.schema = Some(self.schema(&field.value, file)),
                    "encoding" => media.encoding = self.encoding(&field.value),
                    "example" | "examples" => {}
                    _ => self.unknown_field(field, "a media type object"),
                }
            }
            content.push(media);
        }
        content
    }

    fn encoding(&mut self, node: &Node) -> Vec<Encoding> {
        let Some(entries) = self.object(node, "encoding") else {
            return Vec::new();
        };
        let mut encodings = Vec::new();
        for entry in entries {
            let Some(fields) = self.object(&entry.value, "an encoding object") else {
                continue;
            };
            let mut encoding = Encoding {
                property: entry.key.to_string(),
                content_type: None,
                style: None,
                explode: None,
            };
            for field in fields {
                match &*field.key {
                    "contentType" => {
                        encoding.content_type = self.string(&field.value, "contentType")
                    }
                    "style" => {
                        encoding.style = self
                            .string(&field.value, "style")
                            .and_then(|text| parameter_style(&text));
                    }
                    "explode" => encoding.explode = self.boolean(&field.value, "explode"),
                    _ => {}
                }
            }
            encodings.push(encoding);
        }
        encodings
    }

    fn responses(&mut self, node: &'f Node, file: SourceId) -> Vec<Response> {
        let Some(entries) = self.object(node, "responses") else {
            return Vec::new();
        };
        let mut responses = Vec::new();
        for entry in entries {
            let Some(status) = status_code(&entry.key) else {
                if !entry.key.starts_with("x-") {
                    self.error(
                        Diagnostic::error(
                            entry.key_span,
                            format!("invalid response status `{}`", entry.key),
                        )
                        .with_label(
                            "expected a status code such as 200, a range such as 2XX, or `default`",
                        ),
                    );
                }
                continue;
            };
            let Some((node, response_file)) = self.deref(&entry.value, file) else {
                continue;
            };
            let Some(fields) = self.object(node, "a response") else {
                continue;
            };
            let mut response = Response {
                status,
                description: None,
                content: Vec::new(),
                headers: Vec::new(),
                span: node.span,
            };
            for field in fields {
                match &*field.key {
                    "description" => {
                        response.description = self.string(&field.value, "description")
                    }
                    "content" => response.content = self.content(&field.value, response_file),
                    "headers" => response.headers = self.headers(&field.value, response_file),
                    "links" => {}
                    _ => self.unknown_field(field, "a response"),
                }
            }
            responses.push(response);
        }
        responses
    }

    fn headers(&mut self, node: &'f Node, file: SourceId) -> Vec<Header> {
        let Some(entries) = self.object(node, "headers") else {
            return Vec::new();
        };
        let mut headers = Vec::new();
        for entry in entries {
            let Some((node, header_file)) = self.deref(&entry.value, file) else {
                continue;
            };
            let Some(fields) = self.object(node, "a header") else {
                continue;
            };
            let mut header = Header {
                name: entry.key.to_string(),
                description: None,
                required: false,
                schema: None,
            };
            for field in fields {
                match &*field.key {
                    "description" => header.description = self.string(&field.value, "description"),
                    "required" => {
                        header.required = self.boolean(&field.value, "required").unwrap_or(false)
                    }
                    "schema" => header.schema = Some(self.schema(&field.value, header_file)),
                    "content" => {
                        header.schema = self
                            .content(&field.value, header_file)
                            .into_iter()
                            .next()
                            .and_then(|media| media.schema);
                    }
                    _ => {}
                }
            }
            headers.push(header);
        }
        headers
    }

    // ----- schemas -------------------------------------------------------------------------------

    /// Reads a schema object (or boolean schema), upgrading 3.0 keywords to their 3.1 form.
    fn schema(&mut self, node: &'f Node, file: SourceId) -> Schema {
        let mut schema = Schema {
            span: Some(node.span),
            ..Schema::default()
        };
        let entries = match &node.kind {
            NodeKind::Bool(value) => {
                schema.boolean = Some(*value);
                return schema;
            }
            NodeKind::Object(entries) => entries,
            _ => {
                self.type_error(node, "a schema object", "schema");
                return schema;
            }
        };
        let mut nullable = false;
        let mut exclusive_minimum_flag = false;
        let mut exclusive_maximum_flag = false;
        for entry in entries {
            let value = &entry.value;
            match &*entry.key {
                "$ref" => {
                    if let Some(reference) = self.string(value, "$ref") {
                        schema.reference = self.schema_ref(&reference, value.span, file);
                    }
                }
                "type" => schema.types = self.schema_types(value),
                "nullable" | "x-nullable" => {
                    nullable = self.boolean(value, &entry.key).unwrap_or(false)
                }
                "format" => schema.format = self.string(value, "format"),
                "title" => schema.title = self.string(value, "title"),
                "description" => schema.description = self.string(value, "description"),
                "enum" => {
                    if let Some(items) = self.array(value, "enum") {
                        schema.enumeration = Some(items.to_vec());
                    }
                }
                "const" => schema.constant = Some(Box::new(value.clone())),
                "default" => schema.default = Some(Box::new(value.clone())),
                "properties" => {
                    if let Some(properties) = self.object(value, "properties") {
                        schema.properties = properties
                            .iter()
                            .map(|property| {
                                (property.key.to_string(), self.schema(&property.value, file))
                            })
                            .collect();
                    }
                }
                "required" => {
                    // JSON Schema draft 4 style `required: true` on a property is a common
                    // mistake; it means nothing in OpenAPI, so it is skipped with a warning.
                    if matches!(value.kind, NodeKind::Bool(_)) {
                        self.error(
                            Diagnostic::warning(
                                value.span,
                                "`required` in a schema is a list of property names; a boolean is ignored",
                            ),
                        );
                    } else {
                        schema.required = self.string_list(value, "required");
                    }
                }
                "additionalProperties" => {
                    schema.additional_properties = Some(Box::new(self.schema(value, file)));
                }
                "items" => {
                    if let NodeKind::Array(items) = &value.kind {
                        // Draft 4 tuple form; 2020-12 calls it prefixItems.
                        schema.prefix_items =
                            items.iter().map(|item| self.schema(item, file)).collect();
                    } else {
                        schema.items = Some(Box::new(self.schema(value, file)));
                    }
                }
                "prefixItems" => {
                    if let Some(items) = self.array(value, "prefixItems") {
                        schema.prefix_items =
                            items.iter().map(|item| self.schema(item, file)).collect();
                    }
                }
                "allOf" => schema.all_of = self.schema_list(value, file, "allOf"),
                "anyOf" => schema.any_of = self.schema_list(value, file, "anyOf"),
                "oneOf" => schema.one_of = self.schema_list(value, file, "oneOf"),
                "not" => schema.not = Some(Box::new(self.schema(value, file))),
                "discriminator" => {
                    schema.discriminator = self.discriminator(value, file).map(Box::new);
                }
                "readOnly" => schema.read_only = self.boolean(value, "readOnly").unwrap_or(false),
                "writeOnly" => {
                    schema.write_only = self.boolean(value, "writeOnly").unwrap_or(false)
                }
                "deprecated" => {
                    schema.deprecated = self.boolean(value, "deprecated").unwrap_or(false)
                }
                "minimum" => schema.constraints_mut().minimum = self.number(value, "minimum"),
                "maximum" => schema.constraints_mut().maximum = self.number(value, "maximum"),
                "exclusiveMinimum" => match value.kind {
                    NodeKind::Bool(flag) => exclusive_minimum_flag = flag,
                    _ => {
                        schema.constraints_mut().exclusive_minimum =
                            self.number(value, "exclusiveMinimum")
                    }
                },
                "exclusiveMaximum" => match value.kind {
                    NodeKind::Bool(flag) => exclusive_maximum_flag = flag,
                    _ => {
                        schema.constraints_mut().exclusive_maximum =
                            self.number(value, "exclusiveMaximum")
                    }
                },
                "multipleOf" => {
                    schema.constraints_mut().multiple_of = self.number(value, "multipleOf")
                }
                "minLength" => schema.constraints_mut().min_length = self.count(value, "minLength"),
                "maxLength" => schema.constraints_mut().max_length = self.count(value, "maxLength"),
                "minItems" => schema.constraints_mut().min_items = self.count(value, "minItems"),
                "maxItems" => schema.constraints_mut().max_items = self.count(value, "maxItems"),
                "minProperties" => {
                    schema.constraints_mut().min_properties = self.count(value, "minProperties")
                }
                "maxProperties" => {
                    schema.constraints_mut().max_properties = self.count(value, "maxProperties")
                }
                "uniqueItems" => {
                    schema.constraints_mut().unique_items =
                        self.boolean(value, "uniqueItems").unwrap_or(false);
                }
                "pattern" => schema.constraints_mut().pattern = self.string(value, "pattern"),
                "x-enum-varnames" | "x-enumNames" => {
                    let names = self.string_list(value, &entry.key);
                    schema
                        .extensions
                        .get_or_insert_with(Box::default)
                        .enum_varnames = Some(names);
                }
                "x-enum-descriptions" => {
                    let descriptions = self.string_list(value, "x-enum-descriptions");
                    schema
                        .extensions
                        .get_or_insert_with(Box::default)
                        .enum_descriptions = Some(descriptions);
                }
                "x-spec-enum-id" => {
                    let id = self.string(value, "x-spec-enum-id");
                    schema
                        .extensions
                        .get_or_insert_with(Box::default)
                        .spec_enum_id = id;
                }
                "example" => {
                    // 3.0 `example` is 3.1 `examples: [value]`; clientgen does not use examples,
                    // so the upgrade is a no-op beyond accepting the keyword.
                }
                _ => {}
            }
        }
        // 3.0 boolean exclusive bounds: `minimum: 5, exclusiveMinimum: true` → `exclusiveMinimum: 5`.
        if exclusive_minimum_flag {
            let constraints = schema.constraints_mut();
            constraints.exclusive_minimum = constraints.minimum.take();
        }
        if exclusive_maximum_flag {
            let constraints = schema.constraints_mut();
            constraints.exclusive_maximum = constraints.maximum.take();
        }
        if nullable {
            schema = make_nullable(schema);
        }
        schema
    }

    fn schema_types(&mut self, node: &Node) -> TypeSet {
        let mut types = TypeSet::EMPTY;
        let mut add = |reader: &mut Self, item: &Node| {
            if let Some(name) = reader.string(item, "type") {
                match PrimitiveType::from_keyword(&name) {
                    Some(primitive) => types.insert(primitive),
                    // Hand-written `extend_schema_field` schemas sometimes say `type: ''` for
                    // "unknown" (PokeAPI does); read it as no `type` at all, with a warning.
                    None if name.trim().is_empty() => reader.error(
                        Diagnostic::warning(item.span, "empty `type` is ignored")
                            .with_label("the schema accepts any type of value"),
                    ),
                    None => reader.error(
                        Diagnostic::error(item.span, format!("unknown type `{name}`")).with_label(
                            "expected null, boolean, object, array, number, string or integer",
                        ),
                    ),
                }
            }
        };
        match &node.kind {
            NodeKind::Array(items) => {
                for item in items {
                    add(self, item);
                }
            }
            _ => add(self, node),
        }
        types
    }

    fn schema_list(&mut self, node: &'f Node, file: SourceId, what: &str) -> Vec<Schema> {
        let Some(items) = self.array(node, what) else {
            return Vec::new();
        };
        items.iter().map(|item| self.schema(item, file)).collect()
    }

    fn discriminator(&mut self, node: &Node, file: SourceId) -> Option<Discriminator> {
        let entries = self.object(node, "discriminator")?;
        let mut property_name = None;
        let mut mapping = Vec::new();
        for entry in entries {
            match &*entry.key {
                "propertyName" => property_name = self.string(&entry.value, "propertyName"),
                "mapping" => {
                    let Some(items) = self.object(&entry.value, "mapping") else {
                        continue;
                    };
                    for item in items {
                        let Some(reference) = self.string(&item.value, "mapping value") else {
                            continue;
                        };
                        // A bare name means a component schema.
                        let reference = if reference.contains('/') || reference.contains('#') {
                            reference
                        } else {
                            format!("#/components/schemas/{}", escape_pointer_token(&reference))
                        };
                        if let Some(id) = self.schema_ref(&reference, item.value.span, file) {
                            mapping.push((item.key.to_string(), id));
                        }
                    }
                }
                _ => {}
            }
        }
        let Some(property_name) = property_name else {
            self.error(
                Diagnostic::error(node.span, "`discriminator` needs a `propertyName`")
                    .with_label("missing propertyName"),
            );
            return None;
        };
        Some(Discriminator {
            property_name,
            mapping,
            span: node.span,
        })
    }
}

/// Applies 3.0 `nullable: true` in the 3.1 way.
///
/// With `type`, `null` joins the type list (and, when there is an `enum`, its values: 3.0 tools
/// and servers treat `nullable` as allowing null there too). Without `type` but with a `$ref` or
/// a composition, the schema becomes `anyOf: [<schema>, {type: null}]`, annotations staying
/// outside so that `readOnly`, `description` and `default` still describe the property.
fn make_nullable(mut schema: Schema) -> Schema {
    if let Some(values) = &mut schema.enumeration
        && !values
            .iter()
            .any(|value| matches!(value.kind, NodeKind::Null))
    {
        let span = schema.span.unwrap_or(Span::new(SourceId(0), 0, 0));
        values.push(Node {
            kind: NodeKind::Null,
            span,
        });
    }
    if !schema.types.is_empty() {
        schema.types.insert(PrimitiveType::Null);
        return schema;
    }
    let composite = schema.reference.is_some()
        || !schema.all_of.is_empty()
        || !schema.any_of.is_empty()
        || !schema.one_of.is_empty();
    if !composite {
        // No type and no composition: the schema already accepts null.
        return schema;
    }
    let mut null = Schema {
        span: schema.span,
        ..Schema::default()
    };
    null.types.insert(PrimitiveType::Null);
    let outer = Schema {
        span: schema.span,
        title: schema.title.take(),
        description: schema.description.take(),
        default: schema.default.take(),
        read_only: std::mem::take(&mut schema.read_only),
        write_only: std::mem::take(&mut schema.write_only),
        deprecated: std::mem::take(&mut schema.deprecated),
        any_of: Vec::new(),
        ..Schema::default()
    };
    Schema {
        any_of: vec![schema, null],
        ..outer
    }
}

fn parameter_style(text: &str) -> Option<ParameterStyle> {
    Some(match text {
        "matrix" => ParameterStyle::Matrix,
        "label" => ParameterStyle::Label,
        "form" => ParameterStyle::Form,
        "simple" => ParameterStyle::Simple,
        "spaceDelimited" => ParameterStyle::SpaceDelimited,
        "pipeDelimited" => ParameterStyle::PipeDelimited,
        "deepObject" => ParameterStyle::DeepObject,
        _ => return None,
    })
}

fn status_code(key: &str) -> Option<StatusCode> {
    if key == "default" {
        return Some(StatusCode::Default);
    }
    let bytes = key.as_bytes();
    if bytes.len() != 3 || !(b'1'..=b'5').contains(&bytes[0]) {
        return None;
    }
    if bytes[1..].eq_ignore_ascii_case(b"XX") {
        return Some(StatusCode::Range(bytes[0] - b'0'));
    }
    key.parse::<u16>().ok().map(StatusCode::Code)
}

/// The `{names}` of a path template, in order.
pub fn path_template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let name = &after[..close];
        if !names.iter().any(|existing| existing == name) {
            names.push(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    names
}

/// A name for a referenced schema: the component name, the last pointer token, or the stem of
/// the file it is.
fn schema_name(files: &Files, source: SourceId, pointer: &str) -> String {
    if let Some(last) = pointer.rsplit('/').next().filter(|last| !last.is_empty()) {
        return last.replace("~1", "/").replace("~0", "~");
    }
    let path = files.sources.get(source).path();
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .map_or_else(|| String::from("Schema"), str::to_owned)
}

/// The candidate closest to `wanted` by edit distance, if it is close enough to be a typo.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .map(|candidate| (edit_distance(wanted, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (row, left_char) in left.chars().enumerate() {
        current[0] = row + 1;
        for (column, right_char) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_char != *right_char);
            current[column + 1] = substitution
                .min(previous[column + 1] + 1)
                .min(current[column] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes() {
        assert_eq!(status_code("200"), Some(StatusCode::Code(200)));
        assert_eq!(status_code("2XX"), Some(StatusCode::Range(2)));
        assert_eq!(status_code("4xx"), Some(StatusCode::Range(4)));
        assert_eq!(status_code("default"), Some(StatusCode::Default));
        assert_eq!(status_code("600"), None);
        assert_eq!(status_code("OK"), None);
    }

    #[test]
    fn template_names() {
        assert_eq!(
            path_template_names("/a/{id}/b/{slug}/{id}"),
            vec!["id", "slug"]
        );
        assert!(path_template_names("/a/").is_empty());
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            closest("Tiket", ["Ticket", "User"].into_iter()),
            Some("Ticket")
        );
        assert_eq!(closest("Zebra", ["Ticket", "User"].into_iter()), None);
    }
}
