//! Behaviour tests on a small fixture resembling the app's category cards.

use super::fold::fold_str;
use super::query::{MAX_QUERY_BYTES, MAX_TERMS, MAX_WORDS, parse, stem};
use super::{Document, Hit, Index, Mode, Results, is_blank};

const SYNONYMS: &[&[&str]] = &[
    &["ml", "machine learning"],
    &["gui", "desktop"],
    &["crawling", "scraping"],
    &["ai", "artificial intelligence"],
    &["bot", "chatbot"],
];

pub(super) fn fixture() -> Vec<Document<'static>> {
    vec![
        Document {
            title: "Web Development",
            aliases: &["web apps", "backend", "websites"],
            alias_names: 3,
            libraries: &["Django", "Flask", "Pyramid", "FastAPI"],
            about: &[],
            summary: "Build websites and web APIs on the server side.",
            body: "Python powers the backend of many websites. Django is a batteries-included \
                   framework with an ORM and an admin site; Flask is a lightweight \
                   microframework; FastAPI builds fast async APIs from type hints; Pyramid \
                   scales from small to large applications. Templates render HTML, and REST \
                   APIs serve JSON to front ends built with React or Node.js tooling.",
        },
        Document {
            title: "Data Science",
            aliases: &["data analysis", "analytics"],
            alias_names: 2,
            libraries: &["NumPy", "pandas", "Matplotlib", "Jupyter"],
            about: &[],
            summary: "Clean, analyse and visualise data.",
            body: "Data scientists load CSV files into pandas DataFrames, compute statistics \
                   with NumPy arrays and plot charts with Matplotlib inside Jupyter notebooks. \
                   Exploratory analysis, cleaning messy data and visualisation are daily tasks. \
                   Results often feed machine learning models.",
        },
        Document {
            title: "Machine Learning",
            aliases: &["ML", "DL", "deep learning", "AI"],
            alias_names: 4,
            libraries: &["scikit-learn", "TensorFlow", "PyTorch", "Keras"],
            about: &[],
            summary: "Train models that learn from data.",
            body: "Machine learning lets programs learn patterns from data. scikit-learn offers \
                   classic algorithms such as regression, decision trees and clustering. Deep \
                   learning frameworks like TensorFlow and PyTorch train neural networks on GPUs \
                   for computer vision and natural language processing. NumPy arrays are the \
                   common currency.",
        },
        Document {
            title: "Telegram Bots",
            aliases: &["chat bots", "messenger bots"],
            alias_names: 2,
            libraries: &["python-telegram-bot", "aiogram", "Telethon"],
            about: &[],
            summary: "Automate chats and build Telegram bots.",
            body: "A Telegram bot answers messages, runs commands and sends notifications. The \
                   python-telegram-bot library wraps the Bot API; aiogram is an asynchronous \
                   framework built on asyncio; Telethon talks to the MTProto API as a user \
                   client. Bots can be hosted on a small server with webhooks or long polling.",
        },
        Document {
            title: "Discord Bots",
            aliases: &["discord"],
            alias_names: 1,
            libraries: &["discord.py", "nextcord", "hikari"],
            about: &[],
            summary: "Moderate servers and play games with Discord bots.",
            body: "discord.py is the classic library for Discord bots: it listens to events, \
                   handles slash commands and manages voice channels. Forks such as nextcord \
                   and alternatives such as hikari keep the ecosystem alive. Bots moderate \
                   communities, run games and post updates.",
        },
        Document {
            title: "Web Scraping",
            aliases: &["crawling", "data gathering"],
            alias_names: 2,
            libraries: &["Scrapy", "Beautiful Soup", "Selenium", "Requests"],
            about: &[],
            summary: "Extract data from websites automatically.",
            body: "Web scraping collects information from web pages. Requests downloads HTML, \
                   Beautiful Soup parses it, and Scrapy runs large crawlers that follow links \
                   and export items. When pages render with JavaScript, Selenium drives a real \
                   browser. A polite scraper respects robots.txt and rate limits.",
        },
        Document {
            title: "Desktop Apps",
            aliases: &["GUI", "desktop applications"],
            alias_names: 2,
            libraries: &["Tkinter", "PyQt", "Kivy", "wxPython"],
            about: &[],
            summary: "Build windows, buttons and menus for desktop programs.",
            body: "Python builds cross-platform desktop applications. Tkinter ships with Python \
                   and is fine for small tools; PyQt and PySide bind the Qt framework for \
                   polished interfaces; Kivy targets touch screens; wxPython uses native \
                   widgets. Package the app with PyInstaller to share it.",
        },
        Document {
            title: "Automation",
            aliases: &["scripting", "task automation"],
            alias_names: 2,
            libraries: &["os", "shutil", "schedule", "openpyxl"],
            about: &[],
            summary: "Script away boring, repetitive tasks.",
            body: "Automation scripts rename files, move folders with shutil, fill Excel sheets \
                   with openpyxl, send emails and run jobs on a schedule. A few lines of Python \
                   replace hours of manual clicking. System administrators use it to glue \
                   tools together.",
        },
        Document {
            title: "Browser Automation",
            aliases: &["end-to-end testing", "headless browsers"],
            alias_names: 2,
            libraries: &["Selenium", "Playwright", "Pyppeteer"],
            about: &[],
            summary: "Control real browsers for testing and scraping.",
            body: "Playwright and Selenium drive Chromium, Firefox and WebKit to click buttons, \
                   fill forms and take screenshots. End-to-end tests check web apps the way \
                   users see them. Headless mode runs the browser without a window on CI \
                   servers.",
        },
        Document {
            title: "Network Testing",
            aliases: &["networking", "penetration testing", "security"],
            alias_names: 3,
            libraries: &["Scapy", "paramiko", "socket"],
            about: &[],
            summary: "Craft packets, scan ports and test networks.",
            body: "Scapy builds and sniffs network packets, so security engineers can probe \
                   firewalls and test protocols. paramiko automates SSH sessions, and the \
                   socket module opens raw TCP and UDP connections. Python is a favourite for \
                   penetration testing tools.",
        },
        Document {
            title: "Game Development",
            aliases: &["games", "gamedev"],
            alias_names: 2,
            libraries: &["Pygame", "Panda3D", "Arcade"],
            about: &[],
            summary: "Make 2D and 3D games.",
            body: "Pygame handles sprites, sound and input for 2D games; Panda3D renders 3D \
                   worlds; Arcade is a modern library for teaching. Python also scripts game \
                   engines and tools such as Blender, whose add-ons automate 3D modelling.",
        },
        Document {
            title: "Performance & Extensions",
            aliases: &["C extensions", "speed"],
            alias_names: 2,
            libraries: &["Cython", "pybind11", "Numba"],
            about: &[],
            summary: "Speed up hot loops with compiled code.",
            body: "When pure Python is too slow, Cython compiles Python-like code to C, pybind11 \
                   binds C++ libraries, and Numba JIT-compiles numerical loops. Compared with \
                   C# or Java, Python trades raw speed for productivity. .NET developers can \
                   call Python through Python.NET, and a café owner can script the till.",
        },
    ]
}

fn index() -> Index<'static> {
    // Leak the fixture so the index can borrow it for 'static, like the app's content.
    let docs: &'static [Document<'static>] = Box::leak(fixture().into_boxed_slice());
    Index::new(docs, SYNONYMS)
}

fn all(_: usize) -> bool {
    true
}

/// The documents `q` finds, best first.
fn ranked(idx: &Index<'_>, q: &str) -> Vec<usize> {
    idx.search(q, all).hits.iter().map(|h| h.doc).collect()
}

fn titles(idx: &Index<'_>, r: &Results) -> Vec<&'static str> {
    r.hits
        .iter()
        .map(|h| {
            let t = idx.document(h.doc).map_or("?", |d| d.title);
            // Titles in the fixture are 'static.
            fixture()
                .into_iter()
                .map(|d| d.title)
                .find(|x| *x == t)
                .unwrap_or("?")
        })
        .collect()
}

fn top(idx: &Index<'_>, q: &str) -> &'static str {
    let r = idx.search(q, all);
    titles(idx, &r).first().copied().unwrap_or("<none>")
}

#[test]
fn ranking_top_hits_on_realistic_fixture() {
    let idx = index();
    let cases = [
        ("django", "Web Development"),
        ("djnago", "Web Development"),
        ("djang", "Web Development"),
        ("Flask", "Web Development"),
        ("machine learning", "Machine Learning"),
        ("machne lerning", "Machine Learning"),
        ("ml", "Machine Learning"),
        ("ML", "Machine Learning"),
        ("numpy", "Data Science"),
        ("pandas", "Data Science"),
        ("pnadas", "Data Science"),
        ("telegram bot", "Telegram Bots"),
        ("telegram", "Telegram Bots"),
        ("python-telegram-bot", "Telegram Bots"),
        ("discord", "Discord Bots"),
        ("discord.py", "Discord Bots"),
        ("scrape", "Web Scraping"),
        ("scraping", "Web Scraping"),
        ("scraper", "Web Scraping"),
        ("crawling", "Web Scraping"),
        ("crawl", "Web Scraping"),
        ("beautiful soup", "Web Scraping"),
        ("scrapy", "Web Scraping"),
        ("scapy", "Network Testing"),
        ("gui", "Desktop Apps"),
        ("desktop", "Desktop Apps"),
        ("tkinter", "Desktop Apps"),
        ("pyqt", "Desktop Apps"),
        ("playwright", "Browser Automation"),
        ("headless", "Browser Automation"),
        ("automation", "Automation"),
        ("scikit", "Machine Learning"),
        ("scikit-learn", "Machine Learning"),
        ("tensorflw", "Machine Learning"),
        ("deep learning", "Machine Learning"),
        ("artificial intelligence", "Machine Learning"),
        ("penetration testing", "Network Testing"),
        ("c++", "Performance & Extensions"),
        ("C#", "Performance & Extensions"),
        (".NET", "Performance & Extensions"),
        ("3d", "Game Development"),
        ("web scraping", "Web Scraping"),
        ("cafe", "Performance & Extensions"),
    ];
    let mut failures = Vec::new();
    for (q, want) in cases {
        let got = top(&idx, q);
        if got != want {
            failures.push(format!("{q:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_keystroke_of_typical_queries_finds_the_card() {
    let idx = index();
    // (query, shortest prefix expected to already find the card)
    for (q, from, want) in [
        ("django", 2, "Web Development"),
        ("telegram", 2, "Telegram Bots"),
        ("scikit-learn", 4, "Machine Learning"), // "sci" is "Data Science" first
        ("pandas", 3, "Data Science"),
        ("machine learning", 3, "Machine Learning"),
        ("tkinter", 2, "Desktop Apps"),
    ] {
        for end in from..=q.len() {
            assert_eq!(top(&idx, &q[..end]), want, "prefix {:?}", &q[..end]);
        }
    }
}

#[test]
fn blank_query_lists_everything_in_order() {
    let idx = index();
    for q in ["", "   ", "?!", "\"\"", "🐍"] {
        let r = idx.search(q, all);
        assert_eq!(r.mode, Mode::Empty, "{q:?}");
        assert_eq!(r.hits.len(), idx.len());
        assert!(r.hits.iter().enumerate().all(|(i, h)| h.doc == i));
    }
    let r = idx.search("", |d| d % 2 == 0);
    assert_eq!(r.hits.len(), idx.len().div_ceil(2));
    assert!(r.hits.iter().all(|h| h.doc % 2 == 0));
}

#[test]
fn filter_restricts_hits() {
    let idx = index();
    let r = idx.search("python", |d| d == 6);
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [6]);
    let r = idx.search("django", |d| d != 0);
    assert!(r.hits.iter().all(|h| h.doc != 0));
}

#[test]
fn cpp_does_not_match_every_c() {
    let idx = index();
    let r = idx.search("c++ ", all);
    assert_eq!(titles(&idx, &r), ["Performance & Extensions"]);
    let hit = &r.hits[0];
    let body = idx.document(hit.doc).unwrap().body;
    let snip = hit.snippet.as_ref().unwrap();
    assert_eq!(
        snip.marks
            .iter()
            .map(|m| &body[m.clone()])
            .collect::<Vec<_>>(),
        ["C++"]
    );
}

#[test]
fn dotted_and_joined_names() {
    let idx = index();
    for q in ["node.js", "Node.JS", "nodejs"] {
        assert_eq!(top(&idx, q), "Web Development", "{q}");
    }
    // Parts of compounds are words too.
    assert_eq!(top(&idx, "learn "), "Machine Learning");
    let r = idx.search("discord.py", all);
    let lib = &r.hits[0].libraries;
    assert_eq!(lib, &[(0, 0..10)]);
}

#[test]
fn accents_fold_both_ways() {
    let docs = [
        Document {
            title: "Café",
            ..Document::default()
        },
        Document {
            title: "cafe\u{301} decomposed",
            ..Document::default()
        },
        Document {
            title: "plain cafe",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    for q in ["cafe", "café", "CAFÉ", "cafe\u{301}"] {
        let r = idx.search(q, all);
        assert_eq!(r.hits.len(), 3, "{q:?}");
        for h in &r.hits {
            let t = docs[h.doc].title;
            for m in &h.title {
                assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
            }
        }
    }
    let r = idx.search("cafe", all);
    let h = r.hits.iter().find(|h| h.doc == 1).unwrap();
    assert_eq!(&docs[1].title[h.title[0].clone()], "cafe\u{301}");
    assert_eq!(
        fold_str("ÀÉÎÕÜ ÇÑ ÅØ Ǆ ﬃ ǅ"),
        "aeiouçnaodzffidz".replace('ç', "c")
    );
}

#[test]
fn rtl_and_emoji_documents() {
    let docs = [
        Document {
            title: "שָׁלוֹם עולם",
            body: "مرحبا بالعالم 🐍 python",
            ..Document::default()
        },
        Document {
            title: "emoji 🚀🚀 rocket",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    assert_eq!(idx.search("שלום", all).hits.len(), 1);
    assert_eq!(idx.search("مَرْحَبًا", all).hits.len(), 1);
    let r = idx.search("rocket", all);
    // "emoji " + two 4-byte rockets + " ", then "rocket".
    assert_eq!(r.hits[0].title, vec![15..21]);
    assert_eq!(idx.search("🚀", all).mode, Mode::Empty);
}

#[test]
fn exact_beats_prefix_beats_fuzzy() {
    let docs = [
        Document {
            body: "pyhton",
            ..Document::default()
        },
        Document {
            body: "pythonic",
            ..Document::default()
        },
        Document {
            body: "python",
            ..Document::default()
        },
        Document {
            body: "unrelated",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    let r = idx.search("python", all);
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [2, 1, 0]);
    assert!(r.hits[0].score > r.hits[1].score && r.hits[1].score > r.hits[2].score);
    // Not the word being typed: no prefix match.
    let r = idx.search("python ", all);
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [2, 0]);
    // Inflections sit between exact and prefix.
    let docs = [
        Document {
            body: "scrapy",
            ..Document::default()
        },
        Document {
            body: "scraping",
            ..Document::default()
        },
        Document {
            body: "scrape",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    let r = idx.search("scrape ", all);
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [2, 1, 0]);
}

#[test]
fn fuzzy_thresholds_by_length() {
    let docs = [
        Document {
            body: "cat",
            ..Document::default()
        },
        Document {
            body: "flask",
            ..Document::default()
        },
        Document {
            body: "tensorflow",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    let n = |q: &str| idx.search(q, all).hits.len();
    assert_eq!(n("cot "), 0); // 3 chars: no typos
    assert_eq!(n("flsak "), 1); // transposition: 1 edit
    assert_eq!(n("fasl "), 0); // 2 edits on a 4-char word
    assert_eq!(n("tensrflw "), 1); // 2 edits on an 8-char word
    assert_eq!(n("tnsrflw "), 0); // 3 edits
    // The word being typed also matches terms starting within the budget.
    assert_eq!(n("tesnor"), 1);
}

#[test]
fn and_falls_back_to_any() {
    let idx = index();
    let r = idx.search("django pygame", all);
    assert_eq!(r.mode, Mode::Any);
    let mut t = titles(&idx, &r);
    t.sort_unstable();
    assert_eq!(t, ["Game Development", "Web Development"]);
    let r = idx.search("django flask", all);
    assert_eq!(r.mode, Mode::All);
    assert_eq!(titles(&idx, &r), ["Web Development"]);
    // Documents matching more words come first in the fallback.
    let r = idx.search("django flask pygame", all);
    assert_eq!(r.mode, Mode::Any);
    assert_eq!(titles(&idx, &r)[0], "Web Development");
}

#[test]
fn phrases_need_consecutive_words() {
    let idx = index();
    let r = idx.search("\"machine learning\"", all);
    let mut t = titles(&idx, &r);
    t.sort_unstable();
    assert_eq!(t, ["Data Science", "Machine Learning"]);
    assert_eq!(idx.search("\"learning machine\"", all).hits.len(), 0);
    // Phrase highlights cover only the phrase occurrences.
    let r = idx.search("\"deep learning\"", all);
    assert_eq!(titles(&idx, &r), ["Machine Learning"]);
    let h = &r.hits[0];
    let body = idx.document(h.doc).unwrap().body;
    let snip = h.snippet.as_ref().unwrap();
    let marked: Vec<&str> = snip.marks.iter().map(|m| &body[m.clone()]).collect();
    assert_eq!(marked, ["Deep", "learning"]);
    assert_eq!(h.aliases, [(2, 0..4), (2, 5..13)]);
    // Unterminated quotes: a phrase to the end, no prefix matching.
    assert_eq!(idx.search("\"machine learn", all).hits.len(), 0);
    assert_eq!(idx.search("\"machine learning", all).hits.len(), 2);
}

#[test]
fn exclusions() {
    let idx = index();
    let r = idx.search("bots -telegram", all);
    assert_eq!(titles(&idx, &r), ["Discord Bots"]);
    let r = idx.search("-discord", all);
    assert_eq!(r.mode, Mode::All);
    assert_eq!(r.hits.len(), idx.len() - 1);
    assert!(r.hits.iter().all(|h| h.doc != 4));
    // Exact only: `-disc` does not exclude `discord`.
    assert_eq!(idx.search("-disc", all).hits.len(), idx.len());
    // A hyphen inside a word is a compound, not an exclusion.
    assert_eq!(top(&idx, "end-to-end"), "Browser Automation");
}

#[test]
fn synonyms_match_other_members() {
    let idx = index();
    // "desktop" ↔ "gui", "crawling" ↔ "scraping", "chatbot" → "bot(s)".
    assert_eq!(top(&idx, "gui"), "Desktop Apps");
    let r = idx.search("chatbot", all);
    let t = titles(&idx, &r);
    assert!(
        t.contains(&"Telegram Bots") && t.contains(&"Discord Bots"),
        "{t:?}"
    );
    // Multi-word members are phrases: "machine learning" reaches docs with "ML" only
    // through the synonym, and "ml" reaches docs with the phrase "machine learning".
    let r = idx.search("ml", all);
    let t = titles(&idx, &r);
    assert_eq!(t[0], "Machine Learning");
    assert!(t.contains(&"Data Science"), "{t:?}");
    // A synonym match is discounted below the word itself.
    let docs = [
        Document {
            body: "crawling",
            ..Document::default()
        },
        Document {
            body: "scraping",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, SYNONYMS);
    let r = idx.search("scraping ", all);
    assert_eq!(r.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [1, 0]);
}

#[test]
fn did_you_mean() {
    let idx = index();
    let r = idx.search("pnadsa ", all);
    assert!(r.hits.is_empty());
    assert_eq!(r.suggestion.as_deref(), Some("pandas"));
    let r = idx.search("jva", all);
    assert!(r.hits.is_empty());
    assert_eq!(r.suggestion.as_deref(), Some("java"));
    let r = idx.search("zzzzzzqqq", all);
    assert_eq!(r.suggestion, None);
    // Known words are kept, unknown ones corrected.
    let r = idx.search("pnadsa numpy", all);
    assert_eq!(r.mode, Mode::Any);
    assert_eq!(r.suggestion.as_deref(), Some("pandas numpy"));
    // Found with typo tolerance: no suggestion needed.
    assert_eq!(idx.search("djnago", all).suggestion, None);
}

#[test]
fn highlight_ranges_cover_original_words() {
    let idx = index();
    let r = idx.search("djang", all);
    let h = &r.hits[0];
    let d = idx.document(h.doc).unwrap();
    assert_eq!(h.libraries, [(0, 0..6)]);
    assert_eq!(&d.libraries[0][h.libraries[0].1.clone()], "Django");
    let r = idx.search("machne lerning", all);
    let h = &r.hits[0];
    let d = idx.document(h.doc).unwrap();
    assert_eq!(h.title, [0..7, 8..16]);
    assert_eq!(&d.title[8..16], "Learning");
    // Aliases are reported with their index.
    let r = idx.search("gui", all);
    // "desktop" in the second alias matches through the synonym group.
    assert_eq!(r.hits[0].aliases, [(0, 0..3), (1, 0..7)]);
    check_ranges(&idx, &r);
}

/// Every range lies on char boundaries inside its string; snippets contain their marks.
pub(super) fn check_ranges(idx: &Index<'_>, r: &Results) {
    for h in &r.hits {
        check_hit(idx, h);
    }
}

pub(super) fn check_hit(idx: &Index<'_>, h: &Hit) {
    let d = idx.document(h.doc).expect("hit refers to a document");
    let ok = |s: &str, r: &core::ops::Range<usize>| {
        r.start < r.end
            && r.end <= s.len()
            && s.is_char_boundary(r.start)
            && s.is_char_boundary(r.end)
    };
    assert!(h.title.iter().all(|r| ok(d.title, r)));
    assert!(h.summary.iter().all(|r| ok(d.summary, r)));
    assert!(
        h.aliases
            .iter()
            .all(|(i, r)| d.aliases.get(*i).is_some_and(|s| ok(s, r)))
    );
    assert!(
        h.libraries
            .iter()
            .all(|(i, r)| d.libraries.get(*i).is_some_and(|s| ok(s, r)))
    );
    if let Some(s) = &h.snippet {
        assert!(s.text.start <= s.text.end && s.text.end <= d.body.len());
        assert!(d.body.is_char_boundary(s.text.start) && d.body.is_char_boundary(s.text.end));
        assert_eq!(s.starts_mid, s.text.start > 0);
        assert_eq!(s.ends_mid, s.text.end < d.body.len());
        for m in &s.marks {
            assert!(ok(d.body, m));
            assert!(m.start >= s.text.start && m.end <= s.text.end);
        }
    }
}

#[test]
fn snippet_centres_on_best_match_in_long_body() {
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12);
    let body: &'static str = Box::leak(
        format!("{filler}Here Django meets Flask in one sentence. {filler}Django alone.")
            .into_boxed_str(),
    );
    let docs = [Document {
        title: "x",
        body,
        ..Document::default()
    }];
    let idx = Index::new(&docs, &[]);
    let r = idx.search("django flask", all);
    let s = r.hits[0].snippet.clone().unwrap();
    let text = &body[s.text.clone()];
    assert!(text.contains("Django meets Flask"), "{text}");
    assert!(s.starts_mid && s.ends_mid);
    assert_eq!(s.marks.len(), 2);
    check_ranges(&idx, &r);
}

#[test]
fn search_top_materialises_only_k() {
    let idx = index();
    let r = idx.search_top("python", all, 2);
    assert_eq!(r.hits.len(), 2);
    assert!(r.total > 2);
    let full = idx.search("python", all);
    assert_eq!(full.hits.len(), r.total);
    assert_eq!(full.hits[..2], r.hits[..]);
    assert_eq!(idx.search_top("python", all, 0).hits.len(), 0);
}

#[test]
fn reentrant_search_from_filter() {
    let idx = index();
    let r = idx.search("python", |d| {
        idx.search("django", |x| x == d).hits.is_empty()
    });
    assert!(r.hits.iter().all(|h| h.doc != 0));
    assert!(!r.hits.is_empty());
}

#[test]
fn query_bounds() {
    let syn = Vec::new();
    let long = "word ".repeat(5000);
    let q = parse(&long, &syn);
    assert!(q.units <= MAX_TERMS);
    assert!(q.words.len() <= MAX_WORDS);
    let q = parse(&"é".repeat(MAX_QUERY_BYTES), &syn);
    assert_eq!(q.units, 1);
    assert!(q.words[0].key.len() <= MAX_QUERY_BYTES);
    // A 10,000-character query still runs (and is cut).
    let idx = index();
    let r = idx.search(&"machine learning ".repeat(600), all);
    assert!(!r.hits.is_empty());
}

#[test]
fn light_stemming() {
    assert_eq!(stem("scraping"), "scrap");
    assert_eq!(stem("scrape"), "scrap");
    assert_eq!(stem("scraped"), "scrap");
    assert_eq!(stem("scrapers"), "scrap");
    assert_eq!(stem("libraries"), "library");
    assert_eq!(stem("running"), "run");
    assert_eq!(stem("class"), "class");
    assert_eq!(stem("bots"), "bot");
    assert_eq!(stem("uses"), "use");
    assert_eq!(stem("used"), "use");
    assert_eq!(stem("development"), "develop");
    assert_eq!(stem("developer"), "develop");
    assert_eq!(stem("deployments"), "deploy");
    assert_eq!(stem("comment"), "comment");
    assert_eq!(stem("ml"), "ml");
}

/// Letters NFKD does not decompose but that we fold anyway (the generator's manual list).
const MANUAL_FOLDS: &[(char, &str)] = &[
    ('Ø', "o"),
    ('ø', "o"),
    ('Đ', "d"),
    ('đ', "d"),
    ('Ð', "d"),
    ('ð', "d"),
    ('Ł', "l"),
    ('ł', "l"),
    ('Ħ', "h"),
    ('ħ', "h"),
    ('Ŧ', "t"),
    ('ŧ', "t"),
    ('ı', "i"),
    ('Æ', "ae"),
    ('æ', "ae"),
    ('Œ', "oe"),
    ('œ', "oe"),
    ('ß', "ss"),
    ('ẞ', "ss"),
    ('Þ', "th"),
    ('þ', "th"),
    ('ƀ', "b"),
    ('Ƀ', "b"),
    ('ƒ', "f"),
    ('Ƒ', "f"),
    ('ǥ', "g"),
    ('Ǥ', "g"),
    ('Ɨ', "i"),
    ('ς', "σ"),
    ('ſ', "s"),
    ('ŉ', "n"),
    ('ẚ', "a"),
];

/// The reference fold: lowercase(NFKD(c)) without combining marks (once more for a single
/// resulting letter, so `Ǣ` → `æ` → `ae`), or `c` itself when that is not alphanumeric.
fn reference_fold(c: char) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let one = |c: char| -> String {
        if let Some(m) = MANUAL_FOLDS.iter().find(|m| m.0 == c) {
            return m.1.to_string();
        }
        let out: String = c
            .to_string()
            .nfkd()
            .filter(|m| !is_combining_mark(*m))
            .flat_map(char::to_lowercase)
            .collect();
        if out.is_empty() || !out.chars().all(char::is_alphanumeric) {
            c.to_string()
        } else {
            out
        }
    };
    let first = one(c);
    let mut it = first.chars();
    match (it.next(), it.next()) {
        (Some(c2), None) if c2 != c => one(c2),
        _ => first,
    }
}

#[test]
fn fold_matches_nfkd() {
    use super::fold::{Class, fold_char};
    // Rare characters whose NFKD result the compact tables deliberately do not cover.
    let exceptions = [
        '\u{374}', '\u{558}', '\u{587}', '\u{58B}', '\u{58C}', '\u{10FC}',
    ];
    let ranges = [
        0xA0..0x250u32,
        0x370..0x590,
        0x10A0..0x1100,
        0x1E00..0x2000,
        0xFB00..0xFB07,
    ];
    let mut checked = 0;
    for cp in ranges.into_iter().flatten() {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut out = String::new();
        if fold_char(c, &mut out) != Class::Word || exceptions.contains(&c) {
            continue;
        }
        assert_eq!(out, reference_fold(c), "U+{cp:04X} {c}");
        checked += 1;
    }
    assert!(checked > 1500, "{checked}");
    // And whole words agree with NFKD.
    for w in [
        "Ångström",
        "Crème Brûlée",
        "İstanbul",
        "ΆΈΉ",
        "Ǆemal",
        "Ｐｙｔｈｏｎ",
        "Ǣsir",
    ] {
        let want: String = w
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(reference_fold)
            .collect();
        assert_eq!(fold_str(w), want, "{w}");
    }
}

#[test]
fn a_name_equal_to_the_query_ranks_its_document_first() {
    let docs = [
        Document {
            title: "Agents",
            libraries: &["Pydantic AI"],
            ..Document::default()
        },
        Document {
            title: "Services",
            libraries: &["Pydantic", "Starlette", "Uvicorn"],
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    // Both hold the word; only the second has a library named exactly that.
    assert_eq!(ranked(&idx, "pydantic"), [1, 0]);
    assert_eq!(ranked(&idx, "Pydantic AI"), [0]);
}

#[test]
fn a_word_spelt_as_in_the_vocabulary_is_not_a_misspelt_prefix() {
    let docs = [
        Document {
            body: "pyqt",
            ..Document::default()
        },
        Document {
            body: "pytest",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    // "pyqt" is a term: it does not also read as "pyt…" with a typo.
    assert_eq!(ranked(&idx, "pyqt"), [0]);
    // A word the vocabulary does not hold still gets its typo matches.
    assert_eq!(ranked(&idx, "pyqx"), [0]);
    assert_eq!(ranked(&idx, "pytst"), [1]);
}

#[test]
fn only_the_aliases_that_are_names_count_as_names() {
    let docs = |alias_names| {
        [
            Document {
                title: "Automation",
                aliases: &["scripting", "bots"],
                alias_names,
                ..Document::default()
            },
            Document {
                title: "Telegram Bots",
                ..Document::default()
            },
        ]
    };
    // "bots" as a keyword of the first document: the one with it in its title leads.
    let keyword = docs(1);
    assert_eq!(ranked(&Index::new(&keyword, &[]), "bots"), [1, 0]);
    // As one of its names, it is exactly what was asked for.
    let name = docs(2);
    assert_eq!(ranked(&Index::new(&name, &[]), "bots"), [0, 1]);
}

#[test]
fn a_blank_query_is_one_every_index_lists_in_order() {
    let docs = [
        Document {
            title: "Django",
            ..Document::default()
        },
        Document {
            title: "Flask",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    for blank in ["", "   ", "!?", " - ", "\"\""] {
        assert!(is_blank(blank), "{blank:?}");
        let results = idx.search(blank, |_| true);
        assert_eq!(results.mode, Mode::Empty, "{blank:?}");
        assert_eq!(
            results.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
            [0, 1]
        );
    }
    for query in ["django", "-flask", "x"] {
        assert!(!is_blank(query), "{query:?}");
        assert_ne!(idx.search(query, |_| true).mode, Mode::Empty, "{query:?}");
    }
}

#[test]
fn a_library_counts_by_its_place_in_the_list() {
    let docs = [
        Document {
            title: "Mobile",
            libraries: &["Kivy", "Toga", "Flet", "BeeWare", "Pygame", "PyQt"],
            ..Document::default()
        },
        Document {
            title: "Desktop",
            libraries: &["Tkinter", "PySide", "PyQt", "wxPython", "Kivy", "Toga"],
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    // The same name in both: the document that lists it earlier leads.
    assert_eq!(ranked(&idx, "pyqt"), [1, 0]);
    assert_eq!(ranked(&idx, "kivy"), [0, 1]);
    let [first, second] = [0, 1].map(|d| idx.search("pyqt", |x| x == d).hits[0].score);
    assert!(second > first, "{first} {second}");
}

#[test]
fn a_keyword_counts_less_than_a_name() {
    let docs = [
        Document {
            title: "Prototypes",
            aliases: &["MVP", "ML demo"],
            alias_names: 1,
            ..Document::default()
        },
        Document {
            title: "Learning",
            aliases: &["ML"],
            alias_names: 1,
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    assert_eq!(ranked(&idx, "ml"), [1, 0]);
}

#[test]
fn a_synonym_weighs_as_the_concept_it_stands_for() {
    // "ML" is rare and "learning" common: without a shared idf, a passing "ML" keyword
    // would outrank a document named for deep learning.
    let docs = [
        Document {
            title: "Machine Learning",
            aliases: &["ML", "Deep learning"],
            alias_names: 2,
            body: "Deep learning trains neural networks; learning from data.",
            ..Document::default()
        },
        Document {
            title: "Prototyping",
            aliases: &["ML demo"],
            alias_names: 0,
            body: "A quick demo of an idea, or of a learning model.",
            ..Document::default()
        },
        Document {
            title: "Artificial Intelligence",
            aliases: &["Deep learning applications"],
            alias_names: 1,
            body: "Models that see, listen and talk, most of them trained by deep learning.",
            ..Document::default()
        },
        Document {
            title: "Teaching",
            body: "Learning to code, learning by doing, learning with others.",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[&["ML", "Deep learning"]]);
    assert_eq!(ranked(&idx, "deep learning"), [0, 2, 1]);
}

#[test]
fn words_next_to_each_other_rank_higher() {
    let docs = [
        Document {
            title: "Bots",
            body: "A bot is a client of the chat service; it speaks HTTP to send its messages.",
            ..Document::default()
        },
        Document {
            title: "Services",
            body: "Services call each other with an HTTP client and answer quickly.",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    assert_eq!(ranked(&idx, "http client"), [1, 0]);
    // In the order typed only.
    let score = |q: &str| idx.search(q, |d| d == 1).hits[0].score;
    assert!(score("http client") > score("client http"));
}

#[test]
fn the_libraries_descriptions_find_a_document_but_are_not_highlighted() {
    let docs = [
        Document {
            title: "Data Science",
            libraries: &["Matplotlib", "seaborn"],
            about: &[
                "A widely used library for static and interactive charts.",
                "Statistical charts on top of Matplotlib.",
            ],
            ..Document::default()
        },
        Document {
            title: "Business",
            libraries: &["openpyxl"],
            about: &["Reads and writes Excel files."],
            body: "Reports with tables and charts.",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    let results = idx.search("charts", |_| true);
    let docs_found: Vec<usize> = results.hits.iter().map(|h| h.doc).collect();
    assert_eq!(docs_found.len(), 2);
    let data = results.hits.iter().find(|h| h.doc == 0).expect("found");
    assert!(data.snippet.is_none() && data.libraries.is_empty() && data.title.is_empty());
    // A library further down the list counts less.
    let first = Index::new(
        &[Document {
            libraries: &["a", "b"],
            about: &["charts", "tables"],
            ..Document::default()
        }],
        &[],
    );
    let second = Index::new(
        &[Document {
            libraries: &["a", "b"],
            about: &["tables", "charts"],
            ..Document::default()
        }],
        &[],
    );
    let score = |idx: &Index<'_>| idx.search("charts", |_| true).hits[0].score;
    assert!(score(&first) > score(&second));
}

#[test]
fn a_word_finds_the_forms_made_with_ment() {
    let docs = [
        Document {
            title: "Game Development",
            ..Document::default()
        },
        Document {
            title: "Games",
            body: "Play.",
            ..Document::default()
        },
    ];
    let idx = Index::new(&docs, &[]);
    assert_eq!(ranked(&idx, "game developer"), [0]);
}

/// The index data as the app reads it from its data file ranks exactly as the index the
/// build made: same documents, same scores, to the bit.
#[test]
fn index_data_read_back_from_its_file_form_ranks_the_same() {
    let docs: &'static [Document<'static>] = Box::leak(fixture().into_boxed_slice());
    let data = super::IndexData::build(docs, SYNONYMS);
    let bytes = postcard::to_allocvec(&data).unwrap();
    let read: super::IndexData = postcard::from_bytes(&bytes).unwrap();
    let (built, read) = (
        Index::from_data(docs, data).unwrap(),
        Index::from_data(docs, read).unwrap(),
    );
    for query in [
        "django",
        "machine learning",
        "ml",
        "pand",
        "scrapy OR",
        "web -django",
    ] {
        let scores = |index: &Index<'_>| {
            index
                .search(query, |_| true)
                .hits
                .iter()
                .map(|h| (h.doc, h.score.to_bits()))
                .collect::<Vec<_>>()
        };
        assert_eq!(scores(&built), scores(&read), "{query}");
        assert!(!scores(&built).is_empty() || query.contains('-'), "{query}");
    }
}

/// A damaged index file is refused when it is read, never read into an index that
/// finds wrong documents.
#[test]
fn damaged_index_data_is_refused() {
    let data = super::IndexData::build(&fixture(), SYNONYMS);
    let bytes = postcard::to_allocvec(&data).unwrap();
    let mut refused = 0;
    // Cutting the file anywhere, or flipping a byte of it, never panics.
    for cut in 0..bytes.len() {
        refused += usize::from(postcard::from_bytes::<super::IndexData>(&bytes[..cut]).is_err());
    }
    assert_eq!(refused, bytes.len(), "every cut file is refused");
    for at in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x5a;
        let _ = postcard::from_bytes::<super::IndexData>(&flipped);
    }
}
