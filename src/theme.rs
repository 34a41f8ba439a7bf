//! Colour themes. The page follows `prefers-color-scheme` unless the visitor picks a theme,
//! which is remembered. This module is the pure part: parsing and naming themes.

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl Theme {
    /// The localStorage key that remembers the visitor's choice.
    pub const STORAGE_KEY: &'static str = crate::names::THEME_STORAGE_KEY;

    /// Reads a stored or requested theme; anything unexpected is `None`, meaning "follow
    /// the system".
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    /// The value stored and written to `<html data-theme>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// The other theme.
    pub fn toggled(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }

    /// The theme in effect: the visitor's choice, or else the system's.
    pub fn effective(chosen: Option<Self>, system_prefers_dark: bool) -> Self {
        chosen.unwrap_or(if system_prefers_dark {
            Self::Dark
        } else {
            Self::Light
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_known_values() {
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse(" light\n"), Some(Theme::Light));
        for junk in [
            "",
            "Dark",
            "auto",
            "{\"theme\":\"dark\"}",
            "\u{0}",
            "dark mode",
        ] {
            assert_eq!(Theme::parse(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn round_trips_and_toggles() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
            assert_eq!(theme.toggled().toggled(), theme);
        }
    }

    #[test]
    fn choice_overrides_system() {
        assert_eq!(Theme::effective(None, true), Theme::Dark);
        assert_eq!(Theme::effective(None, false), Theme::Light);
        assert_eq!(Theme::effective(Some(Theme::Light), true), Theme::Light);
    }
}
