//! Server configuration, in one place.
//!
//! Each setting comes from the command-line flag if given, else from its
//! `RENKEI_*` environment variable, else from a default that runs out of the
//! box next to a `./dev build` output.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Address the server listens on unless told otherwise: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Directory with Trunk's build output unless told otherwise.
pub const DEFAULT_DIST: &str = "./dist";

/// Everything the server needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Trunk's build output: `index.html`, `sw.js`, hashed assets, icons.
    pub dist: PathBuf,
}

impl Config {
    /// A configuration serving `dist` on the default address.
    pub fn new(dist: impl Into<PathBuf>) -> Self {
        Self { dist: dist.into(), ..Self::default() }
    }

    /// The app shell that every page of the SPA is served from.
    pub fn index_html(&self) -> PathBuf {
        self.dist.join("index.html")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: DEFAULT_ADDR.parse().expect("DEFAULT_ADDR is a socket address"),
            dist: PathBuf::from(DEFAULT_DIST),
        }
    }
}

/// 連携ノート office server.
#[derive(Debug, Parser)]
#[command(name = "renkei-server", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Options of `serve`, which runs when no subcommand is given.
    #[command(flatten)]
    serve: ServeArgs,
}

impl Cli {
    /// The subcommand to run; `serve` when none was named.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Serve(self.serve))
    }
}

/// What the server binary can do.
#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum Command {
    /// Serve the built app from the dist directory (the default).
    Serve(ServeArgs),
}

/// Options of `serve`.
#[derive(Debug, Args, PartialEq, Eq)]
pub struct ServeArgs {
    /// Address to listen on; use port 0 for a free port.
    #[arg(long, env = "RENKEI_ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Directory with the Trunk build output.
    #[arg(long, env = "RENKEI_DIST", default_value = DEFAULT_DIST)]
    pub dist: PathBuf,
}

impl From<ServeArgs> for Config {
    fn from(args: ServeArgs) -> Self {
        Self { addr: args.addr, dist: args.dist }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Config {
        match Cli::try_parse_from(args).unwrap().into_command() {
            Command::Serve(args) => args.into(),
        }
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    // These tests assume RENKEI_ADDR and RENKEI_DIST are unset; the binary's
    // tests cover the environment.
    #[test]
    fn no_subcommand_means_serve_with_defaults() {
        assert_eq!(parse(&["renkei-server"]), Config::default());
    }

    #[test]
    fn serve_takes_addr_and_dist() {
        let config = parse(&["renkei-server", "serve", "--addr", "127.0.0.1:0", "--dist", "/srv/renkei"]);
        assert_eq!(config.addr, "127.0.0.1:0".parse().unwrap());
        assert_eq!(config.dist, PathBuf::from("/srv/renkei"));
    }

    #[test]
    fn serve_flags_work_without_the_subcommand() {
        let config = parse(&["renkei-server", "--addr", "[::1]:9000"]);
        assert_eq!(config.addr, "[::1]:9000".parse().unwrap());
        assert_eq!(config.dist, PathBuf::from(DEFAULT_DIST));
    }

    #[test]
    fn an_address_without_port_is_rejected() {
        assert!(Cli::try_parse_from(["renkei-server", "--addr", "localhost"]).is_err());
    }
}
