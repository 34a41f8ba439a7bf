//! Checks that span files: unique slugs, and tags, icons and related slugs that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::error::{ContentError, Errors};
use super::meta::{ParsedCategory, ParsedSite, is_slug};

/// Runs every cross-file check, reporting each problem at the line that caused it.
pub fn check(
    site: &ParsedSite,
    categories: &[ParsedCategory],
    file_slugs: &BTreeSet<String>,
    icons: &BTreeMap<String, String>,
    errors: &mut Errors,
) {
    let site_path = Path::new(super::SITE_FILE);

    let mut tag_ids = BTreeSet::new();
    for tag in &site.tags {
        if !is_slug(&tag.value) {
            errors.push(ContentError::at(
                site_path,
                tag.line,
                format!("tag id `{}` must be lowercase-kebab-case", tag.value),
            ));
        }
        if !tag_ids.insert(tag.value.as_str()) {
            errors.push(ContentError::at(
                site_path,
                tag.line,
                format!("duplicate tag id `{}`", tag.value),
            ));
        }
    }

    let mut slugs: BTreeMap<&str, &Path> = BTreeMap::new();
    for parsed in categories {
        let slug = parsed.category.slug.as_str();
        if let Some(first) = slugs.insert(slug, &parsed.path) {
            errors.push(ContentError::at(
                &parsed.path,
                parsed.slug_line,
                format!(
                    "duplicate slug `{slug}`: `{}` already uses it",
                    first.display()
                ),
            ));
            slugs.insert(slug, first);
        }
    }

    for parsed in categories {
        let category = &parsed.category;
        if !icons.contains_key(&category.icon) {
            errors.push(ContentError::at(
                &parsed.path,
                parsed.icon_line,
                format!(
                    "unknown icon `{}`; add it to icons.toml or use one of: {}",
                    category.icon,
                    join(icons.keys())
                ),
            ));
        }
        for tag in &parsed.tags {
            if !tag_ids.contains(tag.value.as_str()) {
                errors.push(ContentError::at(
                    &parsed.path,
                    tag.line,
                    format!(
                        "unknown tag `{}`; declare it in site.md or use one of: {}",
                        tag.value,
                        join(tag_ids.iter())
                    ),
                ));
            }
        }
        let mut seen = BTreeSet::new();
        for related in &parsed.related {
            let problem = if related.value == category.slug {
                Some(format!("`{}` lists itself as related", related.value))
            } else if !slugs.contains_key(related.value.as_str())
                && !file_slugs.contains(&related.value)
            {
                Some(format!(
                    "unknown related category `{}`: no categories/{}.md",
                    related.value, related.value
                ))
            } else if !seen.insert(related.value.as_str()) {
                Some(format!("`{}` is listed twice in related", related.value))
            } else {
                None
            };
            if let Some(problem) = problem {
                errors.push(ContentError::at(&parsed.path, related.line, problem));
            }
        }
    }

    for used in &site.uses {
        if !slugs.contains_key(used.value.as_str()) && !file_slugs.contains(&used.value) {
            errors.push(ContentError::at(
                site_path,
                used.line,
                format!(
                    "unknown category `{}` in uses: no categories/{}.md",
                    used.value, used.value
                ),
            ));
        }
    }
}

/// Joins names for a "use one of" hint.
fn join<'a>(names: impl Iterator<Item = impl AsRef<str> + 'a>) -> String {
    names
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}
