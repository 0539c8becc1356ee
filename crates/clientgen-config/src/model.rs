//! The project configuration as written in `clientgen.toml` (or `[tool.clientgen]` in
//! `pyproject.toml`). Its JSON schema, generated from these types, is checked in as
//! `clientgen.schema.json` at the repository root.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// A `clientgen.toml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "clientgen configuration")]
pub struct Config {
    /// The OpenAPI document (JSON or YAML), relative to this file, or a list of documents
    /// read as one API (each operation and component once; see the README). Groups may name
    /// their own.
    #[schemars(with = "Option<SchemaPaths>")]
    pub schema: Option<Spanned<SchemaPaths>>,
    /// Where generated output goes, relative to this file.
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    /// The path segment before Django app names: with `api`, `/api/tickets/…` belongs to the
    /// app `tickets`. Empty when app names come first.
    #[serde(default = "default_api_prefix")]
    pub api_prefix: String,
    /// Overrides the document's `info.title` in generated packages.
    pub title: Option<String>,
    /// Overrides the document's `info.description`.
    pub description: Option<String>,
    /// Overrides the document's `info.version`.
    pub version: Option<String>,
    /// A folder of templates overriding the built-in ones by file name (see the README).
    pub templates_dir: Option<String>,
    /// TypeScript output.
    #[serde(default)]
    pub typescript: TypeScriptConfig,
    /// Python output.
    #[serde(default)]
    pub python: PythonConfig,
    /// Go output.
    #[serde(default)]
    pub go: GoConfig,
    /// Protocol Buffers output.
    #[serde(default)]
    pub proto: ProtoConfig,
    /// Which folder (zone) each group's output goes into.
    #[serde(default)]
    pub zones: ZonesConfig,
    /// Copies of earlier generations.
    #[serde(default)]
    pub archive: ArchiveConfig,
    /// The groups; without any, one group `api` holds every operation.
    #[serde(default)]
    pub groups: Vec<GroupConfig>,
}

/// `schema = "openapi.yaml"` or `schema = ["shop.yaml", "billing.yaml"]`.
#[derive(Debug, Clone, PartialEq, Eq, JsonSchema)]
#[serde(untagged)]
pub enum SchemaPaths {
    /// One document.
    One(String),
    /// Several documents read as one API, in this order.
    Many(Vec<String>),
}

impl SchemaPaths {
    /// The paths as written, in order.
    pub fn paths(&self) -> &[String] {
        match self {
            SchemaPaths::One(path) => std::slice::from_ref(path),
            SchemaPaths::Many(paths) => paths,
        }
    }
}

impl<'de> Deserialize<'de> for SchemaPaths {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SchemaPaths;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a path or a list of paths")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<SchemaPaths, E> {
                Ok(SchemaPaths::One(value.to_owned()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut sequence: A,
            ) -> Result<SchemaPaths, A::Error> {
                let mut paths = Vec::new();
                while let Some(path) = sequence.next_element::<String>()? {
                    paths.push(path);
                }
                Ok(SchemaPaths::Many(paths))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn default_output_dir() -> String {
    String::from("openapi")
}

fn default_api_prefix() -> String {
    String::from("api")
}

fn yes() -> bool {
    true
}

/// `[typescript]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeScriptConfig {
    /// Generate TypeScript clients.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// zod schemas (needed by the fetchers and hooks).
    #[serde(default = "yes")]
    pub zod: bool,
    /// Standalone fetchers.
    #[serde(default = "yes")]
    pub fetchers: bool,
    /// SWR hooks.
    #[serde(default = "yes")]
    pub swr_hooks: bool,
    /// package.json and tsconfig.json.
    #[serde(default = "yes")]
    pub package_files: bool,
}

impl Default for TypeScriptConfig {
    fn default() -> Self {
        TypeScriptConfig {
            enabled: true,
            zod: true,
            fetchers: true,
            swr_hooks: true,
            package_files: true,
        }
    }
}

/// `[python]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PythonConfig {
    /// Generate Python clients.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The synchronous `SyncAPIClient` next to the async one.
    #[serde(default = "yes")]
    pub sync_client: bool,
    /// Per-operation modules (`api/<tag>/<operation>.py`) as openapi-python-client writes them.
    #[serde(default = "yes")]
    pub functional_api: bool,
    /// The import name of the package (default: derived from the group name).
    pub package_name: Option<String>,
}

impl Default for PythonConfig {
    fn default() -> Self {
        PythonConfig {
            enabled: true,
            sync_client: true,
            functional_api: true,
            package_name: None,
        }
    }
}

/// `[go]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoConfig {
    /// Generate Go clients.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Module path prefix; each group's module is `<module>/<group>`.
    pub module: Option<String>,
}

impl Default for GoConfig {
    fn default() -> Self {
        GoConfig {
            enabled: true,
            module: None,
        }
    }
}

/// `[proto]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProtoConfig {
    /// Generate Protocol Buffer definitions.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Prefix of every proto package (`<prefix>.<group>.<tag>.v1`).
    pub package_prefix: Option<String>,
}

impl Default for ProtoConfig {
    fn default() -> Self {
        ProtoConfig {
            enabled: true,
            package_prefix: None,
        }
    }
}

/// `[zones]`: groups are laid out under a zone folder chosen by the prefix of their name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ZonesConfig {
    /// Zone of groups whose name matches no prefix.
    #[serde(default = "default_zone")]
    pub default: String,
    /// Group name prefix → zone folder; the longest matching prefix wins.
    #[serde(default = "default_zone_prefixes")]
    pub prefixes: BTreeMap<String, String>,
}

fn default_zone() -> String {
    String::from("custom")
}

fn default_zone_prefixes() -> BTreeMap<String, String> {
    BTreeMap::from([(String::from("cfg_"), String::from("cfg"))])
}

impl Default for ZonesConfig {
    fn default() -> Self {
        ZonesConfig {
            default: default_zone(),
            prefixes: default_zone_prefixes(),
        }
    }
}

/// `[archive]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchiveConfig {
    /// Copy each generation's previous output into the archive before replacing it.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The archive folder, relative to the config file (default: `<output_dir>/archive`).
    pub dir: Option<String>,
    /// How many archived generations to keep; older ones are deleted.
    #[serde(default = "default_max_versions")]
    pub max_versions: usize,
}

fn default_max_versions() -> usize {
    10
}

impl Default for ArchiveConfig {
    fn default() -> Self {
        ArchiveConfig {
            enabled: true,
            dir: None,
            max_versions: default_max_versions(),
        }
    }
}

/// One `[[groups]]` entry: a set of operations generated as one client per language.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupConfig {
    /// The group's name: letters, digits, `_`, `-` and `.`; it names folders and packages.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Title of the group's clients (default: the document's title and the group name).
    pub title: Option<String>,
    /// Description of the group's clients.
    pub description: Option<String>,
    /// Version of the group's clients (default: the document's version).
    pub version: Option<String>,
    /// This group's own OpenAPI document (or list of documents), relative to the config file.
    #[schemars(with = "Option<SchemaPaths>")]
    pub schema: Option<Spanned<SchemaPaths>>,
    /// Django apps (the first path segment after `api_prefix`); globs such as `shop_*` allowed.
    #[serde(default)]
    pub apps: Vec<String>,
    /// Operation tags; globs allowed.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Path prefixes; globs allowed (`/api/tickets/`, `/api/*/public/`).
    #[serde(default)]
    pub paths: Vec<String>,
    /// TypeScript output folder for this group, instead of the zone layout.
    pub typescript_output: Option<String>,
    /// Python output folder for this group.
    pub python_output: Option<String>,
    /// Go output folder for this group.
    pub go_output: Option<String>,
    /// Protocol Buffers output folder for this group.
    pub proto_output: Option<String>,
}
