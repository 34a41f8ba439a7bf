//! Serves a built site the way a plain static host does: files as they are, `index.html`
//! for folders, and `404.html` with status 404 for anything missing. No rewrites, so what
//! works here works on any static host.

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::services::{ServeDir, ServeFile};

/// The address used when none is given.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Parses `[DIR] [--addr ADDR] [--base PATH]` and serves until interrupted.
///
/// `--base /docs/app/` serves the site under that path, as a host serving it from a
/// subfolder would; it shows that `dist/` works under any base path.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut dir = PathBuf::from("dist");
    let mut addr = DEFAULT_ADDR.to_owned();
    let mut base = String::from("/");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => {
                addr = args
                    .next()
                    .ok_or("--addr needs a value, such as 127.0.0.1:8080")?
                    .clone()
            }
            "--base" => {
                base = args
                    .next()
                    .ok_or("--base needs a path, such as /docs/app/")?
                    .clone()
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path => dir = PathBuf::from(path),
        }
    }
    let addr: SocketAddr = addr
        .parse()
        .map_err(|e| format!("bad address `{addr}`: {e}"))?;
    if !dir.join("index.html").is_file() {
        return Err(format!(
            "`{}` has no index.html: build the site first",
            dir.display()
        ));
    }

    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| format!("failed to start the server: {e}"))?;
    let base = format!("/{}", base.trim_matches('/'));
    runtime.block_on(serve(dir, addr, base))
}

async fn serve(dir: PathBuf, addr: SocketAddr, base: String) -> Result<(), String> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let files = ServeDir::new(&dir)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dir.join("404.html")));
    let app = if base == "/" {
        Router::new().fallback_service(files)
    } else {
        Router::new().nest_service(&base, files)
    };
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
        .map_err(|e| format!("server error: {e}"))
}
