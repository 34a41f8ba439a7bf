//! Every fact of the seed (`../shared/seed/what-is-python-used-for.md`) is in the content
//! and can be found by searching: each fact names the words a visitor would search for,
//! the card that must come up in the first three results, and text that card must hold.

use pyuses::catalog::Target;
use pyuses::content::{Category, Data, SiteData};

/// The site's data of the repository's content, as the page has it.
fn content() -> &'static SiteData {
    pyuses::content::for_tests()
}

/// The data of [`content`].
fn data() -> &'static Data {
    content().data
}

/// The site-wide texts.
fn site() -> &'static pyuses::content::Site {
    data().site()
}

/// Every category.
fn categories() -> &'static [Category] {
    data().categories()
}

/// The category with this slug.
fn category(slug: &str) -> Option<&'static Category> {
    data().category(slug)
}

/// The searchable text of a home page section.
fn section_body(id: &str) -> &'static str {
    content().catalog.section_body(id)
}
use pyuses::params::HomeParams;

/// (what the seed says, a search, the card or section that must be in the top three,
/// text the card's page must contain).
const FACTS: &[(&str, &str, &str, &str)] = &[
    // Web Development
    (
        "web apps of varying complexity",
        "web applications complexity",
        "web-development",
        "complexity",
    ),
    (
        "Pyramid is a Python web framework",
        "pyramid",
        "web-development",
        "Pyramid",
    ),
    (
        "Django is a Python web framework",
        "django",
        "web-development",
        "Django",
    ),
    (
        "Flask is a Python web framework",
        "flask",
        "web-development",
        "Flask",
    ),
    // Data Science / Analysis
    (
        "the language of choice for data scientists",
        "data scientists",
        "data-science",
        "data scientists",
    ),
    ("NumPy for data analysis", "numpy", "data-science", "NumPy"),
    (
        "pandas for data analysis",
        "pandas",
        "data-science",
        "pandas",
    ),
    (
        "Matplotlib for visualisation",
        "matplotlib",
        "data-science",
        "Matplotlib",
    ),
    (
        "Seaborn for visualisation",
        "seaborn",
        "data-science",
        "seaborn",
    ),
    (
        "data crunching",
        "data crunching",
        "data-science",
        "crunching",
    ),
    (
        "IPython with JupyterLab",
        "ipython jupyterlab",
        "data-science",
        "JupyterLab",
    ),
    // Automation
    (
        "automating boring or repetitive tasks",
        "repetitive tasks",
        "automation",
        "repetitive",
    ),
    (
        "system administrators run scripts from the terminal",
        "system administrators terminal",
        "automation",
        "terminal",
    ),
    (
        "bots that automate daily tasks",
        "automation bots daily tasks",
        "automation",
        "bots",
    ),
    // Artificial Intelligence
    (
        "Python in the growing field of AI",
        "artificial intelligence",
        "artificial-intelligence",
        "Artificial",
    ),
    (
        "Google chose Python for TensorFlow",
        "google tensorflow",
        "artificial-intelligence",
        "Google",
    ),
    (
        "why TensorFlow chose Python (the seed's reference)",
        "tensorflow",
        "artificial-intelligence",
        "35677724",
    ),
    // Mobile App development
    ("mobile apps with Kivy", "kivy", "mobile-apps", "Kivy"),
    (
        "mobile apps and games with Pygame",
        "pygame mobile",
        "mobile-apps",
        "Pygame",
    ),
    (
        "mobile apps with PyQt",
        "pyqt mobile",
        "mobile-apps",
        "PyQt",
    ),
    // Security and Networking
    (
        "networking and security tools",
        "security tools",
        "security-networking",
        "security tools",
    ),
    (
        "remote automation for testing cloud deployments",
        "remote automation cloud",
        "security-networking",
        "cloud",
    ),
    (
        "socket programming",
        "socket programming",
        "security-networking",
        "socket",
    ),
    // Network Testing
    (
        "packet generation",
        "packet generation",
        "network-testing",
        "packet",
    ),
    (
        "Scapy for traffic streams and replay",
        "scapy traffic replay",
        "network-testing",
        "replay",
    ),
    (
        "VoIP, video and data streams for QoS testing",
        "voip video qos",
        "network-testing",
        "VoIP",
    ),
    // Machine Learning / Deep Learning
    (
        "machine learning, deep learning and data analytics",
        "deep learning analytics",
        "machine-learning",
        "analytics",
    ),
    (
        "R and MATLAB are specialised languages",
        "matlab",
        "machine-learning",
        "MATLAB",
    ),
    (
        "flexibility, rapid prototyping and libraries",
        "machine learning flexibility",
        "machine-learning",
        "flexib",
    ),
    // Bots
    (
        "Telegram bots (core.telegram.org/bots)",
        "telegram bots",
        "telegram-bots",
        "core.telegram.org/bots",
    ),
    (
        "Discord bots, e.g. Hacktoberbot",
        "hacktoberbot",
        "discord-bots",
        "Hacktoberbot",
    ),
    // Data gathering by crawling and scraping
    (
        "parse page source and retrieve data",
        "parse page source",
        "web-scraping",
        "source",
    ),
    ("Scrapy", "scrapy", "web-scraping", "Scrapy"),
    (
        "Selenium for pages that use JavaScript",
        "selenium javascript",
        "web-scraping",
        "JavaScript",
    ),
    // "Python is generally used for"
    (
        "Web & Internet Development",
        "web and internet development",
        "web-development",
        "internet",
    ),
    (
        "Educational Advancement",
        "educational advancement",
        "education",
        "Education",
    ),
    (
        "Scientific Studies/Computing",
        "scientific studies",
        "scientific-computing",
        "Scientific",
    ),
    (
        "Desktop development",
        "desktop development",
        "desktop-apps",
        "desktop",
    ),
    (
        "Numeric Computing",
        "numeric computing",
        "scientific-computing",
        "numeric",
    ),
    (
        "Software development",
        "software development",
        "software-development",
        "Software",
    ),
    (
        "Business Application development",
        "business application development",
        "business-applications",
        "business",
    ),
    (
        "Machine Learning",
        "machine learning",
        "machine-learning",
        "machine learning",
    ),
    ("IoT", "iot", "iot", "IoT"),
    (
        "Game Development",
        "game development",
        "game-development",
        "game",
    ),
    (
        "Rapid Prototyping",
        "rapid prototyping",
        "rapid-prototyping",
        "prototyp",
    ),
    (
        "Browser Automation",
        "browser automation",
        "browser-automation",
        "browser",
    ),
    (
        "Data analysis",
        "data analysis",
        "data-science",
        "data analysis",
    ),
    (
        "Scraping data from websites",
        "scraping data from websites",
        "web-scraping",
        "scraping",
    ),
    (
        "Image Processing",
        "image processing",
        "image-processing",
        "image",
    ),
    // Why Python has got such a wide range of usage
    (
        "packages from aerospace research to mathematics",
        "aerospace research mathematics",
        "why-python",
        "aerospace",
    ),
    (
        "Python is open source",
        "open source",
        "why-python",
        "open source",
    ),
    (
        "simple and elegant syntax",
        "elegant syntax",
        "why-python",
        "elegant",
    ),
    (
        "built-in functions make code shorter",
        "built-in functions",
        "why-python",
        "built-in functions",
    ),
    (
        "object-oriented programming",
        "object-oriented",
        "why-python",
        "object-oriented",
    ),
    // More information, further reading and PyPI
    (
        "python.org describes Python's applications",
        "applications for python",
        "further-reading",
        "python.org",
    ),
    (
        "10 Major Uses of Python",
        "10 major uses",
        "further-reading",
        "10 Major Uses of Python",
    ),
    (
        "Where is the Python language used?",
        "where is python used",
        "further-reading",
        "Where is the Python language used?",
    ),
    (
        "What is Python used for?",
        "what is python used for",
        "further-reading",
        "What is Python used for?",
    ),
    (
        "data analysis tutorials",
        "data analysis tutorials",
        "further-reading",
        "tutorials",
    ),
    (
        "the official package index (PyPI)",
        "package index",
        "further-reading",
        "Python Package Index",
    ),
];

/// Everything a visitor can read about `key`: a category's page, or a home page section.
fn page_text(key: &str) -> String {
    if let Some(c) = category(key) {
        let libraries: Vec<String> = data()
            .library_entries(c)
            .map(|l| {
                let details = data()
                    .library_details(&l.id)
                    .expect("every library has details");
                format!("{} {} {}", l.name, details.url, details.about)
            })
            .collect();
        return [
            c.title.as_str(),
            &c.summary,
            data().body(&c.slug).map_or("", |p| p.html.as_str()),
            &c.aliases.join(" "),
            &libraries.join(" "),
        ]
        .join("\n");
    }
    let links: Vec<String> = site()
        .further_reading
        .iter()
        .map(|l| format!("{} {}", l.title, l.url))
        .collect();
    match key {
        "why-python" => {
            let titles: Vec<&str> = site().reasons.iter().map(|r| r.title.as_str()).collect();
            [
                site().why_title.as_str(),
                &site().why_summary,
                &titles.join("\n"),
                section_body(key),
            ]
            .join("\n")
        }
        "further-reading" => [
            links.join("\n").as_str(),
            &site().python_apps_url,
            &site().pypi_url,
            section_body(key),
        ]
        .join("\n"),
        _ => panic!("unknown card {key}"),
    }
}

#[test]
fn every_seed_fact_is_on_its_page_and_found_by_search() {
    let mut problems = Vec::new();
    for &(fact, query, key, needle) in FACTS {
        if !page_text(key)
            .to_lowercase()
            .contains(&needle.to_lowercase())
        {
            problems.push(format!("{fact}: `{key}` does not contain {needle:?}"));
        }
        let params = HomeParams {
            q: query.to_owned(),
            ..HomeParams::default()
        };
        let top: Vec<&str> = content().catalog.list(&params).keys().take(3).collect();
        if !top.contains(&key) {
            problems.push(format!(
                "{fact}: searching {query:?} gives {top:?}, not {key}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} seed facts are not covered:\n{}",
        problems.len(),
        FACTS.len(),
        problems.join("\n")
    );
}

#[test]
fn the_intro_keeps_the_seed_opening() {
    let intro = site().intro_html.to_lowercase();
    for needle in [
        "small",
        "large",
        "online",
        "offline",
        "web development",
        "scripting",
        "data analysis",
    ] {
        assert!(intro.contains(needle), "the intro lost {needle:?}");
    }
    assert!(
        site().intro_html.contains(&site().python_apps_url)
            && site().intro_html.contains(&site().pypi_url)
    );
}

#[test]
fn every_list_item_and_section_of_the_seed_has_a_card() {
    // The seed's eleven sections and the ten list items without one.
    let slugs: Vec<&str> = categories().iter().map(|c| c.slug.as_str()).collect();
    for slug in [
        "web-development",
        "data-science",
        "automation",
        "artificial-intelligence",
        "mobile-apps",
        "security-networking",
        "network-testing",
        "machine-learning",
        "telegram-bots",
        "discord-bots",
        "web-scraping",
        "desktop-apps",
        "game-development",
        "iot",
        "image-processing",
        "education",
        "scientific-computing",
        "business-applications",
        "software-development",
        "rapid-prototyping",
        "browser-automation",
    ] {
        assert!(slugs.contains(&slug), "no card for {slug}");
    }
    assert_eq!(site().uses.len(), 15);
    assert_eq!(site().reasons.len(), 5);
    assert_eq!(site().further_reading.len(), 5);
    for target in [
        Target::Section(content().catalog.sections()[0]),
        Target::Section(content().catalog.sections()[1]),
    ] {
        assert!(!page_text(target.key()).is_empty());
    }
}
