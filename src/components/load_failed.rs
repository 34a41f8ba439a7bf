//! What a page shows in place of a part whose data file did not load: why, and a button
//! that tries again.

use leptos::prelude::*;

/// The message, announced as an alert, and its "Try again" button.
#[component]
pub fn LoadFailed(
    /// What did not load and why, as one sentence.
    message: String,
    /// The classes of where it stands in the page, before its own.
    #[prop(optional)]
    class: &'static str,
    /// Called when "Try again" is pressed.
    retry: Callback<()>,
) -> impl IntoView {
    let class = format!("{class} body-status body-error");
    view! {
        <div class=class.trim_start().to_owned() role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
