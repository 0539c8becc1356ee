//! Turning names from a document into identifiers of each target language.
//!
//! Every IR item keeps its name as written; emitters derive identifiers with these functions:
//! [`words`] splits a name at case changes and punctuation, the case functions join the words
//! in a language's style, and a [`Namespace`] hands out identifiers that never collide, even
//! when two names only differ in case or punctuation (`Meta` / `meta` / `_Meta`,
//! `is_global` / `isGlobal`). Collisions are resolved in the order names are claimed, which is
//! document order, so the result is deterministic.

use rustc_hash::FxHashSet;

/// `name` in ASCII: unchanged when it already is, else transliterated with deunicode
/// (`PokéAPI` → `PokeAPI`, `Größe` → `Grosse`, `имя` → `imia`), so that identifiers keep
/// the letters of names written in other scripts instead of dropping them.
pub fn ascii(name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(name))
    }
}

/// Splits a name into lower-case ASCII words.
///
/// Boundaries are any character that is not an ASCII letter or digit, a lower-case letter or
/// digit followed by an upper-case letter (`isGlobal` → `is`, `global`), and the last capital of
/// an acronym followed by a lower-case letter (`HTTPServer` → `http`, `server`). Digits stay
/// attached to the word they follow (`Status2a7Enum` → `status2a7`, `enum`).
///
/// ```
/// assert_eq!(clientgen_ir::naming::words("Allauth.AuthenticationMethodEnum"), ["allauth", "authentication", "method", "enum"]);
/// assert_eq!(clientgen_ir::naming::words("kobo--lock_all"), ["kobo", "lock", "all"]);
/// ```
pub fn words(name: &str) -> Vec<String> {
    let name = ascii(name);
    let mut result = Vec::new();
    let mut current = String::new();
    let characters: Vec<char> = name.chars().collect();
    for (index, character) in characters.iter().copied().enumerate() {
        if !character.is_ascii_alphanumeric() {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
            continue;
        }
        if character.is_ascii_uppercase() && !current.is_empty() {
            let previous = characters[index - 1];
            let next_is_lower = characters
                .get(index + 1)
                .is_some_and(|next| next.is_ascii_lowercase());
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                result.push(std::mem::take(&mut current));
            }
        }
        current.push(character.to_ascii_lowercase());
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

fn capitalize(word: &str) -> String {
    let mut characters = word.chars();
    match characters.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + characters.as_str(),
        None => String::new(),
    }
}

/// `PascalCase` from words: `ticket_status` → `TicketStatus`.
pub fn pascal_case(name: &str) -> String {
    words(name).iter().map(|word| capitalize(word)).collect()
}

/// `camelCase` from words: `tickets_close_create` → `ticketsCloseCreate`.
pub fn camel_case(name: &str) -> String {
    let mut result = String::new();
    for (index, word) in words(name).iter().enumerate() {
        if index == 0 {
            result.push_str(word);
        } else {
            result.push_str(&capitalize(word));
        }
    }
    result
}

/// `snake_case` from words: `isGlobal` → `is_global`.
pub fn snake_case(name: &str) -> String {
    words(name).join("_")
}

/// `SCREAMING_SNAKE_CASE` from words: `in_progress` → `IN_PROGRESS`.
pub fn screaming_snake_case(name: &str) -> String {
    snake_case(name).to_ascii_uppercase()
}

/// A type name in `PascalCase` that keeps the document's own spelling where it can.
///
/// A name that is already an identifier only gets its first letter capitalized (`APIKey`
/// stays `APIKey`, `modelRequest` becomes `ModelRequest`); other names are split at
/// non-identifier characters and the pieces joined, each capitalized
/// (`Multi-language string` → `MultiLanguageString`). The result may start with a digit;
/// callers prefix what their language needs.
pub fn type_name(name: &str) -> String {
    let name = ascii(name);
    let pieces: Vec<&str> = name
        .split(|character: char| !(character.is_ascii_alphanumeric()))
        .filter(|piece| !piece.is_empty())
        .collect();
    pieces.iter().map(|piece| capitalize(piece)).collect()
}

/// True when `name` is an ASCII identifier (`[A-Za-z_$][A-Za-z0-9_$]*` when `allow_dollar`,
/// else without `$`).
pub fn is_identifier(name: &str, allow_dollar: bool) -> bool {
    let mut characters = name.chars();
    let valid_start = |character: char| {
        character.is_ascii_alphabetic() || character == '_' || (allow_dollar && character == '$')
    };
    match characters.next() {
        Some(first) if valid_start(first) => characters.all(|character| {
            character.is_ascii_alphanumeric()
                || character == '_'
                || (allow_dollar && character == '$')
        }),
        _ => false,
    }
}

/// A set of identifiers in one scope (a module, a class, an enum) that hands out unique ones.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: FxHashSet<String>,
    case_insensitive: bool,
}

impl Namespace {
    /// An empty namespace. With `case_insensitive`, `Ticket` and `ticket` collide (use it when
    /// identifiers become file names, which collide on macOS and Windows).
    pub fn new(case_insensitive: bool) -> Self {
        Namespace {
            taken: FxHashSet::default(),
            case_insensitive,
        }
    }

    fn key(&self, name: &str) -> String {
        if self.case_insensitive {
            name.to_ascii_lowercase()
        } else {
            name.to_owned()
        }
    }

    /// Marks names as unavailable (keywords, names the generated code itself uses).
    pub fn reserve<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            let key = self.key(name);
            self.taken.insert(key);
        }
    }

    /// True when `name` is already taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(&self.key(name))
    }

    /// Returns `candidate` if free, else the first free `candidate2`, `candidate3`, …, and
    /// marks the result taken.
    pub fn claim(&mut self, candidate: &str) -> String {
        self.claim_with_separator(candidate, "")
    }

    /// Like [`Namespace::claim`], with a separator before the number (`name_2`).
    pub fn claim_with_separator(&mut self, candidate: &str, separator: &str) -> String {
        let mut result = candidate.to_owned();
        let mut counter = 2;
        while self.contains(&result) {
            result = format!("{candidate}{separator}{counter}");
            counter += 1;
        }
        let key = self.key(&result);
        self.taken.insert(key);
        result
    }
}

/// Reserved words and predeclared names per target language.
pub mod reserved {
    /// ECMAScript and TypeScript reserved and contextual words that cannot name a value, plus
    /// the predefined type names that cannot name a type.
    pub const TYPESCRIPT: &[&str] = &[
        "abstract",
        "any",
        "as",
        "async",
        "await",
        "bigint",
        "boolean",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "constructor",
        "continue",
        "debugger",
        "declare",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "from",
        "function",
        "get",
        "if",
        "implements",
        "import",
        "in",
        "infer",
        "instanceof",
        "interface",
        "is",
        "keyof",
        "let",
        "module",
        "namespace",
        "never",
        "new",
        "null",
        "number",
        "object",
        "of",
        "package",
        "private",
        "protected",
        "public",
        "readonly",
        "require",
        "return",
        "set",
        "static",
        "string",
        "super",
        "switch",
        "symbol",
        "this",
        "throw",
        "true",
        "try",
        "type",
        "typeof",
        "undefined",
        "unique",
        "unknown",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "arguments",
        "eval",
    ];

    /// Global names generated TypeScript refers to; a model with one of these names would
    /// shadow it.
    pub const TYPESCRIPT_GLOBALS: &[&str] = &[
        "Array",
        "ArrayBuffer",
        "Awaited",
        "BigInt",
        "Blob",
        "Boolean",
        "Date",
        "Error",
        "Exclude",
        "Extract",
        "File",
        "FormData",
        "Function",
        "Headers",
        "JSON",
        "Map",
        "Math",
        "NonNullable",
        "Number",
        "Object",
        "Omit",
        "Parameters",
        "Partial",
        "Pick",
        "Promise",
        "Readonly",
        "ReadonlyArray",
        "Record",
        "Required",
        "Response",
        "Request",
        "RequestInit",
        "ReturnType",
        "Set",
        "String",
        "Symbol",
        "URL",
        "URLSearchParams",
        "AbortSignal",
        "globalThis",
        "window",
        "fetch",
        "console",
    ];

    /// Python keywords and soft keywords, plus builtins that generated code relies on.
    pub const PYTHON: &[&str] = &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "match", "case", "type", "_",
    ];

    /// Go keywords and predeclared identifiers.
    pub const GO: &[&str] = &[
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "type",
        "var",
        "any",
        "bool",
        "byte",
        "comparable",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "true",
        "false",
        "iota",
        "nil",
        "append",
        "cap",
        "clear",
        "close",
        "complex",
        "copy",
        "delete",
        "imag",
        "len",
        "make",
        "max",
        "min",
        "new",
        "panic",
        "print",
        "println",
        "real",
        "recover",
    ];

    /// Protocol Buffers keywords and scalar type names.
    pub const PROTO: &[&str] = &[
        "syntax",
        "import",
        "weak",
        "public",
        "package",
        "option",
        "message",
        "enum",
        "service",
        "rpc",
        "returns",
        "stream",
        "oneof",
        "map",
        "reserved",
        "extensions",
        "extend",
        "to",
        "max",
        "repeated",
        "optional",
        "required",
        "group",
        "double",
        "float",
        "int32",
        "int64",
        "uint32",
        "uint64",
        "sint32",
        "sint64",
        "fixed32",
        "fixed64",
        "sfixed32",
        "sfixed64",
        "bool",
        "string",
        "bytes",
        "true",
        "false",
        "inf",
        "nan",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_other_scripts_are_transliterated() {
        assert_eq!(words("PokéAPI"), ["poke", "api"]);
        assert_eq!(type_name("Größe der Datei"), "GrosseDerDatei");
        assert_eq!(snake_case("café_crème"), "cafe_creme");
        assert_eq!(snake_case("имя"), "imia");
        assert!(matches!(
            ascii("ticket"),
            std::borrow::Cow::Borrowed("ticket")
        ));
    }

    #[test]
    fn splits_words() {
        assert_eq!(words("isGlobal"), ["is", "global"]);
        assert_eq!(words("is_global"), ["is", "global"]);
        assert_eq!(words("HTTPServer"), ["http", "server"]);
        assert_eq!(words("OAuth2Provider"), ["o", "auth2", "provider"]);
        assert_eq!(words("Status2a7Enum"), ["status2a7", "enum"]);
        assert_eq!(words("-created_at"), ["created", "at"]);
        assert_eq!(
            words("Multi-language string"),
            ["multi", "language", "string"]
        );
        assert!(words("--").is_empty());
    }

    #[test]
    fn cases() {
        assert_eq!(pascal_case("ticket_status"), "TicketStatus");
        assert_eq!(camel_case("tickets_close_create"), "ticketsCloseCreate");
        assert_eq!(camel_case("convMaskToPoly"), "convMaskToPoly");
        assert_eq!(snake_case("convMaskToPoly"), "conv_mask_to_poly");
        assert_eq!(screaming_snake_case("inProgress"), "IN_PROGRESS");
        assert_eq!(type_name("APIKey"), "APIKey");
        assert_eq!(type_name("modelRequest"), "ModelRequest");
        assert_eq!(type_name("Multi-language string"), "MultiLanguageString");
        assert_eq!(
            type_name("Allauth.AuthenticationMethodMethodEnum"),
            "AllauthAuthenticationMethodMethodEnum"
        );
        assert_eq!(type_name("_Meta"), "Meta");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("_a1", false));
        assert!(is_identifier("$a", true));
        assert!(!is_identifier("$a", false));
        assert!(!is_identifier("1a", false));
        assert!(!is_identifier("kobo--lock_all", false));
        assert!(!is_identifier("", false));
    }

    #[test]
    fn namespaces_resolve_collisions_deterministically() {
        let mut namespace = Namespace::new(true);
        namespace.reserve(["API"]);
        assert_eq!(namespace.claim("Meta"), "Meta");
        assert_eq!(namespace.claim("meta"), "meta2");
        assert_eq!(namespace.claim("Meta"), "Meta3");
        assert_eq!(namespace.claim("Api"), "Api2");
        let mut sensitive = Namespace::new(false);
        assert_eq!(sensitive.claim("a"), "a");
        assert_eq!(sensitive.claim("A"), "A");
        assert_eq!(sensitive.claim_with_separator("a", "_"), "a_2");
    }
}
