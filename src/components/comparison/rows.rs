//! The rows of a comparison table and their order: plain data, tested natively.

use pyuses_content::figures::{self, Status};
use pyuses_content::{Downloads, Install, Library, LibraryDetails, Month};

/// One library's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its id, for its page's link and as the row's key.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it does, in one line.
    pub about: &'static str,
    /// Its downloads, for sorting: none for a library not on PyPI.
    pub downloads: Option<Downloads>,
    /// Its downloads as the cell reads: "31M", "< 57K", "Included with Python".
    pub downloads_text: String,
    /// The exact figure, for the cell's title.
    pub downloads_title: Option<String>,
    /// Its latest release, for sorting.
    pub released: Option<Month>,
    /// "Oct 2026 · 5.2.8".
    pub released_text: String,
    /// Its status's key (`active`, `quiet`, `stable`, `history`).
    pub status_key: &'static str,
    /// Its status, as the cell reads.
    pub status_text: String,
}

impl Row {
    /// The row of `library`, its figures read as of `as_of`.
    pub fn new(
        library: &'static Library,
        details: &'static LibraryDetails,
        as_of: Option<Month>,
    ) -> Self {
        let pulse = details.pulse.as_ref();
        let downloads = pulse.map(|p| p.downloads);
        let (downloads_text, downloads_title) = match (&library.install, downloads) {
            (_, Some(Downloads::Count(n))) => (
                figures::compact(n),
                Some(format!("{} downloads in 30 days", figures::grouped(n))),
            ),
            (_, Some(Downloads::FewerThan(n))) => (
                format!("< {}", figures::compact(n)),
                Some(format!(
                    "Fewer than {} downloads in 30 days",
                    figures::grouped(n)
                )),
            ),
            (Install::Stdlib, None) => ("Included with Python".to_owned(), None),
            (_, None) => (
                "—".to_owned(),
                Some("No figures: not a PyPI project, or not found there".to_owned()),
            ),
        };
        let released = pulse.and_then(|p| p.released);
        let version = pulse.and_then(|p| p.version.as_deref());
        let released_text = match (released, version) {
            (Some(month), Some(version)) => {
                format!("{} {} · {version}", &month.name()[..3], month.year)
            }
            (Some(month), None) => format!("{} {}", &month.name()[..3], month.year),
            (None, Some(version)) => version.to_owned(),
            (None, None) => "—".to_owned(),
        };
        let status = Status::of(details, as_of);
        Self {
            id: &library.id,
            name: &library.name,
            about: &details.about,
            downloads,
            downloads_text,
            downloads_title,
            released,
            released_text,
            status_key: status.key(),
            status_text: status.label(),
        }
    }
}

/// The columns a table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The library's name, A to Z.
    Name,
    /// Monthly downloads, most first.
    Downloads,
    /// Latest release, newest first.
    Released,
}

impl Column {
    /// The header's text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Library",
            Self::Downloads => "Downloads / 30 days",
            Self::Released => "Latest release",
        }
    }

    /// The header's class, shared with its cells.
    pub fn class(self) -> &'static str {
        match self {
            Self::Name => "col-name",
            Self::Downloads => "col-downloads num",
            Self::Released => "col-released",
        }
    }
}

/// How a table is sorted: the content's order, or a column either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    /// The column, or `None` for the content's order.
    pub column: Option<Column>,
    /// Reversed from the column's natural order.
    pub reversed: bool,
}

impl Sort {
    /// The sort after the column's header is pressed: by that column in its natural
    /// order, then reversed, then back to the content's order.
    pub fn toggled(self, column: Column) -> Self {
        match (self.column, self.reversed) {
            (Some(c), false) if c == column => Self {
                column: Some(column),
                reversed: true,
            },
            (Some(c), true) if c == column => Self::default(),
            _ => Self {
                column: Some(column),
                reversed: false,
            },
        }
    }

    /// The header's `aria-sort`, for the column.
    pub fn aria(self, column: Column) -> &'static str {
        if self.column != Some(column) {
            return "none";
        }
        // Names go up the alphabet; figures and dates start with the largest.
        match (column, self.reversed) {
            (Column::Name, false) | (Column::Downloads | Column::Released, true) => "ascending",
            _ => "descending",
        }
    }

    /// The arrow shown after the header.
    pub fn mark(self, column: Column) -> &'static str {
        match self.aria(column) {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        }
    }
}

/// A table's rows, in the content's order.
#[derive(Debug, Clone)]
pub struct Rows(Vec<Row>);

impl Rows {
    /// The rows, in the content's order.
    pub fn new(rows: Vec<Row>) -> Self {
        Self(rows)
    }

    /// The rows in the order `sort` asks for; ties keep the content's order.
    pub fn sorted(&self, sort: Sort) -> Vec<Row> {
        let mut rows = self.0.clone();
        match sort.column {
            None => return rows,
            Some(Column::Name) => rows.sort_by_key(|r| r.name.to_lowercase()),
            Some(Column::Downloads) => {
                rows.sort_by_key(|r| std::cmp::Reverse(r.downloads.map(Downloads::sort_key)))
            }
            Some(Column::Released) => rows.sort_by_key(|r| std::cmp::Reverse(r.released)),
        }
        if sort.reversed {
            rows.reverse();
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &'static str, downloads: Option<Downloads>, released: Option<(u16, u8)>) -> Row {
        Row {
            id,
            name: id,
            about: "",
            downloads,
            downloads_text: String::new(),
            downloads_title: None,
            released: released.map(|(year, month)| Month { year, month }),
            released_text: String::new(),
            status_key: "active",
            status_text: String::new(),
        }
    }

    fn ids(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.id).collect()
    }

    #[test]
    fn each_column_sorts_its_natural_way_then_reversed_then_back() {
        let rows = Rows::new(vec![
            row("flask", Some(Downloads::Count(90)), Some((2026, 5))),
            row("bottle", Some(Downloads::FewerThan(50)), Some((2025, 1))),
            row("django", Some(Downloads::Count(300)), Some((2026, 10))),
            row("stdlib", None, None),
        ]);
        let mut sort = Sort::default();
        assert_eq!(
            ids(&rows.sorted(sort)),
            ["flask", "bottle", "django", "stdlib"]
        );
        sort = sort.toggled(Column::Downloads);
        assert_eq!(
            ids(&rows.sorted(sort)),
            ["django", "flask", "bottle", "stdlib"]
        );
        assert_eq!(sort.aria(Column::Downloads), "descending");
        assert_eq!(sort.aria(Column::Name), "none");
        sort = sort.toggled(Column::Downloads);
        assert_eq!(
            ids(&rows.sorted(sort)),
            ["stdlib", "bottle", "flask", "django"]
        );
        assert_eq!(sort.aria(Column::Downloads), "ascending");
        sort = sort.toggled(Column::Downloads);
        assert_eq!(sort, Sort::default());
        sort = sort.toggled(Column::Released);
        assert_eq!(
            ids(&rows.sorted(sort)),
            ["django", "flask", "bottle", "stdlib"]
        );
        sort = sort.toggled(Column::Name);
        assert_eq!(
            ids(&rows.sorted(sort)),
            ["bottle", "django", "flask", "stdlib"]
        );
        assert_eq!(sort.mark(Column::Name), "▲");
    }
}
