//! Checking one link: asking for it (`HEAD`, then `GET` when a server refuses `HEAD`),
//! following its redirects one by one so that each is seen, and judging where it ends.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use reqwest::{Client, Method, StatusCode, Url};
use tokio::sync::Semaphore;

use crate::http;

/// Statuses with which servers refuse `HEAD` but may answer `GET`.
const HEAD_REFUSED: [StatusCode; 3] = [
    StatusCode::METHOD_NOT_ALLOWED,
    StatusCode::FORBIDDEN,
    StatusCode::NOT_IMPLEMENTED,
];

/// The statuses that redirect to their `Location`.
const REDIRECTS: [StatusCode; 5] = [
    StatusCode::MOVED_PERMANENTLY,
    StatusCode::FOUND,
    StatusCode::SEE_OTHER,
    StatusCode::TEMPORARY_REDIRECT,
    StatusCode::PERMANENT_REDIRECT,
];

/// What happened to a link: the redirects it went through, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trail {
    /// The link.
    pub start: Url,
    /// Each redirect: its status and where it led.
    pub redirects: Vec<(StatusCode, Url)>,
    /// How it ended.
    pub end: End,
}

/// How a link's trail ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// An answer that is not a redirect, after this many tries.
    Answered(StatusCode, u32),
    /// No answer: why, in a few words.
    Failed(String),
    /// A redirect that cannot be followed: why.
    BadRedirect(String),
    /// More redirects than this.
    TooManyRedirects(usize),
}

/// What a link's trail means for the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It answers, where it says.
    Fine,
    /// It does not answer, or answers with an error: why.
    Broken(String),
    /// A redirect took it from HTTPS to plain HTTP, to this URL.
    Insecure(Url),
    /// It ends on another site, at this URL.
    OtherSite(Url),
    /// It ends elsewhere on the same site, at this URL.
    WithinSite(Url),
}

/// Judges a trail: broken first (wherever its redirects led), then a fall to plain HTTP,
/// then where it ends.
pub fn classify(trail: &Trail) -> Verdict {
    let broken = match &trail.end {
        End::Answered(status, _) if status.is_success() => None,
        End::Answered(status, 1) => Some(status.to_string()),
        End::Answered(status, tries) => Some(format!("{status} ({tries} tries)")),
        End::Failed(why) | End::BadRedirect(why) => Some(why.clone()),
        End::TooManyRedirects(limit) => Some(format!("more than {limit} redirects")),
    };
    if let Some(why) = broken {
        return Verdict::Broken(why);
    }
    let Some((_, last)) = trail.redirects.last() else {
        return Verdict::Fine;
    };
    let mut from = &trail.start;
    for (_, to) in &trail.redirects {
        if from.scheme() == "https" && to.scheme() == "http" {
            return Verdict::Insecure(to.clone());
        }
        from = to;
    }
    if site(&trail.start) == site(last) {
        Verdict::WithinSite(last.clone())
    } else {
        Verdict::OtherSite(last.clone())
    }
}

/// A URL's site: its host without a leading `www.`.
fn site(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    match host.strip_prefix("www.") {
        Some(rest) => rest.to_owned(),
        None => host,
    }
}

/// Whether a URL is for this machine, a private network or a name reserved for examples
/// (`localhost`, `127.0.0.1`, `example.org`, `*.test`…): a code example's, not a link.
pub fn is_local(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    if let Ok(ip) = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        return match ip {
            IpAddr::V4(ip) => {
                ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
            }
            IpAddr::V6(ip) => {
                ip.is_loopback()
                    || ip.is_unspecified()
                    || ip.is_unique_local()
                    || ip.is_unicast_link_local()
            }
        };
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let top = host.rsplit('.').next().unwrap_or_default();
    let reserved = ["example.com", "example.net", "example.org"]
        .iter()
        .any(|name| host == *name || host.ends_with(&format!(".{name}")));
    reserved || matches!(top, "localhost" | "test" | "example" | "invalid" | "local")
}

/// Asks for links, politely: a few requests at a time to each server, and every request
/// to a server waits when it asks for a pause.
pub struct Checker {
    client: Client,
    retries: u32,
    max_redirects: usize,
    per_host: usize,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
}

/// One server's share of the requests.
struct Host {
    slots: Semaphore,
    pacer: http::Pacer,
}

impl Checker {
    /// A checker that sends at most `per_host` requests at once to each server.
    pub fn new(client: Client, retries: u32, max_redirects: usize, per_host: usize) -> Checker {
        Checker {
            client,
            retries,
            max_redirects,
            per_host: per_host.max(1),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Follows `url` to its end.
    pub async fn check(&self, url: Url) -> Trail {
        let mut redirects = Vec::new();
        let mut current = url.clone();
        let end = loop {
            let answer = match self.ask(&current).await {
                Ok(answer) => answer,
                Err(why) => break End::Failed(why),
            };
            if !REDIRECTS.contains(&answer.status) {
                break End::Answered(answer.status, answer.tries);
            }
            let Some(location) = answer.location else {
                break End::BadRedirect(format!("{} without a Location", answer.status));
            };
            let next = match current.join(&location) {
                Ok(next) if matches!(next.scheme(), "http" | "https") => next,
                _ => {
                    break End::BadRedirect(format!(
                        "{} to `{location}`, which cannot be followed",
                        answer.status
                    ));
                }
            };
            redirects.push((answer.status, next.clone()));
            if redirects.len() > self.max_redirects {
                break End::TooManyRedirects(self.max_redirects);
            }
            current = next;
        };
        Trail {
            start: url,
            redirects,
            end,
        }
    }

    /// One URL's answer: `HEAD`, or `GET` when `HEAD` is refused.
    async fn ask(&self, url: &Url) -> Result<http::Answer, String> {
        let host = self.host(url);
        let _slot = host.slots.acquire().await.map_err(|e| e.to_string())?;
        let patience = http::Patience {
            retries: self.retries,
            pacer: &host.pacer,
        };
        let answer = http::fetch(&self.client, Method::HEAD, url.as_str(), false, patience).await?;
        if HEAD_REFUSED.contains(&answer.status) {
            http::fetch(&self.client, Method::GET, url.as_str(), false, patience).await
        } else {
            Ok(answer)
        }
    }

    /// The share of `url`'s server.
    fn host(&self, url: &Url) -> Arc<Host> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or_default()
        );
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(key)
            .or_insert_with(|| {
                Arc::new(Host {
                    slots: Semaphore::new(self.per_host),
                    pacer: http::Pacer::default(),
                })
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    fn trail(start: &str, hops: &[&str], end: End) -> Trail {
        Trail {
            start: url(start),
            redirects: hops
                .iter()
                .map(|hop| (StatusCode::MOVED_PERMANENTLY, url(hop)))
                .collect(),
            end,
        }
    }

    const OK: End = End::Answered(StatusCode::OK, 1);

    #[test]
    fn a_redirect_from_https_to_http_is_insecure_wherever_it_leads() {
        let insecure = trail(
            "https://docs.example.dev/guide/",
            &["http://docs.example.dev/guide/"],
            OK,
        );
        assert_eq!(
            classify(&insecure),
            Verdict::Insecure(url("http://docs.example.dev/guide/"))
        );
        // Even when a later hop comes back to HTTPS, and on another site.
        let through = trail("https://a.dev/", &["http://b.dev/", "https://b.dev/"], OK);
        assert_eq!(classify(&through), Verdict::Insecure(url("http://b.dev/")));
        // From HTTP to HTTPS is an upgrade, on the same site.
        let upgrade = trail("http://a.dev/", &["https://www.a.dev/"], OK);
        assert_eq!(
            classify(&upgrade),
            Verdict::WithinSite(url("https://www.a.dev/"))
        );
    }

    #[test]
    fn sites_are_compared_by_host_without_www() {
        assert_eq!(classify(&trail("https://a.dev/x", &[], OK)), Verdict::Fine);
        assert_eq!(
            classify(&trail("https://www.a.dev/x", &["https://a.dev/x/"], OK)),
            Verdict::WithinSite(url("https://a.dev/x/"))
        );
        assert_eq!(
            classify(&trail("https://a.dev/", &["https://docs.a.dev/"], OK)),
            Verdict::OtherSite(url("https://docs.a.dev/"))
        );
        assert_eq!(
            classify(&trail("https://a.dev/", &["https://b.dev/"], OK)),
            Verdict::OtherSite(url("https://b.dev/"))
        );
    }

    #[test]
    fn an_error_at_the_end_is_broken_and_says_where() {
        assert_eq!(
            classify(&trail(
                "https://a.dev/",
                &[],
                End::Answered(StatusCode::NOT_FOUND, 1)
            )),
            Verdict::Broken("404 Not Found".to_owned())
        );
        assert_eq!(
            classify(&trail(
                "https://a.dev/",
                &["https://b.dev/"],
                End::Answered(StatusCode::SERVICE_UNAVAILABLE, 3)
            )),
            Verdict::Broken("503 Service Unavailable (3 tries)".to_owned())
        );
        assert_eq!(
            classify(&trail(
                "https://a.dev/",
                &[],
                End::Failed("timed out".to_owned())
            )),
            Verdict::Broken("timed out".to_owned())
        );
        assert_eq!(
            classify(&trail("https://a.dev/", &[], End::TooManyRedirects(10))),
            Verdict::Broken("more than 10 redirects".to_owned())
        );
    }

    #[test]
    fn local_and_example_hosts_are_not_links() {
        for local in [
            "http://127.0.0.1:5000/",
            "http://localhost:8000/",
            "http://[::1]/",
            "http://192.168.1.10/",
            "https://example.com/",
            "https://api.example.org/v1",
            "https://site.test/",
        ] {
            assert!(is_local(&url(local)), "{local}");
        }
        for public in [
            "https://pypi.org/",
            "https://quotes.toscrape.com/",
            "https://examples.dev/",
            "http://8.8.8.8/",
        ] {
            assert!(!is_local(&url(public)), "{public}");
        }
    }
}
