//! The content model: the categories and site texts that `build.rs` generates from
//! `content/`, as plain `'static` data. No parsing happens at run time.

/// An icon: SVG path data for a 24×24 line drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icon(pub &'static [&'static str]);

/// A library or tool with its official link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Library {
    /// Display name.
    pub name: &'static str,
    /// Official home page or documentation.
    pub url: &'static str,
    /// One line about it.
    pub about: &'static str,
}

/// One field where Python is used: a card on the home page and a page of its own.
#[derive(Debug, PartialEq, Eq)]
pub struct Category {
    /// URL slug: `category/<slug>`.
    pub slug: &'static str,
    /// Card and page title.
    pub title: &'static str,
    /// One sentence for the card and the meta description.
    pub summary: &'static str,
    /// The card's icon.
    pub icon: Icon,
    /// Tag ids, for the filter chips.
    pub tags: &'static [&'static str],
    /// Other names the field goes by; shown and searchable.
    pub aliases: &'static [&'static str],
    /// Extra search terms; not shown.
    pub keywords: &'static [&'static str],
    /// Slugs of related categories.
    pub related: &'static [&'static str],
    /// Best-known libraries, most important first.
    pub libraries: &'static [Library],
    /// The body as HTML, checked and rendered at build time from trusted content.
    pub body_html: &'static str,
    /// The body as plain text, for search and snippets.
    pub body_text: &'static str,
}

/// A filter tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// Id used in URLs.
    pub id: &'static str,
    /// Chip label.
    pub label: &'static str,
}

/// One item of "Python is generally used for".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    /// The item's wording.
    pub label: &'static str,
    /// The slug of the card that covers it.
    pub category: &'static str,
}

/// One reason why Python is used so widely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reason {
    /// Short lead.
    pub title: &'static str,
    /// Inline HTML from trusted content.
    pub html: &'static str,
    /// The same without markup.
    pub text: &'static str,
}

/// A titled external link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// Link text.
    pub title: &'static str,
    /// Absolute URL.
    pub url: &'static str,
}

/// Site-wide texts and lists.
#[derive(Debug, PartialEq, Eq)]
pub struct Site {
    /// Site title.
    pub title: &'static str,
    /// Home page meta description.
    pub description: &'static str,
    /// The intro as HTML from trusted content.
    pub intro_html: &'static str,
    /// python.org's page on Python's applications.
    pub python_apps_url: &'static str,
    /// The Python Package Index.
    pub pypi_url: &'static str,
    /// Heading of the "why Python" section.
    pub why_title: &'static str,
    /// Closing sentence of the "why Python" section.
    pub why_summary: &'static str,
    /// Filter tags in display order.
    pub tags: &'static [Tag],
    /// "Python is generally used for".
    pub uses: &'static [Use],
    /// Why Python is used so widely.
    pub reasons: &'static [Reason],
    /// Further reading.
    pub further_reading: &'static [Link],
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The category with this slug.
pub fn category(slug: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.slug == slug)
}

/// The tag with this id.
pub fn tag(id: &str) -> Option<&'static Tag> {
    SITE.tags.iter().find(|t| t.id == id)
}

impl Category {
    /// True when the category carries the tag `id`.
    pub fn has_tag(&self, id: &str) -> bool {
        self.tags.contains(&id)
    }

    /// True when the category lists a library named `name` (ASCII case-insensitive).
    pub fn has_library(&self, name: &str) -> bool {
        self.libraries
            .iter()
            .any(|l| l.name.eq_ignore_ascii_case(name))
    }

    /// The related categories, in the order the content lists them.
    pub fn related_categories(&self) -> impl Iterator<Item = &'static Category> + '_ {
        self.related.iter().filter_map(|slug| category(slug))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_related_slug_and_use_resolves() {
        for c in &CATEGORIES {
            assert_eq!(
                c.related_categories().count(),
                c.related.len(),
                "{}",
                c.slug
            );
        }
        for used in SITE.uses {
            assert!(category(used.category).is_some(), "{}", used.category);
        }
    }

    #[test]
    fn lookups() {
        let first = &CATEGORIES[0];
        assert_eq!(category(first.slug), Some(first));
        assert!(category("no-such-field").is_none());
        assert!(first.has_tag(first.tags[0]));
        assert!(first.has_library(&first.libraries[0].name.to_ascii_uppercase()));
    }
}
