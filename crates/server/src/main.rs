//! `renkei-server`: see `renkei-server --help`.

#![forbid(unsafe_code)]

use std::io::{BufRead as _, IsTerminal as _};
use std::process::ExitCode;

use clap::Parser as _;
use renkei_server::config::{Cli, Command, CreateOfficeArgs, StaffCommand};
use renkei_server::{accounts, Error};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Environment variable that may carry the first administrator's password
/// (a command-line argument would show in `ps`).
const ADMIN_PASSWORD_ENV: &str = "RENKEI_ADMIN_PASSWORD";
/// Environment variable that may carry the new password of `staff
/// reset-password`.
const NEW_PASSWORD_ENV: &str = "RENKEI_NEW_PASSWORD";

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.into_command() {
        Command::Serve(args) => renkei_server::serve(args.into()).await,
        Command::CreateOffice(args) => create_office(args).await,
        Command::Staff(command) => staff(command).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("renkei-server: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn create_office(args: CreateOfficeArgs) -> Result<(), Error> {
    let password = admin_password()?;
    accounts::check_password(&password)?;
    let created = renkei_server::create_office(args, password).await?;
    println!("事業所を作成しました / office created");
    println!("office_id: {}", created.office_id);
    println!("office_code: {}", created.code);
    println!("admin_login: {}", created.admin.login);
    Ok(())
}

async fn staff(command: StaffCommand) -> Result<(), Error> {
    let out = renkei_server::staff_command(command, || {
        read_password(NEW_PASSWORD_ENV, "新しいパスワード / new password: ", Error::NewPassword)
    })
    .await?;
    print!("{out}");
    Ok(())
}

/// The first administrator's password (see [`read_password`]).
fn admin_password() -> Result<String, Error> {
    read_password(ADMIN_PASSWORD_ENV, "管理者パスワード / administrator password: ", Error::Password)
}

/// A password from the environment variable `env`, else typed at the
/// terminal (twice, without echo), else the first line of stdin.
fn read_password(env: &str, prompt: &str, error: fn(String) -> Error) -> Result<String, Error> {
    if let Ok(password) = std::env::var(env) {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(prompt).map_err(|e| error(e.to_string()))?;
        let again = rpassword::prompt_password("もう一度 / again: ").map_err(|e| error(e.to_string()))?;
        if first != again {
            return Err(error("入力が一致しません / the two entries differ".into()));
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| error(e.to_string()))?;
    if line.is_empty() {
        return Err(error("標準入力が空です / stdin is empty".into()));
    }
    Ok(line.strip_suffix('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).unwrap_or(&line).to_owned())
}

/// Logs to stderr (stdout carries only the `listening on` line), at the
/// levels in `RUST_LOG` (`info`, or `target=level,…`), `info` by default.
fn init_tracing() {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|spec| spec.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(tracing::Level::INFO));
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(std::io::stderr().is_terminal()))
        .with(filter)
        .init();
}
