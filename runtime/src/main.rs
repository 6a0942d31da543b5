//! The `sotto` command line.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sotto: error: {e:#}");
            cli::EXIT_FAILURE
        }
    }
}
