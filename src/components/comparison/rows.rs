//! The rows of a comparison table and their order: plain data, tested natively.

use pyuses_content::figures::{self, Status};
use pyuses_content::{Downloads, Install, Library, LibraryDetails, Month};

/// One library's row, as its cells read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its id, for its page's link.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it does, in one line.
    pub about: &'static str,
    /// Its official site.
    pub url: &'static str,
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
                Some("No figures: not a PyPI project".to_owned()),
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
            url: &details.url,
            downloads,
            downloads_text,
            downloads_title,
            released,
            released_text,
            status_key: status.key(),
            status_text: status.label(),
        }
    }

    /// The rows of the libraries `ids`, in that order, as of the month the site's figures
    /// were read; a library whose details are not loaded is left out.
    pub fn of_group(data: &'static pyuses_catalog::Data, ids: &'static [String]) -> Vec<Self> {
        let as_of = figures::as_of(data.site());
        ids.iter()
            .filter_map(|id| {
                Some(Self::new(
                    data.library(id)?,
                    data.library_details(id)?,
                    as_of,
                ))
            })
            .collect()
    }

    /// The row's downloads as a sort key (0 when it has none).
    pub fn downloads_key(&self) -> u64 {
        self.downloads.map_or(0, Downloads::sort_key)
    }

    /// The row's release as a sort key: months since year 0 (0 when unknown).
    pub fn released_key(&self) -> u64 {
        self.released
            .map_or(0, |m| u64::from(m.year) * 12 + u64::from(m.month))
    }
}

/// A row's sort keys, as the table's markup carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Its place in the content's order.
    pub order: u64,
    /// Its name, lowercased.
    pub name: String,
    /// [`Row::downloads_key`].
    pub downloads: u64,
    /// [`Row::released_key`].
    pub released: u64,
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
    /// Every sortable column.
    pub const ALL: [Column; 3] = [Self::Name, Self::Downloads, Self::Released];

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

    /// The key its sort button carries.
    pub fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Downloads => "downloads",
            Self::Released => "released",
        }
    }

    /// The column of a sort button's key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
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

    /// The sort whose header for `column` reads `aria` (the inverse of [`Sort::aria`]).
    pub fn from_aria(column: Column, aria: &str) -> Self {
        let natural = Self {
            column: Some(column),
            reversed: false,
        };
        if natural.aria(column) == aria {
            natural
        } else {
            Self {
                column: Some(column),
                reversed: true,
            }
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

/// The positions of `keys` in the order `sort` asks for; ties keep the content's order.
pub fn sorted(keys: &[&Key], sort: Sort) -> Vec<usize> {
    let mut at: Vec<usize> = (0..keys.len()).collect();
    at.sort_by_key(|&i| keys[i].order);
    match sort.column {
        None => return at,
        Some(Column::Name) => at.sort_by(|&a, &b| keys[a].name.cmp(&keys[b].name)),
        Some(Column::Downloads) => at.sort_by_key(|&i| std::cmp::Reverse(keys[i].downloads)),
        Some(Column::Released) => at.sort_by_key(|&i| std::cmp::Reverse(keys[i].released)),
    }
    if sort.reversed {
        at.reverse();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(order: u64, name: &str, downloads: u64, released: u64) -> Key {
        Key {
            order,
            name: name.to_owned(),
            downloads,
            released,
        }
    }

    #[test]
    fn each_column_sorts_its_natural_way_then_reversed_then_back() {
        let keys = [
            key(0, "flask", 90, 24_317),
            key(1, "bottle", 24, 24_301),
            key(2, "django", 300, 24_322),
            key(3, "stdlib", 0, 0),
        ];
        let keys: Vec<&Key> = keys.iter().collect();
        let names = |sort: Sort| -> Vec<&str> {
            sorted(&keys, sort)
                .into_iter()
                .map(|i| keys[i].name.as_str())
                .collect()
        };
        let mut sort = Sort::default();
        assert_eq!(names(sort), ["flask", "bottle", "django", "stdlib"]);
        sort = sort.toggled(Column::Downloads);
        assert_eq!(names(sort), ["django", "flask", "bottle", "stdlib"]);
        assert_eq!(sort.aria(Column::Downloads), "descending");
        assert_eq!(sort.aria(Column::Name), "none");
        assert_eq!(Sort::from_aria(Column::Downloads, "descending"), sort);
        sort = sort.toggled(Column::Downloads);
        assert_eq!(names(sort), ["stdlib", "bottle", "flask", "django"]);
        assert_eq!(sort.aria(Column::Downloads), "ascending");
        assert_eq!(Sort::from_aria(Column::Downloads, "ascending"), sort);
        sort = sort.toggled(Column::Downloads);
        assert_eq!(sort, Sort::default());
        sort = sort.toggled(Column::Released);
        assert_eq!(names(sort), ["django", "flask", "bottle", "stdlib"]);
        sort = sort.toggled(Column::Name);
        assert_eq!(names(sort), ["bottle", "django", "flask", "stdlib"]);
        assert_eq!(sort.mark(Column::Name), "▲");
        assert_eq!(Column::from_key("released"), Some(Column::Released));
    }

    #[test]
    fn a_fewer_than_count_sorts_below_any_count_in_the_data() {
        let fewer = Downloads::FewerThan(57_487).sort_key();
        assert!(fewer < 57_487);
        assert!(fewer > 0, "and above libraries with no figures");
    }
}
