//! The `clientgen` binary on good and bad input: exit codes, messages with file:line:col,
//! and output directories that are written whole or not at all.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn clientgen(arguments: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clientgen"))
        .args(arguments)
        .current_dir(directory)
        .env("NO_COLOR", "1")
        .output()
        .expect("the clientgen binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const GOOD: &str = r#"openapi: 3.0.3
info:
  title: Good
  version: 1.0.0
paths:
  /tickets/:
    get:
      operationId: tickets_list
      tags: [tickets]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Ticket'
components:
  schemas:
    Ticket:
      type: object
      properties:
        id:
          type: integer
"#;

struct Case {
    file: &'static str,
    text: &'static str,
    /// Substrings the error output must contain.
    expected: &'static [&'static str],
}

const BAD: &[Case] = &[
    Case {
        file: "syntax.yaml",
        text: "openapi: 3.0.3\ninfo:\n  title: [unclosed\npaths: {}\n",
        expected: &["syntax.yaml:", "invalid YAML"],
    },
    Case {
        file: "syntax.json",
        text: "{\n  \"openapi\": \"3.1.0\",\n  \"paths\": {,}\n}\n",
        expected: &["syntax.json:3:13", "expected a string key"],
    },
    Case {
        file: "swagger.yaml",
        text: "swagger: '2.0'\ninfo:\n  title: Old\n  version: '1'\npaths: {}\n",
        expected: &["swagger.yaml:1:10", "Swagger 2.0", "swagger2openapi"],
    },
    Case {
        file: "no-paths.yaml",
        text: "openapi: 3.1.0\ninfo:\n  title: Empty\n  version: '1'\n",
        expected: &["no-paths.yaml:1:1", "no `paths`"],
    },
    Case {
        file: "dangling.yaml",
        text: "openapi: 3.0.3\ninfo:\n  title: X\n  version: '1'\npaths:\n  /a/:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Tiket'\ncomponents:\n  schemas:\n    Ticket:\n      type: object\n",
        expected: &[
            "dangling.yaml:14:23",
            "`#/components/schemas/Tiket` does not exist",
            "did you mean `Ticket`?",
        ],
    },
    Case {
        file: "wrong-type.yaml",
        text: "openapi: 3.0.3\ninfo:\n  title: X\n  version: '1'\npaths:\n  /a/:\n    get:\n      operationId: 12\n      responses: {}\n",
        expected: &[
            "wrong-type.yaml:8:20",
            "expected a string for `operationId`, found a number",
        ],
    },
    Case {
        file: "strict-booleans.yaml",
        text: "openapi: 3.0.3\ninfo:\n  title: X\n  version: '1'\npaths:\n  /a/:\n    get:\n      deprecated: yes\n      responses: {}\n",
        expected: &[
            "strict-booleans.yaml:8:19",
            "expected a boolean for `deprecated`, found a string",
        ],
    },
    Case {
        file: "version.yaml",
        text: "openapi: 4.0.0\ninfo:\n  title: X\n  version: '1'\npaths: {}\n",
        expected: &["version.yaml:1:10", "unsupported OpenAPI version `4.0.0`"],
    },
    Case {
        file: "remote.yaml",
        text: "openapi: 3.0.3\ninfo:\n  title: X\n  version: '1'\npaths:\n  /a/:\n    get:\n      responses:\n        '200':\n          $ref: 'https://example.com/responses.yaml#/Ok'\n",
        expected: &["remote.yaml:10:17", "remote reference"],
    },
    Case {
        file: "missing-file.yaml",
        text: "openapi: 3.0.3\ninfo:\n  title: X\n  version: '1'\npaths:\n  /a/:\n    get:\n      responses:\n        '200':\n          $ref: './nowhere.yaml#/Ok'\n",
        expected: &[
            "missing-file.yaml:10:17",
            "`./nowhere.yaml`, which cannot be read",
        ],
    },
];

#[test]
fn bad_input_is_reported_with_a_location_exits_2_and_writes_nothing() {
    let temp = tempfile::tempdir().expect("temp dir");
    let directory = temp.path();
    for case in BAD {
        std::fs::write(directory.join(case.file), case.text).expect("write spec");
        let out = format!("out-{}", case.file);
        let output = clientgen(
            &["generate", "--schema", case.file, "--out", &out],
            directory,
        );
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: exit code\n{message}",
            case.file
        );
        for expected in case.expected {
            assert!(
                message.contains(expected),
                "{}: expected `{expected}` in:\n{message}",
                case.file
            );
        }
        assert!(message.contains("nothing was written"), "{message}");
        assert!(
            !directory.join(&out).exists(),
            "{}: nothing may be written",
            case.file
        );
        let check = clientgen(&["check", "--schema", case.file], directory);
        assert_eq!(
            check.status.code(),
            Some(2),
            "{}: `check` exit code",
            case.file
        );
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let temp = tempfile::tempdir().expect("temp dir");
    let directory = temp.path();
    std::fs::write(directory.join("api.yaml"), GOOD).expect("write spec");
    let output = clientgen(
        &["generate", "--schema", "api.yaml", "--out", "client"],
        directory,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let before = snapshot(&directory.join("client"));
    assert!(before.iter().any(|(path, _)| path.ends_with("models.ts")));

    // Break the spec in place; the old client must survive a failed regeneration.
    std::fs::write(
        directory.join("api.yaml"),
        GOOD.replace("type: integer", "type: [integer"),
    )
    .expect("write");
    let output = clientgen(
        &["generate", "--schema", "api.yaml", "--out", "client"],
        directory,
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(snapshot(&directory.join("client")), before);
    let leftovers: Vec<_> = std::fs::read_dir(directory)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().contains("clientgen-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging directories are left behind"
    );
}

#[test]
fn a_directory_clientgen_did_not_write_is_never_replaced() {
    let temp = tempfile::tempdir().expect("temp dir");
    let directory = temp.path();
    std::fs::write(directory.join("api.yaml"), GOOD).expect("write spec");
    std::fs::create_dir(directory.join("src")).expect("mkdir");
    std::fs::write(directory.join("src/main.ts"), "precious").expect("write");
    let output = clientgen(
        &["generate", "--schema", "api.yaml", "--out", "src"],
        directory,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("refusing to replace"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(directory.join("src/main.ts")).expect("read"),
        "precious"
    );
}

#[test]
fn check_and_inspect_report_on_a_good_spec() {
    let temp = tempfile::tempdir().expect("temp dir");
    let directory = temp.path();
    std::fs::write(directory.join("api.yaml"), GOOD).expect("write spec");
    let output = clientgen(&["check", "--schema", "api.yaml"], directory);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 operations, 1 schemas, 0 warnings")
    );
    let output = clientgen(&["inspect", "--schema", "api.yaml"], directory);
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains("operation tickets_list (tickets.list) GET /tickets/")
    );
}

fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(directory) = stack.pop() {
        for entry in std::fs::read_dir(&directory)
            .expect("list")
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let contents = std::fs::read(&path).expect("read");
                files.push((
                    path.strip_prefix(root).expect("inside").to_path_buf(),
                    contents,
                ));
            }
        }
    }
    files.sort();
    files
}
