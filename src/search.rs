//! TEMPORARY stub until the real engine lands.
use std::ops::Range;
pub struct Document<'a> {
    pub title: &'a str,
    pub aliases: &'a [&'a str],
    pub libraries: &'a [&'a str],
    pub summary: &'a str,
    pub body: &'a str,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    All,
    Any,
    Empty,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub text: Range<usize>,
    pub marks: Vec<Range<usize>>,
    pub starts_mid: bool,
    pub ends_mid: bool,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f32,
    pub title: Vec<Range<usize>>,
    pub summary: Vec<Range<usize>>,
    pub aliases: Vec<(usize, Range<usize>)>,
    pub libraries: Vec<(usize, Range<usize>)>,
    pub snippet: Option<Snippet>,
}
pub struct Results {
    pub hits: Vec<Hit>,
    pub mode: Mode,
    pub suggestion: Option<String>,
}
pub struct Index<'a> {
    docs: Vec<(&'a str, &'a str)>,
}
impl<'a> Index<'a> {
    pub fn new(docs: &[Document<'a>], _s: &[&[&str]]) -> Self {
        Self {
            docs: docs.iter().map(|d| (d.title, d.body)).collect(),
        }
    }
    pub fn search(&self, q: &str, filter: impl Fn(usize) -> bool) -> Results {
        let q = q.trim().to_lowercase();
        let hits = self
            .docs
            .iter()
            .enumerate()
            .filter(|(i, _)| filter(*i))
            .filter(|(_, d)| {
                q.is_empty() || d.0.to_lowercase().contains(&q) || d.1.to_lowercase().contains(&q)
            })
            .map(|(i, d)| Hit {
                doc: i,
                score: 1.0,
                title: d
                    .0
                    .to_lowercase()
                    .find(&q)
                    .filter(|_| !q.is_empty())
                    .map(|s| vec![s..s + q.len()])
                    .unwrap_or_default(),
                summary: vec![],
                aliases: vec![],
                libraries: vec![],
                snippet: None,
            })
            .collect();
        Results {
            hits,
            mode: if q.is_empty() { Mode::Empty } else { Mode::All },
            suggestion: None,
        }
    }
}
