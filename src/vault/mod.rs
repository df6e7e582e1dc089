//! The browser's side of encryption on the device: fresh random bytes, the
//! key derivation (WebCrypto's PBKDF2, which runs at native speed and adds no
//! code to the download), and what is sealed with them. The sealing itself
//! and every rule about keys live in `renkei_domain::vault`.

pub mod backup;
mod cipher;
pub mod device;
mod kdf;
pub mod keyring;
pub mod state;

pub use kdf::{derive, random_bytes, KdfError};
