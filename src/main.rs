//! The `peninsula` binary: the command line over the simulation core.

/// mimalloc for the binary (the library and its tests keep the system allocator).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    peninsula::cli::main_with_args(std::env::args_os())
}
