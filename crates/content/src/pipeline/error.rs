//! Content errors that name the file, the line and the problem.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, relative to the content folder.
    pub file: PathBuf,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong, and where possible how to fix it.
    pub message: String,
}

impl ContentError {
    /// A problem at a line of a file.
    pub fn at(file: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.as_ref().to_path_buf(),
            line: Some(line),
            message: message.into(),
        }
    }

    /// A problem with a whole file.
    pub fn file(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self {
            file: file.as_ref().to_path_buf(),
            line: None,
            message: message.into(),
        }
    }

    /// Formats the error with the content folder in front of the file, as a build prints it.
    pub fn display_in(&self, root: &Path) -> String {
        let with_root = Self {
            file: root.join(&self.file),
            ..self.clone()
        };
        with_root.to_string()
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// Every problem found in one run, kept in file and line order.
#[derive(Debug, Default)]
pub struct Errors(Vec<ContentError>);

impl Errors {
    /// Records a problem.
    pub fn push(&mut self, error: ContentError) {
        self.0.push(error);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, sorted by file and line.
    pub fn into_sorted(mut self) -> Vec<ContentError> {
        self.0
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        self.0
    }
}
