//! The catalog (`crates/catalog`) as the app uses it: over the site's data, which lives
//! as long as the page (see [`crate::content::SiteData`]), so its borrows are `'static`.

pub use pyuses_catalog::Catalog;

/// A section of the home page that search can find.
pub type Section = pyuses_catalog::Section<'static>;
/// What a listed card shows.
pub type Target = pyuses_catalog::Target<'static>;
/// A library the query names.
pub type LibraryEntry = pyuses_catalog::LibraryEntry<'static>;
/// One card in the listing.
pub type Entry = pyuses_catalog::Entry<'static>;
/// What the home page shows for a set of parameters.
pub type Listing = pyuses_catalog::Listing<'static>;
