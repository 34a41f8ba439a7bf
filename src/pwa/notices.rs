//! The notice about the offline app's new version. (Saving the site for offline use has a
//! control of its own in the footer, which shows its progress.)

use leptos::prelude::*;

use crate::pwa::{self, PwaStatus};

/// A polite live region at the bottom of the page with the offline app's notices.
#[component]
pub fn AppNotices() -> impl IntoView {
    let status = PwaStatus::get()?;
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
        </div>
    })
}
