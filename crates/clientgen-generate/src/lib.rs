//! clientgen's pipeline: load → lower → emit → write, with timings.
//!
//! ```no_run
//! use clientgen_generate::{Language, Request};
//! let request = Request::new("openapi.yaml".into(), Language::TypeScript, "client".into());
//! match clientgen_generate::run(&request) {
//!     Ok(outcome) => println!("{} files", outcome.written.files),
//!     Err(error) => eprintln!("{error}"),
//! }
//! ```

pub mod archive;
pub mod output;
pub mod project;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clientgen_emit::OutputFile;
use clientgen_spec::{Diagnostic, LoadError, Sources};

pub use output::{WriteError, WriteStats};

/// A target language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// TypeScript: models, enums, zod schemas, fetch client, fetchers, SWR hooks.
    TypeScript,
    /// Python: pydantic 2 models, enums, async and sync httpx clients, per-operation functions.
    Python,
    /// Go: a standard-library-only module with models, enums and a context-first client.
    Go,
    /// Protocol Buffers: proto3 messages and gRPC services with HTTP annotations.
    Proto,
}

impl Language {
    /// Every language, in the order they are listed in help texts.
    pub const ALL: [Language; 4] = [
        Language::TypeScript,
        Language::Python,
        Language::Go,
        Language::Proto,
    ];

    /// The name used on the command line (`typescript`).
    pub fn name(self) -> &'static str {
        match self {
            Language::TypeScript => "typescript",
            Language::Python => "python",
            Language::Go => "go",
            Language::Proto => "proto",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Request {
    /// The OpenAPI document.
    pub schema: PathBuf,
    /// The language.
    pub language: Language,
    /// The output directory (replaced as a whole).
    pub out: PathBuf,
    /// TypeScript options.
    pub typescript: clientgen_emit_typescript::Options,
    /// Python options.
    pub python: clientgen_emit_python::Options,
    /// Go options.
    pub go: clientgen_emit_go::Options,
    /// Protocol Buffers options.
    pub proto: clientgen_emit_proto::Options,
}

impl Request {
    /// A request with default options.
    pub fn new(schema: PathBuf, language: Language, out: PathBuf) -> Self {
        Request {
            schema,
            language,
            out,
            typescript: clientgen_emit_typescript::Options::default(),
            python: clientgen_emit_python::Options::default(),
            go: clientgen_emit_go::Options::default(),
            proto: clientgen_emit_proto::Options::default(),
        }
    }
}

/// Wall-clock time of each stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing the files, resolving references.
    pub load: Duration,
    /// Building the IR.
    pub lower: Duration,
    /// Rendering the files in memory.
    pub emit: Duration,
    /// Writing them and swapping them into place.
    pub write: Duration,
}

impl Timings {
    /// The sum of all stages.
    pub fn total(&self) -> Duration {
        self.load + self.lower + self.emit + self.write
    }
}

/// A successful run.
#[derive(Debug)]
pub struct Outcome {
    /// Stage timings.
    pub timings: Timings,
    /// What was written.
    pub written: WriteStats,
    /// Warnings from loading and lowering, with the sources their spans point into.
    pub warnings: Vec<Diagnostic>,
    /// The files the warnings refer to.
    pub sources: Sources,
}

/// A failed run; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document could not be used.
    #[error("{0}")]
    Input(#[from] LoadError),
    /// The output could not be written (the previous output is unchanged).
    #[error("{0}")]
    Write(#[from] WriteError),
}

/// Generated files in memory, with the warnings and timings of producing them.
#[derive(Debug)]
pub struct Generated {
    /// The files, sorted by path.
    pub files: Vec<OutputFile>,
    /// Warnings from loading and lowering.
    pub warnings: Vec<Diagnostic>,
    /// The files the warnings refer to.
    pub sources: Sources,
    /// Load, lower and emit times (write is zero).
    pub timings: Timings,
}

/// Runs the emitter of `language` with that language's options from `request`.
pub fn emit(api: &clientgen_ir::Api, language: Language, request: &Request) -> Vec<OutputFile> {
    match language {
        Language::TypeScript => clientgen_emit_typescript::emit(api, &request.typescript),
        Language::Python => clientgen_emit_python::emit(api, &request.python),
        Language::Go => clientgen_emit_go::emit(api, &request.go),
        Language::Proto => clientgen_emit_proto::emit(api, &request.proto),
    }
}

/// Loads, lowers and emits without writing anything.
///
/// # Errors
/// [`LoadError`] when the document cannot be used.
pub fn generate(request: &Request) -> Result<Generated, LoadError> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let loaded = clientgen_spec::load(&request.schema)?;
    timings.load = started.elapsed();

    let started = Instant::now();
    let lowered = clientgen_ir::lower(&loaded.document);
    timings.lower = started.elapsed();

    let started = Instant::now();
    let files = emit(&lowered.api, request.language, request);
    timings.emit = started.elapsed();

    let mut warnings = loaded.warnings;
    warnings.extend(lowered.warnings);
    Ok(Generated {
        files,
        warnings,
        sources: loaded.sources,
        timings,
    })
}

/// Generates and writes: the whole job of `clientgen generate`.
///
/// # Errors
/// [`Error::Input`] for an unusable document, [`Error::Write`] when the output cannot be
/// written; in both cases the previous output is left as it was.
pub fn run(request: &Request) -> Result<Outcome, Error> {
    let generated = generate(request)?;
    let mut timings = generated.timings;
    let started = Instant::now();
    let written = output::replace_directory(&request.out, &generated.files)?;
    timings.write = started.elapsed();
    Ok(Outcome {
        timings,
        written,
        warnings: generated.warnings,
        sources: generated.sources,
    })
}
