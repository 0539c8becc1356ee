//! Problems found in input documents, as values with a severity and a source span.
//!
//! Nothing in the loader panics on input data: every problem becomes a [`Diagnostic`]. Errors
//! stop the run (the CLI exits with code 2 and writes nothing); warnings are reported and the
//! run goes on.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceSpan};

use crate::source::{Sources, Span};

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; the output is still complete and correct.
    Warning,
    /// The input cannot be used; nothing is generated.
    Error,
}

/// One problem in an input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One sentence saying what is wrong, e.g. "expected a string for `operationId`, found a number".
    pub message: String,
    /// Where the problem is; `None` for whole-run problems such as an unreadable file.
    pub span: Option<Span>,
    /// Short text shown under the highlighted source, e.g. "expected a string".
    pub label: Option<String>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Other places involved (e.g. the first definition of a duplicate key).
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Some(span), message.into())
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Some(span), message.into())
    }

    /// An error that is not tied to a place in a file (an unreadable path, say).
    pub fn error_without_span(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, None, message.into())
    }

    fn new(severity: Severity, span: Option<Span>, message: String) -> Self {
        Diagnostic {
            severity,
            message,
            span,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Sets the text shown under the highlighted source.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the suggestion shown after the message.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary place, shown with its own label.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line of plain text: `file:line:col: error: message`, used in logs and tests.
    pub fn to_plain(&self, sources: &Sources) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.span {
            Some(span) => format!("{}: {severity}: {}", sources.location(span), self.message),
            None => format!("{severity}: {}", self.message),
        }
    }

    /// A rich report (source snippet with the span underlined, help text) for printing with
    /// miette's handlers. The report owns what it shows, so it outlives `sources`.
    pub fn to_report(&self, sources: &Sources) -> miette::Report {
        miette::Report::new(RenderedDiagnostic::new(self, sources))
    }
}

/// An owned, self-contained rendering of a [`Diagnostic`] that implements
/// [`miette::Diagnostic`].
#[derive(Debug)]
struct RenderedDiagnostic {
    message: String,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
}

impl RenderedDiagnostic {
    fn new(diagnostic: &Diagnostic, sources: &Sources) -> Self {
        let mut message = diagnostic.message.clone();
        let mut labels = Vec::new();
        let mut source = None;
        if let Some(span) = diagnostic.span {
            let file = sources.get(span.source);
            source = Some(NamedSource::new(file.name(), Arc::clone(file.text())));
            labels.push(LabeledSpan::new_primary_with_span(
                diagnostic.label.clone(),
                source_span(span),
            ));
            // The location is part of the message too, so that it survives any renderer
            // (plain logs, narrated output, editors that only read the first line).
            message = format!("{}: {message}", sources.location(span));
        }
        for (span, label) in &diagnostic.related {
            if diagnostic.span.map(|primary| primary.source) == Some(span.source) {
                labels.push(LabeledSpan::new_with_span(
                    Some(label.clone()),
                    source_span(*span),
                ));
            } else {
                message.push_str(&format!("\n  {label}: {}", sources.location(*span)));
            }
        }
        RenderedDiagnostic {
            message,
            severity: diagnostic.severity,
            help: diagnostic.help.clone(),
            source,
            labels,
        }
    }
}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

impl fmt::Display for RenderedDiagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for RenderedDiagnostic {}

impl miette::Diagnostic for RenderedDiagnostic {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// The diagnostics of one load, errors and warnings in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors recorded.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|item| item.is_error()).count()
    }

    /// All diagnostics, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Takes the diagnostics out, leaving this set empty.
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.items)
    }

    /// Appends all of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
