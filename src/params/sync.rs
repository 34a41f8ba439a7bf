//! Keeping the home page's search box and its URL in step, as a plain type with no web
//! APIs, so the rules are tested natively.
//!
//! The box shows what is typed at once, and the URL follows once typing pauses (replacing
//! the history entry, so Back leaves the page rather than undoing keystrokes). The router
//! settles a navigation a moment after it starts, so the query the page wrote can come
//! back from the router after more keystrokes: that echo must not undo them. Any other
//! change of the URL (Back, a link) is adopted by the box.

/// What the home page last wrote to its URL, until the router reports it back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuerySync {
    /// The query this page wrote to the URL and the router has not reported back yet.
    echo: Option<String>,
}

impl QuerySync {
    /// Notes that the page is about to write `q` to the URL.
    pub fn wrote(&mut self, q: String) {
        self.echo = Some(q);
    }

    /// The router reports that the URL's query is now `url_q`, while the box holds
    /// `typed`. Returns the query the box must show instead, if any: `None` for the echo
    /// of the page's own write (whatever was typed since is kept) and when the box already
    /// shows it.
    pub fn url_changed(&mut self, url_q: &str, typed: &str) -> Option<String> {
        if self.echo.as_deref() == Some(url_q) {
            self.echo = None;
            None
        } else if url_q != typed {
            Some(url_q.to_owned())
        } else {
            None
        }
    }

    /// Whether the URL, holding `url_q`, lags behind the box, holding `typed`, so it must
    /// be written.
    pub fn needs_write(url_q: &str, typed: &str) -> bool {
        url_q != typed
    }
}

/// The library filter after the visitor picks `name` while `current` is set: picking the
/// filter in effect clears it.
pub fn toggle_library(current: Option<&'static str>, name: &'static str) -> Option<&'static str> {
    if current == Some(name) {
        None
    } else {
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_echo_of_a_write_keeps_later_keystrokes() {
        let mut sync = QuerySync::default();
        sync.wrote("djan".to_owned());
        // Typing went on to "django" before the router reported "djan" back.
        assert_eq!(sync.url_changed("djan", "django"), None);
        // The echo is consumed: the next change of the URL is the visitor's.
        assert_eq!(sync.url_changed("djan", "django"), Some("djan".to_owned()));
    }

    #[test]
    fn other_changes_of_the_url_are_adopted() {
        let mut sync = QuerySync::default();
        // Back, to an address with another query.
        assert_eq!(sync.url_changed("bots", "web"), Some("bots".to_owned()));
        // A write that has not come back yet does not hide another address.
        sync.wrote("web".to_owned());
        assert_eq!(sync.url_changed("", "web"), Some(String::new()));
        // Nothing to do when the box already shows the URL's query.
        assert_eq!(QuerySync::default().url_changed("ai", "ai"), None);
    }

    #[test]
    fn writes_only_when_the_url_lags() {
        assert!(QuerySync::needs_write("dj", "django"));
        assert!(!QuerySync::needs_write("django", "django"));
    }

    #[test]
    fn picking_the_library_in_effect_clears_it() {
        assert_eq!(toggle_library(None, "NumPy"), Some("NumPy"));
        assert_eq!(toggle_library(Some("NumPy"), "NumPy"), None);
        assert_eq!(toggle_library(Some("pandas"), "NumPy"), Some("NumPy"));
    }
}
