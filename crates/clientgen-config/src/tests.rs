use super::*;

fn write(directory: &Path, name: &str, text: &str) -> PathBuf {
    let path = directory.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn load_text(text: &str) -> Result<Project, ConfigError> {
    let temp = tempfile::tempdir().expect("temp dir");
    let path = write(temp.path(), "clientgen.toml", text);
    let result = load(&path);
    drop(temp);
    result
}

fn first_error(text: &str) -> String {
    match load_text(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(error) => error.diagnostics[0].to_plain(&error.sources),
    }
}

#[test]
fn defaults_and_layout() {
    let project = load_text(
        "schema = \"api.yaml\"\n[[groups]]\nname = \"cfg_support\"\napps = [\"support\"]\n[[groups]]\nname = \"public\"\ntags = [\"public*\"]\npython_output = \"../py/public\"\n",
    )
    .expect("valid");
    let groups = project.groups();
    assert_eq!(groups.len(), 2);
    let support = &groups[0];
    assert_eq!(project.zone(support.name), "cfg");
    assert!(
        project
            .output_dir(support, "typescript")
            .ends_with("openapi/clients/typescript/cfg/cfg_support")
    );
    assert!(
        project
            .output_dir(support, "openapi")
            .ends_with("openapi/schemas/cfg/cfg_support")
    );
    let public = &groups[1];
    assert_eq!(project.zone(public.name), "custom");
    assert!(
        project
            .output_dir(public, "go")
            .ends_with("openapi/clients/go/custom/public")
    );
    assert!(project.output_dir(public, "python").ends_with("py/public"));
    assert!(project.archive_dir().ends_with("openapi/archive"));
    assert_eq!(project.config.archive.max_versions, 10);
    assert!(project.config.typescript.zod);
}

#[test]
fn without_groups_there_is_one_group_for_everything() {
    let project = load_text("schema = \"api.yaml\"\n").expect("valid");
    let groups = project.groups();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, DEFAULT_GROUP);
    let matcher = GroupMatcher::new(&project, &groups[0]);
    assert!(matcher.matches("/anything/", &[]));
}

#[test]
fn errors_have_positions() {
    assert_eq!(
        first_error("schema = \"a.yaml\"\noutptu_dir = \"x\"\n")
            .split(": error: ")
            .next()
            .map(|place| place.ends_with("clientgen.toml:2:1")),
        Some(true)
    );
    assert!(
        first_error("schema = \"a.yaml\"\noutptu_dir = \"x\"\n")
            .contains("unknown field `outptu_dir`")
    );
    assert!(first_error("[typescript]\nzod = \"yes\"\n").contains(":2:7: error:"));
    assert!(first_error("[archive]\nmax_versions = -1\n").contains(":2:16: error:"));
    let duplicate = first_error(
        "[[groups]]\nname = \"a\"\ntags = [\"x\"]\n[[groups]]\nname = \"a\"\ntags = [\"y\"]\n",
    );
    assert!(
        duplicate.contains(":5:8: error: group `a` is defined twice"),
        "{duplicate}"
    );
    let traversal = first_error("[[groups]]\nname = \"../escape\"\ntags = [\"x\"]\n");
    assert!(
        traversal.contains(":2:8: error: invalid group name `../escape`"),
        "{traversal}"
    );
    let empty = first_error("[[groups]]\nname = \"lonely\"\n");
    assert!(empty.contains("selects no operations"), "{empty}");
    let clash = first_error(
        "[[groups]]\nname = \"a\"\ntags = [\"x\"]\ngo_output = \"out\"\n[[groups]]\nname = \"b\"\ntags = [\"y\"]\ngo_output = \"out\"\n",
    );
    assert!(clash.contains("both go to"), "{clash}");
    let zone = first_error("[zones]\ndefault = \"../up\"\n");
    assert!(zone.contains("plain folder name"), "{zone}");
    assert!(first_error("[[groups]]\nname = \"a\"\ntags = [\"[\"]\n").contains("not a valid glob"));
    assert!(first_error("schema = [").contains(":1:"));
}

#[test]
fn matching_by_app_tag_and_path() {
    let project = load_text(
        "[[groups]]\nname = \"g\"\napps = [\"tick*\"]\ntags = [\"billing\"]\npaths = [\"/api/public/\", \"/health\"]\n",
    )
    .expect("valid");
    let matcher = GroupMatcher::new(&project, &project.groups()[0]);
    assert_eq!(matcher.app("/api/tickets/{id}/"), Some("tickets"));
    assert_eq!(matcher.app("/other/tickets/"), None);
    assert!(matcher.matches("/api/tickets/{id}/close/", &[]));
    assert!(!matcher.matches("/api/accounts/me/", &[]));
    assert!(matcher.matches("/api/accounts/me/", &["billing".to_owned()]));
    assert!(matcher.matches("/api/public/deep/path/", &[]));
    assert!(matcher.matches("/health", &[]));
    assert!(!matcher.matches("/healthz", &[]));
}

#[test]
fn schema_is_a_path_or_a_list_of_paths() {
    let project = load_text(
        "schema = [\"shop.yaml\", \"billing.yaml\"]\n[[groups]]\nname = \"a\"\ntags = [\"x\"]\n[[groups]]\nname = \"b\"\nschema = \"other.json\"\n",
    )
    .expect("valid");
    let groups = project.groups();
    let names = |group: &Group<'_>| -> Vec<String> {
        project
            .schemas_for(group)
            .iter()
            .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
            .collect()
    };
    assert_eq!(names(&groups[0]), ["shop.yaml", "billing.yaml"]);
    assert_eq!(names(&groups[1]), ["other.json"]);
    let empty = first_error("schema = []\n");
    assert!(
        empty.contains(":1:10: error: `schema` lists no documents"),
        "{empty}"
    );
    let twice = first_error("schema = [\"a.yaml\", \"a.yaml\"]\n");
    assert!(twice.contains("`a.yaml` is listed twice"), "{twice}");
    let wrong = first_error("schema = 3\n");
    assert!(wrong.contains("a path or a list of paths"), "{wrong}");
}

#[test]
fn untagged_operations_match_the_default_tag() {
    let project = load_text("[[groups]]\nname = \"g\"\ntags = [\"default\"]\n").expect("valid");
    let matcher = GroupMatcher::new(&project, &project.groups()[0]);
    assert!(matcher.matches("/api/x/", &[]));
    assert!(!matcher.matches("/api/x/", &["other".to_owned()]));
    assert!(matcher.matches("/api/x/", &["default".to_owned()]));
}

#[test]
fn pyproject_tool_table() {
    let temp = tempfile::tempdir().expect("temp dir");
    let path = write(
        temp.path(),
        "pyproject.toml",
        "[project]\nname = \"x\"\n\n[tool.clientgen]\nschema = \"api.yaml\"\noutput_dir = \"gen\"\n",
    );
    assert_eq!(discover(temp.path()).as_deref(), Some(path.as_path()));
    let project = load(&path).expect("valid");
    assert_eq!(project.config.output_dir, "gen");
    let bad = write(
        temp.path(),
        "pyproject.toml",
        "[tool.clientgen]\nnope = 1\n",
    );
    let error = load(&bad).expect_err("unknown key");
    assert!(error.to_string().contains("pyproject.toml:2:1"), "{error}");
}

#[test]
fn the_checked_in_json_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../clientgen.schema.json");
    let current = json_schema();
    if std::env::var_os("CLIENTGEN_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &current).expect("write schema");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == current,
        "clientgen.schema.json is stale; regenerate it with `CLIENTGEN_UPDATE_SCHEMA=1 cargo test -p clientgen-config`"
    );
}
