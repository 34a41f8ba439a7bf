//! The passage of a body that matched the query, with its words marked.

use leptos::prelude::*;

use crate::components::highlight::Highlight;
use crate::search::Hit;

/// The best-matching passage of `body`, when the query matched the body.
#[component]
pub fn Snippet(
    /// The plain text the hit's snippet ranges point into (read only when there is a
    /// snippet to show).
    #[prop(into)]
    body: Signal<&'static str>,
    /// Where the query matched.
    #[prop(into)]
    hit: Signal<Option<Hit>>,
) -> impl IntoView {
    // A memo, so the passage re-renders only when it changes, not on every keystroke.
    let snippet = Memo::new(move |_| hit.with(|h| h.as_ref().and_then(|h| h.snippet.clone())));
    move || {
        snippet.get().map(|snippet| {
            let text = body.get().get(snippet.text.clone()).unwrap_or_default();
            let marks = snippet
                .marks
                .iter()
                .map(|m| {
                    m.start.saturating_sub(snippet.text.start)
                        ..m.end.saturating_sub(snippet.text.start)
                })
                .collect::<Vec<_>>();
            view! {
                <p class="card-snippet">
                    {snippet.starts_mid.then_some("…")}
                    <Highlight text marks />
                    {snippet.ends_mid.then_some("…")}
                </p>
            }
        })
    }
}
