//! Logs: written to standard error (in colour on a terminal), filtered by `SHIELDCHECK_LOG`
//! (an `EnvFilter` directive; `info,sqlx=warn` when unset).

/// Installs the log subscriber for the process.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SHIELDCHECK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr).init();
}
