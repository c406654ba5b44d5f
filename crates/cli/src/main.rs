//! The `shieldcheck` binary: everything it does is in the library (`lib.rs`), so that tests and
//! benchmarks reach the same code.

fn main() -> std::process::ExitCode {
    shieldcheck_cli::main()
}
