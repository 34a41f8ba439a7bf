//! The browser entry point: load the data files, then hydrate the prerendered page, or
//! render afresh when the address asks for something the page was not prerendered with.

fn main() {
    pyuses::crash::install_hook();
    pyuses::browser::pin_head_links();
    pyuses::loader::start(mount);
}

fn mount(site: &'static pyuses::content::SiteData) {
    // Read just before mounting, so that every key typed while the app was downloading
    // counts: the app takes the query over from here.
    pyuses::browser::keep_early_query();
    let app = move || pyuses::App(pyuses::AppProps { site });
    if pyuses::browser::prerendered_matches_address() {
        leptos::mount::hydrate_body(app);
    } else {
        pyuses::browser::clear_prerendered();
        leptos::mount::mount_to_body(app);
    }
}
