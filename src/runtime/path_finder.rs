//! Path entries that are not directories, as CPython's `PathFinder`
//! (`Lib/importlib/_bootstrap_external.py`) treats them: the finder of an
//! entry comes from `sys.path_importer_cache`, else from the first of
//! `sys.path_hooks` that accepts it (`PyImport_GetImporter`), and modules
//! there are found with the finder's `find_spec` and loaded by
//! `importlib._bootstrap._load`. Directories are searched natively
//! (`import::find_module`); CPython's `zipimport.zipimporter`, the hook
//! for zip archives, is imported and put first in `sys.path_hooks` the
//! first time an entry looks like an archive (CPython installs it at
//! startup, which would cost every run an `importlib` import). For the
//! users of `sys.path_hooks` (`pkgutil`, `runpy.run_path`), the hook for
//! directories is there from the start ([`directory_hook`]), making
//! importlib's `FileFinder`s when asked.
use crate::ffi::*;
use crate::modules::args::builtin;
use crate::object::{dict, list, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

builtin!(path_hook_for_file_finder, |args, kws| {
    crate::modules::args::no_kwargs("path_hook_for_FileFinder", &kws)?;
    crate::modules::args::arity("path_hook_for_FileFinder", args, 1, 1)?;
    let path = args[0];
    if pystr::check(path) {
        let dir = crate::runtime::fs_codec::str_path(path)?;
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir.as_path()
        };
        if !dir.is_dir() {
            let msg = pystr::from_str("only directories are supported")?;
            let kw = dict::new()?;
            dict::set_item(kw.as_ptr(), crate::interned!("path"), path)?;
            let args = crate::object::tuple::pack(&[msg.as_ptr()])?;
            let e = protocol::call(
                crate::object::exceptions::PyExc_ImportError,
                args.as_ptr(),
                kw.as_ptr(),
            )?;
            return Err(errors::restore(e));
        }
    }
    // importlib's own hook: FileFinder.path_hook(*_get_supported_file_loaders()).
    let external = crate::runtime::import::import_absolute("importlib._bootstrap_external")?;
    let finder = protocol::getattr_str(external.as_ptr(), "FileFinder")?;
    let loaders = protocol::getattr_str(external.as_ptr(), "_get_supported_file_loaders")?;
    let details = protocol::call_args(loaders.as_ptr(), &[])?;
    let make = protocol::getattr_str(finder.as_ptr(), "path_hook")?;
    let details = crate::object::tuple::from_iterable(details.as_ptr())?;
    let hook = protocol::call(make.as_ptr(), details.as_ptr(), std::ptr::null_mut())?;
    protocol::call_args(hook.as_ptr(), &[path])
});

static mut DIRECTORY_HOOK: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"path_hook_for_FileFinder",
        path_hook_for_file_finder as *const libc::c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    crate::object::descr::METHOD_END,
];

/// The hook for directories that `sys.path_hooks` starts with, as
/// CPython's `FileFinder.path_hook(...)`: an entry that is no directory
/// raises `ImportError` (without loading `importlib`); a directory gets
/// importlib's `FileFinder`. The import system itself searches
/// directories natively and never asks it.
pub fn directory_hook() -> PyResult<Owned> {
    // SAFETY: the method table is static and never moves.
    unsafe {
        crate::object::methodobject::new(
            (&raw mut DIRECTORY_HOOK).cast(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    }
}

/// `RuntimeError: lost sys.NAME`.
fn lost(name: &str) -> errors::Raised {
    errors::runtime_error(format!("lost sys.{name}"))
}

/// The importer of the path entry `path` (`PyImport_GetImporter`):
/// `sys.path_importer_cache[path]`, else the first of `sys.path_hooks`
/// that accepts it (hooks raising `ImportError` are skipped), cached;
/// `None` (cached too) when no hook does.
pub unsafe fn get_importer(path: *mut PyObject) -> PyResult<Owned> {
    let cache = crate::modules::sys::get("path_importer_cache");
    if cache.is_null() {
        return Err(lost("path_importer_cache"));
    }
    let hooks = crate::modules::sys::get("path_hooks");
    if hooks.is_null() {
        return Err(lost("path_hooks"));
    }
    // SAFETY: cache and hooks are live objects, checked below; the hooks
    // list is copied before any hook runs.
    unsafe {
        let (cache, hooks) = (Owned::from_borrowed(cache), Owned::from_borrowed(hooks));
        if !list::check(hooks.as_ptr()) {
            return Err(errors::runtime_error("sys.path_hooks is not a list"));
        }
        if !dict::check(cache.as_ptr()) {
            return Err(errors::runtime_error(
                "sys.path_importer_cache is not a dict",
            ));
        }
        let found = dict::get_item(cache.as_ptr(), path)?;
        if !found.is_null() {
            return Ok(Owned::from_borrowed(found));
        }
        // None first, so a hook that asks again does not recurse.
        dict::set_item(cache.as_ptr(), path, none::none())?;
        let hooks: Vec<Owned> = list::items(hooks.as_ptr())
            .iter()
            .map(|&h| Owned::from_borrowed(h))
            .collect();
        for hook in hooks {
            match protocol::call_args(hook.as_ptr(), &[path]) {
                Ok(importer) => {
                    dict::set_item(cache.as_ptr(), path, importer.as_ptr())?;
                    return Ok(importer);
                }
                Err(e) => {
                    if !errors::matches(crate::object::exceptions::PyExc_ImportError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        Ok(Owned::from_borrowed_static(none::none()))
    }
}

/// Whether `entry` may name a zip archive or a directory inside one: the
/// longest part of it that exists is a regular file.
fn may_be_archive(entry: &Path) -> bool {
    entry
        .ancestors()
        .find_map(|p| std::fs::metadata(p).ok())
        .is_some_and(|m| m.is_file())
}

/// Whether the file at `path` is a zip archive: its end holds the end of
/// central directory record (`PK\5\6`, followed by at most 64 KiB of
/// comment), as `zipimport` looks for it.
pub fn is_zip_file(path: &Path) -> bool {
    const SIG: &[u8] = b"PK\x05\x06";
    const END_SIZE: u64 = 22;
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(len) = f.seek(SeekFrom::End(0)) else {
        return false;
    };
    if len < END_SIZE {
        return false;
    }
    let mut tail = Vec::new();
    let start = len.saturating_sub(END_SIZE + 0xFFFF);
    if f.seek(SeekFrom::Start(start)).is_err() || f.read_to_end(&mut tail).is_err() {
        return false;
    }
    let last = tail.len().saturating_sub(END_SIZE as usize - SIG.len());
    tail[..last].windows(SIG.len()).any(|w| w == SIG)
}

thread_local! {
    /// Whether [`ensure_zip_hook`] is importing `zipimport` on this thread
    /// (the modules it imports meanwhile see no archive hook).
    static LOADING_ZIPIMPORT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Imports `zipimport` unless it is imported already: loading it puts
/// `zipimporter` first in `sys.path_hooks` (see `zipimport_loaded`).
fn ensure_zip_hook() -> PyResult<()> {
    // SAFETY: sys.modules is a dict.
    let loaded = !unsafe {
        dict::get_item_known_hash_str(crate::modules::sys_modules(), crate::interned!("zipimport"))
    }
    .is_null();
    if loaded || LOADING_ZIPIMPORT.get() {
        return Ok(());
    }
    LOADING_ZIPIMPORT.set(true);
    let r = crate::runtime::import::import_absolute("zipimport");
    LOADING_ZIPIMPORT.set(false);
    r.map(drop)
}

/// Called once `zipimport` is loaded: puts `zipimport.zipimporter` first
/// in `sys.path_hooks` unless it is there, where CPython has it from
/// startup.
pub unsafe fn zipimport_loaded(module: *mut PyObject) -> PyResult<()> {
    let hooks = crate::modules::sys::get("path_hooks");
    // SAFETY: module is the zipimport module; hooks NULL or sys.path_hooks.
    unsafe {
        if hooks.is_null() || !list::check(hooks) {
            return Ok(());
        }
        let hook = protocol::getattr_str(module, "zipimporter")?;
        if !list::contains(hooks, hook.as_ptr())? {
            list::insert(hooks, 0, hook.as_ptr())?;
        }
    }
    Ok(())
}

/// The finder of a path entry that is not a directory, or None: from
/// `sys.path_importer_cache` or `sys.path_hooks` (CPython's
/// `PathFinder._path_importer_cache`; an empty entry is the current
/// directory).
pub fn entry_finder(entry: &Path) -> PyResult<Option<Owned>> {
    let key = crate::runtime::fs_codec::path_str(entry)?;
    let cache = crate::modules::sys::get("path_importer_cache");
    // SAFETY: cache is NULL or sys.path_importer_cache; key a str.
    unsafe {
        if !cache.is_null() && dict::check(cache) {
            let f = dict::get_item(cache, key.as_ptr())?;
            if !f.is_null() {
                return Ok((f != none::none()).then(|| Owned::from_borrowed(f)));
            }
        }
        let archive = may_be_archive(entry);
        if archive {
            if LOADING_ZIPIMPORT.get() {
                // Asked again later, once `zipimporter` is a hook.
                return Ok(None);
            }
            ensure_zip_hook()?;
        }
        let hooks = crate::modules::sys::get("path_hooks");
        if !hooks.is_null() && list::check(hooks) && list::len(hooks) == 0 {
            // CPython caches None for an entry no hook accepts.
            if !cache.is_null() && dict::check(cache) {
                dict::set_item(cache, key.as_ptr(), none::none())?;
            }
            return Ok(None);
        }
        let f = get_importer(key.as_ptr())?;
        Ok((f.as_ptr() != none::none()).then_some(f))
    }
}

/// What a path entry's finder found.
pub enum EntrySpec {
    /// A module: its spec.
    Module(Owned),
    /// Namespace package portions (a spec without a loader), as str.
    Portions(Vec<Owned>),
}

/// What `finder.find_spec(fullname)` gives, if anything.
pub unsafe fn find_spec(finder: *mut PyObject, fullname: &str) -> PyResult<Option<EntrySpec>> {
    // SAFETY: finder is a live object.
    unsafe {
        let Some(method) = protocol::getattr_opt(finder, crate::interned!("find_spec"))? else {
            return Ok(None);
        };
        let name = pystr::from_str(fullname)?;
        let spec = protocol::call_args(method.as_ptr(), &[name.as_ptr()])?;
        if spec.as_ptr() == none::none() {
            return Ok(None);
        }
        let loader = protocol::getattr_str(spec.as_ptr(), "loader")?;
        if loader.as_ptr() != none::none() {
            return Ok(Some(EntrySpec::Module(spec)));
        }
        let locations = protocol::getattr_str(spec.as_ptr(), "submodule_search_locations")?;
        let mut portions = Vec::new();
        if locations.as_ptr() != none::none() {
            let it = protocol::get_iter(locations.as_ptr())?;
            while let Some(p) = protocol::iter_next(it.as_ptr())? {
                if pystr::check(p.as_ptr()) {
                    portions.push(p);
                }
            }
        }
        Ok((!portions.is_empty()).then_some(EntrySpec::Portions(portions)))
    }
}

/// Loads the module of `spec` (`importlib._bootstrap._load`): created,
/// put in `sys.modules` and run by its loader.
pub fn load(spec: *mut PyObject) -> PyResult<Owned> {
    let bootstrap = crate::runtime::import::import_absolute("importlib._bootstrap")?;
    // SAFETY: bootstrap is a module; spec a module spec.
    unsafe {
        let f = protocol::getattr_str(bootstrap.as_ptr(), "_load")?;
        protocol::call_args(f.as_ptr(), &[spec])
    }
}
