//! Serves a built site the way a plain static host does: files as they are (compressed
//! with brotli or gzip when the browser accepts it), `index.html` for folders, `404.html`
//! with status 404 for anything missing, and the headers the site's `_headers` file asks
//! for. No rewrites, so what works here works on any static host.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, ensure};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use pyuses::names::{INDEX_FILE, NOT_FOUND_FILE};

use crate::headers;

/// The address used when none is given.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Serves `dir` at `addr` until interrupted.
///
/// `base` (`--base /docs/app/`) serves the site under that path, as a host serving it from
/// a subfolder would; it shows that `dist/` works under any base path.
pub fn run(dir: PathBuf, addr: String, base: String) -> Result<()> {
    let addr: SocketAddr = addr
        .parse()
        .with_context(|| format!("bad address `{addr}`"))?;
    ensure!(
        dir.join(INDEX_FILE).is_file(),
        "`{}` has no {INDEX_FILE}: build the site first",
        dir.display()
    );

    let runtime = tokio::runtime::Runtime::new().context("failed to start the server")?;
    let base = format!("/{}", base.trim_matches('/'));
    runtime.block_on(serve(dir, addr, base))
}

async fn serve(dir: PathBuf, addr: SocketAddr, base: String) -> Result<()> {
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener
        .local_addr()
        .context("the listener has no address")?;
    let files = ServeDir::new(&dir)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dir.join(NOT_FOUND_FILE)));
    let app = if base == "/" {
        Router::new().fallback_service(files)
    } else {
        Router::new().nest_service(&base, files)
    };
    let app = app
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn({
            let (dir, base) = (dir.clone(), base.clone());
            move |request: Request, next: Next| {
                apply_headers(dir.clone(), base.clone(), request, next)
            }
        }));
    let shown = if base == "/" {
        String::new()
    } else {
        base.clone()
    };

    // Tests read this line to learn the port when they ask for port 0.
    println!(
        "Serving {} at http://{local}{shown}/ (Ctrl-C stops)",
        dir.display()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server failed")
}

/// Adds the headers `_headers` gives the request's path (relative to the base). The file
/// is read per request, so a site swapped in place on disk is served with its own rules.
async fn apply_headers(dir: PathBuf, base: String, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    // The rules are for the host, not for visitors.
    let mut response = if path.ends_with("/_headers") {
        let mut missing = Response::new(axum::body::Body::empty());
        *missing.status_mut() = axum::http::StatusCode::NOT_FOUND;
        missing
    } else {
        next.run(request).await
    };
    let Ok(text) = tokio::fs::read_to_string(dir.join("_headers")).await else {
        return response;
    };
    let rules = headers::parse(&text);
    let relative = if base == "/" {
        path.as_str()
    } else {
        path.strip_prefix(&base).unwrap_or("/")
    };
    for (name, value) in headers::headers_for(&rules, relative) {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}
