//! The `_random` module (`Modules/_randommodule.c`): `Random`, the
//! Mersenne Twister MT19937 generator that `random.Random` subclasses,
//! seeded and stepped exactly as CPython does so that equal seeds give
//! CPython's numbers.
use crate::capi::boundary::{guard_obj, guard_status};
use crate::ffi::*;
use crate::modules::module_def::{self, add_type, exec_slot, SLOT_END};
use crate::object::descr::{method, METHOD_END};
use crate::object::int_arith::BigInt;
use crate::object::refcount::decref;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{dict, float, int, none, protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::{c_int, c_void};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// A `_random.Random` instance: the generator state and the position of
/// the next word (`N` when the block must be regenerated).
#[repr(C)]
pub struct RandomObject {
    ob_base: PyObject,
    index: c_int,
    state: [u32; N],
}

impl RandomObject {
    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N as c_int;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let mt = &mut self.state;
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    fn next_u32(&mut self) -> u32 {
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        if self.index as usize >= N {
            let mt = &mut self.state;
            for kk in 0..N {
                let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
                mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag(y);
            }
            self.index = 0;
        }
        let mut y = self.state[self.index as usize];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits.
    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// `_random.Random`.
pub static mut RANDOM_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(random_dealloc),
    tp_methods: (&raw const RANDOM_METHODS).cast_mut().cast(),
    tp_init: Some(random_init),
    tp_new: Some(crate::capi::allocation::PyType_GenericNew),
    tp_free: Some(crate::capi::memory::PyObject_Free),
    tp_doc: c"Random() -> create a random number generator with its own internal state.".as_ptr(),
    ..type_template(c"_random.Random", std::mem::size_of::<RandomObject>(), 0)
};

static RANDOM_METHODS: [PyMethodDef; 6] = [
    method(c"random", random_random as *const c_void, METH_NOARGS),
    method(c"seed", random_seed_meth as *const c_void, METH_FASTCALL),
    method(c"getstate", random_getstate as *const c_void, METH_NOARGS),
    method(c"setstate", random_setstate as *const c_void, METH_O),
    method(c"getrandbits", random_getrandbits as *const c_void, METH_O),
    METHOD_END,
];

/// The generator behind `op`.
///
/// # Safety
/// `op` is an instance of `_random.Random` (or a subclass).
unsafe fn gen<'a>(op: *mut PyObject) -> &'a mut RandomObject {
    // SAFETY: per the contract.
    unsafe { &mut *op.cast::<RandomObject>() }
}

unsafe extern "C" fn random_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the state is inline.
    unsafe {
        let tp = (*op).ob_type;
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
    }
}

/// Seeds from the operating system's randomness: 624 words.
fn seed_from_os(r: &mut RandomObject) {
    let mut key = [0u32; N];
    let buf = key.as_mut_ptr().cast::<u8>();
    let want = std::mem::size_of_val(&key);
    let mut got = 0;
    while got < want {
        // SAFETY: buf has `want` writable bytes.
        let n = unsafe { libc::getrandom(buf.add(got).cast(), want - got, 0) };
        if n <= 0 {
            break;
        }
        got += n as usize;
    }
    if got < want {
        // No system randomness: the time and the process id.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        key[0] = t as u32;
        key[1] = (t >> 32) as u32;
        key[2] = std::process::id();
        r.init_by_array(&key[..3]);
        return;
    }
    r.init_by_array(&key);
}

/// `random_seed`: None seeds from the OS; an int by its absolute value's
/// 32-bit words; anything else by its hash.
unsafe fn seed(op: *mut PyObject, arg: *mut PyObject) -> PyResult<()> {
    // SAFETY: op is a Random; arg NULL or valid.
    unsafe {
        let r = gen(op);
        if arg.is_null() || arg == none::none() {
            seed_from_os(r);
            return Ok(());
        }
        let n = if int::check(arg) {
            int::to_big(arg).abs()
        } else {
            let h = protocol::hash(arg)?;
            BigInt::from_i128(h as usize as i128)
        };
        let nbytes = (crate::object::int_arith::bit_length(n.view().mag) as usize).div_ceil(32) * 4;
        let mut bytes = vec![0u8; nbytes.max(4)];
        n.write_bytes(&mut bytes, true);
        let key: Vec<u32> = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        r.init_by_array(&key);
        Ok(())
    }
}

unsafe extern "C" fn random_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> c_int {
    guard_status(|| {
        // SAFETY: op is a Random under construction; args a tuple.
        unsafe {
            let own_init = (*op).ob_type == &raw mut RANDOM_TYPE
                || (*(*op).ob_type).tp_init.is_some_and(|f| {
                    let own: unsafe extern "C" fn(_, _, _) -> c_int = random_init;
                    std::ptr::fn_addr_eq(f, own)
                });
            if own_init && !kwargs.is_null() && dict::len(kwargs) != 0 {
                return Err(errors::type_error("Random() takes no keyword arguments"));
            }
            let a = tuple::items(args);
            if a.len() > 1 {
                return Err(errors::type_error("Random() requires 0 or 1 argument"));
            }
            seed(op, a.first().copied().unwrap_or(std::ptr::null_mut()))
        }
    })
}

unsafe extern "C" fn random_random(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is a Random.
    guard_obj(|| float::from_f64(unsafe { gen(op) }.random()))
}

unsafe extern "C" fn random_seed_meth(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: fastcall arguments; op is a Random.
        unsafe {
            let a = crate::capi::call::arg_slice(args, nargs as usize);
            crate::modules::args::arity("seed", a, 0, 1)?;
            seed(op, a.first().copied().unwrap_or(std::ptr::null_mut()))?;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn random_getstate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Random.
        let r = unsafe { gen(op) };
        let mut items = Vec::with_capacity(N + 1);
        for &w in r.state.iter() {
            items.push(int::from_u64(w.into())?);
        }
        items.push(int::from_i64(r.index.into())?);
        tuple::from_vec(items)
    })
}

unsafe extern "C" fn random_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Random; state valid.
        unsafe {
            if !tuple::check(state) {
                return Err(errors::type_error("state vector must be a tuple"));
            }
            let items = tuple::items(state);
            if items.len() != N + 1 {
                return Err(errors::value_error("state vector is the wrong size"));
            }
            let mut words = [0u32; N];
            for (w, &o) in words.iter_mut().zip(items) {
                if !int::check(o) {
                    return Err(errors::type_error("an integer is required"));
                }
                if int::sign(o) < 0 {
                    return Err(errors::overflow_error(
                        "can't convert negative value to unsigned int",
                    ));
                }
                *w = int::as_u64(o).ok_or_else(|| {
                    errors::overflow_error("Python int too large to convert to C unsigned long")
                })? as u32;
            }
            let last = items[N];
            if !int::check(last) {
                return Err(errors::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(last)
                )));
            }
            let index = int::as_i64(last)?;
            if index < 0 || index > N as i64 {
                return Err(errors::value_error("invalid state"));
            }
            let r = gen(op);
            r.state = words;
            r.index = index as c_int;
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn random_getrandbits(op: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Random; k valid.
        unsafe {
            if !int::check(k) {
                return Err(errors::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(k)
                )));
            }
            let mut k = int::as_i64(k)?;
            if k < 0 {
                return Err(errors::value_error("number of bits must be non-negative"));
            }
            let r = gen(op);
            if k == 0 {
                return int::from_i64(0);
            }
            if k <= 32 {
                return int::from_u64((r.next_u32() >> (32 - k)).into());
            }
            let words = ((k - 1) / 32 + 1) as usize;
            let mut bytes = Vec::with_capacity(words * 4);
            for _ in 0..words {
                let mut w = r.next_u32();
                if k < 32 {
                    w >>= 32 - k;
                }
                bytes.extend_from_slice(&w.to_le_bytes());
                k -= 32;
            }
            int::from_big(&BigInt::from_le_bytes(&bytes, false))
        }
    })
}

unsafe extern "C" fn exec(m: *mut PyObject) -> c_int {
    // SAFETY: m is the module being executed; the type is static.
    guard_status(|| unsafe { add_type(m, &raw mut RANDOM_TYPE) })
}

static mut SLOTS: [PyModuleDef_Slot; 2] = [exec_slot(exec), SLOT_END];

static mut DEF: PyModuleDef = module_def::def(
    c"_random",
    c"Module implements the Mersenne Twister random number generator.",
    std::ptr::null_mut(),
    (&raw mut SLOTS).cast(),
);

/// `PyInit__random`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    // SAFETY: DEF is a static module definition.
    unsafe { crate::capi::module::PyModuleDef_Init(&raw mut DEF) }
}
