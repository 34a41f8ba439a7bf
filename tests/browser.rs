//! Browser tests: real headless Chromium against the release `dist/`, served over HTTP on
//! 127.0.0.1 by `site serve`. `scripts/test` builds `dist/` and installs Chromium and
//! chromedriver first; a missing browser fails these tests, it never skips them.
//!
//! One test binary, one file per feature under `tests/browser/`.

#[path = "browser/support.rs"]
mod support;

#[path = "browser/accessibility.rs"]
mod accessibility;
#[path = "browser/data.rs"]
mod data;
#[path = "browser/embed.rs"]
mod embed;
#[path = "browser/explorer.rs"]
mod explorer;
#[path = "browser/keyboard.rs"]
mod keyboard;
#[path = "browser/navigation.rs"]
mod navigation;
#[path = "browser/prerender.rs"]
mod prerender;
#[path = "browser/pulse.rs"]
mod pulse;
#[path = "browser/pwa.rs"]
mod pwa;
#[path = "browser/search.rs"]
mod search;
#[path = "browser/security.rs"]
mod security;
#[path = "browser/theme.rs"]
mod theme;
