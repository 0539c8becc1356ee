//! Project mode end to end: `clientgen.toml`-driven `generate` (groups, zones, overrides,
//! `--groups`, incremental skips, `--force`, `--check`, `--clean`), the archive, `init`,
//! `check`, templates, `watch`, failures that must leave earlier output intact, and names that
//! try to escape the output folder.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

fn clientgen(arguments: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clientgen"))
        .args(arguments)
        .current_dir(directory)
        .env("NO_COLOR", "1")
        .output()
        .expect("the clientgen binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn succeed(arguments: &[&str], directory: &Path) -> String {
    let output = clientgen(arguments, directory);
    assert_eq!(
        output.status.code(),
        Some(0),
        "clientgen {arguments:?}:\n{}",
        text(&output)
    );
    text(&output)
}

const CONFIG: &str = r#"schema = "api.yaml"

[go]
module = "example.com/desk"

[archive]
max_versions = 2

[[groups]]
name = "desk"
apps = ["*"]

[[groups]]
name = "cfg_support"
apps = ["tickets", "attachments"]

[[groups]]
name = "public"
tags = ["health", "auth"]
python_output = "sdk/python-public"
"#;

/// A project folder with the example backend's schema and a three-group configuration.
fn project(config: &str) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/drf-backend/openapi.yaml");
    std::fs::copy(&schema, temp.path().join("api.yaml")).expect("copy schema");
    std::fs::write(temp.path().join("clientgen.toml"), config).expect("write config");
    temp
}

/// Every file under `root` (relative path → contents and modification time).
fn files(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(directory) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let metadata = std::fs::metadata(&path).expect("metadata");
                found.insert(
                    path.strip_prefix(root).expect("inside").to_path_buf(),
                    (
                        std::fs::read(&path).expect("read"),
                        metadata.modified().expect("mtime"),
                    ),
                );
            }
        }
    }
    found
}

fn under(
    all: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
    prefix: &str,
) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    all.iter()
        .filter(|(path, _)| path.starts_with(prefix))
        .map(|(path, value)| (path.clone(), value.clone()))
        .collect()
}

fn bump_version(directory: &Path, version: &str) {
    let path = directory.join("api.yaml");
    let spec = std::fs::read_to_string(&path).expect("read");
    // The first `  version:` line is the one in `info`.
    let mut replaced = false;
    let lines: Vec<String> = spec
        .lines()
        .map(|line| {
            if !replaced && line.starts_with("  version: ") {
                replaced = true;
                format!("  version: {version}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
}

#[test]
fn groups_overlap_zones_and_overrides_lay_out_the_output() {
    let temp = project(CONFIG);
    let root = temp.path();
    let output = succeed(&["generate"], root);
    for expected in [
        "desk",
        "cfg_support",
        "public",
        "typescript",
        "python",
        "go",
        "proto",
        "openapi",
    ] {
        assert!(
            output.contains(expected),
            "summary mentions {expected}:\n{output}"
        );
    }
    let desk = root.join("openapi/clients/typescript/custom/desk");
    let support = root.join("openapi/clients/typescript/cfg/cfg_support");
    assert!(desk.join("models.ts").is_file());
    assert!(
        support.join("models.ts").is_file(),
        "cfg_ groups go under cfg/"
    );
    assert!(
        root.join("openapi/clients/go/cfg/cfg_support/go.mod")
            .is_file()
    );
    assert!(root.join("openapi/clients/proto/custom/public").is_dir());
    assert!(
        root.join("sdk/python-public/pyproject.toml").is_file(),
        "per-group override"
    );
    assert!(!root.join("openapi/clients/python/custom/public").exists());
    // Overlapping groups: both hold tickets; public holds none.
    let models = |dir: &Path| std::fs::read_to_string(dir.join("models.ts")).expect("models");
    assert!(models(&desk).contains("export interface Ticket {"));
    assert!(models(&support).contains("export interface Ticket {"));
    let public = root.join("openapi/clients/typescript/custom/public");
    assert!(!models(&public).contains("export interface Ticket {"));
    assert!(models(&public).contains("export interface Health {"));
    // Each group's own OpenAPI document holds its operations and the components they reach.
    let document =
        std::fs::read_to_string(root.join("openapi/schemas/cfg/cfg_support/openapi.json"))
            .expect("document");
    assert!(document.contains("\"/api/tickets/{id}/close/\""));
    assert!(!document.contains("\"/api/health/\""));
    assert!(document.contains("\"TicketRequest\""));
    assert!(!document.contains("\"Health\""));
    let go_mod = std::fs::read_to_string(root.join("openapi/clients/go/custom/desk/go.mod"))
        .expect("go.mod");
    assert!(
        go_mod.contains("\nmodule example.com/desk/desk\n"),
        "{go_mod}"
    );
}

#[test]
fn unchanged_runs_skip_force_regenerates_and_groups_limit_the_work() {
    let temp = project(CONFIG);
    let root = temp.path();
    succeed(&["generate"], root);
    let first = files(root);
    let second = succeed(&["generate"], root);
    assert!(
        second.contains("nothing changed since the last run"),
        "{second}"
    );
    assert_eq!(files(root), first, "an unchanged run touches nothing");

    let forced = succeed(&["generate", "--force"], root);
    assert!(
        forced.contains("unchanged") && !forced.contains("skipped"),
        "{forced}"
    );
    let after_force = files(root);
    for (path, (contents, modified)) in &first {
        if !path.starts_with("openapi/.clientgen-state") {
            assert_eq!(
                after_force.get(path),
                Some(&(contents.clone(), *modified)),
                "{} untouched by --force",
                path.display()
            );
        }
    }

    // A new API version changes every output, but only `public` is regenerated.
    bump_version(root, "1.1.0");
    let output = succeed(&["generate", "--groups", "public"], root);
    assert!(output.contains("public"), "{output}");
    let after = files(root);
    for prefix in [
        "openapi/clients/typescript/custom/desk",
        "openapi/clients/go/cfg/cfg_support",
        "openapi/schemas/custom/desk",
    ] {
        assert_eq!(
            under(&after, prefix),
            under(&first, prefix),
            "{prefix} untouched by --groups public"
        );
    }
    assert_ne!(
        under(&after, "openapi/clients/typescript/custom/public"),
        under(&first, "openapi/clients/typescript/custom/public"),
        "public was regenerated"
    );
    let unknown = clientgen(&["generate", "--groups", "nope"], root);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown).contains(
            "unknown group `nope`; the configuration defines `desk`, `cfg_support`, `public`"
        ),
        "{}",
        text(&unknown)
    );
}

#[test]
fn check_reports_missing_edited_and_stale_outputs() {
    let temp = project(CONFIG);
    let root = temp.path();
    let fresh = clientgen(&["generate", "--check"], root);
    assert_eq!(
        fresh.status.code(),
        Some(1),
        "nothing generated yet:\n{}",
        text(&fresh)
    );
    assert!(text(&fresh).contains("models.ts: missing"));
    assert!(
        !root.join("openapi/clients").exists(),
        "--check writes nothing"
    );

    succeed(&["generate"], root);
    succeed(&["generate", "--check"], root);

    let edited = root.join("openapi/clients/typescript/custom/desk/models.ts");
    std::fs::write(&edited, "// edited by hand\n").expect("edit");
    let stale = clientgen(&["generate", "--check"], root);
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        text(&stale).contains("custom/desk/models.ts: changed"),
        "{}",
        text(&stale)
    );
    // Inputs unchanged: a plain run skips (as documented); --force undoes the edit.
    succeed(&["generate"], root);
    assert_eq!(
        std::fs::read_to_string(&edited).expect("read"),
        "// edited by hand\n"
    );
    succeed(&["generate", "--force"], root);
    assert_ne!(
        std::fs::read_to_string(&edited).expect("read"),
        "// edited by hand\n",
        "--force undoes the edit"
    );
    succeed(&["generate", "--check"], root);

    bump_version(root, "2.0.0");
    let outdated = clientgen(&["generate", "--check"], root);
    assert_eq!(outdated.status.code(), Some(1), "{}", text(&outdated));
}

#[test]
fn archive_rotates_and_restores_byte_identical_outputs() {
    let temp = project(CONFIG);
    let root = temp.path();
    succeed(&["generate", "--lang", "typescript"], root);
    for version in ["1.1.0", "1.2.0", "1.3.0"] {
        bump_version(root, version);
        succeed(&["generate", "--lang", "typescript"], root);
        std::thread::sleep(Duration::from_millis(1100)); // archive versions are named by second
    }
    let listing = succeed(&["archive", "list"], root);
    let versions: Vec<&str> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(versions.len(), 2, "max_versions = 2:\n{listing}");
    assert!(listing.contains("public/typescript"));

    // Three changes archived three generations; the oldest (1.0.0) was rotated out, so the
    // oldest kept holds 1.1.0.
    let oldest = versions[0];
    let diff = succeed(&["archive", "diff", oldest, "--groups", "public"], root);
    assert!(
        diff.contains("-// Generated by clientgen from Support Desk API (public) 1.1.0"),
        "{diff}"
    );
    assert!(
        diff.contains("+// Generated by clientgen from Support Desk API (public) 1.3.0"),
        "{diff}"
    );
    let archived = files(
        &root
            .join("openapi/archive")
            .join(oldest)
            .join("public/typescript"),
    );
    succeed(&["archive", "restore", oldest, "--groups", "public"], root);
    let restored = files(&root.join("openapi/clients/typescript/custom/public"));
    assert!(archived.len() > 10);
    for (path, (contents, _)) in archived
        .iter()
        .filter(|(path, _)| *path != Path::new(".clientgen"))
    {
        assert_eq!(
            restored.get(path).map(|(contents, _)| contents),
            Some(contents),
            "{} restored byte for byte",
            path.display()
        );
    }
    let bad = clientgen(&["archive", "restore", "1999-01-01_00-00-00"], root);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn failures_leave_every_previous_output_intact() {
    let temp = project(&CONFIG.replace(
        "schema = \"api.yaml\"\n",
        "schema = \"api.yaml\"\ntemplates_dir = \"templates\"\n",
    ));
    let root = temp.path();
    succeed(&["generate"], root);
    let before = files(&root.join("openapi/clients"));

    // A broken template for one language: nothing of the run may land.
    bump_version(root, "9.9.9");
    std::fs::create_dir_all(root.join("templates/go")).expect("mkdir");
    std::fs::write(
        root.join("templates/go/errors.go"),
        "{{ generated | nonexistent_filter }}",
    )
    .expect("write");
    let failed = clientgen(&["generate"], root);
    assert_eq!(failed.status.code(), Some(2), "{}", text(&failed));
    assert!(
        text(&failed).contains("templates/go/errors.go"),
        "{}",
        text(&failed)
    );
    assert_eq!(
        files(&root.join("openapi/clients")),
        before,
        "no output changed"
    );

    // A staging folder that cannot be created (a file is in its way): nothing lands either.
    std::fs::remove_dir_all(root.join("templates")).expect("rm");
    let blocker = root.join("openapi/clients/python/custom/.desk.clientgen-new");
    std::fs::write(&blocker, "in the way").expect("write");
    let failed = clientgen(&["generate"], root);
    assert_eq!(failed.status.code(), Some(1), "{}", text(&failed));
    let mut after = files(&root.join("openapi/clients"));
    after.remove(Path::new("python/custom/.desk.clientgen-new"));
    assert_eq!(after, before, "no output changed");
    std::fs::remove_file(&blocker).expect("rm");
    succeed(&["generate"], root);
}

#[test]
fn templates_override_generated_files() {
    let temp = project(&CONFIG.replace(
        "schema = \"api.yaml\"\n",
        "schema = \"api.yaml\"\ntemplates_dir = \"templates\"\n",
    ));
    let root = temp.path();
    std::fs::create_dir_all(root.join("templates/typescript")).expect("mkdir");
    std::fs::write(
        root.join("templates/typescript/http.ts"),
        "{{ generated }}\n// {{ group }}: customised for {{ title }} {{ version }}\n",
    )
    .expect("write");
    succeed(&["generate", "--lang", "typescript"], root);
    let http =
        std::fs::read_to_string(root.join("openapi/clients/typescript/custom/public/http.ts"))
            .expect("read");
    assert!(
        http.contains("export class APIError"),
        "the generated file is available as `generated`"
    );
    assert!(
        http.ends_with("// public: customised for Support Desk API (public) 1.0.0\n"),
        "{http}"
    );
}

#[test]
fn names_cannot_escape_the_output_folder() {
    let temp =
        project("schema = \"api.yaml\"\n[[groups]]\nname = \"../escape\"\ntags = [\"auth\"]\n");
    let root = temp.path();
    let output = clientgen(&["generate"], root);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output).contains("clientgen.toml:3:8: invalid group name `../escape`"),
        "{}",
        text(&output)
    );

    // Tags and schema names that look like paths become plain identifiers.
    let spec = std::fs::read_to_string(root.join("api.yaml")).expect("read");
    let spec = spec
        .replace("      - auth\n", "      - ../../evil\n")
        .replace("    Token:\n", "    ../Token:\n")
        .replace("/Token'", "/..~1Token'");
    std::fs::write(root.join("api.yaml"), spec).expect("write");
    std::fs::write(
        root.join("clientgen.toml"),
        "schema = \"api.yaml\"\n[[groups]]\nname = \"evil\"\ntags = [\"../../evil\"]\n",
    )
    .expect("write");
    succeed(&["generate"], root);
    let all = files(root);
    assert!(
        all.keys().all(|path| path.starts_with("openapi")
            || path == Path::new("api.yaml")
            || path == Path::new("clientgen.toml")),
        "everything written stays in the output folder: {:?}",
        all.keys().collect::<Vec<_>>()
    );
    assert!(!temp.path().parent().expect("parent").join("evil").exists());
}

#[test]
fn init_check_and_pyproject_configurations() {
    let temp = project(CONFIG);
    let root = temp.path();
    std::fs::remove_file(root.join("clientgen.toml")).expect("rm");
    let missing = clientgen(&["generate"], root);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing).contains("clientgen init"),
        "{}",
        text(&missing)
    );

    succeed(&["init", "--schema", "api.yaml"], root);
    let config = std::fs::read_to_string(root.join("clientgen.toml")).expect("config");
    assert!(config.contains("schema = \"api.yaml\""), "{config}");
    assert!(
        config.contains("name = \"tickets\"\napps = [\"tickets\"]"),
        "{config}"
    );
    assert_eq!(
        clientgen(&["init", "--schema", "api.yaml"], root)
            .status
            .code(),
        Some(2),
        "no overwrite without --force"
    );
    let check = clientgen(&["check"], root);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    assert!(text(&check).contains("group tickets:"), "{}", text(&check));
    succeed(&["generate", "--lang", "typescript"], root);
    assert!(
        root.join("openapi/clients/typescript/custom/tickets/client.ts")
            .is_file()
    );

    // The same settings from pyproject.toml.
    std::fs::remove_file(root.join("clientgen.toml")).expect("rm");
    std::fs::write(
        root.join("pyproject.toml"),
        "[project]\nname = \"desk\"\n\n[tool.clientgen]\nschema = \"api.yaml\"\noutput_dir = \"from-pyproject\"\n",
    )
    .expect("write");
    succeed(&["generate", "--lang", "typescript"], root);
    assert!(
        root.join("from-pyproject/clients/typescript/custom/api/client.ts")
            .is_file()
    );

    std::fs::write(root.join("pyproject.toml"), "[tool.clientgen]\nschema = \"api.yaml\"\n[[tool.clientgen.groups]]\nname = \"g\"\ntags = [\"no-such-tag\"]\n").expect("write");
    let nothing = clientgen(&["check"], root);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(
        text(&nothing).contains("pyproject.toml:4:8: group `g` matches no operation"),
        "{}",
        text(&nothing)
    );
}

#[test]
fn clean_removes_outputs_no_longer_configured() {
    let temp = project(CONFIG);
    let root = temp.path();
    succeed(&["generate", "--lang", "typescript"], root);
    let config = CONFIG.replace(
        "[[groups]]\nname = \"cfg_support\"\napps = [\"tickets\", \"attachments\"]\n",
        "",
    );
    std::fs::write(root.join("clientgen.toml"), config).expect("write");
    let output = succeed(&["generate", "--lang", "typescript", "--clean"], root);
    assert!(output.contains("removed"), "{output}");
    assert!(
        !root
            .join("openapi/clients/typescript/cfg/cfg_support")
            .exists()
    );
    assert!(root.join("openapi/clients/typescript/custom/desk").exists());
}

#[test]
fn watch_regenerates_when_the_document_changes() {
    let temp = project(CONFIG);
    let root = temp.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientgen"))
        .args(["watch", "--lang", "typescript", "--debounce", "100"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("watch starts");
    let models = root.join("openapi/clients/typescript/custom/public/models.ts");
    let wait_for = |condition: &dyn Fn() -> bool| {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if condition() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    };
    let generated = wait_for(&|| models.is_file());
    std::thread::sleep(Duration::from_millis(500));
    bump_version(root, "7.7.7");
    let regenerated =
        wait_for(&|| std::fs::read_to_string(&models).is_ok_and(|text| text.contains("7.7.7")));
    let _ = child.kill();
    let _ = child.wait();
    assert!(generated, "watch generates at start");
    assert!(regenerated, "watch regenerates after the document changes");
}

const SHOP: &str = r#"openapi: 3.0.3
info: {title: Shop API, version: 1.0.0}
paths:
  /api/shop/items/:
    get:
      operationId: shop_items_list
      tags: [shop]
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Page'}
components:
  schemas:
    Page:
      type: object
      required: [count]
      properties:
        count: {type: integer}
        next: {type: string, nullable: true}
"#;

const BILLING: &str = r#"openapi: 3.0.3
info: {title: Billing API, version: 2.0.0}
paths:
  /api/billing/invoices/:
    get:
      operationId: billing_invoices_list
      tags: [billing]
      responses:
        '200':
          description: ''
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Page'}
    post:
      operationId: billing_invoices_create
      tags: [billing]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Invoice'}
      responses:
        '201': {description: ''}
components:
  schemas:
    Invoice:
      type: object
      properties:
        total: {type: string, format: decimal}
    Page:
      type: object
      required: [count]
      properties:
        count: {type: integer}
        next: {type: string, nullable: true}
"#;

#[test]
fn several_documents_are_read_as_one_api() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path();
    std::fs::write(root.join("shop.yaml"), SHOP).expect("write");
    std::fs::write(root.join("billing.yaml"), BILLING).expect("write");
    std::fs::write(
        root.join("clientgen.toml"),
        "schema = [\"shop.yaml\", \"billing.yaml\"]\n\n[[groups]]\nname = \"all\"\napps = [\"*\"]\n\n[[groups]]\nname = \"billing\"\napps = [\"billing\"]\n",
    )
    .expect("write");
    succeed(&["generate"], root);

    let read = |path: &str| std::fs::read_to_string(root.join(path)).expect(path);
    let models = read("openapi/clients/typescript/custom/all/models.ts");
    assert_eq!(
        models.matches("export interface Page ").count(),
        1,
        "{models}"
    );
    assert!(models.contains("export interface Invoice "), "{models}");
    let client = read("openapi/clients/typescript/custom/all/client.ts");
    assert!(client.contains("readonly shop: ShopClient;"), "{client}");
    assert!(
        client.contains("readonly billing: BillingClient;"),
        "{client}"
    );
    assert!(
        client.contains("Shop API"),
        "the first document's title: {client}"
    );
    let all = read("openapi/schemas/custom/all/openapi.json");
    for expected in [
        "/api/shop/items/",
        "/api/billing/invoices/",
        "\"Invoice\"",
        "\"Page\"",
    ] {
        assert!(all.contains(expected), "{expected} in {all}");
    }
    assert_eq!(all.matches("\"Page\": {").count(), 1, "{all}");
    let billing = read("openapi/schemas/custom/billing/openapi.json");
    assert!(!billing.contains("/api/shop/"), "{billing}");
    let go = read("openapi/clients/go/custom/billing/models.go");
    assert!(go.contains("type Invoice struct"), "{go}");
    assert!(
        root.join("openapi/clients/go/custom/billing/billing_service.go")
            .is_file()
    );
    assert!(
        !root
            .join("openapi/clients/go/custom/billing/shop_service.go")
            .exists()
    );
    let before = files(&root.join("openapi"));

    // A component both define, differently: an error at the later definition, naming the
    // earlier one, and nothing written.
    std::fs::write(
        root.join("billing.yaml"),
        BILLING.replace("count: {type: integer}", "count: {type: string}"),
    )
    .expect("write");
    let failed = clientgen(&["generate"], root);
    assert_eq!(failed.status.code(), Some(2), "{}", text(&failed));
    let message = text(&failed);
    assert!(
        message.contains("billing.yaml:29:5: schema `Page` differs from the one in")
            && message.contains("shop.yaml:16:5"),
        "{message}"
    );
    assert_eq!(files(&root.join("openapi")), before, "no output changed");

    // The same operation in both documents.
    std::fs::write(
        root.join("billing.yaml"),
        BILLING.replace("/api/billing/invoices/", "/api/shop/items/"),
    )
    .expect("write");
    let failed = clientgen(&["generate"], root);
    assert_eq!(failed.status.code(), Some(2), "{}", text(&failed));
    let message = text(&failed);
    assert!(
        message.contains("billing.yaml:5:5: operation `GET /api/shop/items/` is also in")
            && message.contains("shop.yaml:5:5"),
        "{message}"
    );
    assert_eq!(files(&root.join("openapi")), before, "no output changed");
}
