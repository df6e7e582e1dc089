//! One module per route.

pub mod client;
pub mod clients;
pub mod home;
pub mod settings;
pub mod staff;
pub mod trash;
