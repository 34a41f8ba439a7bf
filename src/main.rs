//! The browser entry point: hydrate the prerendered page, or render afresh when the
//! address asks for something the page was not prerendered with.

fn main() {
    console_error_panic_hook::set_once();
    pyuses::browser::pin_head_links();
    if pyuses::browser::prerendered_matches_address() {
        leptos::mount::hydrate_body(pyuses::App);
    } else {
        pyuses::browser::clear_prerendered();
        leptos::mount::mount_to_body(pyuses::App);
    }
}
