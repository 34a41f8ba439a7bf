//! `site links`: checks every external link in the content and reports, with each place it
//! appears (file and line), the links that are broken, that a redirect takes to another
//! site or from HTTPS to plain HTTP, and those redirected within their site. It fails when
//! a link is broken. Each URL is asked for once, however often it appears.
//!
//! It needs the web, so it is run by hand before a deploy, not in CI.

mod check;
mod scan;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use futures::StreamExt;
use reqwest::Url;
use reqwest::redirect::Policy;

use check::{Checker, Trail, Verdict};
use scan::Place;

use crate::http;

/// `site links`' options.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Links checked at once
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Requests at once to any one server
    #[arg(long, default_value_t = 2)]
    pub per_host: usize,
    /// Seconds each request may take
    #[arg(long, value_name = "SECONDS", default_value = "20", value_parser = http::parse_seconds)]
    pub timeout: Duration,
    /// Tries after a failed one (network error, timeout, 5xx, 429)
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Redirects followed before a link counts as broken
    #[arg(long, default_value_t = 10)]
    pub max_redirects: usize,
    /// Also check links to this machine, private networks and example hosts (such as a code
    /// example's http://127.0.0.1:5000), which are skipped otherwise
    #[arg(long)]
    pub local: bool,
}

/// A link and what became of it.
struct Finding {
    url: String,
    places: Vec<Place>,
    verdict: Verdict,
    trail: Option<Trail>,
}

/// Checks the links and prints the report; an error when one is broken.
pub fn run(args: Args) -> Result<()> {
    let checked = check(args)?;
    print!("{}", checked.report);
    match checked.broken {
        0 => Ok(()),
        1 => bail!("1 link is broken"),
        n => bail!("{n} links are broken"),
    }
}

/// What `site links` found.
#[derive(Debug)]
pub struct Checked {
    /// The report, as printed.
    pub report: String,
    /// How many links are broken.
    pub broken: usize,
}

/// Checks the links.
pub fn check(args: Args) -> Result<Checked> {
    ensure!(args.concurrency > 0, "`--concurrency` must be at least 1");
    let sources = pyuses_content::pipeline::read_sources(&args.content)
        .with_context(|| format!("cannot read the content in `{}`", args.content.display()))?;
    let links = scan::links(&sources);
    let places = links.values().map(Vec::len).sum::<usize>();

    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    let mut to_check = Vec::new();
    for (url, places) in links {
        match Url::parse(&url) {
            Err(error) => findings.push(Finding {
                verdict: Verdict::Broken(format!("not a URL: {error}")),
                url,
                places,
                trail: None,
            }),
            Ok(parsed) if !args.local && check::is_local(&parsed) => skipped.push((url, places)),
            Ok(parsed) => to_check.push((url, parsed, places)),
        }
    }

    let client = http::client(args.timeout, Policy::none())?;
    let checker = Checker::new(client, args.retries, args.max_redirects, args.per_host);
    let runtime = tokio::runtime::Runtime::new().context("failed to start the runtime")?;
    findings.extend(runtime.block_on(check_all(&checker, to_check, args.concurrency)));

    let report = report(&args.content, sources.len(), places, &findings, &skipped);
    let broken = findings
        .iter()
        .filter(|f| matches!(f.verdict, Verdict::Broken(_)))
        .count();
    Ok(Checked { report, broken })
}

/// Checks every link, `concurrency` at a time, with a progress bar on a terminal.
async fn check_all(
    checker: &Checker,
    links: Vec<(String, Url, Vec<Place>)>,
    concurrency: usize,
) -> Vec<Finding> {
    let progress = http::progress(links.len(), "Links");
    let findings = futures::stream::iter(interleave_hosts(links))
        .map(|(url, parsed, places)| {
            let progress = &progress;
            async move {
                let trail = checker.check(parsed).await;
                progress.set_message(url.clone());
                progress.inc(1);
                Finding {
                    verdict: check::classify(&trail),
                    url,
                    places,
                    trail: Some(trail),
                }
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    progress.finish_and_clear();
    findings
}

/// The links ordered so that servers take turns: one server's many links (a code host's,
/// say) then wait for their host's slots spread among the others' rather than all at once.
fn interleave_hosts<T>(links: Vec<(String, Url, T)>) -> Vec<(String, Url, T)> {
    let mut by_host: BTreeMap<String, VecDeque<(String, Url, T)>> = BTreeMap::new();
    for link in links {
        let host = link.1.host_str().unwrap_or_default().to_owned();
        by_host.entry(host).or_default().push_back(link);
    }
    let mut ordered = Vec::new();
    while !by_host.is_empty() {
        by_host.retain(|_, queue| {
            ordered.extend(queue.pop_front());
            !queue.is_empty()
        });
    }
    ordered
}

/// The report: a line of counts, then each kind of finding, each link with where it led
/// and every place it appears.
fn report(
    dir: &Path,
    files: usize,
    places: usize,
    findings: &[Finding],
    skipped: &[(String, Vec<Place>)],
) -> String {
    let mut groups: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for finding in findings {
        let kind = match finding.verdict {
            Verdict::Fine => "fine",
            Verdict::Broken(_) => "broken",
            Verdict::Insecure(_) => "insecure",
            Verdict::OtherSite(_) => "other site",
            Verdict::WithinSite(_) => "within",
        };
        groups.entry(kind).or_default().push(finding);
    }
    let count = |kind: &str| groups.get(kind).map_or(0, Vec::len);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Checked {} links ({places} places in {files} files): {} fine, {} broken, {} now plain HTTP, {} moved to another site, {} redirected within their site.",
        findings.len(),
        count("fine"),
        count("broken"),
        count("insecure"),
        count("other site"),
        count("within"),
    );
    // When hardly any server answered, the network is the likelier culprit.
    let unanswered = findings
        .iter()
        .filter(|f| {
            f.trail
                .as_ref()
                .is_some_and(|t| t.redirects.is_empty() && matches!(t.end, check::End::Failed(_)))
        })
        .count();
    if findings.len() >= 5 && unanswered * 10 >= findings.len() * 9 {
        let _ = writeln!(
            out,
            "{unanswered} of them got no answer at all: is this machine offline, or behind a proxy?"
        );
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "Skipped {} to this machine, a private network or an example host (--local checks them):",
            if skipped.len() == 1 {
                "1 link".to_owned()
            } else {
                format!("{} links", skipped.len())
            }
        );
        for (url, places) in skipped {
            let _ = writeln!(out, "  {url}");
            for place in places {
                let _ = writeln!(out, "      {}", where_(dir, place));
            }
        }
    }
    for (kind, title) in [
        ("broken", "Broken"),
        ("insecure", "Now plain HTTP: a redirect leaves HTTPS"),
        (
            "other site",
            "Moved to another site: check it is still the right page, then update",
        ),
        ("within", "Redirected within their site (consider updating)"),
    ] {
        let Some(list) = groups.get_mut(kind) else {
            continue;
        };
        list.sort_by(|a, b| a.url.cmp(&b.url));
        let _ = writeln!(out, "\n{title} ({}):", list.len());
        for finding in list.iter() {
            let _ = writeln!(out, "  {}", finding.url);
            if let Some(trail) = &finding.trail {
                for (status, to) in &trail.redirects {
                    let _ = writeln!(out, "    → {to} ({})", status.as_u16());
                }
            }
            if let Verdict::Broken(why) = &finding.verdict {
                let _ = writeln!(out, "    {why}");
            }
            for place in &finding.places {
                let _ = writeln!(out, "      {}", where_(dir, place));
            }
        }
    }
    out
}

/// `content/libraries/django.toml:3`.
fn where_(dir: &Path, place: &Place) -> String {
    format!("{}:{}", dir.join(&place.file).display(), place.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_take_turns() {
        let link = |url: &str| (url.to_owned(), Url::parse(url).unwrap(), ());
        let ordered: Vec<String> = interleave_hosts(vec![
            link("https://a.dev/1"),
            link("https://a.dev/2"),
            link("https://a.dev/3"),
            link("https://b.dev/1"),
            link("https://c.dev/1"),
        ])
        .into_iter()
        .map(|(url, _, _)| url)
        .collect();
        assert_eq!(
            ordered,
            [
                "https://a.dev/1",
                "https://b.dev/1",
                "https://c.dev/1",
                "https://a.dev/2",
                "https://a.dev/3"
            ]
        );
    }
}
