//! The one harness of the command line's test binaries (`cli` and `interop_artifacts`): the
//! real `shieldcheck` binary run as an operator runs it ([`command`], [`shieldcheck`]) and
//! `shieldcheck serve` on a port of its own ([`RunningServer`]).

// Each test binary uses a part of the harness.
#![allow(dead_code)]

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_shieldcheck");

/// Only a guard against a hung server: a healthy one is far faster, and no assertion waits on
/// a clock.
pub const HANG: Duration = Duration::from_secs(180);

/// The binary behind `wrapper` (a command and its arguments that run the binary, such as
/// `taskset -c 0`; none when empty), in `dir`, without a database URL from the environment and
/// logging warnings only.
pub fn command_via(dir: &Path, wrapper: &[&str]) -> Command {
    let mut command = match wrapper {
        [] => Command::new(BIN),
        [program, rest @ ..] => {
            let mut c = Command::new(program);
            c.args(rest).arg(BIN);
            c
        }
    };
    command.current_dir(dir).env_remove("SHIELDCHECK_DATABASE_URL").env("SHIELDCHECK_LOG", "warn");
    command
}

/// The binary in `dir`, as [`command_via`] without a wrapper.
pub fn command(dir: &Path) -> Command {
    command_via(dir, &[])
}

/// Runs the binary with `args` in `dir`.
pub fn shieldcheck(dir: &Path, args: &[&str]) -> Output {
    command(dir).args(args).output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Says a test was skipped on the real standard error, past the test harness's capture, so
/// that a plain `cargo test` shows it.
pub fn skipped(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// `shieldcheck serve` on a port the system picks, killed (SIGKILL) when dropped, so that a
/// failing assertion never leaves it running. Its standard error is kept for failure messages.
pub struct RunningServer {
    pub child: Child,
    pub addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl RunningServer {
    pub fn start(dir: &Path, url: &str, env: &[(&str, String)]) -> RunningServer {
        let mut child = command(dir)
            .args(["--database-url", url, "serve", "--listen", "127.0.0.1:0"])
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let kept = log.clone();
        // Drained to the end: a full pipe would block the server's logging.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                // Port 0 is bound by the server itself, so the address it prints is the one
                // to use: no race with another process for a port picked in advance.
                if let Some(addr) = line.split("serving on http://").nth(1).and_then(|a| a.split('/').next()) {
                    let _ = tx.send(addr.parse::<SocketAddr>());
                }
                let mut log = kept.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut server = RunningServer { child, addr: SocketAddr::from(([127, 0, 0, 1], 0)), log };
        match rx.recv_timeout(HANG) {
            Ok(Ok(addr)) => server.addr = addr,
            other => panic!("the server did not start ({other:?}):\n{}", server.log()),
        }
        server
    }

    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
