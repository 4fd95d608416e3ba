//! The builtin hash modules that `hashlib` falls back to without OpenSSL:
//! `_md5`, `_sha1`, `_sha2`, `_sha3` (with SHAKE) and `_blake2`. One
//! object layout serves every algorithm; each has its own type so names
//! and reprs are CPython's. MD5/SHA-1/SHA-2/SHA-3 come from the RustCrypto
//! crates; BLAKE2 is ours (`blake2.rs`) for the full parameter block.
mod blake2;

use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::modules::module_def::{self, add, exec_slot, SLOT_END};
use crate::object::bytes_methods::{bytes_like, to_hex};
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::refcount::decref;
use crate::object::typeobj::type_template;
use crate::object::{bytes, int, none, protocol, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use blake2::{Blake2b, Blake2s, Params};
use libc::{c_int, c_void};
use sha3::digest::{Digest, ExtendableOutput, Update};

/// A running hash of one algorithm.
#[derive(Clone)]
enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(Blake2b),
    Blake2s(Blake2s),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => Digest::update(h, data),
            Hasher::Sha1(h) => Digest::update(h, data),
            Hasher::Sha224(h) => Digest::update(h, data),
            Hasher::Sha256(h) => Digest::update(h, data),
            Hasher::Sha384(h) => Digest::update(h, data),
            Hasher::Sha512(h) => Digest::update(h, data),
            Hasher::Sha3_224(h) => Digest::update(h, data),
            Hasher::Sha3_256(h) => Digest::update(h, data),
            Hasher::Sha3_384(h) => Digest::update(h, data),
            Hasher::Sha3_512(h) => Digest::update(h, data),
            Hasher::Shake128(h) => Update::update(h, data),
            Hasher::Shake256(h) => Update::update(h, data),
            Hasher::Blake2b(h) => h.update(data),
            Hasher::Blake2s(h) => h.update(data),
        }
    }

    /// The digest of the data so far (`len` bytes for SHAKE).
    fn digest(&self, len: usize) -> Vec<u8> {
        let h = self.clone();
        match h {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
            Hasher::Sha3_224(h) => h.finalize().to_vec(),
            Hasher::Sha3_256(h) => h.finalize().to_vec(),
            Hasher::Sha3_384(h) => h.finalize().to_vec(),
            Hasher::Sha3_512(h) => h.finalize().to_vec(),
            Hasher::Shake128(h) => h.finalize_boxed(len).into_vec(),
            Hasher::Shake256(h) => h.finalize_boxed(len).into_vec(),
            Hasher::Blake2b(h) => h.finalize(),
            Hasher::Blake2s(h) => h.finalize(),
        }
    }

    /// (name, digest size, block size).
    fn info(&self) -> (&'static str, usize, usize) {
        match self {
            Hasher::Md5(_) => ("md5", 16, 64),
            Hasher::Sha1(_) => ("sha1", 20, 64),
            Hasher::Sha224(_) => ("sha224", 28, 64),
            Hasher::Sha256(_) => ("sha256", 32, 64),
            Hasher::Sha384(_) => ("sha384", 48, 128),
            Hasher::Sha512(_) => ("sha512", 64, 128),
            Hasher::Sha3_224(_) => ("sha3_224", 28, 144),
            Hasher::Sha3_256(_) => ("sha3_256", 32, 136),
            Hasher::Sha3_384(_) => ("sha3_384", 48, 104),
            Hasher::Sha3_512(_) => ("sha3_512", 64, 72),
            Hasher::Shake128(_) => ("shake_128", 0, 168),
            Hasher::Shake256(_) => ("shake_256", 0, 136),
            Hasher::Blake2b(h) => ("blake2b", h.digest_size(), Blake2b::BLOCK),
            Hasher::Blake2s(h) => ("blake2s", h.digest_size(), Blake2s::BLOCK),
        }
    }

    fn is_shake(&self) -> bool {
        matches!(self, Hasher::Shake128(_) | Hasher::Shake256(_))
    }
}

/// A hash object: the running state, boxed.
#[repr(C)]
struct HashObject {
    ob_base: PyObject,
    h: *mut Hasher,
}

/// The state behind a hash object.
///
/// # Safety
/// `op` is an instance of one of this module's hash types.
unsafe fn state<'a>(op: *mut PyObject) -> &'a mut Hasher {
    // SAFETY: per the contract; the box lives as long as the object.
    unsafe { &mut *(*op.cast::<HashObject>()).h }
}

macro_rules! hash_type {
    ($($static:ident = $name:literal, $new:expr;)*) => {$(
        static mut $static: PyTypeObject = PyTypeObject {
            tp_flags: {
                const NEW: newfunc = $new;
                if NEW.is_none() {
                    Py_TPFLAGS_DISALLOW_INSTANTIATION
                } else {
                    0
                }
            },
            tp_new: $new,
            tp_dealloc: Some(hash_dealloc),
            tp_methods: (&raw const HASH_METHODS).cast_mut().cast(),
            tp_getset: (&raw const HASH_GETSET).cast_mut().cast(),
            ..type_template($name, std::mem::size_of::<HashObject>(), 0)
        };
    )*};
}

hash_type! {
    MD5_TYPE = c"_md5.md5", None;
    SHA1_TYPE = c"_sha1.sha1", None;
    SHA224_TYPE = c"_sha2.SHA224Type", None;
    SHA256_TYPE = c"_sha2.SHA256Type", None;
    SHA384_TYPE = c"_sha2.SHA384Type", None;
    SHA512_TYPE = c"_sha2.SHA512Type", None;
    SHA3_224_TYPE = c"_sha3.sha3_224", Some(tp_new_sha3_224);
    SHA3_256_TYPE = c"_sha3.sha3_256", Some(tp_new_sha3_256);
    SHA3_384_TYPE = c"_sha3.sha3_384", Some(tp_new_sha3_384);
    SHA3_512_TYPE = c"_sha3.sha3_512", Some(tp_new_sha3_512);
    SHAKE128_TYPE = c"_sha3.shake_128", Some(tp_new_shake128);
    SHAKE256_TYPE = c"_sha3.shake_256", Some(tp_new_shake256);
    BLAKE2B_TYPE = c"_blake2.blake2b", Some(tp_new_blake2b);
    BLAKE2S_TYPE = c"_blake2.blake2s", Some(tp_new_blake2s);
}

/// Calls a constructor body with `tp_new`'s tuple and dict arguments.
unsafe fn with_tuple_args(
    args: *mut PyObject,
    kwargs: *mut PyObject,
    f: impl FnOnce(&[*mut PyObject], &[(&str, *mut PyObject)]) -> PyResult<Owned>,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict with str keys.
        unsafe {
            let a = crate::object::tuple::items(args);
            let mut kws = Vec::new();
            if !kwargs.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = crate::object::dict::next(kwargs, &mut pos) {
                    kws.push((pystr::as_str(k)?, v));
                }
            }
            f(a, &kws)
        }
    })
}

macro_rules! type_constructors {
    ($($fn:ident = $name:literal, $tp:ident, $init:expr;)*) => {$(
        unsafe extern "C" fn $fn(
            _tp: *mut PyTypeObject,
            args: *mut PyObject,
            kwargs: *mut PyObject,
        ) -> *mut PyObject {
            // SAFETY: tp_new arguments.
            unsafe {
                with_tuple_args(args, kwargs, |a, k| construct($name, &raw mut $tp, $init, a, k))
            }
        }
    )*};
}

type_constructors! {
    tp_new_sha3_224 = "sha3_224", SHA3_224_TYPE, Hasher::Sha3_224(Default::default());
    tp_new_sha3_256 = "sha3_256", SHA3_256_TYPE, Hasher::Sha3_256(Default::default());
    tp_new_sha3_384 = "sha3_384", SHA3_384_TYPE, Hasher::Sha3_384(Default::default());
    tp_new_sha3_512 = "sha3_512", SHA3_512_TYPE, Hasher::Sha3_512(Default::default());
    tp_new_shake128 = "shake_128", SHAKE128_TYPE, Hasher::Shake128(Default::default());
    tp_new_shake256 = "shake_256", SHAKE256_TYPE, Hasher::Shake256(Default::default());
}

unsafe extern "C" fn tp_new_blake2b(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp_new arguments.
    unsafe { with_tuple_args(args, kwargs, |a, k| construct_blake2("blake2b", true, a, k)) }
}

unsafe extern "C" fn tp_new_blake2s(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp_new arguments.
    unsafe {
        with_tuple_args(args, kwargs, |a, k| {
            construct_blake2("blake2s", false, a, k)
        })
    }
}

static HASH_METHODS: [PyMethodDef; 5] = [
    method(c"update", hash_update as *const c_void, METH_O),
    method(
        c"digest",
        hash_digest as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    method(
        c"hexdigest",
        hash_hexdigest as *const c_void,
        METH_FASTCALL | METH_KEYWORDS,
    ),
    method(c"copy", hash_copy as *const c_void, METH_NOARGS),
    METHOD_END,
];

static HASH_GETSET: [PyGetSetDef; 4] = [
    getset(c"name", Some(get_name), None),
    getset(c"digest_size", Some(get_digest_size), None),
    getset(c"block_size", Some(get_block_size), None),
    GETSET_END,
];

unsafe extern "C" fn hash_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the state was boxed at creation.
    unsafe {
        drop(Box::from_raw((*op.cast::<HashObject>()).h));
        let tp = (*op).ob_type;
        crate::object::alloc::raw_free(op.cast());
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// A new hash object of type `tp` holding `h`.
unsafe fn new_hash(tp: *mut PyTypeObject, h: Hasher) -> PyResult<Owned> {
    // SAFETY: tp is one of our static types, readied by its module.
    unsafe {
        let o = errors::check(crate::object::alloc::generic_alloc(tp, 0))?;
        (*o.as_ptr().cast::<HashObject>()).h = Box::into_raw(Box::new(h));
        Ok(o)
    }
}

/// The bytes to hash from an argument: any buffer, never a str.
unsafe fn hash_data<'a>(o: *mut PyObject) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    // SAFETY: o valid.
    unsafe {
        if pystr::check(o) {
            return Err(errors::type_error("Strings must be encoded before hashing"));
        }
        bytes_like(o)?
            .ok_or_else(|| errors::type_error("object supporting the buffer API required"))
    }
}

unsafe extern "C" fn hash_update(op: *mut PyObject, data: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a hash object.
        unsafe {
            let d = hash_data(data)?;
            state(op).update(&d);
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

/// The digest length argument: none for fixed-size hashes, `length` for
/// SHAKE.
unsafe fn digest_len(
    op: *mut PyObject,
    fname: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> PyResult<usize> {
    // SAFETY: fastcall arguments; op a hash object.
    unsafe {
        let (a, kws) = crate::modules::args::split(args, nargs, kwnames);
        let h = state(op);
        let n = a.len() + kws.len();
        if !h.is_shake() {
            if n != 0 {
                return Err(errors::type_error(format!(
                    "{}.{fname}() takes no arguments ({n} given)",
                    h.info().0
                )));
            }
            return Ok(h.info().1);
        }
        let len = match (a, kws.as_slice()) {
            ([len], []) | ([], [("length", len)]) => *len,
            _ => {
                return Err(errors::type_error(format!(
                    "{}.{fname}() takes exactly one argument ({n} given)",
                    h.info().0
                )))
            }
        };
        let len = crate::object::number::index(len)?;
        if int::sign(len.as_ptr()) < 0 {
            return Err(errors::value_error("value must be positive"));
        }
        match int::as_i64(len.as_ptr()) {
            Ok(n) if n < (1 << 29) => Ok(n as usize),
            _ => {
                errors::clear();
                Err(errors::value_error("digest length is too large"))
            }
        }
    }
}

unsafe extern "C" fn hash_digest(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a hash object.
        unsafe {
            let n = digest_len(op, "digest", args, nargs, kwnames)?;
            bytes::from_slice(&state(op).digest(n))
        }
    })
}

unsafe extern "C" fn hash_hexdigest(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a hash object.
        unsafe {
            let n = digest_len(op, "hexdigest", args, nargs, kwnames)?;
            pystr::from_str(&to_hex(&state(op).digest(n), None, 1))
        }
    })
}

unsafe extern "C" fn hash_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a hash object.
    guard_obj(|| unsafe { new_hash((*op).ob_type, state(op).clone()) })
}

unsafe extern "C" fn get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a hash object.
    guard_obj(|| pystr::from_str(unsafe { state(op) }.info().0))
}

unsafe extern "C" fn get_digest_size(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a hash object.
    guard_obj(|| int::from_i64(unsafe { state(op) }.info().1 as i64))
}

unsafe extern "C" fn get_block_size(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    // SAFETY: op is a hash object.
    guard_obj(|| int::from_i64(unsafe { state(op) }.info().2 as i64))
}

/// The BLAKE2 parameters given by keyword.
type Keywords = Vec<(&'static str, *mut PyObject)>;

/// The initial data of a constructor: positional, `data=` or `string=`,
/// and the other keywords.
fn initial_data(
    fname: &str,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<(Option<*mut PyObject>, Keywords)> {
    if args.len() > 1 {
        return Err(errors::type_error(format!(
            "{fname}() takes at most 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut data = args.first().copied();
    let mut rest = Vec::new();
    for &(k, v) in kws {
        match k {
            "data" | "string" => {
                if data.is_some() {
                    return Err(errors::type_error(format!(
                        "{fname}() got multiple values for argument 'data'"
                    )));
                }
                data = Some(v);
            }
            "usedforsecurity" => {}
            _ => match BLAKE2_KEYWORDS.iter().find(|&&n| n == k) {
                Some(&n) => rest.push((n, v)),
                None => {
                    return Err(errors::type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )))
                }
            },
        }
    }
    Ok((data, rest))
}

const BLAKE2_KEYWORDS: [&str; 11] = [
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
];

/// A constructor of a fixed-parameter hash: `name(data=b'', *, usedforsecurity=True)`.
unsafe fn construct(
    fname: &str,
    tp: *mut PyTypeObject,
    mut h: Hasher,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    let (data, rest) = initial_data(fname, args, kws)?;
    if let Some(&(k, _)) = rest.first() {
        return Err(errors::type_error(format!(
            "{fname}() got an unexpected keyword argument '{k}'"
        )));
    }
    // SAFETY: valid arguments; tp one of our types.
    unsafe {
        if let Some(d) = data {
            h.update(&hash_data(d)?);
        }
        new_hash(tp, h)
    }
}

macro_rules! constructors {
    ($($fn:ident = $name:literal, $tp:ident, $init:expr;)*) => {$(
        crate::modules::args::builtin!($fn, |args, kws| {
            construct($name, &raw mut $tp, $init, args, &kws)
        });
    )*};
}

constructors! {
    new_md5 = "md5", MD5_TYPE, Hasher::Md5(Default::default());
    new_sha1 = "sha1", SHA1_TYPE, Hasher::Sha1(Default::default());
    new_sha224 = "sha224", SHA224_TYPE, Hasher::Sha224(Default::default());
    new_sha256 = "sha256", SHA256_TYPE, Hasher::Sha256(Default::default());
    new_sha384 = "sha384", SHA384_TYPE, Hasher::Sha384(Default::default());
    new_sha512 = "sha512", SHA512_TYPE, Hasher::Sha512(Default::default());
}

/// An int keyword of `blake2b`/`blake2s` in `lo..=hi`.
unsafe fn ranged(v: Option<*mut PyObject>, default: u64, hi: u64, msg: &str) -> PyResult<u64> {
    let Some(v) = v else { return Ok(default) };
    // SAFETY: v valid.
    unsafe {
        let i = crate::object::number::index(v)?;
        match int::as_i128(i.as_ptr()) {
            Some(x) if x >= 0 && x as u128 <= hi as u128 => Ok(x as u64),
            _ => Err(errors::value_error(msg)),
        }
    }
}

/// `blake2b(...)` / `blake2s(...)` with their parameters checked.
unsafe fn construct_blake2(
    fname: &str,
    big: bool,
    args: &[*mut PyObject],
    kws: &[(&str, *mut PyObject)],
) -> PyResult<Owned> {
    let (data, rest) = initial_data(fname, args, kws)?;
    let get = |k: &str| rest.iter().find(|&&(n, _)| n == k).map(|&(_, v)| v);
    let (max_digest, max_key, salt_size) = if big {
        (Blake2b::MAX_DIGEST, Blake2b::MAX_KEY, Blake2b::SALT)
    } else {
        (Blake2s::MAX_DIGEST, Blake2s::MAX_KEY, Blake2s::SALT)
    };
    // SAFETY: valid arguments.
    unsafe {
        let digest_size = match get("digest_size") {
            Some(v) => {
                let i = crate::object::number::index(v)?;
                match int::as_i128(i.as_ptr()) {
                    Some(x) if x >= 1 && x <= max_digest as i128 => x as usize,
                    _ => {
                        return Err(errors::value_error(format!(
                            "digest_size must be between 1 and {max_digest} bytes"
                        )))
                    }
                }
            }
            None => max_digest,
        };
        let buf = |k: &str| -> PyResult<Vec<u8>> {
            match get(k) {
                Some(v) => Ok(hash_data(v)?.into_owned()),
                None => Ok(Vec::new()),
            }
        };
        let (key, salt, person) = (buf("key")?, buf("salt")?, buf("person")?);
        if key.len() > max_key {
            return Err(errors::value_error(format!(
                "maximum key length is {max_key} bytes"
            )));
        }
        if salt.len() > salt_size {
            return Err(errors::value_error(format!(
                "maximum salt length is {salt_size} bytes"
            )));
        }
        if person.len() > salt_size {
            return Err(errors::value_error(format!(
                "maximum person length is {salt_size} bytes"
            )));
        }
        let p = Params {
            digest_size,
            key: &key,
            salt: &salt,
            person: &person,
            fanout: ranged(get("fanout"), 1, 255, "fanout must be between 0 and 255")? as u8,
            depth: match ranged(get("depth"), 1, 255, "depth must be between 1 and 255")? {
                0 => return Err(errors::value_error("depth must be between 1 and 255")),
                d => d as u8,
            },
            leaf_size: ranged(
                get("leaf_size"),
                0,
                u32::MAX as u64,
                "leaf_size is too large",
            )? as u32,
            node_offset: ranged(
                get("node_offset"),
                0,
                if big { u64::MAX } else { (1 << 48) - 1 },
                "node_offset is too large",
            )?,
            node_depth: ranged(
                get("node_depth"),
                0,
                255,
                "node_depth must be between 0 and 255",
            )? as u8,
            inner_size: ranged(
                get("inner_size"),
                0,
                max_digest as u64,
                &format!("inner_size must be between 0 and is {max_digest}"),
            )? as u8,
            last_node: match get("last_node") {
                Some(v) => protocol::is_true(v)?,
                None => false,
            },
        };
        let (tp, mut h) = if big {
            (&raw mut BLAKE2B_TYPE, Hasher::Blake2b(Blake2b::new(&p)))
        } else {
            (&raw mut BLAKE2S_TYPE, Hasher::Blake2s(Blake2s::new(&p)))
        };
        if let Some(d) = data {
            h.update(&hash_data(d)?);
        }
        new_hash(tp, h)
    }
}

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

/// Readies each type and sets `m.<name>` to it.
unsafe fn ready_all(m: *mut PyObject, types: &[(&str, *mut PyTypeObject)]) -> PyResult<()> {
    for &(name, tp) in types {
        // SAFETY: static types.
        unsafe {
            crate::object::typeobj::ready(tp)?;
            add(m, name, Ok(Owned::from_borrowed(tp.cast())))?;
        }
    }
    Ok(())
}

macro_rules! hash_module {
    ($init:ident, $def:ident, $methods:ident, $slots:ident, $exec:ident, $name:literal, $doc:literal,
     [$(($fname:literal, $f:ident)),*], [$(($tname:literal, $tp:ident)),*], |$m:ident| $extra:expr) => {
        static mut $methods: [PyMethodDef; <[&std::ffi::CStr]>::len(&[$($fname),*]) + 1] = [
            $(method($fname, $f as *const c_void, FK),)*
            METHOD_END,
        ];

        unsafe extern "C" fn $exec($m: *mut PyObject) -> c_int {
            crate::capi::boundary::guard_status(|| {
                // SAFETY: the module being executed; static types.
                unsafe {
                    ready_all($m, &[$(($tname, &raw mut $tp)),*])?;
                    $extra
                }
            })
        }

        static mut $slots: [PyModuleDef_Slot; 2] = [exec_slot($exec), SLOT_END];

        static mut $def: PyModuleDef = module_def::def(
            $name,
            $doc,
            (&raw mut $methods).cast(),
            (&raw mut $slots).cast(),
        );

        #[doc = concat!("`PyInit_", stringify!($init), "`.")]
        pub unsafe extern "C" fn $init() -> *mut PyObject {
            // SAFETY: a static module definition.
            unsafe { crate::capi::module::PyModuleDef_Init(&raw mut $def) }
        }
    };
}

hash_module!(
    init_md5,
    MD5_DEF,
    MD5_METHODS,
    MD5_SLOTS,
    md5_exec,
    c"_md5",
    c"MD5 hash algorithm.",
    [(c"md5", new_md5)],
    [("MD5Type", MD5_TYPE)],
    |m| Ok(())
);
hash_module!(
    init_sha1,
    SHA1_DEF,
    SHA1_METHODS,
    SHA1_SLOTS,
    sha1_exec,
    c"_sha1",
    c"SHA-1 hash algorithm.",
    [(c"sha1", new_sha1)],
    [("SHA1Type", SHA1_TYPE)],
    |m| Ok(())
);
hash_module!(
    init_sha2,
    SHA2_DEF,
    SHA2_METHODS,
    SHA2_SLOTS,
    sha2_exec,
    c"_sha2",
    c"SHA-2 hash algorithms.",
    [
        (c"sha224", new_sha224),
        (c"sha256", new_sha256),
        (c"sha384", new_sha384),
        (c"sha512", new_sha512)
    ],
    [
        ("SHA224Type", SHA224_TYPE),
        ("SHA256Type", SHA256_TYPE),
        ("SHA384Type", SHA384_TYPE),
        ("SHA512Type", SHA512_TYPE)
    ],
    |m| Ok(())
);
hash_module!(
    init_sha3,
    SHA3_DEF,
    SHA3_METHODS,
    SHA3_SLOTS,
    sha3_exec,
    c"_sha3",
    c"SHA-3 hash algorithms and SHAKE.",
    [],
    [
        ("sha3_224", SHA3_224_TYPE),
        ("sha3_256", SHA3_256_TYPE),
        ("sha3_384", SHA3_384_TYPE),
        ("sha3_512", SHA3_512_TYPE),
        ("shake_128", SHAKE128_TYPE),
        ("shake_256", SHAKE256_TYPE)
    ],
    |m| add(m, "implementation", pystr::from_str("rustcrypto"))
);
hash_module!(
    init_blake2,
    BLAKE2_DEF,
    BLAKE2_METHODS,
    BLAKE2_SLOTS,
    blake2_exec,
    c"_blake2",
    c"BLAKE2 hash algorithms.",
    [],
    [("blake2b", BLAKE2B_TYPE), ("blake2s", BLAKE2S_TYPE)],
    |m| {
        for (k, v) in [
            ("BLAKE2B_SALT_SIZE", Blake2b::SALT),
            ("BLAKE2B_PERSON_SIZE", Blake2b::SALT),
            ("BLAKE2B_MAX_KEY_SIZE", Blake2b::MAX_KEY),
            ("BLAKE2B_MAX_DIGEST_SIZE", Blake2b::MAX_DIGEST),
            ("BLAKE2S_SALT_SIZE", Blake2s::SALT),
            ("BLAKE2S_PERSON_SIZE", Blake2s::SALT),
            ("BLAKE2S_MAX_KEY_SIZE", Blake2s::MAX_KEY),
            ("BLAKE2S_MAX_DIGEST_SIZE", Blake2s::MAX_DIGEST),
        ] {
            add(m, k, int::from_i64(v as i64))?;
        }
        Ok(())
    }
);
