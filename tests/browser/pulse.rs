//! The library pulse: the comparison tables sort, a library page shows its figures with
//! their sources and its alternatives, a quiet library says so, and the open data reads
//! back.

use pyuses_content::Downloads;
use pyuses_content::figures::{self, Status};

use crate::support::{Browser, Result, Server, content, dist_dir};

/// The names in a table's rows, top to bottom.
async fn row_names(browser: &Browser, table: &str) -> Result<Vec<String>> {
    browser
        .texts(&format!("{table} tbody th[scope=row] a:not(.library-site)"))
        .await
}

#[tokio::test]
async fn a_fields_frameworks_sort_by_downloads_and_back() -> Result {
    let data = content();
    let page = data
        .body("web-development")
        .expect("the field page is installed");
    let group = page
        .groups
        .iter()
        .position(|g| g.libraries.len() >= 3)
        .expect("web development has a group of three or more");
    let table = format!(".libraries .table-scroll:nth-of-type({}) table", group + 1);
    let browser = Browser::start().await?;
    browser.open("/category/web-development/").await?;
    browser.ready().await?;
    let in_content_order = row_names(&browser, &table).await?;
    let names_of = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .map(|id| data.library(id).unwrap().name.clone())
            .collect()
    };
    assert_eq!(in_content_order, names_of(&page.groups[group].libraries));

    let mut by_downloads = page.groups[group].libraries.clone();
    by_downloads.sort_by_key(|id| {
        std::cmp::Reverse(
            data.library_details(id)
                .and_then(|d| d.pulse.as_ref())
                .map(|p| p.downloads.sort_key()),
        )
    });
    let header = format!("{table} th.col-downloads button");
    browser.wait(&header).await?.click().await?;
    browser
        .wait_js(&format!(
            "document.querySelector('{table} th.col-downloads').getAttribute('aria-sort') === 'descending'"
        ))
        .await?;
    assert_eq!(row_names(&browser, &table).await?, names_of(&by_downloads));

    // Again: the other way; a third time: the content's order.
    browser.wait(&header).await?.click().await?;
    let mut reversed = names_of(&by_downloads);
    reversed.reverse();
    assert_eq!(row_names(&browser, &table).await?, reversed);
    browser.wait(&header).await?.click().await?;
    assert_eq!(row_names(&browser, &table).await?, in_content_order);
    browser.finish().await
}

#[tokio::test]
async fn a_library_page_shows_its_figures_with_sources_and_its_alternatives() -> Result {
    let data = content();
    let details = data.library_details("django").unwrap();
    let pulse = details.pulse.as_ref().expect("Django has figures");
    let browser = Browser::start().await?;
    browser.open("/library/django/").await?;
    browser.ready().await?;
    let facts = browser.wait(".pulse .facts").await?.text().await?;
    assert!(facts.contains(pulse.version.as_deref().unwrap()), "{facts}");
    if let Downloads::Count(n) = pulse.downloads {
        assert!(facts.contains(&figures::grouped(n)), "{facts}");
    }
    for source in &data.site().sources {
        assert!(
            facts.contains(&source.date),
            "{facts} names {}",
            source.date
        );
    }
    // Its alternatives: every other member of its groups, linked, with figures.
    let alternatives = browser
        .texts(".alternatives tbody th[scope=row] a:not(.library-site)")
        .await?;
    let expected: Vec<String> = data
        .fields_using("django")
        .filter_map(|field| data.body(&field.slug))
        .flat_map(|page| page.groups.iter())
        .filter(|g| g.libraries.len() > 1 && g.libraries.iter().any(|id| id == "django"))
        .flat_map(|g| g.libraries.iter())
        .map(|id| data.library(id).unwrap().name.clone())
        .collect();
    assert!(!expected.is_empty(), "Django has alternatives");
    assert_eq!(alternatives, expected);
    let tables = browser.all(".alternatives table").await?.len();
    assert_eq!(
        browser
            .texts(".alternatives tr[aria-current=page] th a:not(.library-site)")
            .await?,
        vec!["Django".to_owned(); tables],
        "its own row is marked in each of its groups"
    );
    browser.finish().await
}

#[test]
fn a_library_without_recent_releases_says_so_without_javascript() {
    let data = content();
    let as_of = figures::as_of(data.site());
    let (library, sentence) = data
        .libraries()
        .iter()
        .find_map(|library| {
            let details = data.library_details(&library.id)?;
            match Status::of(details, as_of) {
                status @ (Status::Quiet(_) | Status::Stable(_, Some(_))) => {
                    Some((library, status.sentence()?))
                }
                _ => None,
            }
        })
        .expect("some library has had no release for 24 months");
    let server = Server::start(&dist_dir());
    let (status, _, html) = server.get(&format!("/library/{}/", library.id));
    assert_eq!(status, 200);
    assert!(html.contains("class=\"status-line\""), "{}", library.id);
    assert!(
        html.contains(&sentence.replace('\'', "&#x27;").replace('"', "&quot;"))
            || html.contains(&sentence),
        "{}: {sentence}",
        library.id
    );
}

#[test]
fn the_open_data_reads_back() {
    let data = content();
    let server = Server::start(&dist_dir());
    let (status, _, json) = server.get("/open-data/map.json");
    assert_eq!(status, 200);
    let map: serde_json::Value = serde_json::from_str(&json).expect("map.json is JSON");
    assert_eq!(
        map["libraries"].as_array().unwrap().len(),
        data.libraries().len()
    );
    assert_eq!(
        map["fields"].as_array().unwrap().len(),
        data.categories().len()
    );
    assert_eq!(map["sources"].as_array().unwrap().len(), 2);
    let (status, _, csv) = server.get("/open-data/libraries.csv");
    assert_eq!(status, 200);
    assert!(csv.starts_with("id,name,about,page,install,pypi,version,released,downloads_30_days"));
    let (status, _, schema) = server.get("/open-data/map.schema.json");
    assert_eq!(status, 200);
    assert!(schema.contains("\"$schema\""));
}
