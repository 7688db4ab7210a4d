//! The `peninsula` binary: the command line over the simulation core.

fn main() -> std::process::ExitCode {
    peninsula::cli::main_with_args(std::env::args_os())
}
