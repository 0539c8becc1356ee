//! The commented starter configuration `clientgen init` writes.

use std::collections::BTreeSet;

use clientgen_ir::Api;

/// A commented `clientgen.toml` for `api`, read from `schema` (as the config should refer to
/// it): one group per Django app (the first path segment after `api_prefix`), or one group per
/// tag when the paths do not follow that layout.
pub fn starter_config(api: &Api, schema: &str, api_prefix: &str) -> String {
    let prefix = api_prefix.trim_matches('/');
    let mut apps: Vec<&str> = Vec::new();
    for operation in &api.operations {
        if let Some(app) = crate::app_of(&operation.path, prefix)
            && !apps.contains(&app)
        {
            apps.push(app);
        }
    }
    let by_app = !apps.is_empty() && apps.len() <= api.tags.len().max(1) * 2;
    let mut used = BTreeSet::new();
    let mut groups = String::new();
    let selectors: Vec<(String, &str)> = if by_app {
        apps.iter().map(|app| ((*app).to_owned(), "apps")).collect()
    } else {
        api.tags
            .iter()
            .map(|tag| (tag.name.clone(), "tags"))
            .collect()
    };
    for (value, field) in selectors {
        let mut name: String = value
            .chars()
            .map(|character| {
                if character.is_ascii_alphanumeric() || character == '_' {
                    character.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        name = name.trim_matches('_').to_owned();
        if name.is_empty() || name.starts_with(|character: char| character.is_ascii_digit()) {
            name.insert_str(0, "group_");
        }
        let mut unique = name.clone();
        let mut counter = 2;
        while !used.insert(unique.clone()) {
            unique = format!("{name}_{counter}");
            counter += 1;
        }
        groups.push_str(&format!(
            "\n[[groups]]\nname = {}\n{field} = [{}]\n",
            toml_string(&unique),
            toml_string(&value)
        ));
    }
    let title = if api.title.is_empty() {
        "the API"
    } else {
        api.title.as_str()
    };
    format!(
        r#"# clientgen configuration for {title}.
# `clientgen generate` writes every group's clients; see the README for every option.

# The OpenAPI document, relative to this file.
schema = {schema}
# Generated clients go to <output_dir>/clients/<language>/<zone>/<group>/,
# each group's own OpenAPI document to <output_dir>/schemas/<zone>/<group>/.
output_dir = "openapi"
# The path segment before Django app names (`/{prefix_example}/tickets/` is app `tickets`).
api_prefix = {api_prefix}

[typescript]
enabled = true
# zod = true           # zod schemas (the fetchers and hooks need them)
# fetchers = true      # standalone fetchers for Next.js server components
# swr_hooks = true     # SWR hooks
# package_files = true # package.json and tsconfig.json

[python]
enabled = true
# sync_client = true
# functional_api = true
# package_name = "my_api"

[go]
enabled = true
# module = "example.com/my-api"

[proto]
enabled = true
# package_prefix = "mycompany"

[zones]
# Groups named cfg_<something> go under cfg/, the others under custom/.
default = "custom"
prefixes = {{ cfg_ = "cfg" }}

[archive]
# Earlier generations are kept in <output_dir>/archive (`clientgen archive list`).
enabled = true
max_versions = 10

# Groups select operations by Django app (`apps`), tag (`tags`) or path prefix (`paths`);
# globs are allowed and groups may overlap.
{groups}"#,
        schema = toml_string(schema),
        prefix_example = if prefix.is_empty() { "…" } else { prefix },
        api_prefix = toml_string(prefix),
        groups = groups.trim_start(),
    )
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            control if control.is_control() => out.push_str(&format!("\\u{:04X}", control as u32)),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}
