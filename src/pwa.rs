//! The installable, offline app, in one place:
//!
//! - [`registration`]: following the service worker that the page registered, and its
//!   updates (re-exported here, as the app uses it: [`PwaStatus`], [`follow_updates`],
//!   [`apply_update`]); the page's own script (`src/bin/site/boot.js`) registers the worker
//!   and drives the footer's "Save for offline use" control, with or without the app;
//! - [`notices`]: the notice that tells the visitor a new version is waiting;
//! - [`service_worker`] (native, `tools`): writing `dist/sw.js` from the template `sw.js`
//!   with this build's file list, which `site postbuild` calls;
//! - [`icons`] (native, `icons`): rasterising the app icon into the manifest's PNGs, which
//!   `site icons` calls.
//!
//! The web app manifest itself stays at `style/manifest.webmanifest`: `index.html` copies
//! it into `dist/` from there, and moving it would change nothing but that link.

#[cfg(feature = "icons")]
pub mod icons;
pub mod notices;
pub mod registration;
#[cfg(feature = "tools")]
pub mod service_worker;

pub use registration::{PwaStatus, apply_update, follow_updates};
