//! The installable, offline app, as the app sees it: tells the page when a new version is
//! waiting, and moves to it when asked.
//!
//! The page's own script registers the service worker when the browser is idle, whether or
//! not the app runs (release builds only; see `src/bin/site/boot.js`); the app waits for
//! that registration to be active and follows its updates.
//!
//! Where service workers are unavailable (insecure contexts, some private modes,
//! sandboxed frames) nothing happens and nothing is reported: the app simply stays online.

use std::cell::{Cell, RefCell};

use gloo_events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the page shows about the offline app.
#[derive(Debug, Clone, Copy)]
pub struct PwaStatus {
    /// A new version is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
}

impl PwaStatus {
    /// Provides the status to the app and returns it.
    pub fn provide() -> Self {
        let status = Self {
            update_ready: RwSignal::new(false),
        };
        provide_context(status);
        status
    }

    /// The status, if the app provided it.
    pub fn get() -> Option<Self> {
        use_context::<Self>()
    }
}

thread_local! {
    /// The registration, once its worker is active.
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set when the visitor asked for the new version: the page reloads once it takes over.
    static RELOAD_WHEN_CONTROLLED: Cell<bool> = const { Cell::new(false) };
    /// Set once following has started, so showing the site frame again does not repeat it.
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// `navigator.serviceWorker`, where the browser offers it.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = crate::browser::window()?.navigator();
    // Reading the property where it is missing gives `undefined`, not an error.
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}

/// Follows the worker the page registered, once it is active, and wires the notices. Only
/// release builds have one: a development build should never be served from a cache.
pub fn follow_updates(status: PwaStatus) {
    if cfg!(debug_assertions) || STARTED.replace(true) {
        return;
    }
    let Some(container) = container() else { return };
    let had_controller = container.controller().is_some();

    EventListener::new(&container, "controllerchange", move |_| {
        if RELOAD_WHEN_CONTROLLED.get() {
            reload();
        }
    })
    .forget();

    leptos::task::spawn_local(async move {
        let Ok(ready) = container.ready() else { return };
        let Ok(registration) = JsFuture::from(ready).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();

        // A version installed on an earlier visit may already be waiting.
        if registration.waiting().is_some() && had_controller {
            status.update_ready.set(true);
        }
        watch_for_updates(&registration, status);
        // Browsers look for a new worker on navigation; an app left open looks again
        // whenever it becomes visible.
        if let Some(document) = crate::browser::window().and_then(|w| w.document()) {
            let watched = registration.clone();
            EventListener::new(&document, "visibilitychange", move |_| {
                let visible = crate::browser::window()
                    .and_then(|w| w.document())
                    .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                if visible {
                    let _ = watched.update();
                }
            })
            .forget();
        }
        REGISTRATION.with(|slot| *slot.borrow_mut() = Some(registration));
    });
}

/// Shows the update notice when a new worker finishes installing behind the current one.
fn watch_for_updates(registration: &ServiceWorkerRegistration, status: PwaStatus) {
    let watched = registration.clone();
    EventListener::new(registration, "updatefound", move |_| {
        let Some(worker) = watched.installing() else {
            return;
        };
        let installing = worker.clone();
        EventListener::new(&worker, "statechange", move |_| {
            let controlled = container().and_then(|c| c.controller()).is_some();
            if installing.state() == ServiceWorkerState::Installed && controlled {
                status.update_ready.set(true);
            }
        })
        .forget();
    })
    .forget();
}

/// Moves to the waiting version: the worker takes over, then the page reloads, so the new
/// HTML and the new wasm arrive together.
pub fn apply_update() {
    RELOAD_WHEN_CONTROLLED.set(true);
    let waiting = REGISTRATION.with(|slot| {
        slot.borrow()
            .as_ref()
            .and_then(ServiceWorkerRegistration::waiting)
    });
    match waiting {
        Some(worker) => {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
            let _ = worker.post_message(&message);
        }
        None => reload(),
    }
}

fn reload() {
    if let Some(window) = crate::browser::window() {
        let _ = window.location().reload();
    }
}
