//! Notices about the offline app: ready to work offline, and a new version to load.

use leptos::prelude::*;

use crate::components::icon::SvgIcon;
use crate::content::icons;
use crate::pwa::{self, PwaStatus};

/// How long the "ready offline" notice stays, in milliseconds, unless dismissed first.
const OFFLINE_NOTICE_MS: u64 = 10_000;

/// A polite live region at the bottom of the page with the offline app's notices.
#[component]
pub fn AppNotices() -> impl IntoView {
    let status = PwaStatus::get()?;
    // Hide the one-time notice after a while.
    Effect::new(move |_| {
        if status.offline_ready.get() {
            set_timeout(
                move || status.offline_ready.set(false),
                std::time::Duration::from_millis(OFFLINE_NOTICE_MS),
            );
        }
    });
    Some(view! {
        <div class="notices" role="status">
            <Show when=move || status.update_ready.get()>
                <div class="notice notice-update">
                    <p>"A new version is available — "</p>
                    <button type="button" class="button notice-action" on:click=|_| pwa::apply_update()>
                        "Reload"
                    </button>
                </div>
            </Show>
            <Show when=move || status.offline_ready.get()>
                <div class="notice notice-offline">
                    <SvgIcon icon=icons::CHECK />
                    <p>"Ready to work offline."</p>
                    <button
                        type="button"
                        class="icon-button notice-dismiss"
                        aria-label="Dismiss"
                        on:click=move |_| status.offline_ready.set(false)
                    >
                        <SvgIcon icon=icons::CLOSE />
                    </button>
                </div>
            </Show>
        </div>
    })
}
