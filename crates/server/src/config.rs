//! Server configuration, in one place.
//!
//! Each setting comes from the command-line flag if given, else from its
//! `RENKEI_*` environment variable, else from a default that runs out of the
//! box next to a `./dev build` output (SQLite under `./data`).

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Address the server listens on unless told otherwise: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Directory with the build output (tools/build.mjs) unless told otherwise.
pub const DEFAULT_DIST: &str = "./dist";
/// Database unless told otherwise: an SQLite file, created with its directory
/// on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:./data/renkei.db";

/// A database URL (`sqlite:<path>` or `postgres://…`). Its password, if
/// any, is hidden when it is printed or logged.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL with its password, for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Default for DatabaseUrl {
    fn default() -> Self {
        Self::new(DEFAULT_DATABASE_URL)
    }
}

impl std::str::FromStr for DatabaseUrl {
    type Err = std::convert::Infallible;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(url))
    }
}

impl fmt::Display for DatabaseUrl {
    /// `postgres://user:secret@host/db` prints as `postgres://user:***@host/db`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.0;
        if let Some((scheme, rest)) = url.split_once("://") {
            if let Some((userinfo, host)) = rest.rsplit_once('@') {
                if let Some((user, _password)) = userinfo.split_once(':') {
                    return write!(f, "{scheme}://{user}:***@{host}");
                }
            }
        }
        f.write_str(url)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The build output: `index.html`, `sw.js`, hashed assets, icons.
    pub dist: PathBuf,
    /// Where offices, accounts, sessions and changes live.
    pub database_url: DatabaseUrl,
    /// Behind a reverse proxy: count sign-in attempts under the last
    /// `X-Forwarded-For` address (the one the proxy adds) instead of the
    /// connection's peer (the proxy). Never set it without a proxy that
    /// sets that header: clients could pick their own address.
    pub trust_forwarded_for: bool,
    /// Sign-in attempts allowed per client address and minute.
    pub sign_ins_per_minute: u32,
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
            database_url: DatabaseUrl::default(),
            trust_forwarded_for: false,
            sign_ins_per_minute: crate::accounts::DEFAULT_SIGN_INS_PER_MINUTE,
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
    /// Serve the built app from the dist directory and the API (the default).
    Serve(ServeArgs),
    /// Create an office (事業所) and its first administrator (管理者). The
    /// password is read from RENKEI_ADMIN_PASSWORD or else from stdin, never
    /// from the command line.
    CreateOffice(CreateOfficeArgs),
    /// Look after the staff accounts of an office (管理者 work, from the
    /// server's console): list, disable, enable, reset a password, list and
    /// end device sessions.
    #[command(subcommand)]
    Staff(StaffCommand),
}

/// `renkei-server staff …`
#[derive(Debug, Subcommand, PartialEq, Eq)]
pub enum StaffCommand {
    /// List the office's accounts: login, role, active/disabled, name, id.
    List(OfficeArgs),
    /// Disable an account: its sessions end at once and it cannot sign in.
    /// The last active administrator cannot be disabled.
    Disable(LoginArgs),
    /// Enable a disabled account again.
    Enable(LoginArgs),
    /// Set a new password. It is read from RENKEI_NEW_PASSWORD or else from
    /// stdin, never from the command line. Clears the login's failed
    /// sign-ins.
    ResetPassword(LoginArgs),
    /// List the account's signed-in devices (live sessions): session id,
    /// times, device ids.
    Devices(LoginArgs),
    /// End one session of the account (--session ID) or all of them (--all).
    Revoke(RevokeArgs),
    /// Mark the device of one session lost (--session ID): the session ends,
    /// and at the device's next request the app erases everything it holds.
    Lost(SessionArgs),
}

/// Which office, in which database.
#[derive(Debug, Args, PartialEq, Eq)]
pub struct OfficeArgs {
    /// 事業所コード (office code).
    #[arg(long)]
    pub office: String,
    /// Database: sqlite:<path> or postgres://….
    #[arg(long, env = "RENKEI_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: DatabaseUrl,
}

/// Which account of which office.
#[derive(Debug, Args, PartialEq, Eq)]
pub struct LoginArgs {
    #[command(flatten)]
    pub office: OfficeArgs,
    /// The account's login (ログインID).
    #[arg(long)]
    pub login: String,
}

/// One session of one account.
#[derive(Debug, Args, PartialEq, Eq)]
pub struct SessionArgs {
    #[command(flatten)]
    pub account: LoginArgs,
    /// The session (an id from `staff devices`).
    #[arg(long)]
    pub session: uuid::Uuid,
}

/// Options of `staff revoke`.
#[derive(Debug, Args, PartialEq, Eq)]
#[group(id = "which", required = true, multiple = false, args = ["session", "all"])]
pub struct RevokeArgs {
    #[command(flatten)]
    pub account: LoginArgs,
    /// The session to end (an id from `staff devices`).
    #[arg(long)]
    pub session: Option<uuid::Uuid>,
    /// End every session of the account.
    #[arg(long)]
    pub all: bool,
}

/// Options of `serve`.
#[derive(Debug, Args, PartialEq, Eq)]
pub struct ServeArgs {
    /// Address to listen on; use port 0 for a free port.
    #[arg(long, env = "RENKEI_ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Directory with the build output.
    #[arg(long, env = "RENKEI_DIST", default_value = DEFAULT_DIST)]
    pub dist: PathBuf,
    /// Database: sqlite:<path> (created if missing) or postgres://….
    #[arg(long, env = "RENKEI_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: DatabaseUrl,
    /// Behind a reverse proxy that sets X-Forwarded-For: limit sign-ins per
    /// the address it forwards, not per the proxy's. Without such a proxy,
    /// leave it off (clients could name any address).
    #[arg(long, env = "RENKEI_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Sign-in attempts allowed per client address and minute.
    #[arg(long, env = "RENKEI_SIGN_INS_PER_MINUTE", default_value_t = crate::accounts::DEFAULT_SIGN_INS_PER_MINUTE,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub sign_ins_per_minute: u32,
}

impl From<ServeArgs> for Config {
    fn from(args: ServeArgs) -> Self {
        Self {
            addr: args.addr,
            dist: args.dist,
            database_url: args.database_url,
            trust_forwarded_for: args.trust_forwarded_for,
            sign_ins_per_minute: args.sign_ins_per_minute,
        }
    }
}

/// Options of `create-office`.
#[derive(Debug, Args, PartialEq, Eq)]
pub struct CreateOfficeArgs {
    /// 事業所名 (office name), as staff see it.
    #[arg(long)]
    pub name: String,
    /// 事業所コード (office code) staff type at sign-in: letters, digits, '-', '_'.
    #[arg(long)]
    pub code: String,
    /// Login of the first administrator (管理者).
    #[arg(long)]
    pub admin_login: String,
    /// Display name of the first administrator.
    #[arg(long)]
    pub admin_name: String,
    /// Database: sqlite:<path> (created if missing) or postgres://….
    #[arg(long, env = "RENKEI_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true)]
    pub database_url: DatabaseUrl,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Config {
        match Cli::try_parse_from(args).unwrap().into_command() {
            Command::Serve(args) => args.into(),
            other => panic!("not serve: {other:?}"),
        }
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    // These tests assume RENKEI_ADDR, RENKEI_DIST and RENKEI_DATABASE_URL are unset; the binary's
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
    fn serve_takes_a_database_url() {
        let config = parse(&["renkei-server", "--database-url", "postgres://renkei@db/renkei"]);
        assert_eq!(config.database_url, DatabaseUrl::new("postgres://renkei@db/renkei"));
        assert_eq!(Config::default().database_url.expose(), "sqlite:./data/renkei.db");
    }

    #[test]
    fn create_office_takes_names_but_no_password() {
        let args = [
            "renkei-server",
            "create-office",
            "--name",
            "さくら作業所",
            "--code",
            "sakura",
            "--admin-login",
            "admin",
            "--admin-name",
            "佐藤 花子",
        ];
        match Cli::try_parse_from(args).unwrap().into_command() {
            Command::CreateOffice(args) => {
                assert_eq!((args.name.as_str(), args.code.as_str()), ("さくら作業所", "sakura"));
                assert_eq!((args.admin_login.as_str(), args.admin_name.as_str()), ("admin", "佐藤 花子"));
            }
            other => panic!("{other:?}"),
        }
        let with_password = [&args[..], &["--admin-password", "secret123"]].concat();
        assert!(Cli::try_parse_from(with_password).is_err());
    }

    #[test]
    fn database_passwords_are_hidden_when_printed() {
        let url = DatabaseUrl::new("postgres://renkei:s3cret@db.example:5432/renkei");
        assert_eq!(url.to_string(), "postgres://renkei:***@db.example:5432/renkei");
        assert!(!format!("{url:?}").contains("s3cret"));
        assert!(!format!("{:?}", Config { database_url: url, ..Config::default() }).contains("s3cret"));
        assert_eq!(DatabaseUrl::new("sqlite:./data/renkei.db").to_string(), "sqlite:./data/renkei.db");
    }

    #[test]
    fn staff_subcommands_name_an_office_and_a_login_revoke_one_or_all_and_mark_one_lost() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map(Cli::into_command);
        match parse(&["renkei-server", "staff", "disable", "--office", "sakura", "--login", "suzuki"]).unwrap() {
            Command::Staff(StaffCommand::Disable(args)) => {
                assert_eq!((args.office.office.as_str(), args.login.as_str()), ("sakura", "suzuki"));
            }
            other => panic!("{other:?}"),
        }
        assert!(parse(&["renkei-server", "staff", "list", "--office", "sakura"]).is_ok());
        let revoke = ["renkei-server", "staff", "revoke", "--office", "sakura", "--login", "suzuki"];
        assert!(parse(&revoke).is_err(), "one of --session and --all is needed");
        assert!(parse(&[&revoke[..], &["--all"]].concat()).is_ok());
        let id = "67e55044-10b1-426f-9247-bb680e5fe0c8";
        assert!(parse(&[&revoke[..], &["--session", id]].concat()).is_ok());
        assert!(parse(&[&revoke[..], &["--session", id, "--all"]].concat()).is_err());
        assert!(parse(&[&revoke[..], &["--session", "not-an-id"]].concat()).is_err());
        let lost = ["renkei-server", "staff", "lost", "--office", "sakura", "--login", "suzuki"];
        assert!(parse(&lost).is_err(), "a lost device is named by its session");
        match parse(&[&lost[..], &["--session", id]].concat()).unwrap() {
            Command::Staff(StaffCommand::Lost(args)) => assert_eq!(args.session.to_string(), id),
            other => panic!("{other:?}"),
        }
        assert!(parse(&[&lost[..], &["--all"]].concat()).is_err(), "never every device at once");
        let reset = ["renkei-server", "staff", "reset-password", "--office", "o", "--login", "l", "--password", "x"];
        assert!(parse(&reset).is_err(), "no password on the command line");
    }

    #[test]
    fn sign_in_limits_are_configurable() {
        let config = parse(&["renkei-server", "--trust-forwarded-for", "--sign-ins-per-minute", "120"]);
        assert!(config.trust_forwarded_for);
        assert_eq!(config.sign_ins_per_minute, 120);
        let default = parse(&["renkei-server"]);
        assert!(!default.trust_forwarded_for);
        assert_eq!(default.sign_ins_per_minute, 30);
        assert!(Cli::try_parse_from(["renkei-server", "--sign-ins-per-minute", "0"]).is_err());
    }

    #[test]
    fn an_address_without_port_is_rejected() {
        assert!(Cli::try_parse_from(["renkei-server", "--addr", "localhost"]).is_err());
    }
}
