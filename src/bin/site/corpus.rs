//! `site corpus`: the documents the app's search indexes, as JSON, so the search benchmark
//! can give exactly the same documents to every engine it compares.

use anyhow::{Context, Result, anyhow};
use pyuses::catalog::Catalog;
use pyuses::content::Data;
use serde_json::json;

/// Prints `{"documents": [...], "synonyms": [...]}` to standard output.
pub fn run() -> Result<()> {
    let content = pyuses_content::pipeline::build_dir(std::path::Path::new("content"))
        .map_err(|problems| anyhow!(problems.join("\n")))
        .context("the content in content/ does not build")?;
    let data = Data::from_content(&content, Vec::new());
    let catalog = Catalog::new(&data);
    let documents: Vec<_> = catalog
        .document_keys()
        .into_iter()
        .zip(
            catalog
                .documents()
                .context("the search data is not installed")?,
        )
        .map(|(key, doc)| {
            json!({
                "key": key,
                "title": doc.title,
                "aliases": doc.aliases,
                "alias_names": doc.alias_names,
                "libraries": doc.libraries,
                "summary": doc.summary,
                "body": doc.body,
                "about": doc.about,
            })
        })
        .collect();
    let out = json!({ "documents": documents, "synonyms": pyuses_content::synonym_groups(&content.categories) });
    println!("{out}");
    Ok(())
}
