//! Loading OpenAPI documents for clientgen.
//!
//! [`load`] reads an OpenAPI 3.0 or 3.1 document (JSON or YAML) and every file it references,
//! and returns a typed [`Document`] in the OpenAPI 3.1 shape together with the [`Sources`] its
//! spans point into. Problems are [`Diagnostic`]s with file, line and column, never panics.
//!
//! ```no_run
//! let loaded = clientgen_spec::load(std::path::Path::new("openapi.yaml"));
//! match loaded {
//!     Ok(loaded) => println!("{} operations", loaded.document.operations.len()),
//!     Err(error) => eprintln!("{error}"),
//! }
//! ```

pub mod combine;
pub mod diagnostic;
pub mod document;
pub mod json;
mod load;
pub mod node;
mod parse;
mod slice;
pub mod source;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use document::*;
pub use load::{LoadError, Loaded, load, load_from_str};
pub use node::{Entry, Node, NodeKind, Number};
pub use parse::path_template_names;
pub use slice::{slice_document, slice_documents};
pub use source::{SourceFile, SourceId, Sources, Span};
