//! The embed: the explorer as a widget on other sites' pages, in one place.
//!
//! - [`view`]: the embed view, `/embed/`, the explorer without the site around it;
//! - [`dialog`]: the site's "Embed" dialog, which writes the snippets and previews them;
//! - [`params`]: the embed's URL parameters (pure, tested natively);
//! - [`message`]: the postMessage protocol between the view and the page around it;
//! - `embed/embed.js`: the loader other sites include, copied to `dist/embed.js` as is.

pub mod dialog;
pub mod message;
pub mod params;
pub mod view;
