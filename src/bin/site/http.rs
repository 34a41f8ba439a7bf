//! The HTTP client that `site pulse refresh` and `site links` share: rustls on the `ring`
//! provider with the system's certificates, a User-Agent that says who is asking, a
//! timeout per request, and patience: a failed try is tried again after a growing pause,
//! and a server that asks for a pause (`429` or `503` with `Retry-After`) gets it, from
//! every request to it, not only the one it answered.

use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, StatusCode};
use rustls_platform_verifier::BuilderVerifierExt;
use tokio::time::Instant;

/// Who is asking, and why, for the logs of the servers asked.
pub const USER_AGENT: &str = concat!(
    "pyuses-site/",
    env!("CARGO_PKG_VERSION"),
    " (the content tools of the explorer \"What is Python used for?\": link checks and PyPI figures, run by hand before a deploy)"
);

/// The longest pause asked with `Retry-After` that is waited out; a longer one is cut to this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// A client for the tools: `timeout` for each request, from connecting to the last byte.
pub fn client(timeout: Duration, redirect: Policy) -> Result<Client> {
    // rustls deprecates its `ring` provider for lacking post-quantum key exchange, which
    // guards secrets against decryption years later. These tools only read public pages,
    // and `ring` builds in seconds where `aws-lc-rs` needs a long C build.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .context("rustls has no TLS version in common with its provider")?
        .with_platform_verifier()
        .context("cannot read the system's certificates")?
        .with_no_client_auth();
    Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .redirect(redirect)
        .tls_backend_preconfigured(tls)
        .build()
        .context("cannot set up the HTTP client")
}

/// A progress bar for a batch of `len` requests, on stderr when it is a terminal (and
/// hidden otherwise, so that reports piped to a file stay clean).
pub fn progress(len: usize, prefix: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64).with_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(prefix);
    bar
}

/// Parses a number of seconds, such as `30` or `0.5`, for the command line.
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("`{text}` is not a number of seconds"))
}

/// A server's answer to one request.
#[derive(Debug)]
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// Its `Location` header, as sent.
    pub location: Option<String>,
    /// Its body, when it was asked for and the status is a success.
    pub body: Option<Vec<u8>>,
    /// The pause its `Retry-After` asks for.
    pub retry_after: Option<Duration>,
    /// The tries it took, 1 when the first one was answered.
    pub tries: u32,
}

/// A pause that every request to one server waits out: when the server asks for a pause,
/// the requests that have not been sent yet wait too, so the tool slows down as a whole.
#[derive(Debug, Default)]
pub struct Pacer {
    not_before: Mutex<Option<Instant>>,
}

impl Pacer {
    /// Waits until the server's pause, if any, is over.
    pub async fn wait(&self) {
        let until = *self.not_before.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = until {
            tokio::time::sleep_until(until).await;
        }
    }

    /// Makes every later request wait `pause` from now.
    pub fn pause(&self, pause: Duration) {
        let until = Instant::now() + pause;
        let mut not_before = self.not_before.lock().unwrap_or_else(|e| e.into_inner());
        if not_before.is_none_or(|current| current < until) {
            *not_before = Some(until);
        }
    }
}

/// How many times to try again, and whom to wait for.
#[derive(Debug, Clone, Copy)]
pub struct Patience<'a> {
    /// Tries after the first one.
    pub retries: u32,
    /// The pause shared by every request to the server.
    pub pacer: &'a Pacer,
}

/// Sends `method url` and returns the first answer that is not worth trying again, or the
/// last one: a network error, a timeout, a 5xx or a 429 is tried again up to
/// `patience.retries` times, after a growing pause or the one the server asks for.
/// `read_body` reads the body of a successful answer (a failure to read it is tried again
/// too). The error is a short sentence for a report.
pub async fn fetch(
    client: &Client,
    method: Method,
    url: &str,
    read_body: bool,
    patience: Patience<'_>,
) -> Result<Answer, String> {
    let mut retry = 0;
    loop {
        patience.pacer.wait().await;
        let result = once(client, method.clone(), url, read_body).await;
        let pause = match &result {
            Ok(answer) if answer.status == StatusCode::TOO_MANY_REQUESTS => {
                let pause = answer
                    .retry_after
                    .unwrap_or_else(|| backoff(retry))
                    .min(MAX_RETRY_AFTER);
                patience.pacer.pause(pause);
                Some(pause)
            }
            Ok(answer) if answer.status.is_server_error() => {
                let pause = match answer.retry_after {
                    Some(asked) => asked.min(MAX_RETRY_AFTER),
                    None => backoff(retry),
                };
                Some(pause)
            }
            Ok(_) => None,
            Err(_) => Some(backoff(retry)),
        };
        match pause {
            Some(pause) if retry < patience.retries => {
                retry += 1;
                tokio::time::sleep(pause).await;
            }
            _ => {
                let tries = retry + 1;
                return match result {
                    Ok(answer) => Ok(Answer { tries, ..answer }),
                    Err(why) if tries > 1 => Err(format!("{why} ({tries} tries)")),
                    Err(why) => Err(why),
                };
            }
        }
    }
}

/// One request, without retries.
async fn once(
    client: &Client,
    method: Method,
    url: &str,
    read_body: bool,
) -> Result<Answer, String> {
    let response = client
        .request(method, url)
        .send()
        .await
        .map_err(|e| describe(&e))?;
    let status = response.status();
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let retry_after = retry_after(response.headers(), SystemTime::now());
    let body = if read_body && status.is_success() {
        let bytes = response.bytes().await.map_err(|e| describe(&e))?;
        Some(bytes.to_vec())
    } else {
        None
    };
    Ok(Answer {
        status,
        location,
        body,
        retry_after,
        tries: 1,
    })
}

/// The pause before retry `retry` (0 for the first): 0.5 s, 1 s, 2 s… up to 30 s.
pub fn backoff(retry: u32) -> Duration {
    Duration::from_millis(500)
        .saturating_mul(2u32.saturating_pow(retry))
        .min(Duration::from_secs(30))
}

/// The pause a `Retry-After` header asks for: a number of seconds, or an HTTP date.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A request's failure in a few words: "timed out", "could not connect: …", or the
/// innermost cause ("connection reset by peer").
pub fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "timed out".to_owned();
    }
    let mut innermost = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        innermost = cause.to_string();
        source = cause.source();
    }
    if error.is_connect() {
        format!("could not connect: {innermost}")
    } else {
        innermost
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:50:07 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        // A date already past asks for no pause.
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:00:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn backoff_doubles_up_to_a_limit() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(40), Duration::from_secs(30));
    }

    #[test]
    fn seconds_parse_whole_and_fractional() {
        assert_eq!(parse_seconds("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("soon").is_err());
    }
}
