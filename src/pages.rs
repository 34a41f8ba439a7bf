//! One component per route.

pub mod category;
pub mod home;
pub mod not_found;
