//! The browser entry point.

fn main() {
    console_error_panic_hook::set_once();
    pyuses::browser::pin_head_links();
    leptos::mount::mount_to_body(pyuses::App);
}
