//! `icons.toml`: the icons' SVG path data, checked.

use std::collections::BTreeMap;
use std::path::Path;

use toml::Spanned;

use super::is_slug;
use crate::pipeline::error::{ContentError, Errors};
use crate::pipeline::front_matter;

/// Parses `icons.toml`: icon name → SVG path data, the icon's paths joined into one (each
/// starts with an absolute move, so joined they draw the same).
pub fn parse_icons(path: &Path, text: &str, errors: &mut Errors) -> BTreeMap<String, String> {
    let parsed: BTreeMap<String, Spanned<Vec<String>>> = match toml::from_str(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let (line, message) = front_matter::toml_problem(text, &error);
            errors.push(ContentError::at(
                path,
                line,
                format!("invalid icon file: {message}"),
            ));
            return BTreeMap::new();
        }
    };
    let mut icons = BTreeMap::new();
    for (name, paths) in parsed {
        let line = front_matter::line_of(text, paths.span().start);
        let paths = paths.into_inner();
        if !is_slug(&name) {
            errors.push(ContentError::at(
                path,
                line,
                format!("icon name `{name}` must be lowercase-kebab-case"),
            ));
        }
        if paths.is_empty() {
            errors.push(ContentError::at(
                path,
                line,
                format!("icon `{name}` has no paths"),
            ));
        }
        if let Some(bad) = paths.iter().find(|d| !is_path_data(d)) {
            errors.push(ContentError::at(
                path,
                line,
                format!("icon `{name}` has a path that is not SVG path data: `{bad}`"),
            ));
        } else if let Some(bad) = paths.iter().find(|d| !d.trim_start().starts_with('M')) {
            // An icon's paths are joined into one: a path that began with a relative move
            // would then start from where the previous one ended.
            errors.push(ContentError::at(
                path,
                line,
                format!(
                    "icon `{name}` has a path that does not start with an absolute move (`M`): `{bad}`"
                ),
            ));
        }
        icons.insert(name, paths.join(" "));
    }
    icons
}

/// True for strings made only of SVG path commands and numbers.
fn is_path_data(d: &str) -> bool {
    !d.trim().is_empty()
        && d.chars()
            .all(|c| c.is_ascii_digit() || " ,.-+eEMmLlHhVvCcSsQqTtAaZz".contains(c))
}
