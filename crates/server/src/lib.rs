//! 連携ノート office server.
//!
//! It serves the built PWA (`dist/`, from tools/build.mjs) with the right content types,
//! cache classes and security headers, and the office API under `/api/`
//! (accounts and the sync relay, see `api`). All state lives in the
//! database ([`db`]: SQLite by default, PostgreSQL for several processes),
//! so server processes are interchangeable.
//!
//! [`app`] builds the whole HTTP service without binding a port, so tests
//! drive it with `tower::ServiceExt::oneshot`; [`serve`] binds and runs it.

#![forbid(unsafe_code)]

pub mod accounts;
mod api;
pub mod clock;
pub mod config;
mod csp;
pub mod db;
mod error;
mod static_files;

use std::future::Future;
use std::io::Write as _;

use axum::extract::Request;
use axum::http::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

pub use clock::Clock;
pub use config::Config;
pub use db::{connect, Database, Db, DbError};
pub use error::Error;

/// The complete HTTP service: `/api/…` over `db`, then the static files of
/// `config.dist` (sent from their build-time brotli or gzip copies when the
/// client accepts one), wrapped in logging, security headers and on-the-fly
/// gzip for the answers that have no copy (the app shell, API JSON).
pub fn app(config: &Config, db: Db) -> Router {
    app_with_clock(config, db, Clock::system())
}

/// [`app`] with another idea of "now" (tests move time forward with it).
pub fn app_with_clock(config: &Config, db: Db, clock: Clock) -> Router {
    Router::new()
        .merge(api::router(api::ApiState::new(db, clock, config)))
        .merge(static_files::router(&config.dist))
        .layer(CompressionLayer::new().gzip(true))
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp::BASE_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(
            TraceLayer::new_for_http()
                // The path only: query strings may carry personal data.
                .make_span_with(|request: &Request| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Millis)),
        )
}

/// Opens the database of `url` (see [`db::connect`]), with a clear error.
pub async fn open_database(url: &config::DatabaseUrl) -> Result<Db, Error> {
    db::connect(url.expose()).await.map_err(|source| Error::Database { url: url.clone(), source })
}

/// Checks the dist directory, opens the database (creating and migrating
/// it), binds `config.addr`, prints `listening on http://<addr>` on stdout,
/// and serves until Ctrl-C or SIGTERM, letting open requests finish.
pub async fn serve(config: Config) -> Result<(), Error> {
    let index_html = config.index_html();
    if !tokio::fs::metadata(&index_html).await.is_ok_and(|meta| meta.is_file()) {
        return Err(Error::MissingIndex { path: index_html });
    }
    let db = open_database(&config.database_url).await?;
    // The first failed sign-in should not pay for building the dummy hash.
    tokio::task::spawn_blocking(accounts::warm_up).await.map_err(|e| Error::Io(std::io::Error::other(e)))?;
    // Installed before the port is announced, so a signal sent right after
    // the announcement is already a graceful shutdown.
    let shutdown = shutdown_signal()?;

    let listener = TcpListener::bind(config.addr).await.map_err(|source| Error::Bind { addr: config.addr, source })?;
    let addr = listener.local_addr()?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{addr}")?;
        stdout.flush()?;
    }
    tracing::info!(%addr, dist = %config.dist.display(), database = db.engine(), "serving");

    // With the peer address of each connection: sign-ins are limited per
    // client address.
    let service = app(&config, db.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown).await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// What `renkei-server create-office` does: opens the database and creates
/// the office with its first administrator.
pub async fn create_office(
    args: config::CreateOfficeArgs,
    admin_password: String,
) -> Result<accounts::CreatedOffice, Error> {
    let db = open_database(&args.database_url).await?;
    let draft = accounts::OfficeDraft {
        name: args.name,
        code: args.code,
        admin_login: args.admin_login,
        admin_name: args.admin_name,
        admin_password,
    };
    let created = accounts::create_office(db.as_ref(), draft, chrono::Utc::now()).await;
    db.close().await;
    Ok(created?)
}

/// What `renkei-server staff …` does, on the database of the command; the
/// text to print. `new_password` is asked only by `reset-password`.
pub async fn staff_command(
    command: config::StaffCommand,
    new_password: impl FnOnce() -> Result<String, Error>,
) -> Result<String, Error> {
    use config::StaffCommand;
    let office = match &command {
        StaffCommand::List(office) => office,
        StaffCommand::Disable(args)
        | StaffCommand::Enable(args)
        | StaffCommand::ResetPassword(args)
        | StaffCommand::Devices(args) => &args.office,
        StaffCommand::Revoke(args) => &args.account.office,
        StaffCommand::Lost(args) => &args.account.office,
    };
    // Read before the database is opened: a bad password changes nothing.
    let password = match &command {
        StaffCommand::ResetPassword(_) => {
            let password = new_password()?;
            accounts::check_password(&password)?;
            Some(password)
        }
        _ => None,
    };
    let db = open_database(&office.database_url).await?;
    let result = run_staff_command(db.as_ref(), command, password).await;
    db.close().await;
    result
}

async fn run_staff_command(
    db: &dyn Database,
    command: config::StaffCommand,
    password: Option<String>,
) -> Result<String, Error> {
    use config::StaffCommand;
    use std::fmt::Write as _;
    let now = chrono::Utc::now();
    let mut out = String::new();
    match command {
        StaffCommand::List(office) => {
            let office_id = db
                .office_by_code(&office.office)
                .await
                .map_err(accounts::AccountError::from)?
                .ok_or_else(|| accounts::AccountError::NoSuchOffice(office.office.clone()))?;
            for staff in db.list_staff(office_id).await.map_err(accounts::AccountError::from)? {
                let role = match staff.role {
                    renkei_domain::sync::Role::Admin => "admin",
                    renkei_domain::sync::Role::Staff => "staff",
                };
                let status = if staff.disabled { "disabled" } else { "active" };
                let _ = writeln!(out, "{}\t{role}\t{status}\t{}\t{}", staff.login, staff.display_name, staff.id);
            }
        }
        StaffCommand::Disable(args) => {
            let staff = accounts::find_staff(db, &args.office.office, &args.login).await?;
            accounts::set_disabled(db, staff.office_id, staff.id, true, now).await?;
            let _ = writeln!(out, "無効にしました (サインインも終了) / disabled, sessions ended: {}", staff.login);
        }
        StaffCommand::Enable(args) => {
            let staff = accounts::find_staff(db, &args.office.office, &args.login).await?;
            accounts::set_disabled(db, staff.office_id, staff.id, false, now).await?;
            let _ = writeln!(out, "有効にしました / enabled: {}", staff.login);
        }
        StaffCommand::ResetPassword(args) => {
            let staff = accounts::find_staff(db, &args.office.office, &args.login).await?;
            let password = password.ok_or_else(|| Error::NewPassword("no password".into()))?;
            accounts::reset_password(db, staff.office_id, staff.id, password).await?;
            let _ = writeln!(out, "パスワードを変更しました / password reset: {}", staff.login);
        }
        StaffCommand::Devices(args) => {
            let staff = accounts::find_staff(db, &args.office.office, &args.login).await?;
            let sessions =
                db.live_sessions(staff.office_id, staff.id, now).await.map_err(accounts::AccountError::from)?;
            for session in sessions {
                let devices = if session.device_ids.is_empty() { "-".to_owned() } else { session.device_ids.join(",") };
                // Lost devices are listed too, saying so and whether they
                // were told to erase themselves yet.
                let lost = session.lost_at.map_or_else(String::new, |at| {
                    let told = session.wipe_sent_at.map_or_else(|| "-".to_owned(), |at| at.to_rfc3339());
                    format!("\tlost={}\twipe_sent={told}", at.to_rfc3339())
                });
                let _ = writeln!(
                    out,
                    "{}\tsigned_in={}\tlast_used={}\texpires={}\tdevices={devices}{lost}",
                    session.id,
                    session.signed_in_at.to_rfc3339(),
                    session.last_used_at.to_rfc3339(),
                    session.expires_at.to_rfc3339(),
                );
            }
        }
        StaffCommand::Revoke(args) => {
            let staff = accounts::find_staff(db, &args.account.office.office, &args.account.login).await?;
            let session = if args.all { None } else { args.session };
            let ended = accounts::revoke_sessions(db, staff.office_id, staff.id, session, now).await?;
            let _ = writeln!(out, "{ended} 件のサインインを終了しました / ended {ended} session(s) of {}", staff.login);
        }
        StaffCommand::Lost(args) => {
            let staff = accounts::find_staff(db, &args.account.office.office, &args.account.login).await?;
            accounts::mark_device_lost(db, staff.office_id, staff.id, args.session, now).await?;
            let _ = writeln!(
                out,
                "紛失として登録しました。次に接続したとき、端末のデータを消去します / marked lost; the device erases its data when it next connects: {}",
                args.session
            );
        }
    }
    Ok(out)
}

/// Resolves on the first Ctrl-C or SIGTERM.
#[cfg(unix)]
fn shutdown_signal() -> Result<impl Future<Output = ()>, Error> {
    use tokio::signal::unix::{signal, SignalKind};

    let mut interrupt = signal(SignalKind::interrupt()).map_err(Error::Signal)?;
    let mut terminate = signal(SignalKind::terminate()).map_err(Error::Signal)?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("shutting down; letting open requests finish");
    })
}

/// Resolves on the first Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl Future<Output = ()>, Error> {
    Ok(async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
        tracing::info!("shutting down; letting open requests finish");
    })
}
