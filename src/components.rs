//! The pieces pages are made of. Each file holds one component (and its pure helpers).

pub mod card_grid;
pub mod category_card;
pub mod comparison;
pub mod copy;
pub mod filter_bar;
pub mod highlight;
pub mod icon;
pub mod library_card;
pub mod load_failed;
pub mod search_box;
pub mod section_card;
pub mod site_footer;
pub mod site_header;
pub mod theme_toggle;
