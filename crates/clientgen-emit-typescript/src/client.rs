//! `client.ts`: the `API` class with one sub-client per tag, and the operation signatures the
//! fetchers and hooks reuse.

use std::collections::BTreeSet;

use clientgen_emit::CodeWriter;
use clientgen_ir::{
    Content, MediaKind, Operation, ParameterLocation, ParameterStyle, PathSegment, Success, TypeId,
};

use crate::Emitter;
use crate::names::{OperationNames, member_access, string_literal, write_import};
use crate::types::write_doc;

/// How an operation is called from TypeScript.
pub(crate) struct Signature<'a> {
    pub(crate) operation: &'a Operation,
    pub(crate) names: &'a OperationNames,
    /// `(argument name, type, parameter index)` of each path parameter, in template order.
    pub(crate) path: Vec<(String, String, usize)>,
    /// The body argument: name, type, whether it may be left out, and the content sent.
    pub(crate) body: Option<(String, String, bool, &'a Content)>,
    /// The params argument: name, interface, whether it may be left out.
    pub(crate) params: Option<(String, String, bool)>,
    /// Promise payload type.
    pub(crate) returns: String,
    /// How the response is read.
    pub(crate) response_type: &'static str,
    /// The JSON success type, for validation.
    pub(crate) json_type: Option<(TypeId, bool)>,
    /// The `Accept` header for JSON responses.
    pub(crate) accept: Option<String>,
}

impl Signature<'_> {
    /// `id: number, data: TicketRequest, params?: TicketsListParams` (no trailing comma).
    pub(crate) fn arguments(&self) -> Vec<String> {
        let mut arguments: Vec<String> = self
            .path
            .iter()
            .map(|(name, ty, _)| format!("{name}: {ty}"))
            .collect();
        let params_required = self
            .params
            .as_ref()
            .is_some_and(|(_, _, optional)| !optional);
        if let Some((name, ty, optional, _)) = &self.body {
            if *optional && params_required {
                arguments.push(format!("{name}: {ty} | undefined"));
            } else if *optional {
                arguments.push(format!("{name}?: {ty}"));
            } else {
                arguments.push(format!("{name}: {ty}"));
            }
        }
        if let Some((name, ty, optional)) = &self.params {
            let mark = if *optional { "?" } else { "" };
            arguments.push(format!("{name}{mark}: {ty}"));
        }
        arguments
    }

    /// The argument names in call order.
    pub(crate) fn call_arguments(&self) -> Vec<String> {
        let mut arguments: Vec<String> =
            self.path.iter().map(|(name, _, _)| name.clone()).collect();
        if let Some((name, _, _, _)) = &self.body {
            arguments.push(name.clone());
        }
        if let Some((name, _, _)) = &self.params {
            arguments.push(name.clone());
        }
        arguments
    }
}

impl Emitter<'_> {
    pub(crate) fn signature(&self, index: usize) -> Signature<'_> {
        let operation = &self.api.operations[index];
        let names = &self.names.operations[index];
        let path = operation
            .parameters
            .iter()
            .enumerate()
            .filter(|(_, parameter)| parameter.location == ParameterLocation::Path)
            .filter_map(|(parameter_index, parameter)| {
                let name = names.path_arguments.get(parameter_index)?.clone()?;
                Some((name, self.ts_type(parameter.ty), parameter_index))
            })
            .collect();
        let body = operation.request_body.as_ref().and_then(|body| {
            let content = body.preferred_content()?;
            let ty = match content.kind {
                MediaKind::Binary => String::from("Blob"),
                MediaKind::Text => String::from("string"),
                _ => self.ts_type(content.ty),
            };
            Some((names.body_argument.clone(), ty, !body.required, content))
        });
        let params = names.params_interface.as_ref().map(|interface| {
            let required = operation.parameters.iter().any(|parameter| {
                parameter.location != ParameterLocation::Path && parameter.required
            });
            (names.params_argument.clone(), interface.clone(), !required)
        });
        let (returns, response_type, json_type) = match &operation.success {
            Success::Empty => (String::from("void"), "void", None),
            Success::Json { ty, optional } => {
                let mut text = self.ts_type(*ty);
                if *optional {
                    text.push_str(" | undefined");
                }
                (text, "json", Some((*ty, *optional)))
            }
            Success::Binary => (String::from("Blob"), "blob", None),
            Success::Text => (String::from("string"), "text", None),
        };
        let accept = json_type.and_then(|_| {
            operation
                .responses
                .iter()
                .filter(|response| response.is_success())
                .flat_map(|response| response.contents.iter())
                .find(|content| content.kind == MediaKind::Json)
                .map(|content| content.media_type.clone())
        });
        Signature {
            operation,
            names,
            path,
            body,
            params,
            returns,
            response_type,
            json_type,
            accept,
        }
    }

    /// The doc comment of an operation (summary, description, method and path, deprecation).
    pub(crate) fn operation_doc(&self, operation: &Operation, extra: &[String]) -> Vec<String> {
        let mut doc = clientgen_emit::operation_prose(operation, clientgen_emit::description_lines);
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(
            "`{} {}` ({})",
            operation.method.http_name(),
            operation.path,
            operation.id
        ));
        doc.extend(extra.iter().cloned());
        if operation.deprecated {
            doc.push(String::from("@deprecated"));
        }
        doc
    }

    /// The `this.http.request(…)` call of an operation.
    fn request_call(
        &self,
        writer: &mut CodeWriter,
        signature: &Signature<'_>,
        needs_path_param: &mut bool,
    ) {
        let operation = signature.operation;
        writer.line(format!("return this.http.request<{}>(", signature.returns));
        writer.indent();
        writer.line("{");
        writer.indent();
        writer.line(format!(
            "method: {},",
            string_literal(operation.method.http_name())
        ));
        let mut path = String::from("`");
        for segment in &operation.path_segments {
            match segment {
                PathSegment::Literal(text) => path.push_str(&template_escape(text)),
                PathSegment::Parameter(index) => {
                    let Some(parameter) = operation.parameters.get(*index) else {
                        continue;
                    };
                    let argument = signature
                        .path
                        .iter()
                        .find(|(_, _, parameter_index)| parameter_index == index)
                        .map(|(name, _, _)| name.as_str())
                        .unwrap_or("undefined");
                    *needs_path_param = true;
                    let call = match (parameter.style, parameter.explode) {
                        (ParameterStyle::Simple, false) => format!("pathParam({argument})"),
                        (style, explode) => format!(
                            "pathParam({argument}, {}, {explode}, {})",
                            string_literal(match style {
                                ParameterStyle::Label => "label",
                                ParameterStyle::Matrix => "matrix",
                                _ => "simple",
                            }),
                            string_literal(&parameter.name)
                        ),
                    };
                    path.push_str(&format!("${{{call}}}"));
                }
            }
        }
        path.push('`');
        writer.line(format!("path: {path},"));
        if let Some((params_name, _, optional)) = &signature.params {
            for (location, field) in [
                (ParameterLocation::Query, "query"),
                (ParameterLocation::Header, "headers"),
                (ParameterLocation::Cookie, "cookies"),
            ] {
                let parameters: Vec<_> = operation
                    .parameters
                    .iter()
                    .filter(|parameter| parameter.location == location)
                    .collect();
                if parameters.is_empty() {
                    continue;
                }
                writer.line(format!("{field}: {{"));
                writer.indent();
                for parameter in &parameters {
                    writer.line(format!(
                        "{}: {},",
                        crate::names::property_key(&parameter.name),
                        member_access(params_name, &parameter.name, *optional)
                    ));
                }
                writer.dedent();
                writer.line("},");
                if location == ParameterLocation::Query {
                    let styled: Vec<String> = parameters
                        .iter()
                        .filter(|parameter| {
                            !(parameter.style == ParameterStyle::Form && parameter.explode)
                        })
                        .map(|parameter| {
                            let style = match parameter.style {
                                ParameterStyle::SpaceDelimited => "spaceDelimited",
                                ParameterStyle::PipeDelimited => "pipeDelimited",
                                ParameterStyle::DeepObject => "deepObject",
                                _ => "form",
                            };
                            format!(
                                "{}: [{}, {}]",
                                crate::names::property_key(&parameter.name),
                                string_literal(style),
                                parameter.explode
                            )
                        })
                        .collect();
                    if !styled.is_empty() {
                        writer.line(format!("queryStyles: {{ {} }},", styled.join(", ")));
                    }
                }
            }
        }
        if let Some((body_name, _, _, content)) = &signature.body {
            writer.line(format!("body: {body_name},"));
            let (body_type, default_media) = match content.kind {
                MediaKind::Json => ("json", "application/json"),
                MediaKind::Multipart => ("multipart", ""),
                MediaKind::FormUrlEncoded => ("form", ""),
                MediaKind::Binary => ("binary", "application/octet-stream"),
                MediaKind::Text => ("text", "text/plain"),
            };
            writer.line(format!("bodyType: {},", string_literal(body_type)));
            if !default_media.is_empty()
                && content.media_type != default_media
                && !content.media_type.contains('*')
            {
                writer.line(format!(
                    "contentType: {},",
                    string_literal(&content.media_type)
                ));
            }
        }
        if let Some(accept) = &signature.accept {
            writer.line(format!("accept: {},", string_literal(accept)));
        }
        writer.line(format!(
            "responseType: {},",
            string_literal(signature.response_type)
        ));
        writer.dedent();
        writer.line("},");
        writer.line(format!("{},", signature.names.options_argument));
        writer.dedent();
        writer.line(");");
    }

    /// `async *listAll(…)`: every item of a paginated list operation, fetching page after page
    /// by following the `next` links the server returns.
    fn list_all_method(
        &self,
        writer: &mut CodeWriter,
        signature: &Signature<'_>,
        name: &str,
        pagination: &clientgen_ir::Pagination,
    ) {
        let item = self.ts_type(pagination.item);
        let extra = vec![
            String::new(),
            format!(
                "Yields every item of `{}`, requesting page after page by following the `{}` links until there are none.",
                signature.names.method, pagination.next
            ),
        ];
        write_doc(writer, &self.operation_doc(signature.operation, &extra));
        let mut arguments = signature.arguments();
        arguments.push(format!(
            "{}?: RequestOptions",
            signature.names.options_argument
        ));
        writer.line(format!(
            "async *{name}({}): AsyncGenerator<{item}, void, undefined> {{",
            arguments.join(", ")
        ));
        writer.indent();
        let mut call_arguments = signature.call_arguments();
        call_arguments.push(signature.names.options_argument.clone());
        writer.line(format!(
            "let page = await this.{}({});",
            signature.names.method,
            call_arguments.join(", ")
        ));
        writer.line("for (;;) {");
        writer.indent();
        writer.line(format!(
            "yield* {};",
            member_access("page", &pagination.results, false)
        ));
        writer.line(format!(
            "const next = {};",
            member_access("page", &pagination.next, false)
        ));
        writer.block(
            "if (next === null || next === undefined) {",
            "}",
            |writer| writer.line("return;"),
        );
        let accept = signature
            .accept
            .as_ref()
            .map(|accept| format!(", accept: {}", string_literal(accept)))
            .unwrap_or_default();
        writer.line(format!(
            "page = await this.http.request<{}>({{ method: \"GET\", path: \"\", url: next{accept}, responseType: \"json\" }}, {});",
            signature.returns, signature.names.options_argument
        ));
        writer.dedent();
        writer.line("}");
        writer.dedent();
        writer.line("}");
    }

    /// `client.ts`.
    pub(crate) fn client_file(&self) -> String {
        let mut body = CodeWriter::new("  ");
        let mut needs_path_param = false;
        let mut model_imports: BTreeSet<String> = BTreeSet::new();
        let mut enum_imports: BTreeSet<String> = BTreeSet::new();
        for (tag_index, tag) in self.api.tags.iter().enumerate() {
            let Some(tag_names) = self.names.tags.get(tag_index) else {
                continue;
            };
            let mut doc = vec![format!("Operations tagged `{}`.", tag.name)];
            if let Some(description) = &tag.description {
                doc.push(String::new());
                doc.extend(clientgen_emit::description_lines(description));
            }
            write_doc(&mut body, &doc);
            body.line(format!("export class {} {{", tag_names.class));
            body.indent();
            body.line("private readonly http: HttpClient;");
            body.blank();
            body.block("constructor(http: HttpClient) {", "}", |writer| {
                writer.line("this.http = http;");
            });
            for (index, operation) in self.api.operations.iter().enumerate() {
                if operation.tag != tag.name {
                    continue;
                }
                let signature = self.signature(index);
                self.collect_signature_imports(&signature, &mut model_imports, &mut enum_imports);
                body.blank();
                write_doc(&mut body, &self.operation_doc(operation, &[]));
                let mut arguments = signature.arguments();
                arguments.push(format!(
                    "{}?: RequestOptions",
                    signature.names.options_argument
                ));
                body.line(format!(
                    "async {}({}): Promise<{}> {{",
                    signature.names.method,
                    arguments.join(", "),
                    signature.returns
                ));
                body.indent();
                self.request_call(&mut body, &signature, &mut needs_path_param);
                body.dedent();
                body.line("}");
                if let (Some(list_all), Some(pagination)) =
                    (&signature.names.list_all, &operation.pagination)
                {
                    self.collect_type_references(
                        pagination.item,
                        &mut model_imports,
                        &mut enum_imports,
                        0,
                    );
                    body.blank();
                    self.list_all_method(&mut body, &signature, list_all, pagination);
                }
            }
            body.dedent();
            body.line("}");
            body.blank();
        }

        let mut writer = CodeWriter::new("  ");
        let mut runtime = vec!["HttpClient"];
        if needs_path_param {
            runtime.push("pathParam");
        }
        runtime.extend([
            "type ApiKeyLocation",
            "type ClientOptions",
            "type RequestOptions",
        ]);
        write_import(&mut writer, "import", &runtime, "./http");
        let names: Vec<&str> = model_imports.iter().map(String::as_str).collect();
        write_import(&mut writer, "import type", &names, "./models");
        let names: Vec<&str> = enum_imports.iter().map(String::as_str).collect();
        write_import(&mut writer, "import type", &names, "./enums");
        writer.blank();
        let base_url = self.api.servers.first().map(String::as_str).unwrap_or("");
        let base_url = if base_url.contains('{') { "" } else { base_url };
        write_doc(
            &mut writer,
            &[String::from(
                "The server URL from the document's `servers` (\"\" means the origin the code runs on).",
            )],
        );
        writer.line(format!(
            "export const DEFAULT_BASE_URL = {};",
            string_literal(base_url.trim_end_matches('/'))
        ));
        writer.blank();
        let auth = self.api.auth_defaults();
        let (token_prefix, key_in, key_name) = (
            auth.token_prefix,
            auth.api_key_location.key(),
            auth.api_key_name,
        );
        writer.line(format!(
            "const AUTH_DEFAULTS: {{ tokenPrefix: string; apiKeyLocation: ApiKeyLocation }} = {{ tokenPrefix: {}, apiKeyLocation: {{ in: {}, name: {} }} }};",
            string_literal(&token_prefix),
            string_literal(key_in),
            string_literal(&key_name)
        ));
        writer.blank();
        writer.lines(body.finish().trim_end());
        writer.blank();
        self.api_class(&mut writer, &token_prefix, &key_name);
        self.finish_file(writer)
    }

    fn collect_signature_imports(
        &self,
        signature: &Signature<'_>,
        models: &mut BTreeSet<String>,
        enums: &mut BTreeSet<String>,
    ) {
        let mut ids: Vec<TypeId> = signature
            .path
            .iter()
            .filter_map(|(_, _, index)| {
                signature
                    .operation
                    .parameters
                    .get(*index)
                    .map(|parameter| parameter.ty)
            })
            .collect();
        if let Some((_, _, _, content)) = &signature.body
            && !matches!(content.kind, MediaKind::Binary | MediaKind::Text)
        {
            ids.push(content.ty);
        }
        if let Some((ty, _)) = signature.json_type {
            ids.push(ty);
        }
        for id in ids {
            self.collect_type_references(id, models, enums, 0);
        }
        if let Some((_, interface, _)) = &signature.params {
            models.insert(interface.clone());
        }
    }

    /// Names of named types that rendering `id` mentions, split by the module declaring them.
    pub(crate) fn collect_type_references(
        &self,
        id: TypeId,
        models: &mut BTreeSet<String>,
        enums: &mut BTreeSet<String>,
        depth: usize,
    ) {
        let def = self.api.type_def(id);
        if def.name.is_some() {
            let name = self.names.type_name(id).to_owned();
            if matches!(def.kind, clientgen_ir::TypeKind::Enum(_)) {
                enums.insert(name);
            } else {
                models.insert(name);
            }
            return;
        }
        if depth > 64 {
            return;
        }
        for child in def.kind.children() {
            self.collect_type_references(child, models, enums, depth + 1);
        }
    }

    fn api_class(&self, writer: &mut CodeWriter, token_prefix: &str, key_name: &str) {
        write_doc(
            writer,
            &[
                format!(
                    "Client for {}.",
                    if self.api.title.is_empty() {
                        "the API"
                    } else {
                        &self.api.title
                    }
                ),
                String::new(),
                String::from("```ts"),
                String::from("const api = new API(\"https://api.example.com\");"),
                format!("api.setToken(token); // sent as `Authorization: {token_prefix} <token>`"),
                String::from("```"),
            ],
        );
        writer.line("export class API {");
        writer.indent();
        writer.line("private readonly http: HttpClient;");
        for (tag_index, tag) in self.api.tags.iter().enumerate() {
            if let Some(names) = self.names.tags.get(tag_index) {
                write_doc(writer, &[format!("Operations tagged `{}`.", tag.name)]);
                writer.line(format!("readonly {}: {};", names.property, names.class));
            }
        }
        writer.blank();
        write_doc(
            writer,
            &[
                String::from(
                    "@param baseUrl Server URL, without a trailing slash (default: the document's first server).",
                ),
                String::from(
                    "@param options Credentials, headers, timeout and the `fetch` to use.",
                ),
            ],
        );
        writer.block(
            "constructor(baseUrl: string = DEFAULT_BASE_URL, options: ClientOptions = {}) {",
            "}",
            |writer| {
                writer.line("this.http = new HttpClient(baseUrl, options, AUTH_DEFAULTS);");
                for names in &self.names.tags {
                    writer.line(format!(
                        "this.{} = new {}(this.http);",
                        names.property, names.class
                    ));
                }
            },
        );
        let methods: [(&str, &str, String, &str); 9] = [
            (
                "get baseUrl(): string",
                "return this.http.baseUrl;",
                String::from("The server URL requests go to."),
                "",
            ),
            (
                "setToken(access: string, refresh?: string): void",
                "this.http.setToken(access, refresh);",
                format!(
                    "Sends `Authorization: {token_prefix} <access>` from now on; keeps `refresh` for `getRefreshToken()`."
                ),
                "",
            ),
            (
                "clearToken(): void",
                "this.http.clearToken();",
                String::from("Forgets both tokens."),
                "",
            ),
            (
                "getToken(): string | undefined",
                "return this.http.getToken();",
                String::from("The access token, if one is set."),
                "",
            ),
            (
                "getRefreshToken(): string | undefined",
                "return this.http.getRefreshToken();",
                String::from("The refresh token, if one is set."),
                "",
            ),
            (
                "isAuthenticated(): boolean",
                "return this.http.getToken() !== undefined;",
                String::from("True while an access token is set."),
                "",
            ),
            (
                "setApiKey(key: string | undefined, location?: ApiKeyLocation): void",
                "this.http.setApiKey(key, location);",
                format!(
                    "Sends `key` as the API key (by default in the `{key_name}` header); `undefined` stops sending it."
                ),
                "",
            ),
            (
                "setTokenPrefix(prefix: string): void",
                "this.http.setTokenPrefix(prefix);",
                String::from("Changes the word before the token in the `Authorization` header."),
                "",
            ),
            (
                "setHeaders(headers: Record<string, string>): void",
                "this.http.setHeaders(headers);",
                String::from(
                    "Adds headers sent with every request (replacing ones of the same name).",
                ),
                "",
            ),
        ];
        for (declaration, statement, doc, _) in methods {
            writer.blank();
            write_doc(writer, &[doc]);
            writer.block(format!("{declaration} {{"), "}", |writer| {
                writer.line(statement)
            });
        }
        writer.dedent();
        writer.line("}");
        writer.blank();
        writer.line("let defaultAPI: API | undefined;");
        writer.blank();
        write_doc(
            writer,
            &[String::from(
                "Sets up the instance the standalone fetchers and hooks use when none is passed.",
            )],
        );
        writer.block(
            "export function configureAPI(baseUrl: string = DEFAULT_BASE_URL, options: ClientOptions = {}): API {",
            "}",
            |writer| {
                writer.line("defaultAPI = new API(baseUrl, options);");
                writer.line("return defaultAPI;");
            },
        );
        writer.blank();
        write_doc(
            writer,
            &[String::from(
                "The instance set up by `configureAPI` (one for `DEFAULT_BASE_URL` if there is none yet).",
            )],
        );
        writer.block("export function getAPI(): API {", "}", |writer| {
            writer.line("defaultAPI ??= new API();");
            writer.line("return defaultAPI;");
        });
    }
}

/// Escapes text for a template literal.
fn template_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${")
}
