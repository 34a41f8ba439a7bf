//! The content pipeline on fixtures: a valid base folder, and one folder per kind of bad
//! content that overlays the base with the files it changes. Each error must name the
//! file, the line and the problem.

use std::fs;
use std::path::{Path, PathBuf};

use pyuses_content::pipeline;

use pyuses_content::pipeline::{ContentError, Sources};

const FIXTURES: &str = "tests/content_pipeline";

/// Every file below `dir`, keyed by its path relative to `dir`.
fn files_below(dir: &Path) -> Sources {
    fn walk(root: &Path, dir: &Path, out: &mut Sources) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read_to_string(&path).unwrap(),
                );
            }
        }
    }
    let mut out = Sources::new();
    walk(dir, dir, &mut out);
    out
}

/// The base fixture with the case's files laid over it.
fn case_sources(case: &str) -> Sources {
    let mut sources = pipeline::read_sources(&Path::new(FIXTURES).join("base")).unwrap();
    sources.extend(files_below(&Path::new(FIXTURES).join(case)));
    sources
}

/// The errors the case produces.
fn errors(case: &str) -> Vec<ContentError> {
    match pipeline::build(&case_sources(case)) {
        Ok(_) => panic!("case `{case}` should fail"),
        Err(errors) => errors.into_sorted(),
    }
}

/// Asserts that the case fails with exactly one error, at `file:line`, containing `needle`.
fn assert_single_error(case: &str, file: &str, line: usize, needle: &str) {
    let errors = errors(case);
    assert_eq!(errors.len(), 1, "{case}: {errors:#?}");
    let error = &errors[0];
    assert_eq!(error.file, PathBuf::from(file), "{case}: {error}");
    assert_eq!(error.line, Some(line), "{case}: {error}");
    assert!(
        error.message.contains(needle),
        "{case}: `{}` should contain `{needle}`",
        error.message
    );
}

#[test]
fn base_fixture_is_valid() {
    let content = pipeline::build(&case_sources("base")).unwrap();
    assert_eq!(
        content
            .categories
            .iter()
            .map(|c| c.slug.as_str())
            .collect::<Vec<_>>(),
        ["alpha", "beta"]
    );
    let alpha = &content.categories[0];
    assert_eq!(alpha.libraries, ["django"]);
    assert_eq!(content.libraries[0].name, "Django");
    assert_eq!(
        content.libraries[0].install,
        pyuses_content::Install::Pypi("Django".into())
    );
    assert!(
        content.pages[0]
            .html
            .contains(r#"rel="noopener noreferrer""#)
    );
    assert_eq!(content.pages[0].start.len(), 3);
    assert!(
        content.pages[0]
            .html
            .contains("<span class=\"hl-keyword\">def</span>")
    );
    // The example is shown, not searched.
    let alpha_at = content.categories.iter().position(|c| c.slug == alpha.slug);
    assert_eq!(
        alpha_at.map(|i| content.bodies[i].as_str()),
        Some("Alpha’s body, with a link.\nWhat the code looks like")
    );
    assert_eq!(
        content.site.reasons[0].html,
        "Simple <em>and</em> <a href=\"https://www.python.org/\" target=\"_blank\" rel=\"noopener noreferrer\">open</a>."
    );
    assert_eq!(content.site.intro_html, "<p>The intro.</p>\n");
}

#[test]
fn data_files_keep_every_character() {
    let mut sources = case_sources("base");
    let beta = sources.get_mut(Path::new("categories/beta.md")).unwrap();
    *beta = beta.replace("Beta's body.", "Quotes \" and \\ backslashes.");
    let content = pipeline::build(&sources).unwrap();
    let home = content.home_data(vec!["a.bin".into(), "b.bin".into()], "s.bin".into());
    let decoded: pyuses_content::HomeData =
        pyuses_content::decode(&pyuses_content::encode(&home)).unwrap();
    assert_eq!(decoded.search, "s.bin");
    let search: pyuses_content::SearchData =
        pyuses_content::decode(&pyuses_content::encode(&content.search_data())).unwrap();
    assert_eq!(
        search.bodies[1],
        "Section\nQuotes “ and \\ backslashes.\nWhat the code looks like"
    );
    let texts: Vec<_> = content.details.iter().map(|d| d.text()).collect();
    assert_eq!(search.libraries, texts);
    assert_eq!(decoded.bodies, ["a.bin", "b.bin"]);
    assert!(decoded.icons.contains_key("globe"));
    assert_eq!(decoded.categories[1].icon, "chart");
    let body = content.field_bodies().nth(1).unwrap();
    let again: pyuses_content::FieldBody =
        pyuses_content::decode(&pyuses_content::encode(&body)).unwrap();
    assert_eq!(again, body);
    assert!(again.page.html.contains("backslashes"));
}

#[test]
fn the_search_data_is_a_file_of_its_own_that_finds_the_fields() {
    let content = pipeline::build(&case_sources("base")).unwrap();
    let search = content.search_data();
    let decoded: pyuses_content::SearchData =
        pyuses_content::decode(&pyuses_content::encode(&search)).unwrap();
    let lists = pyuses_content::DocumentLists::new(
        &content.site,
        &content.categories,
        &content.libraries,
        &decoded.libraries,
    );
    let docs = pyuses_content::search_documents(
        &content.site,
        &content.categories,
        &decoded.bodies,
        &lists,
    );
    let index = pyuses_search::Index::from_data(&docs, decoded.index).unwrap();
    let beta = content
        .categories
        .iter()
        .position(|c| c.slug == "beta")
        .unwrap();
    assert_eq!(
        index.search("beta", |_| true).hits.first().map(|h| h.doc),
        Some(beta)
    );
}

/// The home data holds what the cards show; the bodies' texts and what search reads of the
/// libraries come with the search data, and each field page brings its own libraries'
/// details: their links, figures and standing are in no other file.
#[test]
fn the_home_data_leaves_the_texts_and_details_to_the_other_files() {
    let content = pipeline::build(&case_sources("base")).unwrap();
    let home = pyuses_content::encode(&content.home_data(vec!["a".into(), "b".into()], "s".into()));
    let holds = |bytes: &[u8], text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
    let body = content.bodies[0].lines().next().unwrap();
    let about = &content.details[0].about;
    assert!(
        !holds(&home, body),
        "the home data holds the body text {body:?}"
    );
    assert!(
        !holds(&home, about),
        "the home data holds the library details {about:?}"
    );
    let search = pyuses_content::encode(&content.search_data());
    assert!(holds(&search, body) && holds(&search, about));
    let url = &content.details[0].url;
    assert!(
        !holds(&search, url),
        "the search data holds the library link {url:?}"
    );
    for (category, body) in content.categories.iter().zip(content.field_bodies()) {
        let ids: Vec<&str> = body.libraries.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, category.libraries, "{}", category.slug);
    }
}

#[test]
fn damaged_data_files_are_rejected() {
    let content = pipeline::build(&case_sources("base")).unwrap();
    let bytes =
        pyuses_content::encode(&content.home_data(vec!["a".into(), "b".into()], "s".into()));
    let cut = pyuses_content::decode::<pyuses_content::HomeData>(&bytes[..bytes.len() / 2]);
    assert!(matches!(cut, Err(pyuses_content::DecodeError::Corrupt(_))));
    let garbage = pyuses_content::decode::<pyuses_content::FieldBody>(b"<!doctype html>");
    assert!(garbage.is_err());
    let mut body = content.field_bodies().next().unwrap();
    body.format += 1;
    let newer = pyuses_content::decode::<pyuses_content::FieldBody>(&pyuses_content::encode(&body));
    assert_eq!(
        newer,
        Err(pyuses_content::DecodeError::Format(
            pyuses_content::FORMAT + 1
        ))
    );
}

#[test]
fn missing_field() {
    assert_single_error(
        "missing_field",
        "categories/beta.md",
        2,
        "missing field `summary`",
    );
}

#[test]
fn wrongly_typed_field() {
    assert_single_error(
        "wrong_type",
        "categories/beta.md",
        5,
        "invalid type: string \"second\", expected i64",
    );
}

#[test]
fn front_matter_that_does_not_parse() {
    assert_single_error(
        "unparsable_front_matter",
        "categories/beta.md",
        3,
        "invalid front matter",
    );
}

#[test]
fn missing_front_matter_fence() {
    assert_single_error(
        "missing_fence",
        "categories/beta.md",
        1,
        "must start with a `+++` line",
    );
}

#[test]
fn unknown_front_matter_field() {
    assert_single_error(
        "unknown_field",
        "categories/beta.md",
        7,
        "unknown field `colour`",
    );
}

#[test]
fn duplicate_slug() {
    assert_single_error(
        "duplicate_slug",
        "categories/gamma.md",
        2,
        "duplicate slug `alpha`",
    );
}

#[test]
fn unknown_related_slug() {
    assert_single_error(
        "unknown_related",
        "categories/beta.md",
        9,
        "unknown related category `no-such-category`",
    );
}

#[test]
fn unknown_tag() {
    assert_single_error("unknown_tag", "categories/beta.md", 6, "unknown tag `nope`");
}

#[test]
fn unknown_icon() {
    assert_single_error(
        "unknown_icon",
        "categories/beta.md",
        4,
        "unknown icon `rocket`",
    );
}

#[test]
fn relative_icon_path() {
    assert_single_error(
        "relative_icon_path",
        "icons.toml",
        2,
        "icon `chart` has a path that does not start with an absolute move (`M`): `m10 20V4`",
    );
}

#[test]
fn raw_script() {
    assert_single_error(
        "raw_script",
        "categories/beta.md",
        14,
        "raw `<script>` is not allowed",
    );
}

#[test]
fn raw_html() {
    assert_single_error(
        "raw_html",
        "categories/beta.md",
        12,
        "raw HTML is not allowed",
    );
}

#[test]
fn javascript_url_in_markdown() {
    assert_single_error(
        "javascript_url",
        "categories/beta.md",
        14,
        "`javascript:` URLs are not allowed",
    );
}

#[test]
fn javascript_url_in_front_matter() {
    assert_single_error(
        "javascript_library_url",
        "libraries/evil.toml",
        3,
        "`javascript:` URLs are not allowed",
    );
}

#[test]
fn file_name_that_is_not_a_slug() {
    assert_single_error(
        "bad_slug",
        "categories/Beta_Two.md",
        1,
        "the slug `Beta_Two` must be lowercase",
    );
}

#[test]
fn use_of_an_unknown_category() {
    assert_single_error(
        "unknown_use",
        "site.md",
        17,
        "unknown category `gone` in uses",
    );
}

#[test]
fn errors_display_file_and_line() {
    let error = &errors("unknown_tag")[0];
    assert_eq!(
        error.display_in(Path::new("content")),
        "content/categories/beta.md:6: unknown tag `nope`; declare it in site.md or use one of: `data`, `web`"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut sources = case_sources("unknown_tag");
    sources.extend(files_below(&Path::new(FIXTURES).join("duplicate_slug")));
    let errors = pipeline::build(&sources).unwrap_err().into_sorted();
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn the_real_content_is_valid() {
    let content = pipeline::build(&pipeline::read_sources(Path::new("content")).unwrap())
        .unwrap_or_else(|errors| panic!("{:#?}", errors.into_sorted()));
    assert!(content.categories.len() >= 21);
    assert_eq!(content.site.uses.len(), 15, "the seed lists 15 uses");
}

#[test]
fn a_field_that_names_an_unknown_library() {
    assert_single_error(
        "unknown_library",
        "categories/beta.md",
        8,
        "unknown library `nope`: there is no libraries/nope.toml",
    );
}

#[test]
fn a_library_no_field_uses() {
    assert_single_error(
        "unused_library",
        "libraries/flask.toml",
        1,
        "no field uses the library `flask`",
    );
}

#[test]
fn two_entries_for_one_pypi_project() {
    assert_single_error(
        "duplicate_pypi",
        "libraries/django-again.toml",
        2,
        "the PyPI project `django` is already described by `libraries/django.toml`",
    );
}

#[test]
fn a_library_link_that_is_not_https() {
    assert_single_error(
        "http_library_link",
        "libraries/django.toml",
        4,
        "`docs` must be an https:// link",
    );
}

#[test]
fn a_pypi_name_that_breaks_the_naming_rules() {
    assert_single_error(
        "bad_pypi_name",
        "libraries/django.toml",
        2,
        "is not a valid PyPI project name",
    );
}

#[test]
fn a_field_without_an_example() {
    assert_single_error(
        "missing_example",
        "categories/beta.md",
        12,
        "a field needs one ```python example",
    );
}

#[test]
fn an_example_that_is_not_valid_python() {
    assert_single_error(
        "invalid_example",
        "categories/beta.md",
        23,
        "the Python example is not valid Python 3",
    );
}

#[test]
fn the_real_content_is_the_definitive_map() {
    let content = pipeline::build_dir(Path::new("content")).expect("content/ builds");
    assert!(
        content.categories.len() >= 40,
        "{} fields",
        content.categories.len()
    );
    assert!(
        content.libraries.len() >= 400,
        "{} libraries",
        content.libraries.len()
    );
    for (category, page) in content.categories.iter().zip(&content.pages) {
        assert!(
            page.html.contains("<figure class=\"code-example\">"),
            "{} has a highlighted example",
            category.slug
        );
        assert!(
            (3..=5).contains(&page.start.len()),
            "{} has 3 to 5 steps",
            category.slug
        );
        assert!(
            category.libraries.len() >= 5,
            "{} lists its libraries",
            category.slug
        );
    }
    // Most fields list at least eight libraries.
    let eight = content
        .categories
        .iter()
        .filter(|c| c.libraries.len() >= 8)
        .count();
    assert!(
        eight * 10 >= content.categories.len() * 9,
        "{eight} fields have 8 or more"
    );
}

#[test]
fn a_library_in_no_group_of_its_field() {
    assert_single_error(
        "ungrouped_library",
        "categories/alpha.md",
        9,
        "`flask` is in none of this field's `[[groups]]`",
    );
}

#[test]
fn a_group_naming_a_library_the_field_does_not_list() {
    assert_single_error(
        "group_names_other_library",
        "categories/alpha.md",
        10,
        "names `flask`, which is not in this field's `libraries`",
    );
}

#[test]
fn stable_and_history_at_once() {
    assert_single_error(
        "stable_and_history",
        "libraries/django.toml",
        6,
        "either `stable`",
    );
}

#[test]
fn figures_for_another_project() {
    let errors = errors("pulse_for_other_project");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, PathBuf::from("pulse.toml"));
    assert!(
        errors[0].message.contains("run `site pulse refresh`"),
        "{}",
        errors[0]
    );
}

#[test]
fn figures_reach_the_details_with_their_sources_and_a_quiet_library_is_named() {
    use pyuses_content::{Downloads, Month, Standing};
    let content = pipeline::build(&case_sources("pulse")).unwrap();
    let django = &content.details[0];
    let pulse = django.pulse.as_ref().expect("django has figures");
    assert_eq!(pulse.version.as_deref(), Some("4.0.1"));
    assert_eq!(
        pulse.released,
        Some(Month {
            year: 2022,
            month: 1
        })
    );
    // Not in the download data: fewer than its smallest count.
    assert_eq!(pulse.downloads, Downloads::FewerThan(1000));
    assert_eq!(content.site.sources.len(), 2);
    assert_eq!(content.site.sources[1].date, "2026-04-01");
    assert_eq!(django.standing, Standing::Current);
    assert_eq!(content.warnings.len(), 1, "{:?}", content.warnings);
    assert!(content.warnings[0].contains("no release since January 2022"));

    // Saying it is stable silences the warning.
    let mut sources = case_sources("pulse");
    sources
        .get_mut(Path::new("libraries/django.toml"))
        .unwrap()
        .push_str("stable = \"Feature-complete.\"\n");
    assert!(pipeline::build(&sources).unwrap().warnings.is_empty());
}

#[test]
fn a_field_without_groups() {
    assert_single_error(
        "ungrouped_field",
        "categories/alpha.md",
        9,
        "puts its libraries in `[[groups]]`",
    );
}
