//! Checking model files against their manifest checksums, and remembering the files that
//! matched so that a later load need not hash them again.
//!
//! Hashing the shipped pack (35 MB) costs about 1.1 G instructions on a CPU without SHA-256
//! instructions (Cortex-A72, the Raspberry Pi 4: 31.8 M per MB counted by icount with the
//! `sha2` crate's portable code), more than planning its networks. A file that matched is
//! remembered by its stamp: size, modification and status-change times, inode and device.
//! Every write to a file moves its status-change time, which no user can set, so a changed file
//! is hashed again. A file written within [`SETTLE`] of being hashed is not remembered:
//! file systems keep times to a coarse clock, and a write in the same tick would keep them.

use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// How long after its last change a file must have stayed unchanged to be remembered.
pub const SETTLE: Duration = Duration::from_secs(2);
/// Largest record read back, in bytes.
const MAX_RECORD_BYTES: u64 = 512;
/// First field of a record, naming its layout.
const RECORD_VERSION: &str = "sotto-checksum-1";
/// Hex digits of the path digest that name a record.
const KEY_DIGITS: usize = 32;
/// Bytes hashed per read.
const READ_BYTES: usize = 1 << 16;

/// How model files are checked against the sha256 their manifest gives, at every load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checksums {
    /// Hash every model file at every load.
    Always,
    /// Hash a model file only when its stamp differs from the one recorded in this directory
    /// when it last matched; record it when it matches. An unwritable directory only costs
    /// the hashing.
    Remembered(PathBuf),
}

impl Default for Checksums {
    /// Remembered under the user's cache directory ([`Checksums::in_cache`] of
    /// `$XDG_CACHE_HOME`, else `~/.cache`); [`Checksums::Always`] when there is none.
    fn default() -> Self {
        user_cache_dir().map_or(Checksums::Always, |d| Checksums::in_cache(&d))
    }
}

/// What checking one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The file matched when it had this very stamp; it was not read.
    Remembered,
    /// The file was hashed and matches.
    Hashed,
    /// The file was hashed and has this other lower-case hex digest.
    Differs(String),
}

impl Checksums {
    /// Remembered in `root/sotto/checksums`.
    pub fn in_cache(root: &Path) -> Self {
        Checksums::Remembered(root.join("sotto").join("checksums"))
    }

    /// Checks the file at `path` against the hex sha256 `expected`.
    pub(crate) fn check(&self, path: &Path, expected: &str) -> Result<Check> {
        self.check_settled(path, expected, SETTLE)
    }

    fn check_settled(&self, path: &Path, expected: &str, settle: Duration) -> Result<Check> {
        let Checksums::Remembered(dir) = self else {
            return Ok(compare(sha256_file(path)?, expected));
        };
        let stamp = Stamp::of(&std::fs::metadata(path).map_err(|e| Error::io(path, e))?);
        let record = dir.join(record_name(path));
        if read_record(&record)
            .is_some_and(|(digest, s)| s == stamp && digest.eq_ignore_ascii_case(expected))
        {
            return Ok(Check::Remembered);
        }
        let check = compare(sha256_file(path)?, expected);
        if check == Check::Hashed && stamp.settled(SystemTime::now(), settle) {
            let _ = write_record(dir, &record, expected, &stamp);
        }
        Ok(check)
    }
}

fn compare(digest: String, expected: &str) -> Check {
    if digest.eq_ignore_ascii_case(expected) {
        Check::Hashed
    } else {
        Check::Differs(digest)
    }
}

/// Lower-case hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; READ_BYTES];
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `$XDG_CACHE_HOME` when it is an absolute path, else `$HOME/.cache`.
pub fn user_cache_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    xdg.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|h| h.join(".cache"))
    })
}

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
}

impl Stamp {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Self {
            len: meta.len(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    #[cfg(not(unix))]
    fn of(meta: &Metadata) -> Self {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Self {
            len: meta.len(),
            modified_ns,
            changed_ns: modified_ns,
            inode: 0,
            device: 0,
        }
    }

    /// Whether the file's last change is at least `settle` before `now`.
    fn settled(&self, now: SystemTime, settle: Duration) -> bool {
        let Ok(now) = now.duration_since(UNIX_EPOCH) else {
            return false;
        };
        let last = self.modified_ns.max(self.changed_ns);
        (now.as_nanos() as i128).saturating_sub(last) >= settle.as_nanos() as i128
    }
}

/// The record's file name: digits of the sha256 of the file's canonical path.
fn record_name(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = hex(&Sha256::digest(path.as_os_str().as_encoded_bytes()));
    name.truncate(KEY_DIGITS);
    name
}

fn read_record(path: &Path) -> Option<(String, Stamp)> {
    let mut text = String::new();
    File::open(path)
        .ok()?
        .take(MAX_RECORD_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    let mut f = text.split_ascii_whitespace();
    if f.next()? != RECORD_VERSION {
        return None;
    }
    let digest = f.next()?.to_owned();
    let stamp = Stamp {
        len: f.next()?.parse().ok()?,
        modified_ns: f.next()?.parse().ok()?,
        changed_ns: f.next()?.parse().ok()?,
        inode: f.next()?.parse().ok()?,
        device: f.next()?.parse().ok()?,
    };
    f.next().is_none().then_some((digest, stamp))
}

/// Writes the record whole or not at all (a temporary file renamed over it).
fn write_record(dir: &Path, path: &Path, digest: &str, s: &Stamp) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let line = format!(
        "{RECORD_VERSION} {} {} {} {} {} {}\n",
        digest.to_ascii_lowercase(),
        s.len,
        s.modified_ns,
        s.changed_ns,
        s.inode,
        s.device
    );
    let written = File::create(&tmp)
        .and_then(|mut f| f.write_all(line.as_bytes()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Longer than the coarse clock's tick that file times are taken from (at most 10 ms), so
    /// a rewrite moves them; [`SETTLE`] guards the same case outside tests.
    const CLOCK_TICK: Duration = Duration::from_millis(50);

    /// A fresh directory holding `model.onnx` with `bytes`, and a records directory.
    fn scratch(name: &str, bytes: &[u8]) -> (PathBuf, PathBuf, PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("sotto-checksums-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("model.onnx");
        std::fs::write(&file, bytes).unwrap();
        (dir.clone(), file, dir.join("records"))
    }

    fn digest_of(bytes: &[u8]) -> String {
        hex(&Sha256::digest(bytes))
    }

    #[test]
    fn always_hashes_and_names_the_digest_it_found() {
        let (_, file, _) = scratch("always", b"weights");
        let c = Checksums::Always;
        assert_eq!(
            c.check(&file, &digest_of(b"weights")).unwrap(),
            Check::Hashed
        );
        assert_eq!(
            c.check(&file, &digest_of(b"other")).unwrap(),
            Check::Differs(digest_of(b"weights"))
        );
    }

    #[test]
    fn a_settled_match_is_remembered_and_not_hashed_again() {
        let (_, file, records) = scratch("settled", b"weights");
        let c = Checksums::Remembered(records.clone());
        let expected = digest_of(b"weights").to_ascii_uppercase();
        assert_eq!(
            c.check_settled(&file, &expected, Duration::ZERO).unwrap(),
            Check::Hashed
        );
        assert_eq!(std::fs::read_dir(&records).unwrap().count(), 1);
        assert_eq!(c.check(&file, &expected).unwrap(), Check::Remembered);
    }

    #[test]
    fn a_file_changed_just_now_is_not_remembered() {
        let (_, file, records) = scratch("unsettled", b"weights");
        let c = Checksums::Remembered(records.clone());
        assert_eq!(
            c.check(&file, &digest_of(b"weights")).unwrap(),
            Check::Hashed
        );
        assert!(!records.exists());
        assert_eq!(
            c.check(&file, &digest_of(b"weights")).unwrap(),
            Check::Hashed
        );
    }

    #[test]
    fn a_rewritten_file_of_the_same_size_is_hashed_again() {
        let (_, file, records) = scratch("rewritten", b"weights");
        let c = Checksums::Remembered(records);
        let expected = digest_of(b"weights");
        c.check_settled(&file, &expected, Duration::ZERO).unwrap();
        std::thread::sleep(CLOCK_TICK);
        std::fs::write(&file, b"WEIGHTS").unwrap();
        assert_eq!(
            c.check(&file, &expected).unwrap(),
            Check::Differs(digest_of(b"WEIGHTS"))
        );
    }

    #[test]
    fn a_record_for_another_checksum_does_not_count() {
        let (_, file, records) = scratch("other-sum", b"weights");
        let c = Checksums::Remembered(records);
        c.check_settled(&file, &digest_of(b"weights"), Duration::ZERO)
            .unwrap();
        assert_eq!(
            c.check(&file, &digest_of(b"other")).unwrap(),
            Check::Differs(digest_of(b"weights"))
        );
    }

    #[test]
    fn damaged_records_are_ignored() {
        let (_, file, records) = scratch("damaged", b"weights");
        let c = Checksums::Remembered(records.clone());
        let expected = digest_of(b"weights");
        c.check_settled(&file, &expected, Duration::ZERO).unwrap();
        let record = std::fs::read_dir(&records)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let good = std::fs::read_to_string(&record).unwrap();
        let long = format!("{good} {}", "9".repeat(2 * MAX_RECORD_BYTES as usize));
        for bad in [
            "",
            "\u{0}\u{ff}",
            &good.replace(RECORD_VERSION, "sotto-checksum-0"),
            &good.replace(' ', " x "),
            &format!("{} 1", good.trim_end()),
            &long,
        ] {
            std::fs::write(&record, bad).unwrap();
            assert_eq!(c.check(&file, &expected).unwrap(), Check::Hashed, "{bad:?}");
        }
    }

    #[test]
    fn an_unwritable_records_directory_only_costs_the_hashing() {
        let (dir, file, _) = scratch("unwritable", b"weights");
        let blocker = dir.join("not-a-directory");
        std::fs::write(&blocker, b"").unwrap();
        let c = Checksums::Remembered(blocker.join("records"));
        for _ in 0..2 {
            assert_eq!(
                c.check_settled(&file, &digest_of(b"weights"), Duration::ZERO)
                    .unwrap(),
                Check::Hashed
            );
        }
    }

    #[test]
    fn a_missing_file_is_an_error_naming_it() {
        let (dir, _, records) = scratch("missing", b"weights");
        let missing = dir.join("gone.onnx");
        for c in [Checksums::Always, Checksums::Remembered(records)] {
            let e = c.check(&missing, &digest_of(b"weights")).unwrap_err();
            assert!(e.to_string().contains("gone.onnx"), "{e}");
        }
    }
}
