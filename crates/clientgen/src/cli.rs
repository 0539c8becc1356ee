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
    /// Generate clients: everything clientgen.toml asks for, or one client with --schema.
    Generate(GenerateArgs),
    /// Write a commented starter clientgen.toml for an OpenAPI document.
    Init(InitArgs),
    /// Load the configuration and documents and report every problem, generating nothing.
    /// Exit code 0: clean; 1: warnings; 2: errors.
    Check(CheckArgs),
    /// Print the intermediate representation clientgen builds from a document.
    Inspect(InspectArgs),
    /// Generate, then regenerate whenever the configuration, a document or a template changes.
    Watch(WatchArgs),
    /// Earlier generations: list them, diff them, restore one.
    Archive(ArchiveArgs),
}

/// Target languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LanguageArg {
    /// TypeScript: models, enums, zod 4 schemas, fetch client, fetchers, SWR 2 hooks.
    #[value(alias = "ts")]
    Typescript,
    /// Python: Pydantic 2 models, async and sync httpx clients.
    #[value(alias = "py")]
    Python,
    /// Go: a standard-library module with a context-first client.
    #[value(alias = "golang")]
    Go,
    /// Protocol Buffers: proto3 messages and gRPC services with HTTP annotations.
    #[value(alias = "protobuf")]
    Proto,
}

/// Selection of groups and languages in project mode.
#[derive(Debug, Args, Clone)]
pub struct ProjectSelection {
    /// The configuration file (default: clientgen.toml, or pyproject.toml with
    /// [tool.clientgen], in this folder or the nearest parent).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these groups (comma-separated).
    #[arg(long, short = 'g', value_delimiter = ',', value_name = "GROUPS")]
    pub groups: Option<Vec<String>>,
    /// Only these languages (comma-separated; with --schema, exactly one).
    #[arg(long, short = 'l', value_enum, value_delimiter = ',')]
    pub lang: Option<Vec<LanguageArg>>,
}

/// `clientgen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Groups, languages and configuration file.
    #[command(flatten)]
    pub selection: ProjectSelection,
    /// Generate one client from this OpenAPI document instead of following a configuration.
    #[arg(long, short = 's', value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// With --schema: the output folder. It is replaced as a whole, and only if it is empty or
    /// was written by clientgen.
    #[arg(long, short = 'o', value_name = "DIR", requires = "schema")]
    pub out: Option<PathBuf>,
    /// Generate even when nothing changed since the last run.
    #[arg(long)]
    pub force: bool,
    /// Write nothing; exit 1 listing the files that are out of date.
    #[arg(long, conflicts_with_all = ["force", "clean"])]
    pub check: bool,
    /// Also remove outputs of groups and languages that are no longer configured (implies
    /// --force).
    #[arg(long)]
    pub clean: bool,
    /// With --schema: the npm package (TypeScript) or distribution (Python) name.
    #[arg(long, value_name = "NAME")]
    pub package_name: Option<String>,
    /// With --schema: leave out the zod schemas (and with them the fetchers and hooks).
    #[arg(long)]
    pub no_zod: bool,
    /// With --schema: leave out the standalone fetchers (and the hooks built on them).
    #[arg(long)]
    pub no_fetchers: bool,
    /// With --schema: leave out the SWR hooks.
    #[arg(long)]
    pub no_hooks: bool,
    /// With --schema: leave out package.json and tsconfig.json.
    #[arg(long)]
    pub no_package_files: bool,
    /// With --schema: Go module path written to go.mod.
    #[arg(long, value_name = "PATH")]
    pub go_module: Option<String>,
    /// With --schema: prefix of every proto package.
    #[arg(long, value_name = "PREFIX")]
    pub proto_package_prefix: Option<String>,
    /// Print how long each stage (or each output) took, and the peak memory.
    #[arg(long)]
    pub timings: bool,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `clientgen init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The OpenAPI document the configuration is for.
    #[arg(long, short = 's', value_name = "PATH")]
    pub schema: PathBuf,
    /// Where to write the configuration.
    #[arg(
        long,
        short = 'c',
        value_name = "FILE",
        default_value = "clientgen.toml"
    )]
    pub config: PathBuf,
    /// The path segment before Django app names in the document's paths.
    #[arg(long, default_value = "api")]
    pub api_prefix: String,
    /// Overwrite an existing configuration.
    #[arg(long)]
    pub force: bool,
}

/// `clientgen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check only this OpenAPI document (no configuration).
    #[arg(long, short = 's', value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// The configuration file (default: found as for `generate`).
    #[arg(long, short = 'c', value_name = "FILE", conflicts_with = "schema")]
    pub config: Option<PathBuf>,
}

/// `clientgen inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The OpenAPI document.
    #[arg(long, short = 's', value_name = "PATH")]
    pub schema: PathBuf,
}

/// `clientgen watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Groups, languages and configuration file.
    #[command(flatten)]
    pub selection: ProjectSelection,
    /// Quiet period after a change before regenerating, in milliseconds.
    #[arg(long, default_value_t = 300, value_name = "MS")]
    pub debounce: u64,
}

/// `clientgen archive`.
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// The configuration file (default: found as for `generate`).
    #[arg(long, short = 'c', value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// What to do with the archive.
    #[command(subcommand)]
    pub command: ArchiveCommand,
}

/// `clientgen archive …`.
#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// List the archived generations, oldest first, with the outputs each holds.
    List,
    /// Show a unified diff from archived version A to version B (default: the current output).
    Diff {
        /// The older version (a name from `archive list`).
        from: String,
        /// The newer version (default: the current output).
        to: Option<String>,
        /// Only these groups (comma-separated).
        #[arg(long, short = 'g', value_delimiter = ',', value_name = "GROUPS")]
        groups: Option<Vec<String>>,
    },
    /// Put an archived version's outputs back in place (the current ones are archived first).
    Restore {
        /// The version to restore (a name from `archive list`).
        version: String,
        /// Only these groups (comma-separated).
        #[arg(long, short = 'g', value_delimiter = ',', value_name = "GROUPS")]
        groups: Option<Vec<String>>,
    },
}
