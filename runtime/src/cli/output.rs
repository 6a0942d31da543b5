//! Output files of a run that may fail: created as the run goes (so a listener can follow
//! them), removed again unless the run finishes, so a failed run leaves no broken file.

use std::path::{Path, PathBuf};

/// The files a run has created so far; dropped without [`Created::keep`], it removes them.
#[derive(Debug, Default)]
pub struct Created(Vec<PathBuf>);

impl Created {
    /// Nothing created yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Remembers `path` (not `-`, stdout) as created by this run.
    pub fn add(&mut self, path: &Path) {
        if path.as_os_str() != "-" {
            self.0.push(path.to_path_buf());
        }
    }

    /// The run finished: keeps every file.
    pub fn keep(mut self) {
        self.0.clear();
    }
}

impl Drop for Created {
    fn drop(&mut self) {
        for path in self.0.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }
}
