//! The real `renkei-server` binary: port announcement, configuration sources,
//! startup errors, graceful shutdown, and `create-office`.
//!
//! Every command runs in its own temp working directory, so the default
//! database `./data/renkei.db` lands there.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_renkei-server");
const INDEX: &str = "<!DOCTYPE html><title>連携ノート</title><p>binary test</p>";
/// A documentation-only address no interface here has, so binding it fails.
const UNUSABLE_ADDR: &str = "192.0.2.1:80";

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    dir
}

fn command(work: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .current_dir(work)
        .env_remove("RENKEI_ADDR")
        .env_remove("RENKEI_DIST")
        .env_remove("RENKEI_DATABASE_URL")
        .env_remove("RENKEI_ADMIN_PASSWORD")
        .env_remove("RENKEI_NEW_PASSWORD")
        .env_remove("RENKEI_TRUST_FORWARDED_FOR")
        .env_remove("RENKEI_SIGN_INS_PER_MINUTE")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// A running server, killed when dropped if it has not exited.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// The built app it serves, when it has one of its own
    /// ([`Server::start_in`]); removed once the server is gone.
    dist: Option<tempfile::TempDir>,
}

impl Server {
    /// Starts the binary and waits for its `listening on` line.
    fn start(command: &mut Command) -> Self {
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("no `listening on` line within 30 s");
            }
        };
        let addr = line
            .strip_prefix("listening on http://")
            .and_then(|rest| rest.trim_end().parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        Self { child, addr, dist: None }
    }

    /// Starts `serve` in `work` on a free port, with a built app of its own.
    fn start_in(work: &Path) -> Self {
        let dist = dist();
        let mut server = Self::start(command(work).args(["--addr", "127.0.0.1:0", "--dist"]).arg(dist.path()));
        server.dist = Some(dist);
        server
    }

    /// A hand-written HTTP/1.1 GET; returns the whole response as text.
    fn get(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// A hand-written HTTP/1.1 POST of a JSON body to the API (protocol 1);
    /// returns the whole response as text.
    fn post_json(&self, path: &str, body: &str) -> String {
        self.api_response("POST", path, None, body)
    }

    /// A hand-written HTTP/1.1 API request (protocol 1) with an optional
    /// bearer token and JSON body: (status code, body as JSON).
    fn api(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, serde_json::Value) {
        let response = self.api_response(method, path, token, body);
        let status = response[9..12].parse().unwrap();
        let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
        (status, serde_json::from_str(body).unwrap_or(serde_json::Value::Null))
    }

    /// [`Server::api`]'s request; returns the whole response as text.
    fn api_response(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> String {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nx-renkei-protocol: 1\r\n{auth}\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    fn sign_in(&self, login: &str, password: &str) -> (u16, serde_json::Value) {
        let body = format!(r#"{{"office_code":"sakura-01","login":"{login}","password":"{password}"}}"#);
        self.api("POST", "/api/auth/sign-in", None, &body)
    }

    fn wait(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < timeout, "server still running");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn assert_serves_index(server: &Server) {
    let response = server.get("/");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.contains("cache-control: no-cache\r\n"), "{response}");
    assert!(response.ends_with(INDEX), "{response}");
}

#[test]
fn binary_announces_a_free_port_serves_the_app_and_stops_on_sigterm() {
    let dist = dist();
    let work = tempfile::tempdir().unwrap();
    let mut server =
        Server::start(command(work.path()).args(["serve", "--addr", "127.0.0.1:0", "--dist"]).arg(dist.path()));
    assert_ne!(server.addr.port(), 0);
    assert_serves_index(&server);
    assert!(server.get("/clients/1234").ends_with(INDEX));

    #[cfg(unix)]
    {
        let status = Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let exit = server.wait(Duration::from_secs(10));
        assert!(exit.success(), "exit after SIGTERM: {exit}");
    }
}

#[test]
fn serve_is_the_default_and_the_environment_configures_it() {
    let dist = dist();
    let work = tempfile::tempdir().unwrap();
    let database = work.path().join("elsewhere").join("office.db");
    let server = Server::start(
        command(work.path())
            .env("RENKEI_DATABASE_URL", format!("sqlite:{}", database.display()))
            .env("RENKEI_ADDR", "127.0.0.1:0")
            .env("RENKEI_DIST", dist.path()),
    );
    assert_serves_index(&server);
    assert!(database.is_file());
    assert!(!work.path().join("data").exists());
}

#[test]
fn flags_win_over_the_environment() {
    let dist = dist();
    let empty = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let server = Server::start(
        command(work.path())
            .env("RENKEI_ADDR", UNUSABLE_ADDR)
            .env("RENKEI_DIST", empty.path())
            .args(["--addr", "127.0.0.1:0", "--dist"])
            .arg(dist.path()),
    );
    assert_serves_index(&server);
}

fn run_to_end(command: &mut Command) -> (ExitStatus, String, String) {
    let output = command.output().unwrap();
    (
        output.status,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `command` to its end with `input` on its stdin.
fn run_with_input(command: &mut Command, input: &str) -> Output {
    let mut child = command.stdin(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn missing_index_html_stops_the_binary_with_a_clear_message() {
    let empty = tempfile::tempdir().unwrap();
    let (status, stdout, stderr) =
        run_to_end(command(empty.path()).args(["serve", "--addr", "127.0.0.1:0", "--dist"]).arg(empty.path()));
    assert!(!status.success());
    assert!(stdout.is_empty(), "{stdout}");
    let index = Path::new(empty.path()).join("index.html");
    assert!(
        stderr.contains(&format!("{} がありません。先に ./dev build を実行してください", index.display())),
        "{stderr}"
    );
    assert!(stderr.contains("not found"), "{stderr}");
}

#[test]
fn an_address_that_cannot_be_bound_stops_the_binary_with_a_clear_message() {
    let dist = dist();
    let work = tempfile::tempdir().unwrap();
    let (status, _, stderr) =
        run_to_end(command(work.path()).args(["--addr", UNUSABLE_ADDR, "--dist"]).arg(dist.path()));
    assert!(!status.success());
    assert!(stderr.contains("cannot listen on 192.0.2.1:80"), "{stderr}");
}

#[test]
fn first_start_creates_the_default_sqlite_database_under_data() {
    let work = tempfile::tempdir().unwrap();
    let _server = Server::start_in(work.path());
    assert!(work.path().join("data").join("renkei.db").is_file());
}

#[test]
fn an_unsupported_database_url_stops_the_binary_with_a_clear_message() {
    let dist = dist();
    let work = tempfile::tempdir().unwrap();
    let (status, _, stderr) = run_to_end(
        command(work.path())
            .args(["--addr", "127.0.0.1:0", "--database-url", "mysql://u:hunter22@db/x", "--dist"])
            .arg(dist.path()),
    );
    assert!(!status.success());
    assert!(stderr.contains("cannot open database mysql://u:***@db/x"), "{stderr}");
    assert!(stderr.contains("sqlite: or postgres://"), "{stderr}");
    assert!(!stderr.contains("hunter22"), "{stderr}");
}

const CREATE_OFFICE: [&str; 9] = [
    "create-office",
    "--name",
    "さくら作業所",
    "--code",
    "sakura-01",
    "--admin-login",
    "admin",
    "--admin-name",
    "佐藤 花子",
];

fn sign_in_body(password: &str) -> String {
    format!(r#"{{"office_code":"sakura-01","login":"admin","password":"{password}"}}"#)
}

#[test]
fn create_office_takes_the_password_from_the_environment_and_the_admin_can_sign_in() {
    let work = tempfile::tempdir().unwrap();
    let (status, stdout, stderr) =
        run_to_end(command(work.path()).args(CREATE_OFFICE).env("RENKEI_ADMIN_PASSWORD", "correct horse"));
    assert!(status.success(), "{stderr}");
    assert!(stdout.contains("事業所を作成しました / office created"), "{stdout}");
    assert!(stdout.contains("office_code: sakura-01"), "{stdout}");
    let office_id = stdout.lines().find_map(|line| line.strip_prefix("office_id: ")).unwrap();
    assert_eq!(office_id.len(), 36, "{stdout}");
    assert!(!stdout.contains("correct horse") && !stderr.contains("correct horse"));

    let server = Server::start_in(work.path());
    let ok = server.post_json("/api/auth/sign-in", &sign_in_body("correct horse"));
    assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
    assert!(ok.contains(&format!(r#""office_id":"{office_id}""#)), "{ok}");
    let wrong = server.post_json("/api/auth/sign-in", &sign_in_body("wrong horse"));
    assert!(wrong.starts_with("HTTP/1.1 401 "), "{wrong}");
}

#[test]
fn create_office_reads_the_password_from_stdin() {
    let work = tempfile::tempdir().unwrap();
    let output = run_with_input(command(work.path()).args(CREATE_OFFICE), "パスワード1234\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let server = Server::start_in(work.path());
    let ok = server.post_json("/api/auth/sign-in", &sign_in_body("パスワード1234"));
    assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
}

#[test]
fn create_office_refuses_a_short_password_and_a_taken_code_with_clear_messages() {
    let work = tempfile::tempdir().unwrap();
    let (status, _, stderr) =
        run_to_end(command(work.path()).args(CREATE_OFFICE).env("RENKEI_ADMIN_PASSWORD", "short"));
    assert!(!status.success());
    assert!(stderr.contains("パスワードは8文字以上にしてください"), "{stderr}");
    assert!(stderr.contains("at least 8 characters"), "{stderr}");

    let (status, _, stderr) =
        run_to_end(command(work.path()).args(CREATE_OFFICE).env("RENKEI_ADMIN_PASSWORD", "long enough"));
    assert!(status.success(), "{stderr}");
    let (status, _, stderr) =
        run_to_end(command(work.path()).args(CREATE_OFFICE).env("RENKEI_ADMIN_PASSWORD", "long enough"));
    assert!(!status.success());
    assert!(stderr.contains("事業所コード sakura-01 はすでに使われています"), "{stderr}");
    assert!(stderr.contains("already taken"), "{stderr}");
}

#[test]
fn create_office_with_an_empty_stdin_says_how_to_pass_the_password() {
    let work = tempfile::tempdir().unwrap();
    let (status, _, stderr) = run_to_end(command(work.path()).args(CREATE_OFFICE));
    assert!(!status.success());
    assert!(stderr.contains("RENKEI_ADMIN_PASSWORD"), "{stderr}");
}

/// Processes started at the same moment on a database file that does not
/// exist yet (here: `create-office` for six offices) all succeed: one makes
/// the schema, the others wait for it and use it.
#[test]
fn processes_starting_together_on_a_new_database_file_all_succeed() {
    const PROCESSES: usize = 6;
    for round in 0..3 {
        let work = tempfile::tempdir().unwrap();
        let children: Vec<Child> = (0..PROCESSES)
            .map(|i| {
                command(work.path())
                    .args(["create-office", "--name", "同時起動", "--code", &format!("office-{i}")])
                    .args(["--admin-login", "admin", "--admin-name", "管理者"])
                    .env("RENKEI_ADMIN_PASSWORD", "correct horse")
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "round {round}, process {i}: {stderr}");
        }

        let server = Server::start_in(work.path());
        for i in 0..PROCESSES {
            let body = format!(r#"{{"office_code":"office-{i}","login":"admin","password":"correct horse"}}"#);
            let ok = server.post_json("/api/auth/sign-in", &body);
            assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "round {round}, office {i}: {ok}");
        }
    }
}

/// `staff …`: a 管理者 at the server's console lists accounts and devices,
/// disables and enables, resets a password and ends sessions; the running
/// server sees each change at once.
#[test]
fn staff_subcommands_look_after_accounts_of_an_office() {
    let work = tempfile::tempdir().unwrap();
    let (status, _, stderr) =
        run_to_end(command(work.path()).args(CREATE_OFFICE).env("RENKEI_ADMIN_PASSWORD", "correct horse"));
    assert!(status.success(), "{stderr}");
    let server = Server::start_in(work.path());
    let (_, admin) = server.sign_in("admin", "correct horse");
    let admin_token = admin["token"].as_str().unwrap().to_owned();
    let new = r#"{"login":"suzuki","display_name":"鈴木 一郎","password":"suzuki password","role":"staff"}"#;
    assert_eq!(server.api("POST", "/api/staff", Some(&admin_token), new).0, 201);
    let (_, suzuki) = server.sign_in("suzuki", "suzuki password");
    let suzuki_token = suzuki["token"].as_str().unwrap().to_owned();
    let me = |token: &str| server.api("GET", "/api/auth/me", Some(token), "");

    let staff = |args: &[&str]| {
        let mut command = command(work.path());
        command.arg("staff").args(args);
        command
    };
    let ok = |command: &mut Command| {
        let (status, stdout, stderr) = run_to_end(command);
        assert!(status.success(), "{stderr}");
        stdout
    };
    let fails = |command: &mut Command| {
        let (status, _, stderr) = run_to_end(command);
        assert!(!status.success());
        stderr
    };
    let office = ["--office", "sakura-01"];
    let suzuki_args = ["--office", "sakura-01", "--login", "suzuki"];

    let list = ok(&mut staff(&[&["list"], &office[..]].concat()));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines[0].starts_with("admin\tadmin\tactive\t佐藤 花子\t"), "{list}");
    assert!(lines[1].starts_with("suzuki\tstaff\tactive\t鈴木 一郎\t"), "{list}");

    // Devices: suzuki's one session, by its public id.
    let devices = ok(&mut staff(&[&["devices"], &suzuki_args[..]].concat()));
    assert_eq!(devices.lines().count(), 1, "{devices}");
    let session_id = devices.split('\t').next().unwrap().to_owned();
    assert_eq!(session_id.len(), 36, "{devices}");
    assert!(!devices.contains(&suzuki_token));

    // Disable: the session ends at once; enable: they sign in again.
    let out = ok(&mut staff(&[&["disable"], &suzuki_args[..]].concat()));
    assert!(out.contains("disabled"), "{out}");
    let (status, body) = me(&suzuki_token);
    assert_eq!((status, body["error"].as_str()), (401, Some("account_disabled")));
    assert!(ok(&mut staff(&[&["list"], &office[..]].concat())).contains("suzuki\tstaff\tdisabled"));
    assert_eq!(server.sign_in("suzuki", "suzuki password").0, 401);
    ok(&mut staff(&[&["enable"], &suzuki_args[..]].concat()));
    let (status, suzuki) = server.sign_in("suzuki", "suzuki password");
    assert_eq!(status, 200, "{suzuki}");
    let suzuki_token = suzuki["token"].as_str().unwrap().to_owned();

    // The last active 管理者 stays.
    let stderr = fails(&mut staff(&["disable", "--office", "sakura-01", "--login", "admin"]));
    assert!(
        stderr.contains("最後の管理者は無効にできません") && stderr.contains("last active administrator"),
        "{stderr}"
    );
    assert_eq!(me(&admin_token).0, 200);

    // Reset a password: from the environment, or stdin; never an argument.
    ok(staff(&[&["reset-password"], &suzuki_args[..]].concat()).env("RENKEI_NEW_PASSWORD", "second password"));
    assert_eq!(server.sign_in("suzuki", "second password").0, 200);
    assert_eq!(server.sign_in("suzuki", "suzuki password").0, 401);
    let output = run_with_input(&mut staff(&[&["reset-password"], &suzuki_args[..]].concat()), "三番目のパスワード\n");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(server.sign_in("suzuki", "三番目のパスワード").0, 200);
    let stderr = fails(staff(&[&["reset-password"], &suzuki_args[..]].concat()).env("RENKEI_NEW_PASSWORD", "short"));
    assert!(stderr.contains("8文字以上") && stderr.contains("at least 8 characters"), "{stderr}");
    let stderr = fails(&mut staff(&[&["reset-password"], &suzuki_args[..]].concat()));
    assert!(stderr.contains("RENKEI_NEW_PASSWORD"), "{stderr}");
    assert!(!fails(&mut staff(&[&["reset-password", "--password", "x1234567"], &suzuki_args[..]].concat())).is_empty());

    // Revoke one session by id, then all.
    let (_, other) = server.sign_in("suzuki", "三番目のパスワード");
    let other_token = other["token"].as_str().unwrap().to_owned();
    let devices = ok(&mut staff(&[&["devices"], &suzuki_args[..]].concat()));
    assert_eq!(devices.lines().count(), 4, "{devices}");
    let out = ok(&mut staff(&[&["revoke", "--session", &session_id], &suzuki_args[..]].concat()));
    assert!(out.contains("ended 0 session"), "already ended by disabling: {out}");
    let first_live = devices.lines().next().unwrap().split('\t').next().unwrap().to_owned();
    let out = ok(&mut staff(&[&["revoke", "--session", &first_live], &suzuki_args[..]].concat()));
    assert!(out.contains("ended 1 session"), "{out}");
    assert_eq!(me(&suzuki_token).1["error"], "session_revoked");
    assert_eq!(me(&other_token).0, 200);
    let out = ok(&mut staff(&[&["revoke", "--all"], &suzuki_args[..]].concat()));
    assert!(out.contains("ended 3 session"), "{out}");
    assert_eq!(me(&other_token).1["error"], "session_revoked");
    assert_eq!(ok(&mut staff(&[&["devices"], &suzuki_args[..]].concat())), "");
    let unknown = "67e55044-10b1-426f-9247-bb680e5fe0c8";
    let stderr = fails(&mut staff(&[&["revoke", "--session", unknown], &suzuki_args[..]].concat()));
    assert!(stderr.contains("no such session"), "{stderr}");

    // A lost device: its session ends and its next request is told to
    // erase the device; the listing says so; marking again changes nothing.
    let (_, phone) = server.sign_in("suzuki", "三番目のパスワード");
    let phone_token = phone["token"].as_str().unwrap().to_owned();
    let devices = ok(&mut staff(&[&["devices"], &suzuki_args[..]].concat()));
    let phone_session = devices.split('\t').next().unwrap().to_owned();
    let lost = [&["lost", "--session", phone_session.as_str()], &suzuki_args[..]].concat();
    let out = ok(&mut staff(&lost));
    assert!(out.contains("紛失として登録しました") && out.contains("marked lost"), "{out}");
    let (status, body) = me(&phone_token);
    assert_eq!((status, body["error"].as_str()), (401, Some("device_lost")));
    let devices = ok(&mut staff(&[&["devices"], &suzuki_args[..]].concat()));
    assert!(devices.starts_with(&phone_session) && devices.contains("\tlost="), "{devices}");
    assert!(!devices.contains("wipe_sent=-"), "told at its request: {devices}");
    ok(&mut staff(&lost));
    let stderr = fails(&mut staff(&[&["lost", "--session", unknown], &suzuki_args[..]].concat()));
    assert!(stderr.contains("no such session"), "{stderr}");
    assert_eq!(me(&admin_token).0, 200);

    // Unknown offices and logins are named as such.
    let stderr = fails(&mut staff(&["list", "--office", "no-such-office"]));
    assert!(stderr.contains("no office with the code no-such-office"), "{stderr}");
    let stderr = fails(&mut staff(&["disable", "--office", "sakura-01", "--login", "nobody"]));
    assert!(stderr.contains("no such staff member"), "{stderr}");
    assert_eq!(me(&admin_token).0, 200);
}
