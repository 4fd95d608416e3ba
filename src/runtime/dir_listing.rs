//! The names in each directory searched for modules, kept as CPython's
//! `FileFinder` keeps them (`_path_cache`, `Lib/importlib/_bootstrap_external.py`):
//! a search looks each candidate file name up in the listing instead of
//! asking the file system once per suffix, and lists a directory again
//! when its modification time (or the directory itself) changed since.
//! `importlib.invalidate_caches()` forgets every listing
//! (`NativeImporter.invalidate_caches`), for files made within the
//! modification time's granularity, as with CPython.
//!
//! A listing that a search of a path entry reads raises `os.listdir`
//! `(dir,)` once, where `FileFinder._fill_cache` calls `os.listdir`; the
//! package directory a search looks into for `__init__` does not (CPython
//! checks those files one by one) until a search of it as a path entry
//! uses the listing.
use crate::runtime::errors::PyResult;
use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::hash::{BuildHasherDefault, Hasher};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Hashes file names with the intern table's byte hash: a listing of the
/// standard library holds hundreds of names, and SipHash made filling it
/// a measurable part of start-up.
#[derive(Default)]
pub struct NameHasher(u64);

impl Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(7) ^ crate::object::str_intern::hash(bytes))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    /// The length prefix of a name: its hash already mixes in the length.
    fn write_usize(&mut self, _: usize) {}
}

/// The names of one directory.
/// cbindgen:ignore
pub type Names = HashSet<OsString, BuildHasherDefault<NameHasher>>;

/// One directory's names and what identifies the state they were read in.
struct Listing {
    dev: u64,
    ino: u64,
    mtime: (i64, i64),
    names: Names,
    /// Whether the `os.listdir` event of this listing was raised.
    announced: bool,
}

/// The listings by directory path (as searched, not made absolute).
static LISTINGS: Mutex<Option<HashMap<PathBuf, Listing>>> = Mutex::new(None);

/// Calls `f` with the names in directory `dir` (read again if it changed),
/// or with `None` when `dir` is not a directory. An unreadable directory
/// lists no names, as in CPython. `entry` says that `dir` is searched as
/// a path entry: its listing's `os.listdir` event is raised first if it
/// was not yet (a hook's failure is returned).
pub fn with_names<R>(dir: &Path, entry: bool, f: impl FnOnce(Option<&Names>) -> R) -> PyResult<R> {
    let Ok(meta) = std::fs::metadata(dir) else {
        return Ok(f(None));
    };
    if !meta.is_dir() {
        return Ok(f(None));
    }
    let (dev, ino, mtime) = (meta.dev(), meta.ino(), (meta.mtime(), meta.mtime_nsec()));
    let fresh = |l: &Listing| l.dev == dev && l.ino == ino && l.mtime == mtime;
    let refused = entry && crate::runtime::audit::active() && {
        let guard = LISTINGS.lock().unwrap_or_else(|e| e.into_inner());
        let announced = guard
            .as_ref()
            .and_then(|m| m.get(dir))
            .is_some_and(|l| fresh(l) && l.announced);
        // The hook runs without the lock, since it may import.
        drop(guard);
        !announced && listdir_refused(dir)?
    };
    let mut guard = LISTINGS.lock().unwrap_or_else(|e| e.into_inner());
    let listings = guard.get_or_insert_with(HashMap::new);
    let listing = match listings.get_mut(dir) {
        Some(l) if fresh(l) && !refused => l,
        _ => {
            let listing = Listing {
                dev,
                ino,
                mtime,
                names: match refused {
                    true => Names::default(),
                    false => read_names(dir),
                },
                announced: false,
            };
            listings
                .entry(dir.to_path_buf())
                .insert_entry(listing)
                .into_mut()
        }
    };
    listing.announced |= entry;
    Ok(f(Some(&listing.names)))
}

/// Raises `os.listdir` for `dir`: true when a hook refused it with
/// `FileNotFoundError`, `PermissionError` or `NotADirectoryError`, which
/// `FileFinder._fill_cache` takes for a directory listing no names; other
/// failures are returned.
fn listdir_refused(dir: &Path) -> PyResult<bool> {
    use crate::object::exceptions as exc;
    let name = crate::runtime::fs_codec::path_str(dir)?;
    match crate::runtime::audit::audit(c"os.listdir", &[name.as_ptr()]) {
        Ok(()) => Ok(false),
        Err(e) => {
            // SAFETY: the classes are static.
            let unreadable = unsafe {
                [
                    exc::PyExc_FileNotFoundError,
                    exc::PyExc_PermissionError,
                    exc::PyExc_NotADirectoryError,
                ]
                .into_iter()
                .any(|c| crate::runtime::errors::matches(c))
            };
            if !unreadable {
                return Err(e);
            }
            crate::runtime::errors::clear();
            Ok(true)
        }
    }
}

/// The names in directory `dir` (none when it cannot be read).
fn read_names(dir: &Path) -> Names {
    let names: Vec<OsString> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name()))
                .collect()
        })
        .unwrap_or_default();
    let mut set = Names::with_capacity_and_hasher(names.len(), Default::default());
    set.extend(names);
    set
}

/// Whether `names` holds `stem` followed by `suffix`.
pub fn contains(names: &Names, stem: &str, suffix: &str) -> bool {
    let mut name = String::with_capacity(stem.len() + suffix.len());
    name.push_str(stem);
    name.push_str(suffix);
    names.contains(OsStr::new(&name))
}

/// Forgets every listing (`importlib.invalidate_caches()`).
pub fn invalidate() {
    *LISTINGS.lock().unwrap_or_else(|e| e.into_inner()) = None;
}
