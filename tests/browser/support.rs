//! The browser test harness: the release `dist/` served over HTTP on 127.0.0.1 by the
//! project's own static server, Debian's chromedriver, and a fresh headless Chromium
//! session per test. Every process is stopped when its owner is dropped, even when a test
//! fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use pyuses::names::{APP_ATTR, APP_READY};
use serde_json::Value;
use thirtyfour::extensions::query::ElementPollerWithTimeout;
use thirtyfour::prelude::*;

/// The repository's content, as the built site shows it.
pub fn content() -> &'static pyuses::content::Data {
    pyuses::content::for_tests().data
}

/// The keys of the cards the catalog lists for the query `q`, best first: the order the
/// page shows them in, as the build computes it.
pub fn ranking(q: &str) -> Vec<&'static str> {
    let params = pyuses::params::HomeParams {
        q: q.to_owned(),
        ..Default::default()
    };
    pyuses::content::for_tests()
        .catalog
        .list(&params)
        .keys()
        .collect()
}

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The release build the tests run against.
pub fn dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "dist/ has no release build: run `trunk build --release` first (scripts/test does)"
    );
    dist
}

/// The test variant of the build: changed content (a second version, for the update test)
/// and the test-only hooks (see `build_test_site` in scripts/toolchain.sh).
pub fn test_dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dist-test");
    assert!(
        dist.join("index.html").is_file(),
        "target/dist-test is missing: scripts/test builds it"
    );
    dist
}

/// A child process that is killed when dropped.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A function of a selector: the texts marked inside the elements it matches.
const MARKED_JS: &str = "(css) => {
    const roots = [...document.querySelectorAll(css)];
    const inside = (node) => roots.some((root) => root.contains(node));
    const marks = [...document.querySelectorAll('mark')].filter(inside).map((m) => m.textContent);
    const highlight = globalThis.CSS?.highlights?.get('search');
    // The app marks with static ranges, which have no text of their own: read each
    // through a live range over the same boundaries.
    const text = (r) => {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.toString();
    };
    const ranges = highlight ? [...highlight].filter((r) => inside(r.startContainer)).map(text) : [];
    return marks.concat(ranges);
}";

/// What a page knows about its service worker and offline control, for a failure message.
const OFFLINE_STATE: &str = "return (async () => {
    const sw = navigator.serviceWorker;
    const box = document.querySelector('.offline');
    const reg = sw && await sw.getRegistration();
    const state = (w) => w ? w.state : null;
    return JSON.stringify({
        url: location.href,
        readyState: document.readyState,
        app: document.documentElement.dataset.app ?? null,
        box: box ? box.outerHTML.slice(0, 200) : null,
        controller: sw ? state(sw.controller) : 'no serviceWorker',
        registration: reg ? { active: state(reg.active), waiting: state(reg.waiting), installing: state(reg.installing) } : null,
    });
})();";

/// Reads the child's stdout until a line contains `marker`; returns that line.
fn wait_for_line(child: &mut Child, marker: &str) -> String {
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.expect("child output is text");
        if line.contains(marker) {
            // Keep draining in the background so the child never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return line;
        }
    }
    panic!("the process exited before printing `{marker}`");
}

/// `site serve`: the project's static server, on a free port.
pub struct Server {
    _child: Reaped,
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub origin: String,
}

impl Server {
    /// Serves `dir` at the root of a free port.
    pub fn start(dir: &Path) -> Self {
        Self::start_with(dir, &[])
    }

    /// Serves `dir` with extra `site serve` arguments.
    pub fn start_with(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
            .arg("serve")
            .arg(dir)
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("failed to start `site serve`");
        let line = wait_for_line(&mut child, "Serving");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("the URL is printed");
        let host = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or_default();
        let origin = format!("http://{host}");
        Self {
            _child: Reaped(child),
            origin,
        }
    }

    /// A plain HTTP GET, for status codes and headers: returns (status, headers, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        http_get(&self.origin, path)
    }
}

/// A minimal HTTP/1.1 GET over std, so the tests need no HTTP client of their own.
pub fn http_get(origin: &str, path: &str) -> (u16, String, String) {
    let host = origin.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("the server accepts connections");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("a response");
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    (status, head.to_owned(), body.to_owned())
}

/// Debian's chromedriver on a free port; it closes its browsers when dropped.
pub struct Chromedriver {
    child: Reaped,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Chromedriver {
    /// Starts chromedriver, or fails with what to install.
    pub fn start() -> Self {
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        assert!(
            Path::new(&binary).is_file(),
            "chromedriver not found at {binary}: install Debian's chromium and chromium-driver (scripts/test does)"
        );
        let mut child = Command::new(&binary)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("failed to start chromedriver");
        let line = wait_for_line(&mut child, "started successfully on port");
        let port: u16 = line
            .trim_end_matches('.')
            .rsplit(' ')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("chromedriver prints its port");
        Self {
            child: Reaped(child),
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // A graceful shutdown closes the browsers too; the kill in `Reaped` is the backstop.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://")).map(|mut s| {
            let _ = write!(
                s,
                "GET /shutdown HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
            );
            let _ = s.read_to_end(&mut Vec::new());
        });
        let _ = self.child.0.wait_timeout_or_kill();
    }
}

/// Waiting on a child with a bound, then killing it.
trait WaitOrKill {
    fn wait_timeout_or_kill(&mut self) -> std::io::Result<()>;
}

impl WaitOrKill for Child {
    fn wait_timeout_or_kill(&mut self) -> std::io::Result<()> {
        for _ in 0..50 {
            if self.try_wait()?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.kill()
    }
}

/// Options for a browser session.
#[derive(Clone, Copy)]
pub struct Options {
    /// Window width in CSS pixels.
    pub width: u32,
    /// Window height in CSS pixels.
    pub height: u32,
    /// Ask for `prefers-color-scheme: dark`.
    pub dark: bool,
    /// Run the page's JavaScript (false: as with JavaScript turned off).
    pub javascript: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            width: 1280,
            height: 900,
            dark: false,
            javascript: true,
        }
    }
}

/// A headless Chromium session on a served site.
pub struct Browser {
    /// The WebDriver session.
    pub driver: WebDriver,
    /// The site's URL prefix: origin plus base path, no trailing slash.
    pub base: String,
    /// Pages loaded on purpose at addresses the site answers with 404.
    missing: std::sync::Mutex<Vec<String>>,
    /// The site's server, until a test stops it.
    server: std::sync::Mutex<Option<Server>>,
    _chromedriver: Chromedriver,
}

impl Browser {
    /// A session on the release build, served at the root of a fresh port.
    pub async fn start() -> Result<Self> {
        Self::start_with(Options::default()).await
    }

    /// A session with `options`, on the release build served at the root.
    pub async fn start_with(options: Options) -> Result<Self> {
        let server = Server::start(&dist_dir());
        let base = server.origin.clone();
        Self::on(server, base, options).await
    }

    /// A session on `server`, whose site lives at `base`.
    pub async fn on(server: Server, base: String, options: Options) -> Result<Self> {
        // The WebDriver client speaks HTTP through reqwest, which the `site` tool's build
        // leaves without a default TLS provider: give it the same one the tool uses (see
        // src/bin/site/http.rs on why `ring`; the tests only speak to 127.0.0.1).
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let _ = provider.install_default();
        let chromedriver = Chromedriver::start();
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(
            &std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".to_owned()),
        )?;
        let profile = tempdir("profile");
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            &format!("--window-size={},{}", options.width, options.height),
            &format!("--user-data-dir={}", profile.display()),
        ] {
            caps.add_arg(arg)?;
        }
        if options.dark {
            caps.add_arg("--force-dark-mode")?;
            caps.add_arg("--blink-settings=preferredColorScheme=0")?;
        } else {
            caps.add_arg("--blink-settings=preferredColorScheme=1")?;
        }
        caps.add_experimental_option("excludeSwitches", vec!["enable-automation"])?;
        caps.set("goog:loggingPrefs", serde_json::json!({ "browser": "ALL" }))?;
        let poller =
            ElementPollerWithTimeout::new(Duration::from_secs(15), Duration::from_millis(25));
        let driver = WebDriver::builder(&chromedriver.url, caps)
            .poller(Arc::new(poller))
            .await?;
        if !options.javascript {
            // Page scripts stop; WebDriver's own scripts still run, so the test can look.
            driver
                .cdp()
                .send_raw(
                    "Emulation.setScriptExecutionDisabled",
                    serde_json::json!({ "value": true }),
                )
                .await?;
        }
        Ok(Self {
            driver,
            base,
            missing: Default::default(),
            server: std::sync::Mutex::new(Some(server)),
            _chromedriver: chromedriver,
        })
    }

    /// Loads `path` (relative to the site root, starting with `/`) and waits for the app.
    pub async fn open(&self, path: &str) -> Result {
        self.driver.goto(format!("{}{path}", self.base)).await?;
        self.ready().await
    }

    /// Loads an address the site does not have: the host answers 404 with the app shell,
    /// which the console reports and [`Self::console_errors`] then expects.
    pub async fn open_missing(&self, path: &str) -> Result {
        self.missing
            .lock()
            .unwrap()
            .push(format!("{}{path}", self.base));
        self.open(path).await
    }

    /// Loads `path` where the page is expected to answer with an error status and no app
    /// (the console reports the status, and [`Self::console_errors`] then expects it).
    pub async fn open_failing(&self, path: &str) -> Result {
        self.missing
            .lock()
            .unwrap()
            .push(format!("{}{path}", self.base));
        self.driver.goto(format!("{}{path}", self.base)).await?;
        Ok(())
    }

    /// Presses "Save for offline use" in the footer and waits until every page is saved,
    /// checking what the control says on the way.
    pub async fn save_for_offline(&self) -> Result {
        let control = self.wait_for_offline_control().await?;
        let status = self.wait(".offline-status").await?.text().await?;
        assert!(
            status.starts_with("Every page, ") && status.ends_with(" MB."),
            "the control says what saving downloads: {status:?}"
        );
        assert_eq!(
            control.attr("aria-pressed").await?.as_deref(),
            Some("false")
        );
        control.click().await?;
        self.wait_for(".offline-toggle[aria-pressed=true]:not(:disabled)", 120)
            .await?;
        assert_eq!(
            self.wait(".offline-status").await?.text().await?,
            "Every page works without a connection. Press again to remove the copy."
        );
        Ok(())
    }

    /// Waits for the footer's offline control to show. The page shows it once the service
    /// worker has answered, and registers the worker when the browser is idle or 3 s after
    /// load: with several browsers sharing two cores the answer can take longer than the
    /// default wait for an element, hence a minute. A failure says what the page knew.
    pub async fn wait_for_offline_control(&self) -> Result<WebElement> {
        match self
            .wait_for(".offline:not([hidden]) .offline-toggle", 60)
            .await
        {
            Ok(control) => Ok(control),
            Err(error) => {
                let state = self.js(OFFLINE_STATE).await?;
                Err(format!("the offline control never showed ({error}); the page: {state}").into())
            }
        }
    }

    /// Stops the site's server, as when the network goes away: only what the browser
    /// (and its service worker) kept is left.
    pub fn stop_server(&self) {
        drop(self.server.lock().unwrap().take());
    }

    /// Runs a DevTools Protocol command and returns its result.
    pub async fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        Ok(self.driver.cdp().send_raw(command, params).await?)
    }

    /// Waits until a service worker controls the page (the page registers it when idle).
    pub async fn wait_for_worker(&self) -> Result {
        self.wait_js("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
            .await?;
        Ok(())
    }

    /// Moves the pointer over the page, as a visitor does on the way to using it: the first
    /// input is what starts the app on a prerendered page.
    pub async fn move_pointer(&self) -> Result {
        // A move to where the pointer already is would not be an input.
        static MOVES: AtomicU32 = AtomicU32::new(0);
        let x = 2 + MOVES.fetch_add(1, Ordering::Relaxed) % 2;
        self.move_pointer_to(f64::from(x), 2.0).await
    }

    /// Moves the pointer to `(x, y)` in CSS pixels of the top page's viewport: over a
    /// frame, it is the framed page's input.
    pub async fn move_pointer_to(&self, x: f64, y: f64) -> Result {
        self.cdp(
            "Input.dispatchMouseEvent",
            serde_json::json!({ "type": "mouseMoved", "x": x, "y": y }),
        )
        .await?;
        Ok(())
    }

    /// Moves the pointer (see [`Self::move_pointer`]) and waits until the app runs: it has
    /// hydrated the prerendered page, or rendered it.
    pub async fn ready(&self) -> Result {
        self.move_pointer().await?;
        self.wait(&format!("html[{APP_ATTR}={APP_READY}] main > *"))
            .await?;
        Ok(())
    }

    /// How many cards the home page's grid lists (fields and sections not hidden).
    pub async fn listed_count(&self) -> Result<usize> {
        Ok(self
            .all(".grid .card[data-slug]:not([hidden])")
            .await?
            .len())
    }

    /// Waits for the first element matching `css`.
    pub async fn wait(&self, css: &str) -> Result<WebElement> {
        Ok(self.driver.query(By::Css(css)).first().await?)
    }

    /// Waits up to `seconds` for the first element matching `css`, for what takes longer
    /// than a page: a service worker precaching a whole new build.
    pub async fn wait_for(&self, css: &str, seconds: u64) -> Result<WebElement> {
        Ok(self
            .driver
            .query(By::Css(css))
            .wait(Duration::from_secs(seconds), Duration::from_millis(100))
            .first()
            .await?)
    }

    /// Waits until `script` (an expression) is truthy; returns its final value.
    pub async fn wait_js(&self, expression: &str) -> Result<Value> {
        let script = format!("return ({expression});");
        for _ in 0..600 {
            let value = self.driver.execute(&script, vec![]).await?.json().clone();
            if truthy(&value) {
                return Ok(value);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Err(format!("timed out waiting for `{expression}`").into())
    }

    /// Evaluates a script body (use `return`) and returns its value.
    pub async fn js(&self, script: &str) -> Result<Value> {
        Ok(self.driver.execute(script, vec![]).await?.json().clone())
    }

    /// All elements matching `css`, right now.
    pub async fn all(&self, css: &str) -> Result<Vec<WebElement>> {
        Ok(self.driver.find_all(By::Css(css)).await?)
    }

    /// The text of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for element in self.all(css).await? {
            out.push(element.text().await?);
        }
        Ok(out)
    }

    /// Sends keys to whatever has focus, as a person typing would.
    pub async fn keys(&self, keys: impl Into<TypingData>) -> Result {
        self.driver.action_chain().send_keys(keys).perform().await?;
        Ok(())
    }

    /// The path and query of the current URL, relative to the site root.
    pub async fn path(&self) -> Result<String> {
        let url = self.driver.current_url().await?;
        let full = format!(
            "{}{}",
            url.path(),
            url.query().map(|q| format!("?{q}")).unwrap_or_default()
        );
        let base_path = self
            .base
            .split_once("//")
            .map_or("", |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
        Ok(full.strip_prefix(base_path).unwrap_or(&full).to_owned())
    }

    /// Runs `source` in every document the browser opens from now on, before its own
    /// scripts.
    pub async fn run_before_pages(&self, source: &str) -> Result {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": source }),
        )
        .await?;
        Ok(())
    }

    /// The words marked as matched inside the elements matching `css`, in no set order:
    /// `<mark>`s (text built for a query) and the ranges of the "search" custom highlight
    /// (the cards' own text).
    pub async fn marked(&self, css: &str) -> Result<Vec<String>> {
        let script = format!("return ({MARKED_JS})({});", serde_json::to_string(css)?);
        let value = self.js(&script).await?;
        Ok(serde_json::from_value(value)?)
    }

    /// [`Self::marked`], once something is marked there.
    pub async fn wait_marked(&self, css: &str) -> Result<Vec<String>> {
        let expression = format!("({MARKED_JS})({}).length > 0", serde_json::to_string(css)?);
        self.wait_js(&expression).await?;
        self.marked(css).await
    }

    /// The slug of the first listed card, once there is one.
    pub async fn first_listed(&self) -> Result<Option<String>> {
        Ok(self
            .wait(".grid .card[data-slug]:not([hidden])")
            .await?
            .attr("data-slug")
            .await?)
    }

    /// What the search box holds.
    pub async fn search_value(&self) -> Result<Value> {
        self.js("return document.querySelector('#search-input').value")
            .await
    }

    /// Waits until the address (as [`Browser::path`] gives it) is `expected`: the search box
    /// writes its query to the address a moment after the last keystroke, not on each one.
    pub async fn wait_path(&self, expected: &str) -> Result {
        let mut last = String::new();
        for _ in 0..200 {
            last = self.path().await?;
            if last == expected {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Err(format!("the address stayed {last:?}, never {expected:?}").into())
    }

    /// A description of the focused element: its tag, id, class and text.
    pub async fn focused(&self) -> Result<String> {
        let value = self
            .js("const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${e.textContent.trim().slice(0, 60)}` : '';")
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Errors the page logged to the console (including panics), since the last call.
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        let logs = self.driver.get_log("browser").await?;
        let missing = self.missing.lock().unwrap().clone();
        let expected = |message: &str| {
            missing
                .iter()
                .any(|url| message.starts_with(&format!("{url} - ")))
        };
        Ok(logs
            .into_iter()
            .filter(|entry| entry.level == "SEVERE" && !expected(&entry.message))
            .map(|entry| entry.message)
            .collect())
    }

    /// Fails when the console has errors; otherwise ends the session.
    pub async fn finish(self) -> Result {
        let errors = self.console_errors().await?;
        self.driver.clone().quit().await?;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        Ok(())
    }
}

/// JavaScript's idea of truth, for waits.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// A new, empty folder under the system temp folder.
/// Copies the folder `from` into `to`, replacing what `to` held.
pub fn replace_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            replace_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

pub fn tempdir(label: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "pyuses-test-{label}-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
