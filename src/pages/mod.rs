//! One module per route.

pub mod agencies;
pub mod assessment;
pub mod attention;
pub mod client;
pub mod client_network;
pub mod client_retention;
pub mod clients;
pub mod concerns;
pub mod dashboard;
pub mod home;
pub mod meetings;
pub mod notes;
pub mod plan;
pub mod region;
pub mod settings;
pub mod staff;
pub mod trash;
pub mod vault;
