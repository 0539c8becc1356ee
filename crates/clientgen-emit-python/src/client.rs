//! `subclients/<tag>.py` (request builders plus the async and sync sub-client of a tag),
//! `client.py` (`APIClient`) and `sync_client.py` (`SyncAPIClient`).

use clientgen_emit::{CodeWriter, OutputFile};
use clientgen_ir::{
    MediaKind, Operation, ParameterLocation, ParameterStyle, PathSegment, Success, TypeId, TypeKind,
};
use rustc_hash::FxHashMap;

use crate::Emitter;
use crate::imports::{ImportBlock, Section};
use crate::layout::{self, Doc, text};
use crate::names::OperationNames;
use crate::syntax::{description_lines, string_literal, write_docstring};
use crate::types::{Imports, PyType, union_of, upload};

/// One parameter of a generated function.
pub(crate) struct Argument {
    /// The Python name.
    pub(crate) name: String,
    /// Its type.
    pub(crate) ty: PyType,
    /// Whether the caller must give it.
    pub(crate) required: bool,
    /// Docstring text (`Args:` section).
    pub(crate) doc: Vec<String>,
}

/// How an operation is called from Python.
pub(crate) struct Signature<'a> {
    pub(crate) operation: &'a Operation,
    pub(crate) names: &'a OperationNames,
    /// Path parameters (positional), in template order.
    pub(crate) path: Vec<Argument>,
    /// The body (positional in sub-clients, keyword in the standalone functions).
    pub(crate) body: Option<Argument>,
    /// Query, header and cookie parameters (keyword-only).
    pub(crate) keywords: Vec<Argument>,
    /// What a call returns.
    pub(crate) returns: PyType,
    /// The parser expression (`_TICKET`, `rt.EMPTY`, …).
    pub(crate) parser: String,
    /// The item type when the operation returns one page of a paginated list.
    pub(crate) page_item: Option<PyType>,
    /// True for binary responses (a streaming variant is generated).
    pub(crate) binary: bool,
}

impl Signature<'_> {
    /// Parameters as written in a sub-client method or builder (`self` not included).
    pub(crate) fn parameter_docs(&self, body_keyword: bool, leading: &[Doc]) -> Vec<Doc> {
        let mut parameters: Vec<Doc> = leading.to_vec();
        for argument in &self.path {
            parameters.push(parameter_doc(argument));
        }
        if !body_keyword && let Some(body) = &self.body {
            parameters.push(parameter_doc(body));
        }
        let mut keyword_only: Vec<&Argument> = Vec::new();
        if body_keyword && let Some(body) = &self.body {
            keyword_only.push(body);
        }
        keyword_only.extend(self.keywords.iter());
        if !keyword_only.is_empty() {
            parameters.push(text("*"));
            for argument in keyword_only {
                parameters.push(parameter_doc(argument));
            }
        }
        parameters
    }

    /// Arguments of the call to the request builder.
    pub(crate) fn builder_call(&self) -> Doc {
        let mut arguments: Vec<Doc> = self
            .path
            .iter()
            .map(|argument| text(argument.name.clone()))
            .collect();
        if let Some(body) = &self.body {
            arguments.push(text(body.name.clone()));
        }
        for argument in &self.keywords {
            arguments.push(text(format!("{name}={name}", name = argument.name)));
        }
        layout::call(self.names.builder.clone(), arguments, "")
    }

    /// The `Args:` section of a docstring.
    pub(crate) fn args_doc(&self, extra: &[(String, String)]) -> Vec<String> {
        let mut lines = Vec::new();
        let mut entries: Vec<(String, Vec<String>)> = Vec::new();
        for (name, doc) in extra {
            entries.push((name.clone(), vec![doc.clone()]));
        }
        for argument in self
            .path
            .iter()
            .chain(self.body.iter())
            .chain(&self.keywords)
        {
            if !argument.doc.is_empty() {
                entries.push((argument.name.clone(), argument.doc.clone()));
            }
        }
        if entries.is_empty() {
            return lines;
        }
        lines.push(String::new());
        lines.push(String::from("Args:"));
        for (name, doc) in entries {
            let mut first = true;
            for line in doc {
                if first {
                    lines.push(format!("    {name}: {line}"));
                    first = false;
                } else if line.is_empty() {
                    lines.push(String::new());
                } else {
                    lines.push(format!("        {line}"));
                }
            }
        }
        lines
    }
}

fn parameter_doc(argument: &Argument) -> Doc {
    let mut parts = vec![text(format!("{}: ", argument.name)), argument.ty.doc()];
    if !argument.required {
        parts.push(text(" = None"));
    }
    Doc::Concat(parts)
}

impl Emitter<'_> {
    /// How operation `index` is called; types are rendered into `imports`.
    pub(crate) fn signature(
        &self,
        index: usize,
        imports: &mut Imports,
        pages: bool,
    ) -> Signature<'_> {
        let operation = &self.api.operations[index];
        let names = &self.names.operations[index];
        let mut path = Vec::new();
        for segment in &operation.path_segments {
            if let PathSegment::Parameter(parameter_index) = segment
                && let Some(parameter) = operation.parameters.get(*parameter_index)
                && !path
                    .iter()
                    .any(|argument: &Argument| argument.name == names.parameters[*parameter_index])
            {
                path.push(Argument {
                    name: names.parameters[*parameter_index].clone(),
                    ty: self.py_type(parameter.ty, imports),
                    required: true,
                    doc: parameter_description(parameter),
                });
            }
        }
        let body = operation.request_body.as_ref().and_then(|body| {
            let content = body.preferred_content()?;
            let ty = match content.kind {
                MediaKind::Binary => upload(imports),
                MediaKind::Text => crate::types::builtin("str", imports),
                _ => self.py_type(content.ty, imports),
            };
            let mut ty = ty;
            if !body.required {
                ty = union_of(vec![ty, PyType::none()], imports);
            }
            let mut doc = body
                .description
                .as_deref()
                .map(description_lines)
                .unwrap_or_default();
            if doc.is_empty() {
                doc.push(format!("The request body ({}).", content.media_type));
            }
            Some(Argument {
                name: names.body.clone(),
                ty,
                required: body.required,
                doc,
            })
        });
        let mut keywords = Vec::new();
        for (parameter_index, parameter) in operation.parameters.iter().enumerate() {
            if parameter.location == ParameterLocation::Path {
                continue;
            }
            let mut ty = self.py_type(parameter.ty, imports);
            if !parameter.required {
                ty = union_of(vec![ty, PyType::none()], imports);
            }
            let mut doc = parameter_description(parameter);
            let note = format!(
                "Sent as the {} parameter `{}`.",
                parameter.location.key(),
                parameter.name
            );
            if doc.is_empty() || names.parameters[parameter_index] != parameter.name {
                doc.push(note);
            }
            keywords.push(Argument {
                name: names.parameters[parameter_index].clone(),
                ty,
                required: parameter.required,
                doc,
            });
        }
        // Required keyword arguments first reads better; Python allows any order.
        let (returns, parser, binary) = match &operation.success {
            Success::Empty => (PyType::none(), String::from("rt.EMPTY"), false),
            Success::Binary => (
                crate::types::builtin("bytes", imports),
                String::from("rt.BYTES"),
                true,
            ),
            Success::Text => (
                crate::types::builtin("str", imports),
                String::from("rt.TEXT"),
                false,
            ),
            Success::Json { ty, optional } => {
                let mut returns = self.py_type(*ty, imports);
                if *optional {
                    returns = union_of(vec![returns, PyType::none()], imports);
                }
                (returns, String::new(), false)
            }
        };
        let page_item = if pages {
            self.page_item(operation)
                .map(|item| self.py_type(item, imports))
        } else {
            None
        };
        Signature {
            operation,
            names,
            path,
            body,
            keywords,
            returns,
            parser,
            page_item,
            binary,
        }
    }

    /// The item type of a DRF paginated list response (`results` array and a `next` link).
    fn page_item(&self, operation: &Operation) -> Option<TypeId> {
        let Success::Json {
            ty,
            optional: false,
        } = &operation.success
        else {
            return None;
        };
        let resolved = self.api.resolve(*ty);
        let TypeKind::Object(object) = &self.api.type_def(resolved).kind else {
            return None;
        };
        let results = object
            .properties
            .iter()
            .find(|property| property.name == "results" && property.required)?;
        let next = object
            .properties
            .iter()
            .find(|property| property.name == "next")?;
        let next_is_text = match &self.api.type_def(self.api.resolve(next.ty)).kind {
            TypeKind::String { .. } => true,
            TypeKind::Nullable(inner) => matches!(
                self.api.type_def(self.api.resolve(*inner)).kind,
                TypeKind::String { .. }
            ),
            _ => false,
        };
        if !next_is_text {
            return None;
        }
        // The fields must keep their wire names for `page.results` / `page.next`.
        let fields = crate::plan::class_fields(self.api, &self.discriminators, resolved);
        if !fields
            .iter()
            .any(|field| field.wire == "results" && field.python == "results")
            || !fields
                .iter()
                .any(|field| field.wire == "next" && field.python == "next")
        {
            return None;
        }
        match &self.api.type_def(self.api.resolve(results.ty)).kind {
            TypeKind::Array { items, .. } => Some(*items),
            _ => None,
        }
    }

    /// All sub-client modules, `client.py`, `sync_client.py` and `subclients/__init__.py`.
    pub(crate) fn client_files(&self) -> Vec<OutputFile> {
        let tags: Vec<usize> = (0..self.api.tags.len()).collect();
        let mut files = crate::parallel_map(&tags, |tag| self.subclient_file(*tag));
        let mut init = CodeWriter::new("    ");
        write_docstring(
            &mut init,
            &[String::from(
                "One module per tag: request builders and the async and sync sub-clients.",
            )],
        );
        files.push(OutputFile::new(
            self.path("subclients/__init__.py"),
            self.finish_file(init),
        ));
        files.push(OutputFile::new(
            self.path("client.py"),
            self.client_file(false),
        ));
        if self.sync_client {
            files.push(OutputFile::new(
                self.path("sync_client.py"),
                self.client_file(true),
            ));
        }
        files
    }

    fn subclient_file(&self, tag_index: usize) -> OutputFile {
        let tag = &self.api.tags[tag_index];
        let tag_names = &self.names.tags[tag_index];
        let operations: Vec<usize> = self
            .api
            .operations
            .iter()
            .enumerate()
            .filter(|(_, operation)| operation.tag == tag.name)
            .map(|(index, _)| index)
            .collect();
        // Methods named like builtins shadow them in the class bodies.
        let shadowed: Vec<String> = [
            "list", "dict", "str", "int", "float", "bool", "bytes", "type",
        ]
        .into_iter()
        .filter(|builtin| {
            operations.iter().any(|index| {
                let names = &self.names.operations[*index];
                names.method == *builtin
                    || names.all_method == *builtin
                    || names.stream_method == *builtin
            })
        })
        .map(str::to_owned)
        .collect();

        // Types used at runtime (parsers) and only in annotations are imported apart.
        let mut runtime_imports = Imports {
            upload_via_runtime: true,
            ..Imports::default()
        };
        let mut annotation_imports = Imports {
            upload_via_runtime: true,
            ..Imports::default()
        };
        let mut class_imports = Imports {
            upload_via_runtime: true,
            shadowed: shadowed.clone(),
            ..Imports::default()
        };
        let mut parsers: Vec<(String, String, PyType, bool)> = Vec::new();
        let mut parser_names = clientgen_ir::naming::Namespace::new(false);
        let mut parser_of_type: FxHashMap<String, String> = FxHashMap::default();
        let mut builders = CodeWriter::new("    ");
        let mut async_methods = CodeWriter::new("    ");
        let mut sync_methods = CodeWriter::new("    ");
        async_methods.indent();
        sync_methods.indent();
        let mut uses_iterators = false;
        let mut uses_stream = false;
        for &index in &operations {
            let operation = &self.api.operations[index];
            let mut signature = self.signature(index, &mut annotation_imports, false);
            if let Success::Json { ty, optional } = &operation.success {
                let mut parsed = self.py_type(*ty, &mut runtime_imports);
                if *optional {
                    parsed = union_of(vec![parsed, PyType::none()], &mut runtime_imports);
                }
                let key = format!("{}{}", parsed.flat(), optional);
                let constant = match parser_of_type.get(&key) {
                    Some(constant) => constant.clone(),
                    None => {
                        let constant = parser_constant(&mut parser_names, &parsed);
                        parser_of_type.insert(key, constant.clone());
                        parsers.push((constant.clone(), parsed.flat(), parsed, *optional));
                        constant
                    }
                };
                signature.parser = constant;
            }
            self.write_builder(&mut builders, &signature);
            builders.blank();
            builders.blank();
            let class_signature = self.signature(index, &mut class_imports, true);
            let class_signature = Signature {
                parser: signature.parser.clone(),
                ..class_signature
            };
            let writers = [(&mut async_methods, true), (&mut sync_methods, false)];
            for (writer, asynchronous) in writers
                .into_iter()
                .filter(|(_, asynchronous)| *asynchronous || self.sync_client)
            {
                writer.blank();
                self.write_method(writer, &class_signature, asynchronous);
                if class_signature.page_item.is_some() {
                    uses_iterators = true;
                    writer.blank();
                    self.write_all_method(writer, &class_signature, asynchronous);
                }
                if class_signature.binary {
                    uses_stream = true;
                    writer.blank();
                    self.write_stream_method(writer, &class_signature, asynchronous);
                }
            }
        }

        let mut body = CodeWriter::new("    ");
        for (constant, _, parsed, optional) in &parsers {
            let mut statement = vec![
                text(format!("{constant} = ")),
                layout::subscript("rt.JsonParser", vec![parsed.doc()]),
            ];
            statement.push(text(if *optional { "(optional=True)" } else { "()" }));
            layout::write(&mut body, &Doc::Concat(statement), 0);
        }
        if !parsers.is_empty() {
            body.blank();
            body.blank();
        }
        body.lines(builders.finish().trim_end());
        let async_methods = async_methods.finish();
        let sync_methods = sync_methods.finish();
        let classes = [
            (&tag_names.async_class, true, &async_methods),
            (&tag_names.sync_class, false, &sync_methods),
        ];
        for (class, asynchronous, methods) in classes
            .into_iter()
            .filter(|(_, asynchronous, _)| *asynchronous || self.sync_client)
        {
            body.blank();
            body.blank();
            body.line(format!("class {class}:"));
            body.indent();
            let mut doc = vec![format!(
                "Operations tagged `{}` ({}).",
                tag.name,
                if asynchronous { "async" } else { "sync" }
            )];
            if let Some(description) = &tag.description {
                doc.push(String::new());
                doc.extend(description_lines(description));
            }
            write_docstring(&mut body, &doc);
            body.blank();
            let transport = if asynchronous {
                "rt.AsyncBaseClient"
            } else {
                "rt.SyncBaseClient"
            };
            body.line(format!("def __init__(self, client: {transport}) -> None:"));
            body.indent();
            write_docstring(
                &mut body,
                &[String::from("Wraps the client that sends the requests.")],
            );
            body.line("self._client = client");
            body.dedent();
            body.dedent();
            body.lines(methods.trim_end());
        }

        let mut top = ImportBlock::default();
        top.from(Section::Future, "__future__", "annotations");
        top.from(Section::Local, "..", "runtime as rt");
        runtime_imports.add_external(&mut top);
        self.add_type_imports(&mut top, &runtime_imports);
        let mut checking = ImportBlock::default();
        let mut annotations = annotation_imports.clone();
        annotations.merge(&class_imports);
        // What the runtime block imports need not be imported again.
        annotations.remove_all(&runtime_imports);
        annotations.add_external(&mut checking);
        self.add_type_imports(&mut checking, &annotations);
        if uses_iterators {
            checking.from(Section::Standard, "collections.abc", "AsyncIterator");
            if self.sync_client {
                checking.from(Section::Standard, "collections.abc", "Iterator");
            }
        }
        if uses_stream {
            checking.from(
                Section::Standard,
                "contextlib",
                "AbstractAsyncContextManager",
            );
            if self.sync_client {
                checking.from(Section::Standard, "contextlib", "AbstractContextManager");
            }
            checking.plain(Section::ThirdParty, "httpx");
        }
        let mut writer = CodeWriter::new("    ");
        write_docstring(
            &mut writer,
            &[format!(
                "Operations tagged `{}`: request builders and the {} sub-clients.",
                tag.name,
                if self.sync_client {
                    "async and sync"
                } else {
                    "async"
                }
            )],
        );
        writer.blank();
        if !checking.is_empty() {
            top.from(Section::Standard, "typing", "TYPE_CHECKING");
        }
        for line in top.render(0) {
            writer.line(line);
        }
        if !checking.is_empty() {
            writer.blank();
            writer.line("if TYPE_CHECKING:");
            for line in checking.render(4) {
                writer.line(line);
            }
        }
        let body = body.finish();
        writer.blank();
        if !checking.is_empty() || !body.starts_with('_') {
            writer.blank();
        }
        writer.lines(body.trim_end());
        OutputFile::new(
            self.path(&format!("subclients/{}.py", tag_names.module)),
            self.finish_file(writer),
        )
    }

    /// Adds imports of named types (models and enums) to a block of a module one level
    /// below the package.
    pub(crate) fn add_type_imports(&self, block: &mut ImportBlock, imports: &Imports) {
        self.add_type_imports_at(block, imports, "..");
    }

    /// Like [`Emitter::add_type_imports`] for a module whose package root is `prefix`.
    pub(crate) fn add_type_imports_at(
        &self,
        block: &mut ImportBlock,
        imports: &Imports,
        prefix: &str,
    ) {
        for id in &imports.enums {
            block.from(
                Section::Local,
                &format!("{prefix}enums.{}", self.plan.enum_stem(*id)),
                self.names.type_name(*id),
            );
        }
        for name in &imports.model {
            block.from(Section::Local, &format!("{prefix}_model"), name);
        }
        for id in &imports.types {
            block.from(
                Section::Local,
                &format!("{prefix}models.{}", self.plan.stem(*id)),
                self.names.type_name(*id),
            );
        }
    }

    fn write_builder(&self, writer: &mut CodeWriter, signature: &Signature<'_>) {
        let operation = signature.operation;
        let parameters = signature.parameter_docs(false, &[]);
        let returns = PyType::Generic(String::from("rt.Request"), vec![signature.returns.clone()]);
        let head = format!("def {}", signature.names.builder);
        let definition = crate::types::definition(head, parameters, &returns, 0);
        layout::write(writer, &definition, 0);
        writer.indent();
        write_docstring(
            writer,
            &[format!(
                "Builds the request of `{} {}` ({}).",
                operation.method.http_name(),
                operation.path,
                operation.id
            )],
        );
        // Path parameters with a non-default style are encoded first.
        let mut path = String::new();
        let mut locals = 0;
        let mut has_parameters = false;
        for segment in &operation.path_segments {
            match segment {
                PathSegment::Literal(literal) => path.push_str(&escape_f_string(literal)),
                PathSegment::Parameter(index) => {
                    let Some(parameter) = operation.parameters.get(*index) else {
                        continue;
                    };
                    let name = &signature.names.parameters[*index];
                    has_parameters = true;
                    if parameter.style == ParameterStyle::Simple && !parameter.explode {
                        path.push_str(&format!("{{rt.path_param({name})}}"));
                    } else {
                        let style = match parameter.style {
                            ParameterStyle::Label => "label",
                            ParameterStyle::Matrix => "matrix",
                            _ => "simple",
                        };
                        let local = format!("_p{locals}");
                        locals += 1;
                        let statement = layout::call(
                            format!("{local} = rt.path_param"),
                            vec![
                                text(name.clone()),
                                text(string_literal(style)),
                                text(if parameter.explode { "True" } else { "False" }),
                                text(string_literal(&parameter.name)),
                            ],
                            "",
                        );
                        layout::write(writer, &statement, 4);
                        path.push_str(&format!("{{{local}}}"));
                    }
                }
            }
        }
        let path = if has_parameters {
            format!("f{}", quote_f_string(&path))
        } else {
            let literal: String = operation
                .path_segments
                .iter()
                .map(|segment| match segment {
                    PathSegment::Literal(literal) => literal.as_str(),
                    PathSegment::Parameter(_) => "",
                })
                .collect();
            string_literal(&literal)
        };
        let mut arguments = vec![
            text(string_literal(operation.method.http_name())),
            text(path),
            text(signature.parser.clone()),
        ];
        for (location, function) in [
            (ParameterLocation::Query, "query"),
            (ParameterLocation::Header, "headers"),
            (ParameterLocation::Cookie, "cookies"),
        ] {
            let items: Vec<Doc> = operation
                .parameters
                .iter()
                .enumerate()
                .filter(|(_, parameter)| parameter.location == location)
                .map(|(index, parameter)| {
                    let name = &signature.names.parameters[index];
                    let wire = string_literal(&parameter.name);
                    let default_style = match location {
                        ParameterLocation::Query => {
                            parameter.style == ParameterStyle::Form && parameter.explode
                        }
                        _ => true,
                    };
                    if default_style {
                        layout::collection("", "(", vec![text(wire), text(name.clone())], ")")
                    } else {
                        let style = match parameter.style {
                            ParameterStyle::SpaceDelimited => "spaceDelimited",
                            ParameterStyle::PipeDelimited => "pipeDelimited",
                            ParameterStyle::DeepObject => "deepObject",
                            _ => "form",
                        };
                        layout::collection(
                            "",
                            "(",
                            vec![
                                text(wire),
                                text(name.clone()),
                                text(string_literal(style)),
                                text(if parameter.explode { "True" } else { "False" }),
                            ],
                            ")",
                        )
                    }
                })
                .collect();
            if !items.is_empty() {
                arguments.push(layout::call(format!("{function}=rt.{function}"), items, ""));
            }
        }
        if let (Some(body), Some(content)) = (
            &signature.body,
            operation
                .request_body
                .as_ref()
                .and_then(|body| body.preferred_content()),
        ) {
            let (function, default_media) = match content.kind {
                MediaKind::Json => ("json_body", "application/json"),
                MediaKind::Multipart => ("multipart_body", "multipart/form-data"),
                MediaKind::FormUrlEncoded => ("form_body", "application/x-www-form-urlencoded"),
                MediaKind::Binary => ("binary_body", "application/octet-stream"),
                MediaKind::Text => ("text_body", "text/plain"),
            };
            let mut call_arguments = vec![text(body.name.clone())];
            let media = content
                .media_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            if media != default_media && !media.contains('*') && !media.is_empty() {
                call_arguments.push(text(string_literal(&content.media_type)));
            }
            arguments.push(layout::call(
                format!("body=rt.{function}"),
                call_arguments,
                "",
            ));
        }
        if let Some(accept) = self.accept(operation) {
            arguments.push(text(format!("accept={}", string_literal(&accept))));
        }
        layout::write(writer, &layout::call("return rt.Request", arguments, ""), 4);
        writer.dedent();
    }

    /// The `Accept` header of JSON responses.
    fn accept(&self, operation: &Operation) -> Option<String> {
        if !matches!(operation.success, Success::Json { .. }) {
            return None;
        }
        operation
            .responses
            .iter()
            .filter(|response| response.is_success())
            .flat_map(|response| response.contents.iter())
            .find(|content| content.kind == MediaKind::Json)
            .map(|content| content.media_type.clone())
    }

    /// The docstring of an operation's method or function.
    pub(crate) fn operation_doc(&self, signature: &Signature<'_>, extra: &[String]) -> Vec<String> {
        let operation = signature.operation;
        let mut doc = clientgen_emit::operation_prose(operation, description_lines);
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(
            "`{} {}` ({})",
            operation.method.http_name(),
            operation.path,
            operation.id
        ));
        if operation.deprecated {
            doc.push(String::new());
            doc.push(String::from("Deprecated."));
        }
        if !extra.is_empty() {
            doc.push(String::new());
            doc.extend(extra.iter().cloned());
        }
        doc.extend(signature.args_doc(&[]));
        doc
    }

    fn write_method(&self, writer: &mut CodeWriter, signature: &Signature<'_>, asynchronous: bool) {
        let head = format!(
            "{}def {}",
            if asynchronous { "async " } else { "" },
            signature.names.method
        );
        let parameters = signature.parameter_docs(false, &[text("self")]);
        let definition = crate::types::definition(head, parameters, &signature.returns, 4);
        layout::write(writer, &definition, 4);
        writer.indent();
        write_docstring(writer, &self.operation_doc(signature, &[]));
        let call = Doc::Concat(vec![text("request = "), signature.builder_call()]);
        layout::write(writer, &call, 8);
        if asynchronous {
            writer.line("return (await self._client.send(request)).parsed");
        } else {
            writer.line("return self._client.send(request).parsed");
        }
        writer.dedent();
    }

    fn write_all_method(
        &self,
        writer: &mut CodeWriter,
        signature: &Signature<'_>,
        asynchronous: bool,
    ) {
        let Some(item) = &signature.page_item else {
            return;
        };
        let head = format!("def {}", signature.names.all_method);
        let parameters = signature.parameter_docs(false, &[text("self")]);
        let iterator = PyType::Generic(
            String::from(if asynchronous {
                "AsyncIterator"
            } else {
                "Iterator"
            }),
            vec![item.clone()],
        );
        let definition = crate::types::definition(head, parameters, &iterator, 4);
        layout::write(writer, &definition, 4);
        writer.indent();
        let usage = if asynchronous {
            format!(
                "`async for item in client.….{}(…)`",
                signature.names.all_method
            )
        } else {
            format!("`for item in client.….{}(…)`", signature.names.all_method)
        };
        write_docstring(
            writer,
            &self.operation_doc(
                signature,
                &[format!(
                    "Yields the items of every page, following the `next` links: {usage}."
                )],
            ),
        );
        let call = Doc::Concat(vec![text("request = "), signature.builder_call()]);
        layout::write(writer, &call, 8);
        writer.line("return self._client.paginate(request)");
        writer.dedent();
    }

    fn write_stream_method(
        &self,
        writer: &mut CodeWriter,
        signature: &Signature<'_>,
        asynchronous: bool,
    ) {
        let head = format!("def {}", signature.names.stream_method);
        let parameters = signature.parameter_docs(false, &[text("self")]);
        let manager = PyType::Generic(
            String::from(if asynchronous {
                "AbstractAsyncContextManager"
            } else {
                "AbstractContextManager"
            }),
            vec![PyType::Name(String::from("httpx.Response"))],
        );
        let definition = crate::types::definition(head, parameters, &manager, 4);
        layout::write(writer, &definition, 4);
        writer.indent();
        let usage = if asynchronous {
            "`async with client.….x_stream(…) as response:` then `response.aiter_bytes()`"
        } else {
            "`with client.….x_stream(…) as response:` then `response.iter_bytes()`"
        };
        write_docstring(
            writer,
            &self.operation_doc(
                signature,
                &[format!(
                    "Streams the response body instead of reading it at once: {}.",
                    usage.replace("x_stream", &signature.names.stream_method)
                )],
            ),
        );
        let call = Doc::Concat(vec![text("request = "), signature.builder_call()]);
        layout::write(writer, &call, 8);
        writer.line("return self._client.stream(request)");
        writer.dedent();
    }

    /// `client.py` (`APIClient`) or `sync_client.py` (`SyncAPIClient`).
    fn client_file(&self, sync: bool) -> String {
        let class = if sync { "SyncAPIClient" } else { "APIClient" };
        let base = if sync {
            "rt.SyncBaseClient"
        } else {
            "rt.AsyncBaseClient"
        };
        let title = if self.api.title.is_empty() {
            String::from("the API")
        } else {
            self.api.title.clone()
        };
        let auth = self.api.auth_defaults();
        let (token_prefix, key_location, key_name) = (
            auth.token_prefix,
            auth.api_key_location.key(),
            auth.api_key_name,
        );
        let base_url = self.api.servers.first().map(String::as_str).unwrap_or("");
        let base_url = if base_url.contains('{') { "" } else { base_url };
        let base_url = base_url.trim_end_matches('/');
        let mut writer = CodeWriter::new("    ");
        write_docstring(
            &mut writer,
            &[format!(
                "The {} client of {title}.",
                if sync { "sync" } else { "async" }
            )],
        );
        writer.blank();
        let mut top = ImportBlock::default();
        top.from(Section::Future, "__future__", "annotations");
        top.from(Section::Local, ".", "runtime as rt");
        let mut checking = ImportBlock::default();
        for names in &self.names.tags {
            checking.from(
                Section::Local,
                &format!(".subclients.{}", names.module),
                if sync {
                    &names.sync_class
                } else {
                    &names.async_class
                },
            );
        }
        if !checking.is_empty() {
            top.from(Section::Standard, "typing", "TYPE_CHECKING");
        }
        for line in top.render(0) {
            writer.line(line);
        }
        if !checking.is_empty() {
            writer.blank();
            writer.line("if TYPE_CHECKING:");
            for line in checking.render(4) {
                writer.line(line);
            }
        }
        writer.blank();
        writer.blank();
        crate::layout::class_header(&mut writer, class, base);
        writer.indent();
        let example_tag = self.names.tags.first().map(|names| names.property.clone());
        let mut doc = vec![
            format!(
                "{} client of {title}{}.",
                if sync { "Sync" } else { "Async" },
                if self.api.version.is_empty() {
                    String::new()
                } else {
                    format!(" {}", self.api.version)
                }
            ),
            String::new(),
            String::from("```python"),
        ];
        if sync {
            doc.push(format!(
                "with {class}(\"https://api.example.com\") as client:"
            ));
        } else {
            doc.push(format!(
                "async with {class}(\"https://api.example.com\") as client:"
            ));
        }
        doc.push(format!(
            "    client.set_token(token)  # sent as `Authorization: {token_prefix} <token>`"
        ));
        if let Some(tag) = &example_tag {
            doc.push(format!("    client.{tag}  # operations tagged {tag}"));
        }
        doc.push(String::from("```"));
        write_docstring(&mut writer, &doc);
        writer.blank();
        for (attribute, value) in [
            ("default_base_url", base_url),
            ("token_prefix", token_prefix.as_str()),
            ("api_key_location", key_location),
            ("api_key_name", key_name.as_str()),
        ] {
            let statement = layout::assignment(
                attribute,
                None,
                Some(layout::Value::Atom(string_literal(value))),
                4,
            );
            crate::models::write_printed(&mut writer, &statement, 4);
        }
        for (tag_index, tag) in self.api.tags.iter().enumerate() {
            let Some(names) = self.names.tags.get(tag_index) else {
                continue;
            };
            let sub_class = if sync {
                &names.sync_class
            } else {
                &names.async_class
            };
            writer.blank();
            writer.line("@property");
            let definition = crate::types::definition(
                format!("def {}", names.property),
                vec![layout::text("self")],
                &PyType::Name(sub_class.clone()),
                4,
            );
            layout::write(&mut writer, &definition, 4);
            writer.indent();
            write_docstring(&mut writer, &[format!("Operations tagged `{}`.", tag.name)]);
            let import = layout::from_import(
                &format!(".subclients.{}", names.module),
                std::slice::from_ref(sub_class),
                8,
            );
            crate::models::write_printed(&mut writer, &import, 8);
            writer.blank();
            writer.line(format!("return {sub_class}(self)"));
            writer.dedent();
        }
        writer.dedent();
        self.finish_file(writer)
    }
}

/// A parser constant name from the type it parses (`_PAGINATED_TICKET_LIST`).
fn parser_constant(namespace: &mut clientgen_ir::naming::Namespace, ty: &PyType) -> String {
    let words = clientgen_ir::naming::words(&ty.flat());
    let mut name = String::from("_");
    for (index, word) in words.iter().take(6).enumerate() {
        if index > 0 {
            name.push('_');
        }
        name.push_str(&word.to_ascii_uppercase());
    }
    if name == "_" {
        name.push_str("PARSER");
    }
    namespace.claim_with_separator(&name, "_")
}

/// The docstring text of a parameter.
fn parameter_description(parameter: &clientgen_ir::Parameter) -> Vec<String> {
    let mut doc = parameter
        .description
        .as_deref()
        .map(description_lines)
        .unwrap_or_default();
    if parameter.deprecated {
        doc.push(String::from("Deprecated."));
    }
    doc
}

/// Literal text inside an f-string: braces doubled, escapes as in [`string_literal`].
fn escape_f_string(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// Quotes f-string contents the way ruff prefers (the replacement fields hold no quotes).
fn quote_f_string(contents: &str) -> String {
    string_literal(contents)
}
