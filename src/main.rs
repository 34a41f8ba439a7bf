//! The browser entry point: load the data files, then hydrate the prerendered page, or
//! render afresh when the address asks for something the page was not prerendered with.

fn main() {
    pyuses::crash::install_hook();
    pyuses::browser::pin_head_links();
    pyuses::browser::keep_early_query();
    pyuses::loader::start(mount);
}

fn mount(site: &'static pyuses::content::SiteData) {
    let app = move || pyuses::App(pyuses::AppProps { site });
    if pyuses::browser::prerendered_matches_address() {
        leptos::mount::hydrate_body(app);
    } else {
        pyuses::browser::clear_prerendered();
        leptos::mount::mount_to_body(app);
    }
}
