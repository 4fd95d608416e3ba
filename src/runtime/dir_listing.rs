//! The names in each directory searched for modules, kept as CPython's
//! `FileFinder` keeps them (`_path_cache`, `Lib/importlib/_bootstrap_external.py`):
//! a search looks each candidate file name up in the listing instead of
//! asking the file system once per suffix, and lists a directory again
//! when its modification time (or the directory itself) changed since.
//! `importlib.invalidate_caches()` forgets every listing
//! (`NativeImporter.invalidate_caches`), for files made within the
//! modification time's granularity, as with CPython.
use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One directory's names and what identifies the state they were read in.
struct Listing {
    dev: u64,
    ino: u64,
    mtime: (i64, i64),
    names: HashSet<OsString>,
}

/// The listings by directory path (as searched, not made absolute).
static LISTINGS: Mutex<Option<HashMap<PathBuf, Listing>>> = Mutex::new(None);

/// Calls `f` with the names in directory `dir` (read again if it changed),
/// or with `None` when `dir` is not a directory. An unreadable directory
/// lists no names, as in CPython.
pub fn with_names<R>(dir: &Path, f: impl FnOnce(Option<&HashSet<OsString>>) -> R) -> R {
    let Ok(meta) = std::fs::metadata(dir) else {
        return f(None);
    };
    if !meta.is_dir() {
        return f(None);
    }
    let (dev, ino, mtime) = (meta.dev(), meta.ino(), (meta.mtime(), meta.mtime_nsec()));
    let mut guard = LISTINGS.lock().unwrap_or_else(|e| e.into_inner());
    let listings = guard.get_or_insert_with(HashMap::new);
    let fresh = listings
        .get(dir)
        .is_some_and(|l| l.dev == dev && l.ino == ino && l.mtime == mtime);
    if !fresh {
        let names = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.file_name()))
                    .collect()
            })
            .unwrap_or_default();
        let listing = Listing {
            dev,
            ino,
            mtime,
            names,
        };
        listings.insert(dir.to_path_buf(), listing);
    }
    f(listings.get(dir).map(|l| &l.names))
}

/// Whether `names` holds `stem` followed by `suffix`.
pub fn contains(names: &HashSet<OsString>, stem: &str, suffix: &str) -> bool {
    let mut name = String::with_capacity(stem.len() + suffix.len());
    name.push_str(stem);
    name.push_str(suffix);
    names.contains(OsStr::new(&name))
}

/// Forgets every listing (`importlib.invalidate_caches()`).
pub fn invalidate() {
    *LISTINGS.lock().unwrap_or_else(|e| e.into_inner()) = None;
}
