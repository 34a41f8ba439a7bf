//! A panic must never leave a blank or frozen page: the panic hook logs the panic as
//! usual, then shows a clear message with a way out. It is built with plain DOM calls,
//! because after a panic the app itself cannot render anything.

use wasm_bindgen::JsCast;

use crate::browser;
use crate::names::PENDING_CLASS;

/// The id of the error view, so it is shown once.
pub const CRASH_ID: &str = "crash";

/// Installs the panic hook.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Shows the error view over the page.
fn show() {
    let Some(window) = browser::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    if document.get_element_by_id(CRASH_ID).is_some() {
        return;
    }
    let build = || -> Option<web_sys::Element> {
        // A plain link to this very address: it works even though the app has stopped.
        let reload = document.create_element("a").ok()?;
        reload
            .set_attribute("href", &window.location().href().ok()?)
            .ok()?;
        reload.set_attribute("rel", "external").ok()?;
        reload.set_text_content(Some("Reload"));
        alert_panel(
            &document,
            CRASH_ID,
            "crash",
            "Something went wrong",
            "The page hit an unexpected error and stopped responding. Reloading it usually fixes this.",
            reload,
        )
    };
    if let Some(reload) = build()
        && let Some(reload) = reload.dyn_ref::<web_sys::HtmlElement>()
    {
        let _ = reload.focus();
    }
    // A page still hidden while the app started must show the message at once.
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1(PENDING_CLASS);
    }
}

/// An alert over the page, made with plain DOM calls for when the app cannot render: a
/// heading, a message (as text) and one action, appended to `<body>`. Returns the action.
pub fn alert_panel(
    document: &web_sys::Document,
    id: &str,
    class: &str,
    title: &str,
    text: &str,
    action: web_sys::Element,
) -> Option<web_sys::Element> {
    let panel = document.create_element("div").ok()?;
    panel.set_id(id);
    panel.set_class_name(class);
    panel.set_attribute("role", "alert").ok()?;
    let heading = document.create_element("h2").ok()?;
    heading.set_text_content(Some(title));
    let message = document.create_element("p").ok()?;
    message.set_text_content(Some(text));
    action.set_class_name("button crash-reload");
    panel.append_child(&heading).ok()?;
    panel.append_child(&message).ok()?;
    panel.append_child(&action).ok()?;
    document.body()?.append_child(&panel).ok()?;
    Some(action)
}
