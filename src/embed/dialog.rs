//! The "Embed" dialog: choose what the widget shows, see it live, and copy a snippet.

use gloo_events::EventListener;
use leptos::html::{Button, Dialog, Iframe};
use leptos::prelude::*;

use crate::components::icon::SvgIcon;
use crate::content::{SiteData, icons};
use crate::embed::message::{self, Message};
use crate::embed::params::{EmbedParams, EmbedTheme, Layout};
use crate::names::{EMBED_ATTR, EMBED_ROUTE, EMBED_SCRIPT};
use crate::routes::{self, href};

/// The snippets for an embed of `params`, served from `site` (the site root URL).
pub fn snippets(site: &str, params: &EmbedParams) -> (String, String) {
    let mut data = String::new();
    if !params.categories.is_empty() {
        data.push_str(&format!(
            " data-categories=\"{}\"",
            params.categories.join(",")
        ));
    }
    if params.theme != EmbedTheme::Auto {
        data.push_str(&format!(" data-theme=\"{}\"", params.theme.as_str()));
    }
    if params.layout != Layout::Grid {
        data.push_str(&format!(" data-layout=\"{}\"", params.layout.as_str()));
    }
    if !params.search {
        data.push_str(" data-search=\"off\"");
    }
    if !params.libraries {
        data.push_str(" data-libraries=\"off\"");
    }
    let loader = format!(
        "<div {EMBED_ATTR}{data}></div>\n<script src=\"{site}{EMBED_SCRIPT}\" async></script>"
    );
    let embed = EMBED_ROUTE.trim_start_matches('/');
    let iframe = format!(
        "<iframe src=\"{site}{embed}{}\" title=\"What is Python used for?\" loading=\"lazy\"\n  \
         style=\"width:100%;height:640px;border:0\"\n  \
         sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>",
        params.to_query_string().replace('&', "&amp;")
    );
    (loader, iframe)
}

/// A header button that opens the embed dialog, and the dialog.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let opener = NodeRef::<Button>::new();
    let open = RwSignal::new(false);
    // The content is built the first time the dialog opens: most visits never open it,
    // and the page starts faster without it.
    let built = RwSignal::new(false);
    let show = move |_| {
        built.set(true);
        open.set(true);
        // The content renders before the next frame; the dialog opens then, so that its
        // autofocus lands on the Close button.
        request_animation_frame(move || {
            if let Some(dialog) = dialog.get_untracked() {
                // Modal: the rest of the page is inert and Escape closes it.
                let _ = dialog.show_modal();
            }
        });
    };
    let on_close = move |_| {
        open.set(false);
        // Focus goes back to where it was.
        if let Some(button) = opener.get() {
            let _ = button.focus();
        }
    };
    view! {
        <button
            type="button"
            class="icon-button embed-button needs-js"
            node_ref=opener
            aria-haspopup="dialog"
            title="Embed this explorer in your site"
            on:click=show
        >
            <SvgIcon icon=icons::CODE />
            <span class="visually-hidden">"Embed"</span>
        </button>
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-title" on:close=on_close>
            {move || built.get().then(|| view! { <EmbedDialogBody dialog open /> })}
        </dialog>
    }
}

/// The dialog's content. The preview loads only while the dialog is open.
#[component]
fn EmbedDialogBody(
    /// The dialog, to close it.
    dialog: NodeRef<Dialog>,
    /// Whether the dialog is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let data = SiteData::get().data;
    let chosen = RwSignal::new(Vec::<&'static str>::new());
    let theme = RwSignal::new(EmbedTheme::Auto);
    let layout = RwSignal::new(Layout::Grid);
    let search = RwSignal::new(true);
    let params = Memo::new(move |_| EmbedParams {
        categories: data
            .categories()
            .iter()
            .map(|c| c.slug.as_str())
            .filter(|s| chosen.read().contains(s))
            .collect(),
        theme: theme.get(),
        layout: layout.get(),
        search: search.get(),
        ..EmbedParams::default()
    });

    let origin = crate::browser::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let site = format!("{origin}{}", href(&routes::home("")));
    let snippets = {
        let site = site.clone();
        Memo::new(move |_| snippets(&site, &params.read()))
    };
    let preview_src = {
        let origin = origin.clone();
        move || {
            let query = params.read().to_query_string();
            let join = if query.is_empty() { "?" } else { "&" };
            format!(
                "{}{query}{join}origin={}",
                href(EMBED_ROUTE),
                crate::params::encode(&origin)
            )
        }
    };
    let preview = NodeRef::<Iframe>::new();
    follow_preview_height(preview, origin);
    let copied = RwSignal::new("");

    let radio = move |name: &'static str,
                      label: &'static str,
                      checked: Signal<bool>,
                      pick: Callback<()>| {
        view! {
            <label class="choice">
                <input type="radio" name=name prop:checked=checked on:change=move |_| pick.run(()) />
                {label}
            </label>
        }
    };

    view! {
        <div class="dialog-head">
            <h2 id="embed-title">"Embed the explorer"</h2>
            <button
                type="button"
                class="icon-button"
                aria-label="Close"
                autofocus
                on:click=move |_| {
                    if let Some(dialog) = dialog.get() {
                        dialog.close();
                    }
                }
            >
                <SvgIcon icon=icons::CLOSE />
            </button>
        </div>
        <div class="dialog-body">
            <form class="embed-options" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>"Fields (none ticked shows all)"</legend>
                    <div class="choices choices-fields">
                        {data
                            .categories()
                            .iter()
                            .map(|c| {
                                let slug = c.slug.as_str();
                                view! {
                                    <label class="choice">
                                        <input
                                            type="checkbox"
                                            value=slug
                                            prop:checked=move || chosen.read().contains(&slug)
                                            on:change=move |_| {
                                                chosen
                                                    .update(|list| {
                                                        if let Some(i) = list.iter().position(|s| *s == slug) {
                                                            list.remove(i);
                                                        } else {
                                                            list.push(slug);
                                                        }
                                                    })
                                            }
                                        />
                                        {c.title.as_str()}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"Theme"</legend>
                    <div class="choices">
                        {[EmbedTheme::Auto, EmbedTheme::Light, EmbedTheme::Dark]
                            .into_iter()
                            .map(|t| {
                                let label = match t {
                                    EmbedTheme::Auto => "Follow the visitor’s system",
                                    EmbedTheme::Light => "Light",
                                    EmbedTheme::Dark => "Dark",
                                };
                                radio("embed-theme", label, Signal::derive(move || theme.get() == t), Callback::new(move |()| theme.set(t)))
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"Layout"</legend>
                    <div class="choices">
                        {[(Layout::Grid, "Grid of cards"), (Layout::List, "List")]
                            .into_iter()
                            .map(|(l, label)| {
                                radio("embed-layout", label, Signal::derive(move || layout.get() == l), Callback::new(move |()| layout.set(l)))
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <label class="choice">
                    <input type="checkbox" prop:checked=search on:change=move |_| search.update(|s| *s = !*s) />
                    "Show the search box"
                </label>
            </form>

            <section class="embed-preview" aria-labelledby="preview-title">
                <h3 id="preview-title">"Preview"</h3>
                <Show when=move || open.get()>
                    <iframe
                        node_ref=preview
                        src=preview_src.clone()
                        title="Preview of the embedded explorer"
                    ></iframe>
                </Show>
            </section>

            <section class="embed-snippets" aria-labelledby="snippets-title">
                <h3 id="snippets-title">"Snippets"</h3>
                <Snippet
                    label="With the loader: the widget fits its content"
                    id="snippet-loader"
                    text=Signal::derive(move || snippets.read().0.clone())
                    copied
                />
                <Snippet
                    label="A plain iframe, at a fixed height"
                    id="snippet-iframe"
                    text=Signal::derive(move || snippets.read().1.clone())
                    copied
                />
                <p class="copy-status" role="status">{move || copied.get()}</p>
            </section>
        </div>
    }
}

/// A read-only snippet with a copy button.
#[component]
fn Snippet(
    /// What the snippet is.
    label: &'static str,
    /// The textarea's id.
    id: &'static str,
    /// The snippet.
    #[prop(into)]
    text: Signal<String>,
    /// Set to a confirmation once copied.
    copied: RwSignal<&'static str>,
) -> impl IntoView {
    let copy = move |_| {
        let Some(window) = crate::browser::window() else {
            return;
        };
        let clipboard = window.navigator().clipboard();
        let _ = clipboard.write_text(&text.get_untracked());
        copied.set(if label.starts_with("With") {
            "Copied the loader snippet."
        } else {
            "Copied the iframe snippet."
        });
    };
    view! {
        <div class="snippet">
            <label for=id>{label}</label>
            <textarea id=id readonly rows="4" spellcheck="false" prop:value=move || text.get()></textarea>
            <button type="button" class="button snippet-copy" on:click=copy>
                <SvgIcon icon=icons::COPY />
                "Copy"
            </button>
        </div>
    }
}

/// Sizes the preview to the height the embed reports, as the loader does on other sites.
fn follow_preview_height(preview: NodeRef<Iframe>, origin: String) {
    let kept = StoredValue::new_local(None::<EventListener>);
    Effect::new(move |_| {
        let Some(window) = crate::browser::window() else {
            return;
        };
        let origin = origin.clone();
        let from_preview = move |source: &js_sys::Object| {
            preview
                .get_untracked()
                .and_then(|frame| frame.content_window())
                .is_some_and(|content| js_sys::Object::is(source, &content))
        };
        let listener = message::listen(&window, origin, from_preview, move |message| {
            let (Message::Resize { height }, Some(frame)) = (message, preview.get_untracked())
            else {
                return;
            };
            let style = web_sys::HtmlElement::style(&frame);
            let _ = style.set_property("height", &format!("{}px", height.clamp(100.0, 5000.0)));
        });
        kept.set_value(Some(listener));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_carry_the_choices() {
        let params = EmbedParams {
            categories: vec!["web-development", "automation"],
            theme: EmbedTheme::Dark,
            layout: Layout::List,
            search: false,
            ..EmbedParams::default()
        };
        let (loader, iframe) = snippets("https://example.org/py/", &params);
        assert_eq!(
            loader,
            "<div data-pyuses data-categories=\"web-development,automation\" data-theme=\"dark\" \
             data-layout=\"list\" data-search=\"off\"></div>\n<script src=\"https://example.org/py/embed.js\" async></script>"
        );
        assert!(iframe.starts_with(
            "<iframe src=\"https://example.org/py/embed/?categories=web-development%2Cautomation&amp;theme=dark"
        ));
        let (plain, _) = snippets(
            "https://example.org/",
            &EmbedParams {
                search: true,
                ..EmbedParams::default()
            },
        );
        assert_eq!(
            plain,
            "<div data-pyuses></div>\n<script src=\"https://example.org/embed.js\" async></script>"
        );
    }
}
