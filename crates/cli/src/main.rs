fn main() -> std::process::ExitCode {
    shieldcheck_cli::main()
}
