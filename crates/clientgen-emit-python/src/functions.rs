//! `api/<tag>/<operation>.py`: the functions users of openapi-python-client know
//! (`sync`, `sync_detailed`, `asyncio`, `asyncio_detailed`), built on the same request
//! builders as the sub-clients.

use clientgen_emit::{CodeWriter, OutputFile};

use crate::Emitter;
use crate::client::Signature;
use crate::imports::{ImportBlock, Section};
use crate::layout::{self, Doc, text};
use crate::syntax::{description_lines, write_docstring};
use crate::types::{Imports, PyType};

impl Emitter<'_> {
    /// Every `api/` module and package file.
    pub(crate) fn function_files(&self) -> Vec<OutputFile> {
        let indexes: Vec<usize> = (0..self.api.operations.len()).collect();
        let mut files = crate::parallel_map(&indexes, |index| self.function_file(*index));
        let mut init = CodeWriter::new("    ");
        write_docstring(
            &mut init,
            &[
                String::from("One package per tag, one module per operation:"),
                format!(
                    "`from {}.api.<tag> import <operation>` then `<operation>.sync(client=…)`.",
                    self.names.package
                ),
            ],
        );
        files.push(OutputFile::new(
            self.path("api/__init__.py"),
            self.finish_file(init),
        ));
        for (tag, names) in self.api.tags.iter().zip(&self.names.tags) {
            let mut init = CodeWriter::new("    ");
            write_docstring(
                &mut init,
                &[format!(
                    "Standalone functions of the operations tagged `{}`.",
                    tag.name
                )],
            );
            files.push(OutputFile::new(
                self.path(&format!("api/{}/__init__.py", names.module)),
                self.finish_file(init),
            ));
        }
        files
    }

    fn function_file(&self, index: usize) -> OutputFile {
        let operation = &self.api.operations[index];
        let tag_index = self
            .api
            .tags
            .iter()
            .position(|tag| tag.name == operation.tag)
            .unwrap_or(0);
        let tag_names = &self.names.tags[tag_index];
        let mut imports = Imports {
            upload_via_runtime: false,
            ..Imports::default()
        };
        let signature = self.signature(index, &mut imports, false);
        let response = PyType::Generic(String::from("Response"), vec![signature.returns.clone()]);
        let mut body = CodeWriter::new("    ");
        let variants: [(&str, bool, bool); 4] = [
            ("sync_detailed", false, true),
            ("sync", false, false),
            ("asyncio_detailed", true, true),
            ("asyncio", true, false),
        ];
        let variants = variants
            .into_iter()
            .filter(|(_, asynchronous, _)| *asynchronous || self.sync_client);
        for (position, (name, asynchronous, detailed)) in variants.enumerate() {
            if position > 0 {
                body.blank();
                body.blank();
            }
            let client_type = if asynchronous {
                "APIClient"
            } else {
                "SyncAPIClient"
            };
            let head = format!("{}def {name}", if asynchronous { "async " } else { "" });
            let parameters =
                self.function_parameters(&signature, &format!("client: {client_type}"));
            let returns = if detailed {
                response.clone()
            } else {
                signature.returns.clone()
            };
            let definition = crate::types::definition(head, parameters, &returns, 0);
            layout::write(&mut body, &definition, 0);
            body.indent();
            let what = if detailed {
                "Returns the status, headers, raw body and parsed value."
            } else {
                "Returns the parsed value."
            };
            // The full documentation (description, arguments) is on the sub-client method;
            // these functions say what they send and how.
            let operation = signature.operation;
            let mut doc = Vec::new();
            if let Some(summary) = operation.summary.as_deref().map(description_lines)
                && let Some(first) = summary.into_iter().find(|line| !line.is_empty())
            {
                doc.push(first);
                doc.push(String::new());
            }
            doc.push(format!(
                "`{} {}` ({}). {} {what}",
                operation.method.http_name(),
                operation.path,
                operation.id,
                if asynchronous {
                    "Sends the request with an `APIClient`."
                } else {
                    "Sends the request with a `SyncAPIClient`."
                }
            ));
            doc.push(format!(
                "Arguments as in `client.{}.{}`.",
                tag_names.property, signature.names.method
            ));
            if operation.deprecated {
                doc.push(String::from("Deprecated."));
            }
            write_docstring(&mut body, &doc);
            let call = Doc::Concat(vec![text("request = "), signature.builder_call()]);
            layout::write(&mut body, &call, 4);
            let send = if asynchronous {
                "await client.send(request)"
            } else {
                "client.send(request)"
            };
            if detailed {
                body.line(format!("return {send}"));
            } else {
                body.line(format!("response = {send}"));
                body.line("return response.parsed");
            }
            body.dedent();
        }

        let mut top = ImportBlock::default();
        top.from(Section::Future, "__future__", "annotations");
        top.from(Section::Standard, "typing", "TYPE_CHECKING");
        top.from(
            Section::Local,
            &format!("...subclients.{}", tag_names.module),
            &signature.names.builder,
        );
        let mut checking = ImportBlock::default();
        imports.add_external(&mut checking);
        self.add_type_imports_at(&mut checking, &imports, "...");
        if imports.upload {
            checking.from(Section::Local, "...runtime", "Upload");
        }
        checking.from(Section::Local, "...runtime", "Response");
        checking.from(Section::Local, "...client", "APIClient");
        if self.sync_client {
            checking.from(Section::Local, "...sync_client", "SyncAPIClient");
        }
        let mut writer = CodeWriter::new("    ");
        write_docstring(
            &mut writer,
            &[format!(
                "`{} {}` ({}) as standalone functions.",
                operation.method.http_name(),
                operation.path,
                operation.id
            )],
        );
        writer.blank();
        for line in top.render(0) {
            writer.line(line);
        }
        writer.blank();
        writer.line("if TYPE_CHECKING:");
        for line in checking.render(4) {
            writer.line(line);
        }
        writer.blank();
        writer.blank();
        writer.lines(body.finish().trim_end());
        OutputFile::new(
            self.path(&format!(
                "api/{}/{}.py",
                tag_names.module, signature.names.module
            )),
            self.finish_file(writer),
        )
    }

    /// Parameters of a standalone function: path parameters, then keyword-only the client,
    /// the body and the rest.
    fn function_parameters(&self, signature: &Signature<'_>, client: &str) -> Vec<Doc> {
        let mut parameters = Vec::new();
        let with_client = signature.parameter_docs(true, &[]);
        // `parameter_docs` puts `*` before the keyword-only ones; the client goes right
        // after it (or after a new `*`).
        let mut inserted = false;
        for parameter in with_client {
            let is_star = matches!(&parameter, Doc::Text(value) if value == "*");
            parameters.push(parameter);
            if is_star {
                parameters.push(text(client.to_owned()));
                inserted = true;
            }
        }
        if !inserted {
            parameters.push(text("*"));
            parameters.push(text(client.to_owned()));
        }
        parameters
    }
}
