//! The installable, offline app, in one place:
//!
//! - [`registration`]: registering the service worker in the browser and following its
//!   updates (re-exported here, as the app uses it: [`PwaStatus`], [`register`],
//!   [`apply_update`]);
//! - [`notices`]: the notices that tell the visitor the app works offline or has an update;
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

pub use registration::{PwaStatus, apply_update, register};
