//! Import blocks sorted and grouped the way ruff's isort rules (`I001`) want them.
//!
//! Sections (`__future__`, standard library, third party, the package's own relative
//! imports) are separated by a blank line; inside a section `import x` lines come before
//! `from x import …` lines; modules are ordered case-insensitively in natural order, relative
//! ones furthest first; imported names are ordered constants, then classes, then the rest.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::layout;

/// The section an import belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    /// `from __future__ import annotations`.
    Future,
    /// The standard library.
    Standard,
    /// pydantic, httpx.
    ThirdParty,
    /// Relative imports of the package's own modules.
    Local,
}

/// The imports of one block (a module's top, or its `if TYPE_CHECKING:` block).
#[derive(Debug, Default, Clone)]
pub(crate) struct ImportBlock {
    /// `import module` / `import module as alias`, by section.
    plain: BTreeSet<(Section, String)>,
    /// `from module import names`, by section and module.
    from: BTreeMap<(Section, String), BTreeSet<String>>,
}

impl ImportBlock {
    /// `import statement` (the text after `import`).
    pub(crate) fn plain(&mut self, section: Section, module: &str) {
        self.plain.insert((section, module.to_owned()));
    }

    /// `from module import name` (`name` may be `name as alias`).
    pub(crate) fn from(&mut self, section: Section, module: &str, name: &str) {
        self.from
            .entry((section, module.to_owned()))
            .or_default()
            .insert(name.to_owned());
    }

    /// True when nothing is imported.
    pub(crate) fn is_empty(&self) -> bool {
        self.plain.is_empty() && self.from.is_empty()
    }

    /// The block's lines at `indent` columns, sections separated by empty lines.
    pub(crate) fn render(&self, indent: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for section in [
            Section::Future,
            Section::Standard,
            Section::ThirdParty,
            Section::Local,
        ] {
            let mut plain: Vec<&String> = self
                .plain
                .iter()
                .filter(|(candidate, _)| *candidate == section)
                .map(|(_, module)| module)
                .collect();
            plain.sort_by(|left, right| module_order(left, right));
            let mut from: Vec<(&String, &BTreeSet<String>)> = self
                .from
                .iter()
                .filter(|((candidate, _), _)| *candidate == section)
                .map(|((_, module), names)| (module, names))
                .collect();
            from.sort_by(|(left, _), (right, _)| module_order(left, right));
            if plain.is_empty() && from.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(String::new());
            }
            let pad = " ".repeat(indent);
            for module in plain {
                lines.push(format!("{pad}import {module}"));
            }
            for (module, names) in from {
                let mut names: Vec<String> = names.iter().cloned().collect();
                names.sort_by(|left, right| member_order(left, right));
                lines.push(layout::from_import(module, &names, indent));
            }
        }
        lines
    }
}

/// Dots at the start of a relative module.
fn depth(module: &str) -> usize {
    module.len() - module.trim_start_matches('.').len()
}

fn module_order(left: &str, right: &str) -> Ordering {
    // Relative imports: furthest first.
    depth(right)
        .cmp(&depth(left))
        .then_with(|| natural(&left.to_ascii_lowercase(), &right.to_ascii_lowercase()))
        .then_with(|| left.cmp(right))
}

/// isort's member kinds: constants (`ALL_CAPS`, more than one character), classes
/// (capitalized), the rest.
fn member_kind(name: &str) -> u8 {
    let has_cased = name
        .chars()
        .any(|character| character.is_ascii_alphabetic());
    let upper = has_cased && !name.chars().any(|character| character.is_ascii_lowercase());
    if name.len() > 1 && upper {
        0
    } else if name.starts_with(|character: char| character.is_ascii_uppercase()) {
        1
    } else {
        2
    }
}

fn member_order(left: &str, right: &str) -> Ordering {
    let left_name = left.split(" as ").next().unwrap_or(left);
    let right_name = right.split(" as ").next().unwrap_or(right);
    member_kind(left_name)
        .cmp(&member_kind(right_name))
        .then_with(|| {
            natural(
                &left_name.to_ascii_lowercase(),
                &right_name.to_ascii_lowercase(),
            )
        })
        .then_with(|| left.cmp(right))
}

/// Natural order: runs of digits compare by value, everything else by character.
pub(crate) fn natural(left: &str, right: &str) -> Ordering {
    let left: Vec<char> = left.chars().collect();
    let right: Vec<char> = right.chars().collect();
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if left[i].is_ascii_digit() && right[j].is_ascii_digit() {
            let start_i = i;
            while i < left.len() && left[i].is_ascii_digit() {
                i += 1;
            }
            let start_j = j;
            while j < right.len() && right[j].is_ascii_digit() {
                j += 1;
            }
            let a: String = left[start_i..i].iter().collect();
            let b: String = right[start_j..j].iter().collect();
            let a = a.trim_start_matches('0');
            let b = b.trim_start_matches('0');
            let ordering = a.len().cmp(&b.len()).then_with(|| a.cmp(b));
            if ordering != Ordering::Equal {
                return ordering;
            }
        } else {
            let ordering = left[i].cmp(&right[j]);
            if ordering != Ordering::Equal {
                return ordering;
            }
            i += 1;
            j += 1;
        }
    }
    (left.len() - i).cmp(&(right.len() - j))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_sort_like_ruff() {
        let mut names: Vec<String> = [
            "Ticket10", "Ticket2", "APIKey", "Account", "apple", "Banana", "UUID", "A", "_private",
            "a_b", "aB", "ABc", "AB_C", "B2", "Abc_d", "Ab2c",
        ]
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
        names.sort_by(|left, right| member_order(left, right));
        assert_eq!(
            names,
            [
                "AB_C", "B2", "UUID", "A", "Ab2c", "ABc", "Abc_d", "Account", "APIKey", "Banana",
                "Ticket2", "Ticket10", "_private", "a_b", "aB", "apple"
            ]
        );
    }

    #[test]
    fn modules_sort_like_ruff() {
        let mut modules = vec![
            ".models.zeta",
            ".models.Alpha",
            ".models.alpha_2",
            ".models.alpha10",
            "..enums",
            "..",
            ".._model",
            ".",
        ];
        modules.sort_by(|left, right| module_order(left, right));
        assert_eq!(
            modules,
            [
                "..",
                ".._model",
                "..enums",
                ".",
                ".models.Alpha",
                ".models.alpha10",
                ".models.alpha_2",
                ".models.zeta"
            ]
        );
    }
}
