//! `site icons`: rasterises the app icon into the PNGs the web app manifest lists.
//!
//! The PNGs are committed, so this runs only when `style/icons/app-icon.svg` changes:
//! `cargo run --features icons --bin site -- icons`.

use std::fs;
use std::path::Path;

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Options, Tree};

/// The source drawing, and the folder the PNGs go to.
const SOURCE: &str = "style/icons/app-icon.svg";
const OUT: &str = "style/icons";
/// The icon's background, which a maskable icon must fill edge to edge.
const BACKGROUND: [u8; 3] = [0x1f, 0x4e, 0x8c];

/// Writes `icon-192.png`, `icon-512.png` and `icon-maskable-512.png`.
pub fn run() -> Result<(), String> {
    let svg = fs::read_to_string(SOURCE).map_err(|e| format!("cannot read {SOURCE}: {e}"))?;
    let tree = Tree::from_str(&svg, &Options::default())
        .map_err(|e| format!("{SOURCE} is not valid SVG: {e}"))?;
    render(&tree, 192, None, "icon-192.png")?;
    render(&tree, 512, None, "icon-512.png")?;
    // Maskable: platforms crop to a shape as small as the central 80% circle, so the
    // background fills the square and the drawing (whose marks sit within that circle)
    // keeps its size.
    let [r, g, b] = BACKGROUND;
    render(
        &tree,
        512,
        Some(Color::from_rgba8(r, g, b, 0xff)),
        "icon-maskable-512.png",
    )
}

/// Renders `tree` into a `size`×`size` PNG, over `background` when given.
fn render(tree: &Tree, size: u32, background: Option<Color>, name: &str) -> Result<(), String> {
    let mut pixmap = Pixmap::new(size, size).ok_or("cannot allocate the image")?;
    if let Some(color) = background {
        pixmap.fill(color);
    }
    let scale = size as f32 / tree.size().width();
    resvg::render(
        tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let path = Path::new(OUT).join(name);
    pixmap
        .save_png(&path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}
