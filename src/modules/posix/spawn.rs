//! `posix_spawn` and `posix_spawnp` of `posix` (CPython's
//! `py_posix_spawn`): a child runs a program without a fork of the
//! interpreter, after the file actions (open, close, dup2, closefrom) and
//! attributes (process group, reset ids, new session, signal mask and
//! defaults) asked for. Both raise the `os.posix_spawn` audit event.
use super::path::{self, PathArg};
use super::process::{argv_vector, exec_env, ptrs};
use super::{audit, int_arg};
use crate::ffi::*;
use crate::modules::args::{bind, builtin};
use crate::object::{int, none, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, posix_spawn_file_actions_t, posix_spawnattr_t};
use std::ffi::CString;

/// The file actions of a spawn, destroyed with it.
struct FileActions(posix_spawn_file_actions_t);

impl FileActions {
    fn new() -> PyResult<FileActions> {
        // SAFETY: init fills the zeroed struct.
        unsafe {
            let mut fa = std::mem::zeroed();
            check(libc::posix_spawn_file_actions_init(&mut fa))?;
            Ok(FileActions(fa))
        }
    }
}

impl Drop for FileActions {
    fn drop(&mut self) {
        // SAFETY: self.0 was initialized.
        unsafe { libc::posix_spawn_file_actions_destroy(&mut self.0) };
    }
}

/// The attributes of a spawn, destroyed with it.
struct Attrs(posix_spawnattr_t);

impl Attrs {
    fn new() -> PyResult<Attrs> {
        // SAFETY: init fills the zeroed struct.
        unsafe {
            let mut a = std::mem::zeroed();
            check(libc::posix_spawnattr_init(&mut a))?;
            Ok(Attrs(a))
        }
    }
}

impl Drop for Attrs {
    fn drop(&mut self) {
        // SAFETY: self.0 was initialized.
        unsafe { libc::posix_spawnattr_destroy(&mut self.0) };
    }
}

/// Fails with the `OSError` of an error number a spawn call returned.
fn check(err: c_int) -> PyResult<()> {
    if err != 0 {
        // SAFETY: plain errno store.
        unsafe { *libc::__errno_location() = err };
        return Err(errors::last_os_error());
    }
    Ok(())
}

/// The environment: the mapping's `NAME=VALUE` strings, or the process's
/// own environment for None.
unsafe fn env_of(func: &str, o: *mut PyObject) -> PyResult<Vec<CString>> {
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: o valid.
    unsafe {
        if o == none::none() {
            return Ok(std::env::vars_os()
                .filter_map(|(k, v)| {
                    let mut s = k.as_bytes().to_vec();
                    s.push(b'=');
                    s.extend_from_slice(v.as_bytes());
                    CString::new(s).ok()
                })
                .collect());
        }
        let m = (*(*o).ob_type).tp_as_mapping;
        if m.is_null() || (*m).mp_subscript.is_none() {
            return Err(errors::type_error(format!(
                "{func}: environment must be a mapping object or None"
            )));
        }
        exec_env(o)
    }
}

/// Checks that the `what` file action tuple `items` has `n` elements.
fn action_len(items: &[*mut PyObject], n: usize, what: &str) -> PyResult<()> {
    if items.len() != n {
        return Err(errors::type_error(format!(
            "A {what} file_action tuple must have {n} elements"
        )));
    }
    Ok(())
}

/// An `int` field of a file action.
unsafe fn int_field(o: *mut PyObject) -> PyResult<c_int> {
    // SAFETY: o valid.
    let v = unsafe { int_arg(o)? };
    c_int::try_from(v).map_err(|_| {
        errors::overflow_error(if v < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

/// Adds the file actions of the sequence `o` (`parse_file_actions`):
/// tuples `(POSIX_SPAWN_OPEN, fd, path, flags, mode)`,
/// `(POSIX_SPAWN_CLOSE, fd)`, `(POSIX_SPAWN_DUP2, fd, new_fd)`,
/// `(POSIX_SPAWN_CLOSEFROM, fd)`. The open paths are kept in `paths` for
/// the spawn.
unsafe fn add_file_actions(
    fa: &mut FileActions,
    o: *mut PyObject,
    paths: &mut Vec<CString>,
) -> PyResult<()> {
    // SAFETY: o valid; the items are borrowed from live tuples.
    unsafe {
        let seq = tuple::from_iterable_msg(o, "file_actions must be a sequence or None")?;
        let items = tuple::items(seq.as_ptr());
        for &a in items {
            if !tuple::check(a) || tuple::items(a).is_empty() {
                return Err(errors::type_error(
                    "Each file_actions element must be a non-empty tuple",
                ));
            }
            let f = tuple::items(a);
            let err = match int_arg(f[0])? {
                0 => {
                    action_len(f, 5, "open")?;
                    let fd = int_field(f[1])?;
                    let p: PathArg = path::path("posix_spawn", "path", f[2])?;
                    let (flags, mode) = (int_field(f[3])?, int_arg(f[4])?);
                    paths.push(p.c);
                    let p = paths.last().map_or(std::ptr::null(), |c| c.as_ptr());
                    libc::posix_spawn_file_actions_addopen(
                        &mut fa.0,
                        fd,
                        p,
                        flags,
                        mode as libc::mode_t,
                    )
                }
                1 => {
                    action_len(f, 2, "close")?;
                    libc::posix_spawn_file_actions_addclose(&mut fa.0, int_field(f[1])?)
                }
                2 => {
                    action_len(f, 3, "dup2")?;
                    let (fd, new_fd) = (int_field(f[1])?, int_field(f[2])?);
                    libc::posix_spawn_file_actions_adddup2(&mut fa.0, fd, new_fd)
                }
                3 => {
                    action_len(f, 2, "closefrom")?;
                    libc::posix_spawn_file_actions_addclosefrom_np(&mut fa.0, int_field(f[1])?)
                }
                _ => return Err(errors::type_error("Unknown file_actions identifier")),
            };
            check(err)?;
        }
        Ok(())
    }
}

/// The spawn attributes from the keyword arguments
/// (`parse_posix_spawn_flags`).
unsafe fn set_attrs(attrs: &mut Attrs, kw: &[Option<*mut PyObject>; 6]) -> PyResult<()> {
    let [setpgroup, resetids, setsid, setsigmask, setsigdef, scheduler] = *kw;
    let mut flags = 0;
    // SAFETY: the arguments are valid objects; attrs was initialized.
    unsafe {
        if let Some(g) = setpgroup {
            let pgid = int_arg(g)?;
            check(libc::posix_spawnattr_setpgroup(
                &mut attrs.0,
                pgid as libc::pid_t,
            ))?;
            flags |= libc::POSIX_SPAWN_SETPGROUP;
        }
        if let Some(r) = resetids {
            if protocol::is_true(r)? {
                flags |= libc::POSIX_SPAWN_RESETIDS;
            }
        }
        if let Some(s) = setsid {
            if protocol::is_true(s)? {
                flags |= c_int::from(libc::POSIX_SPAWN_SETSID);
            }
        }
        if let Some(m) = setsigmask {
            let mask = crate::modules::signal::mask_of(m)?;
            check(libc::posix_spawnattr_setsigmask(&mut attrs.0, &mask))?;
            flags |= libc::POSIX_SPAWN_SETSIGMASK;
        }
        if let Some(m) = setsigdef {
            let mask = crate::modules::signal::mask_of(m)?;
            check(libc::posix_spawnattr_setsigdefault(&mut attrs.0, &mask))?;
            flags |= libc::POSIX_SPAWN_SETSIGDEF;
        }
        // `(policy or None, sched_param)`: the policy is set only when given.
        match scheduler {
            Some(s) if s != none::none() && tuple::check(s) => {
                let &[policy, param] = tuple::items(s) else {
                    return Err(errors::type_error(
                        "A scheduler tuple must have two elements",
                    ));
                };
                let param = super::sched::param_arg(param)?;
                if policy != none::none() {
                    let policy = crate::modules::args::clinic_int(policy)?;
                    check(libc::posix_spawnattr_setschedpolicy(&mut attrs.0, policy))?;
                    flags |= libc::POSIX_SPAWN_SETSCHEDULER;
                }
                check(libc::posix_spawnattr_setschedparam(&mut attrs.0, &param))?;
                flags |= libc::POSIX_SPAWN_SETSCHEDPARAM;
            }
            Some(s) if s != none::none() => {
                return Err(errors::type_error("scheduler must be a tuple or None"));
            }
            _ => {}
        }
        check(libc::posix_spawnattr_setflags(
            &mut attrs.0,
            flags as libc::c_short,
        ))
    }
}

/// `posix_spawn` (or with `use_path`, `posix_spawnp`) on the arguments of
/// `func`; returns the child's pid.
unsafe fn spawn(
    func: &str,
    use_path: bool,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    // SAFETY: the arguments are valid objects.
    unsafe {
        crate::modules::args::arity(func, args, 3, 3).map_err(|_| {
            errors::clear();
            errors::type_error(format!(
                "{func}() takes exactly 3 positional arguments ({} given)",
                args.len()
            ))
        })?;
        let [file_actions, setpgroup, resetids, setsid, setsigmask, setsigdef, scheduler] = bind(
            func,
            &[],
            kws,
            [
                "file_actions",
                "setpgroup",
                "resetids",
                "setsid",
                "setsigmask",
                "setsigdef",
                "scheduler",
            ],
            0,
            0,
        )?;
        let p = path::path(func, "path", args[0])?;
        let argv = argv_vector(&format!("{func}: argv"), args[1])?;
        let env = env_of(func, args[2])?;
        let mut fa = FileActions::new()?;
        let mut paths = Vec::new();
        if let Some(f) = file_actions.filter(|&f| f != none::none()) {
            add_file_actions(&mut fa, f, &mut paths)?;
        }
        let mut attrs = Attrs::new()?;
        set_attrs(
            &mut attrs,
            &[
                setpgroup, resetids, setsid, setsigmask, setsigdef, scheduler,
            ],
        )?;
        audit(c"os.posix_spawn", &[args[0], args[1], args[2]], &[])?;
        let (argv, env) = (ptrs(&argv), ptrs(&env));
        let mut pid: libc::pid_t = 0;
        let call = if use_path {
            libc::posix_spawnp
        } else {
            libc::posix_spawn
        };
        let err = crate::runtime::gil::allow_threads(|| {
            call(
                &mut pid,
                p.c.as_ptr(),
                &fa.0,
                &attrs.0,
                argv.as_ptr() as *const *mut libc::c_char,
                env.as_ptr() as *const *mut libc::c_char,
            )
        });
        if err != 0 {
            *libc::__errno_location() = err;
            return Err(p.error());
        }
        int::from_i64(pid as i64)
    }
}

// `os.posix_spawn(path, argv, env, /, *, file_actions=(), setpgroup=None,
// resetids=False, setsid=False, setsigmask=(), setsigdef=(), scheduler=None)`.
builtin!(pub(super) posix_posix_spawn, |args, kws| {
    spawn("posix_spawn", false, args, &kws)
});

// `os.posix_spawnp(...)`: as `posix_spawn`, the program searched on `PATH`.
builtin!(pub(super) posix_posix_spawnp, |args, kws| {
    spawn("posix_spawnp", true, args, &kws)
});
