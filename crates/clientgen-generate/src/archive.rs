//! The archive of earlier generations: `<archive>/<YYYY-MM-DD_HH-MM-SS>/<group>/<target>/`
//! holds, for every output a run replaced, the complete output as it was before.

use std::path::{Path, PathBuf};

use clientgen_emit::OutputFile;

use crate::output::MARKER_FILE;

/// The names of the archived versions under `root`, oldest first (the names sort by time).
pub fn versions(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
                .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
                .filter(|name| {
                    name.len() >= 19 && name.as_bytes()[4] == b'-' && name.as_bytes()[10] == b'_'
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Name of a new archive version: the local time, `YYYY-MM-DD_HH-MM-SS`, with `-2`, `-3`, …
/// when that exists already.
pub fn new_version_name(root: &Path) -> String {
    let base = jiff::Zoned::now().strftime("%Y-%m-%d_%H-%M-%S").to_string();
    let mut name = base.clone();
    let mut counter = 2;
    while root.join(&name).exists() {
        name = format!("{base}-{counter}");
        counter += 1;
    }
    name
}

/// Deletes the oldest archive versions beyond `keep`.
pub fn rotate(root: &Path, keep: usize) {
    let mut versions = versions(root);
    if versions.len() <= keep {
        return;
    }
    versions.sort();
    let excess = versions.len() - keep;
    for version in versions.into_iter().take(excess) {
        let _ = std::fs::remove_dir_all(root.join(version));
    }
}

/// The `(group, target)` outputs archived in one version, sorted.
pub fn contents(version: &Path) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    for group in read_dirs(version) {
        for target in read_dirs(&version.join(&group)) {
            outputs.push((group.clone(), target));
        }
    }
    outputs.sort();
    outputs
}

fn read_dirs(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
                .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every file under `directory` except the marker, as output files (paths `/`-separated,
/// sorted); unreadable or non-UTF-8 files are left out.
pub fn read_output(directory: &Path) -> Vec<OutputFile> {
    let mut files = Vec::new();
    collect(directory, directory, &mut files);
    files.sort_by(|left, right| left.path.cmp(&right.path));
    files
}

fn collect(root: &Path, directory: &Path, out: &mut Vec<OutputFile>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            collect(root, &path, out);
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let relative: Vec<String> = relative
            .components()
            .map(|component| component.as_os_str().to_string_lossy().into_owned())
            .collect();
        let relative = relative.join("/");
        if relative == MARKER_FILE {
            continue;
        }
        if let Ok(contents) = std::fs::read_to_string(&path) {
            out.push(OutputFile::new(relative, contents));
        }
    }
}

/// A unified diff from the output in `from` to the output in `to` (either an archived output
/// or a current one), with `from_label`/`to_label` naming the sides; empty when they are the
/// same.
pub fn diff(from: &Path, to: &Path, from_label: &str, to_label: &str) -> String {
    let old = read_output(from);
    let new = read_output(to);
    let mut paths: Vec<&str> = old
        .iter()
        .chain(new.iter())
        .map(|file| file.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let mut out = String::new();
    for path in paths {
        let before = old
            .iter()
            .find(|file| file.path == path)
            .map_or("", |file| file.contents.as_str());
        let after = new
            .iter()
            .find(|file| file.path == path)
            .map_or("", |file| file.contents.as_str());
        if before == after {
            continue;
        }
        let text_diff = similar::TextDiff::from_lines(before, after);
        out.push_str(
            &text_diff
                .unified_diff()
                .context_radius(3)
                .header(
                    &format!("{from_label}/{path}"),
                    &format!("{to_label}/{path}"),
                )
                .to_string(),
        );
    }
    out
}

/// Where `(group, target)` is archived in `version`.
pub fn archived_output(root: &Path, version: &str, group: &str, target: &str) -> PathBuf {
    root.join(version).join(group).join(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_contents_and_diffs() {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path();
        for (version, text) in [
            ("2026-11-21_10-00-00", "one\ntwo\n"),
            ("2026-11-21_11-00-00", "one\nTWO\n"),
        ] {
            let dir = archived_output(root, version, "public", "typescript");
            std::fs::create_dir_all(&dir).expect("mkdir");
            std::fs::write(dir.join("models.ts"), text).expect("write");
            std::fs::write(dir.join(MARKER_FILE), "marker").expect("write");
        }
        std::fs::create_dir_all(root.join("not-a-version")).expect("mkdir");
        assert_eq!(
            versions(root),
            ["2026-11-21_10-00-00", "2026-11-21_11-00-00"]
        );
        assert_eq!(
            contents(&root.join("2026-11-21_10-00-00")),
            vec![(String::from("public"), String::from("typescript"))]
        );
        let diff = diff(
            &archived_output(root, "2026-11-21_10-00-00", "public", "typescript"),
            &archived_output(root, "2026-11-21_11-00-00", "public", "typescript"),
            "a",
            "b",
        );
        assert!(diff.contains("--- a/models.ts"), "{diff}");
        assert!(diff.contains("-two\n+TWO\n"), "{diff}");
        assert_eq!(
            read_output(&archived_output(
                root,
                "2026-11-21_10-00-00",
                "public",
                "typescript"
            ))
            .len(),
            1
        );
    }
}
