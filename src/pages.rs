//! One component per route.

pub mod category;
pub mod home;
pub mod library;
pub mod not_found;
