//! Command-line definitions (clap only; the work happens in `clientgen-generate`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Typed API clients from OpenAPI 3.0/3.1 documents, drf-spectacular output first of all.
#[derive(Debug, Parser)]
#[command(name = "clientgen", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a client from an OpenAPI document (the output directory is replaced).
    Generate(GenerateArgs),
    /// Load a document and report every problem found, without generating anything.
    Check(CheckArgs),
    /// Print the intermediate representation clientgen builds from a document.
    Inspect(CheckArgs),
}

/// Target languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LanguageArg {
    /// TypeScript: models, enums, zod 4 schemas, fetch client, fetchers, SWR 2 hooks.
    #[value(alias = "ts")]
    Typescript,
    /// Python: pydantic 2 models, enums, async and sync httpx clients, per-operation functions.
    #[value(alias = "py")]
    Python,
    /// Go: a standard-library-only module (models, enums, context-first client).
    #[value(alias = "golang")]
    Go,
    /// Protocol Buffers: proto3 messages and gRPC services with google.api.http annotations.
    #[value(alias = "protobuf")]
    Proto,
}

/// `clientgen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The OpenAPI document (JSON or YAML).
    #[arg(long, short = 's', value_name = "PATH")]
    pub schema: PathBuf,
    /// The language to generate.
    #[arg(long, short = 'l', value_enum, default_value = "typescript")]
    pub lang: LanguageArg,
    /// The output directory. It is replaced as a whole, and only if it is empty or was
    /// written by clientgen.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// Package name: npm name in package.json for TypeScript; for Python the distribution
    /// name in pyproject.toml, whose snake_case form is the import name (default: from the API
    /// title).
    #[arg(long, value_name = "NAME")]
    pub package_name: Option<String>,
    /// Leave out the zod schemas (and with them the fetchers and hooks).
    #[arg(long)]
    pub no_zod: bool,
    /// Leave out the standalone fetchers (and the hooks built on them).
    #[arg(long)]
    pub no_fetchers: bool,
    /// Leave out the SWR hooks.
    #[arg(long)]
    pub no_hooks: bool,
    /// Leave out package.json and tsconfig.json.
    #[arg(long)]
    pub no_package_files: bool,
    /// Go module path written to go.mod (default: the group name, from the API title).
    #[arg(long, value_name = "PATH")]
    pub go_module: Option<String>,
    /// Prefix of the proto packages (`acme` gives `acme.<group>.<tag>.v1`).
    #[arg(long, value_name = "PREFIX")]
    pub proto_package_prefix: Option<String>,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `clientgen check` and `clientgen inspect`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The OpenAPI document (JSON or YAML).
    #[arg(long, short = 's', value_name = "PATH")]
    pub schema: PathBuf,
}
