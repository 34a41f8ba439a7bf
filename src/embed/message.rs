//! The postMessage protocol between the embed view and the page around it, in both
//! directions, as one type.
//!
//! - The embed view posts [`Message::Resize`] to the embedding page whenever its content's
//!   height changes; the loader (`embed.js`) and the Embed dialog's preview size the frame.
//! - The loader posts [`Message::Config`] to the embed view when the host changes the
//!   widget's `data-theme`.
//!
//! On the wire a message is a plain object, `{type: "pyuses:resize", height}` or
//! `{type: "pyuses:config", theme}`. The loader is plain JavaScript with no build step, so
//! it spells the same objects by hand; keep the two in step.
//!
//! Reading a message ([`Message::read`]) is pure and tested natively; the JavaScript
//! conversions and the one `message` listener ([`listen`]) are thin wrappers around it.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};

use crate::embed::params::EmbedTheme;

/// The prefix of every message type, so the embed's messages are told apart from other
/// scripts' messages on the same page.
pub const PREFIX: &str = "pyuses";

/// One message of the embed protocol.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Message {
    /// From the embed view: its content is now `height` CSS pixels tall.
    Resize {
        /// The content's height, in CSS pixels.
        height: f64,
    },
    /// To the embed view: show `theme` from now on.
    Config {
        /// The theme to show.
        theme: EmbedTheme,
    },
}

impl Message {
    /// The `type` field of a resize message.
    pub const RESIZE: &'static str = "pyuses:resize";
    /// The `type` field of a config message.
    pub const CONFIG: &'static str = "pyuses:config";

    /// The message's `type` field.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Resize { .. } => Self::RESIZE,
            Self::Config { .. } => Self::CONFIG,
        }
    }

    /// Reads a message from its fields: `text` returns a field that is a string, `number`
    /// one that is a number. Anything that is not a well-formed message of this protocol
    /// (another type, a missing height, an unknown theme) is `None`, so it is ignored.
    pub fn read(
        text: impl Fn(&str) -> Option<String>,
        number: impl Fn(&str) -> Option<f64>,
    ) -> Option<Self> {
        match text("type")?.as_str() {
            Self::RESIZE => number("height").map(|height| Self::Resize { height }),
            Self::CONFIG => text("theme")
                .as_deref()
                .and_then(EmbedTheme::parse)
                .map(|theme| Self::Config { theme }),
            _ => None,
        }
    }

    /// The message as the plain object that goes through `postMessage`.
    pub fn to_js(&self) -> JsValue {
        let object = js_sys::Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&object, &name.into(), &value);
        };
        set("type", self.kind().into());
        match *self {
            Self::Resize { height } => set("height", height.into()),
            Self::Config { theme } => set("theme", theme.as_str().into()),
        }
        object.into()
    }

    /// Reads a message from the data of a `MessageEvent`.
    pub fn from_js(data: &JsValue) -> Option<Self> {
        let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
        Self::read(
            |name| field(name).and_then(|v| v.as_string()),
            |name| field(name).and_then(|v| v.as_f64()),
        )
    }
}

/// Listens on `window` for messages of this protocol that come from `origin` and from a
/// window `is_sender` accepts, and hands each one to `on_message`. Both checks are needed:
/// the origin says which site sent it, the sender which frame (another frame of the same
/// site must not resize or restyle this one). Dropping the listener removes it.
pub fn listen(
    window: &web_sys::Window,
    origin: String,
    is_sender: impl Fn(&js_sys::Object) -> bool + 'static,
    on_message: impl Fn(Message) + 'static,
) -> EventListener {
    EventListener::new(window, "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        let from_sender = event.source().is_some_and(|source| is_sender(&source));
        if event.origin() != origin || !from_sender {
            return;
        }
        if let Some(message) = Message::from_js(&event.data()) {
            on_message(message);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Reads a message from string and number fields, as `from_js` does from an object.
    fn read(text: &[(&str, &str)], number: &[(&str, f64)]) -> Option<Message> {
        let text: HashMap<&str, &str> = text.iter().copied().collect();
        let number: HashMap<&str, f64> = number.iter().copied().collect();
        Message::read(
            |name| text.get(name).map(|v| v.to_string()),
            |name| number.get(name).copied(),
        )
    }

    #[test]
    fn types_carry_the_prefix() {
        assert_eq!(Message::RESIZE, format!("{PREFIX}:resize"));
        assert_eq!(Message::CONFIG, format!("{PREFIX}:config"));
    }

    #[test]
    fn reads_both_messages() {
        assert_eq!(
            read(&[("type", "pyuses:resize")], &[("height", 320.0)]),
            Some(Message::Resize { height: 320.0 })
        );
        assert_eq!(
            read(&[("type", "pyuses:config"), ("theme", "dark")], &[]),
            Some(Message::Config {
                theme: EmbedTheme::Dark
            })
        );
        assert_eq!(
            Message::Config {
                theme: EmbedTheme::Auto
            }
            .kind(),
            Message::CONFIG
        );
        assert_eq!(Message::Resize { height: 1.0 }.kind(), Message::RESIZE);
    }

    #[test]
    fn ignores_anything_else() {
        assert_eq!(read(&[], &[("height", 320.0)]), None);
        assert_eq!(read(&[("type", "resize")], &[("height", 320.0)]), None);
        assert_eq!(read(&[("type", "pyuses:resize")], &[]), None);
        assert_eq!(
            read(&[("type", "pyuses:resize"), ("height", "320")], &[]),
            None
        );
        assert_eq!(
            read(&[("type", "pyuses:config"), ("theme", "purple")], &[]),
            None
        );
        assert_eq!(read(&[("type", "pyuses:config")], &[]), None);
    }
}
