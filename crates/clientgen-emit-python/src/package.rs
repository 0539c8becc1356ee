//! Package files: `pyproject.toml`, `__init__.py`, `py.typed`, and the runtime modules.

use clientgen_emit::{CodeWriter, OutputFile};

use crate::Emitter;
use crate::layout::{self, Doc, text};
use crate::models::sorted_dunder_all;
use crate::syntax::{string_literal, write_docstring};

/// The HTTP runtime (`runtime.py`), the same for every client.
const RUNTIME: &str = include_str!("runtime/runtime.py");

/// The model base class (`_model.py`).
const MODEL: &str = include_str!("runtime/_model.py");

/// What the package root exports, and the module each comes from.
const EXPORTS: &[(&str, &str)] = &[
    ("APIClient", ".client"),
    ("APIError", ".runtime"),
    ("ClientError", ".runtime"),
    ("File", ".runtime"),
    ("FileContent", ".runtime"),
    ("NetworkError", ".runtime"),
    ("Response", ".runtime"),
    ("ResponseValidationError", ".runtime"),
    ("SyncAPIClient", ".sync_client"),
    ("Upload", ".runtime"),
];

impl Emitter<'_> {
    /// `pyproject.toml`, `py.typed`, `__init__.py`, `runtime.py` and `_model.py`.
    pub(crate) fn package_files(&self) -> Vec<OutputFile> {
        vec![
            OutputFile::new("pyproject.toml", self.pyproject()),
            OutputFile::new(self.path("py.typed"), ""),
            OutputFile::new(self.path("__init__.py"), self.init_file()),
            OutputFile::new(
                self.path("runtime.py"),
                format!("# {}\n{RUNTIME}", self.header),
            ),
            OutputFile::new(
                self.path("_model.py"),
                format!("# {}\n{MODEL}", self.header),
            ),
        ]
    }

    fn pyproject(&self) -> String {
        let version = python_version(&self.api.version);
        let title = if self.api.title.is_empty() {
            "the API"
        } else {
            self.api.title.as_str()
        };
        format!(
            r#"# {header}
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = {name}
version = {version}
description = {description}
requires-python = ">=3.11"
dependencies = ["httpx>=0.27,<1", "pydantic>=2.11,<3"]

[tool.hatch.build.targets.wheel]
packages = [{package}]
"#,
            header = self.header,
            name = toml_string(&self.distribution),
            version = toml_string(&version),
            description = toml_string(&format!("Python client for {title}")),
            package = toml_string(&self.names.package),
        )
    }

    fn init_file(&self) -> String {
        let title = if self.api.title.is_empty() {
            String::from("the API")
        } else {
            self.api.title.clone()
        };
        let mut writer = CodeWriter::new("    ");
        let mut doc = vec![
            format!("Python client for {title}."),
            String::new(),
            String::from("```python"),
            format!(
                "from {} import {}",
                self.names.package,
                if self.sync_client {
                    "APIClient, SyncAPIClient"
                } else {
                    "APIClient"
                }
            ),
            format!("from {}.models import …", self.names.package),
            String::from("```"),
            String::new(),
            String::from(
                "Names are imported from their modules on first access, so importing the package is cheap.",
            ),
        ];
        if let Some(description) = &self.api.description {
            let lines = crate::syntax::description_lines(description);
            if !lines.is_empty() {
                doc.push(String::new());
                doc.extend(lines);
            }
        }
        write_docstring(&mut writer, &doc);
        writer.blank();
        writer.line("from __future__ import annotations");
        writer.blank();
        writer.line("from importlib import import_module");
        writer.line("from typing import TYPE_CHECKING");
        writer.blank();
        writer.line("if TYPE_CHECKING:");
        let mut block = crate::imports::ImportBlock::default();
        let exports: Vec<&(&str, &str)> = EXPORTS
            .iter()
            .filter(|(name, _)| self.sync_client || *name != "SyncAPIClient")
            .collect();
        for (name, module) in &exports {
            block.from(crate::imports::Section::Local, module, name);
        }
        for line in block.render(4) {
            writer.line(line);
        }
        writer.blank();
        let all: Vec<Doc> = sorted_dunder_all(exports.iter().map(|(name, _)| *name))
            .into_iter()
            .map(|name| text(string_literal(name)))
            .collect();
        layout::write(
            &mut writer,
            &layout::collection("__all__ = ", "[", all, "]"),
            0,
        );
        writer.blank();
        let modules: Vec<Doc> = exports
            .iter()
            .map(|(name, module)| {
                text(format!(
                    "{}: {}",
                    string_literal(name),
                    string_literal(module)
                ))
            })
            .collect();
        layout::write(
            &mut writer,
            &layout::collection("_MODULES: dict[str, str] = ", "{", modules, "}"),
            0,
        );
        writer.blank();
        writer.blank();
        writer.lines(crate::models::LAZY_GETATTR);
        self.finish_file(writer)
    }
}

/// A version PEP 440 accepts: the API's version when it is one (`1.0.0`, `2026.5.0rc1`),
/// else `0.0.0`.
fn python_version(version: &str) -> String {
    let normalized = version.trim().trim_start_matches('v').replace('-', "");
    let split = normalized
        .find(|character: char| !(character.is_ascii_digit() || character == '.'))
        .unwrap_or(normalized.len());
    let (release, suffix) = normalized.split_at(split);
    let release_valid = !release.is_empty()
        && release
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()));
    let suffix_valid = suffix.is_empty()
        || ["a", "b", "rc"].iter().any(|label| {
            suffix.strip_prefix(label).is_some_and(|number| {
                !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
            })
        });
    if release_valid && suffix_valid {
        normalized
    } else {
        String::from("0.0.0")
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    clientgen_spec::node::write_json_string(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(python_version("1.0.0"), "1.0.0");
        assert_eq!(python_version("2026.5.0-rc1"), "2026.5.0rc1");
        assert_eq!(python_version("v2"), "2");
        assert_eq!(python_version("latest"), "0.0.0");
        assert_eq!(python_version(""), "0.0.0");
    }
}
