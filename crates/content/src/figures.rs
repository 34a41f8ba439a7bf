//! How the libraries' figures read: grouped and compact numbers, and a library's status
//! line, the same in the prerendered pages, the app and the chart.

use crate::{Downloads, LibraryDetails, Month, Site, Standing};

/// `31415926` → `31,415,926`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `31415926` → `31M`, `845210` → `845K`, `1520000` → `1.5M`: two significant figures
/// at most, for chart labels and table cells where the exact count is in a title.
pub fn compact(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")];
    for (size, unit) in UNITS {
        if n >= size {
            let tenths = (n * 10 + size / 2) / size;
            return if tenths >= 100 || tenths.is_multiple_of(10) {
                format!("{}{unit}", (tenths + 5) / 10)
            } else {
                format!("{}.{}{unit}", tenths / 10, tenths % 10)
            };
        }
    }
    n.to_string()
}

/// How a library's monthly downloads read: "31,415,926" or "fewer than 57,487".
pub fn downloads(downloads: Downloads) -> String {
    match downloads {
        Downloads::Count(n) => grouped(n),
        Downloads::FewerThan(n) => format!("fewer than {}", grouped(n)),
    }
}

/// The month the releases' figures were read, from the site's sources.
pub fn as_of(site: &Site) -> Option<Month> {
    site.sources.first().and_then(|s| Month::parse(&s.date))
}

/// What a library's status line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status<'a> {
    /// Released within [`crate::pulse::QUIET_MONTHS`], or no figures to say otherwise.
    Active,
    /// No release for [`crate::pulse::QUIET_MONTHS`] or more, and the content says nothing of it.
    Quiet(Month),
    /// The content calls it stable and rarely released; the month of its last release
    /// when that is long ago.
    Stable(&'a str, Option<Month>),
    /// The content keeps it for history.
    History(&'a str),
}

impl<'a> Status<'a> {
    /// The status of `details` as of the month the figures were read.
    pub fn of(details: &'a LibraryDetails, as_of: Option<Month>) -> Self {
        let quiet = as_of.and_then(|as_of| details.quiet_since(as_of));
        match &details.standing {
            Standing::History(note) => Self::History(note),
            Standing::Stable(note) => Self::Stable(note, quiet),
            Standing::Current => quiet.map_or(Self::Active, Self::Quiet),
        }
    }

    /// A short label for a table cell: "Active", "No release since March 2022",
    /// "Stable", "History".
    pub fn label(self) -> String {
        match self {
            Self::Active => "Active".to_owned(),
            Self::Quiet(month) => format!("No release since {month}"),
            Self::Stable(..) => "Stable, rarely released".to_owned(),
            Self::History(_) => "Marked as history".to_owned(),
        }
    }

    /// The full sentence for a library's page, or `None` for an active library.
    pub fn sentence(self) -> Option<String> {
        match self {
            Self::Active => None,
            Self::Quiet(month) => Some(format!("No release since {month}.")),
            Self::Stable(note, Some(month)) => Some(format!(
                "No release since {month}: stable and rarely released. {note}"
            )),
            Self::Stable(note, None) => Some(format!("Stable and rarely released. {note}")),
            Self::History(note) => Some(format!("Marked as history. {note}")),
        }
    }

    /// A key for the status attribute that styles it: `active`, `quiet`, `stable`, `history`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Quiet(_) => "quiet",
            Self::Stable(..) => "stable",
            Self::History(_) => "history",
        }
    }
}

/// The line that names a figure's source and date: "PyPI project list, 2026-12-01".
pub fn source_line(site: &Site, index: usize) -> Option<String> {
    site.sources
        .get(index)
        .map(|s| format!("{}, {}", s.name, s.date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pulse::QUIET_MONTHS;

    #[test]
    fn numbers_read_well() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(31_415_926), "31,415,926");
        assert_eq!(compact(950), "950");
        assert_eq!(compact(845_210), "845K");
        assert_eq!(compact(1_520_000), "1.5M");
        assert_eq!(compact(1_960_000), "2M");
        assert_eq!(compact(31_415_926), "31M");
        assert_eq!(compact(1_880_218_825), "1.9B");
        assert_eq!(downloads(Downloads::FewerThan(57_487)), "fewer than 57,487");
    }

    #[test]
    fn months_parse_and_count() {
        let march = Month::parse("2022-03").unwrap();
        assert_eq!(march.to_string(), "March 2022");
        assert_eq!(Month::parse("2026-12-01").unwrap().month, 12);
        assert!(Month::parse("2026-13").is_none());
        assert!(Month::parse("26-01").is_none());
        assert!(Month::parse("2026-01-40").is_none());
        assert_eq!(
            march.months_until(Month::parse("2024-03").unwrap()),
            QUIET_MONTHS
        );
    }
}
