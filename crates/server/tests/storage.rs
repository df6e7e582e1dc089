//! Opening the database, on both storage engines (see `common`): processes
//! starting together on a new database, and a new SQLite file's
//! permissions.

mod common;

use chrono::Utc;
use renkei_domain::sync::Role;
use renkei_server::db::{NewOffice, NewStaff};
use sqlx::Connection as _;
use uuid::Uuid;

use common::*;

/// Several server processes started at the same moment on a brand-new
/// database (SQLite: a file that does not exist yet) all open it, the
/// schema is made once, and they share it.
async fn processes_starting_together_on_a_new_database_all_open_it(backend: Backend) {
    const PROCESSES: usize = 4;
    for round in 0..5 {
        let Some(database) = TestDatabase::new(backend).await else {
            return;
        };
        let opening: Vec<_> = (0..PROCESSES)
            .map(|_| {
                let url = database.url.clone();
                tokio::spawn(async move { renkei_server::connect(&url).await })
            })
            .collect();
        let mut processes = Vec::new();
        for (process, open) in opening.into_iter().enumerate() {
            let db = open.await.unwrap().unwrap_or_else(|e| panic!("round {round}, process {process}: {e}"));
            processes.push(db);
        }
        // One process creates an office; every other one sees it.
        let office = NewOffice { id: Uuid::new_v4(), code: format!("fresh{round}"), name: "新しい事業所".into() };
        let admin = NewStaff {
            id: Uuid::new_v4(),
            login: "admin".into(),
            display_name: "管理者".into(),
            role: Role::Admin,
            job_role: None,
            password_hash: "$argon2id$not-checked-here".into(),
        };
        let info = processes[0].create_office(&office, &admin, Utc::now()).await.unwrap();
        for db in &processes {
            assert_eq!(db.list_staff(office.id).await.unwrap(), vec![info.clone()], "round {round}");
        }
        for db in processes {
            db.close().await;
        }
        // The migration ran once.
        let applied: i64 = match backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&database.url).await.unwrap();
                let applied = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&mut conn).await;
                conn.close().await.unwrap();
                applied.unwrap()
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&database.url).await.unwrap();
                let applied = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&mut conn).await;
                conn.close().await.unwrap();
                applied.unwrap()
            }
        };
        // Each migration ran once.
        let engine = match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        let migrations =
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(engine))
                .unwrap()
                .count();
        assert_eq!(applied, migrations as i64, "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_processes_starting_together_on_a_new_file_all_open_it() {
    processes_starting_together_on_a_new_database_all_open_it(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_processes_starting_together_on_a_new_database_all_open_it() {
    processes_starting_together_on_a_new_database_all_open_it(Backend::Postgres).await;
}

/// A new SQLite database holds personal data: its file (and the WAL file
/// beside it) is readable by the server's user only, and so is a directory
/// the server makes for it.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_sqlite_database_and_its_directory_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("made").join("by-server").join("renkei.db");
    let db = renkei_server::connect(&format!("sqlite:{}", file.display())).await.unwrap();
    db.list_staff(Uuid::new_v4()).await.unwrap();
    assert_eq!(mode(&file), 0o600);
    let wal = file.with_file_name("renkei.db-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&dir.path().join("made")), 0o700);
    db.close().await;

    // An existing file keeps the mode its owner gave it.
    let shared = dir.path().join("shared.db");
    std::fs::write(&shared, b"").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
    let db = renkei_server::connect(&format!("sqlite:{}", shared.display())).await.unwrap();
    db.close().await;
    assert_eq!(mode(&shared), 0o640);
}
