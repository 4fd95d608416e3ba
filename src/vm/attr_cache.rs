//! The inline caches of `LOAD_ATTR` and `STORE_ATTR` (PEP 659's attribute
//! specializations, done in place rather than by rewriting the opcode).
//!
//! A filled cache names the object's type by its version tag
//! (`tp_version_tag`, see `object::typecache`), which any change to the
//! type or its bases takes back, and says where the attribute was found:
//!
//! - `DICT`: in the instance dict (a module's dict too), at an entry index
//!   that is checked to still hold the name; the type has no data
//!   descriptor of that name, so the dict decides.
//! - `SLOT`: a `__slots__` member (an object pointer at a fixed offset).
//! - `METHOD` (method loads only): a method descriptor on the type, which
//!   the instance dict does not shadow; the descriptor is pushed with the
//!   object as `self`, without a bound method.
//!
//! Cache units (`LOAD_ATTR` has 9, `STORE_ATTR` 4): kind, tag (2 units),
//! index or offset; `LOAD_ATTR`'s `METHOD` keeps the descriptor (borrowed:
//! the type's dict holds it for as long as the tag stands) in units 4-7.
//! An empty cache (kind 0) and every miss take the generic path, which
//! refills the cache.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{descr, dict, protocol, typecache};
use crate::runtime::errors::PyResult;
use std::ptr::null_mut;

const DICT: u16 = 1;
const SLOT: u16 = 2;
const METHOD: u16 = 3;

#[inline(always)]
unsafe fn read_u32(cache: *const u16) -> u32 {
    // SAFETY: two readable units.
    unsafe { *cache as u32 | (*cache.add(1) as u32) << 16 }
}

/// The instance dict of `obj` when its type keeps one at a fixed offset,
/// NULL when it has none (yet).
#[inline(always)]
unsafe fn instance_dict(obj: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject {
    // SAFETY: obj is an instance of tp; a positive tp_dictoffset is the
    // offset of its dict pointer.
    unsafe {
        let off = (*tp).tp_dictoffset;
        if off <= 0 {
            return null_mut();
        }
        *obj.cast::<u8>().add(off as usize).cast::<*mut PyObject>()
    }
}

/// The entry `ix` of dict `d` when it holds `name`: its value slot.
#[inline(always)]
unsafe fn hinted_entry(d: *mut PyObject, ix: usize, name: *mut PyObject) -> *mut *mut PyObject {
    use crate::object::dictkeys::Keys;
    // SAFETY: d is NULL or a dict; an index below nentries is an entry.
    unsafe {
        if d.is_null() || !dict::check_exact(d) {
            return null_mut();
        }
        let k = dict::keys(d);
        if ix >= (*k).nentries {
            return null_mut();
        }
        let e = Keys::entry(k, ix);
        if e.key != name || e.value.is_null() {
            return null_mut();
        }
        &mut e.value
    }
}

/// `LOAD_ATTR` through its cache: the attribute (a new reference) and
/// whether it is an unbound method for which `obj` is `self` (only when
/// `method`, the `LOAD_ATTR` form that pushes a method and `self`).
#[inline(always)]
pub unsafe fn load(
    obj: *mut PyObject,
    name: *mut PyObject,
    cache: *mut u16,
    method: bool,
) -> PyResult<(*mut PyObject, bool)> {
    // SAFETY: cache points at the instruction's 9 units; a matching tag
    // vouches for what the fill recorded about the type.
    unsafe {
        let tp = (*obj).ob_type;
        let tag = read_u32(cache.add(1));
        if tag != 0 && (*tp).tp_version_tag == tag {
            match *cache {
                DICT => {
                    let v = hinted_entry(instance_dict(obj, tp), *cache.add(3) as usize, name);
                    if !v.is_null() {
                        return Ok((new_ref(*v), false));
                    }
                }
                SLOT => {
                    let v = *obj
                        .cast::<u8>()
                        .add(*cache.add(3) as usize)
                        .cast::<*mut PyObject>();
                    if !v.is_null() {
                        return Ok((new_ref(v), false));
                    }
                }
                METHOD if method => {
                    let d = instance_dict(obj, tp);
                    if d.is_null()
                        || dict::len(d) == 0
                        || dict::get_item_known_hash_str(d, name).is_null()
                    {
                        let m = std::ptr::read_unaligned(cache.add(4).cast::<*mut PyObject>());
                        return Ok((new_ref(m), true));
                    }
                }
                _ => {}
            }
        }
        load_miss(obj, name, cache, method)
    }
}

/// `LOAD_ATTR` the generic way, then records how the attribute was found.
#[cold]
#[inline(never)]
unsafe fn load_miss(
    obj: *mut PyObject,
    name: *mut PyObject,
    cache: *mut u16,
    method: bool,
) -> PyResult<(*mut PyObject, bool)> {
    // SAFETY: as load.
    unsafe {
        let (v, is_method) = if method {
            crate::vm::ops::get_method(obj, name)?
        } else {
            (protocol::getattr(obj, name)?, false)
        };
        let units = fill_load(obj, name, v.as_ptr(), is_method);
        std::ptr::copy_nonoverlapping(units.as_ptr(), cache, units.len());
        Ok((v.into_raw(), is_method))
    }
}

/// The cache units describing where `obj.name` (`value`) was found, all
/// zero when the lookup cannot be cached.
unsafe fn fill_load(
    obj: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
    is_method: bool,
) -> [u16; 8] {
    // SAFETY: obj valid; name the interned str of the instruction.
    unsafe {
        let tp = (*obj).ob_type;
        let Some((kind, ix)) = locate(obj, name, tp, true) else {
            return [0; 8];
        };
        let kind = match kind {
            Found::Dict => DICT,
            Found::Slot => SLOT,
            Found::Type(d) if is_method && d == value => METHOD,
            Found::Type(_) => return [0; 8],
        };
        let tag = typecache::version_tag(tp);
        if tag == 0 {
            return [0; 8];
        }
        let p = if kind == METHOD { value as usize } else { 0 };
        [
            kind,
            tag as u16,
            (tag >> 16) as u16,
            ix,
            p as u16,
            (p >> 16) as u16,
            (p >> 32) as u16,
            (p >> 48) as u16,
        ]
    }
}

/// Where the generic attribute protocol finds `name` on `obj`.
enum Found {
    /// In the instance dict, at the returned entry index.
    Dict,
    /// In a `__slots__` member at the returned offset.
    Slot,
    /// This method descriptor of the type, not shadowed by the instance.
    Type(*mut PyObject),
}

/// Finds `name` the way `PyObject_GenericGetAttr` (`load`) or
/// `PyObject_GenericSetAttr` (`!load`) would, when the answer is one a
/// cache can describe: the kind and the entry index or offset.
unsafe fn locate(
    obj: *mut PyObject,
    name: *mut PyObject,
    tp: *mut PyTypeObject,
    load: bool,
) -> Option<(Found, u16)> {
    // SAFETY: obj is an instance of tp; name an interned str.
    unsafe {
        if !crate::object::str::is_interned(name) {
            return None;
        }
        let generic = if load {
            let f = (*tp).tp_getattro.map_or(0, |f| f as usize);
            f == crate::object::object::PyObject_GenericGetAttr as *const () as usize
                || f == crate::object::module::module_getattro as *const () as usize
        } else {
            (*tp).tp_setattro.map_or(0, |f| f as usize)
                == crate::object::object::PyObject_GenericSetAttr as *const () as usize
        };
        if !generic {
            return None;
        }
        let d = crate::object::typeobj::lookup(tp, name);
        let data_descr = !d.is_null() && (*(*d).ob_type).tp_descr_set.is_some();
        if data_descr {
            if (*d).ob_type != &raw mut descr::PyMemberDescr_Type {
                return None;
            }
            let m = &*(*d.cast::<PyMemberDescrObject>()).d_member;
            let readonly = !load && m.flags & Py_READONLY != 0;
            if m.r#type != Py_T_OBJECT_EX
                || m.flags & Py_RELATIVE_OFFSET != 0
                || readonly
                || !(0..=0xffff).contains(&m.offset)
            {
                return None;
            }
            return Some((Found::Slot, m.offset as u16));
        }
        let idict = instance_dict(obj, tp);
        if !idict.is_null() && dict::check_exact(idict) {
            use crate::object::dictkeys::Keys;
            let k = dict::keys(idict);
            if (*k).all_str {
                let h = crate::object::str::hash(name);
                if let Some((_, ix)) = Keys::lookup_str(k, name, h) {
                    if Keys::entry(k, ix).key == name && ix <= 0xffff {
                        return Some((Found::Dict, ix as u16));
                    }
                    return None;
                }
            } else {
                return None;
            }
        } else if !idict.is_null() || (*tp).tp_dictoffset < 0 {
            return None;
        }
        let method_descr =
            !d.is_null() && (*(*d).ob_type).tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR != 0;
        (load && method_descr).then_some((Found::Type(d), 0))
    }
}

/// `STORE_ATTR` through its cache (`value` borrowed).
#[inline(always)]
pub unsafe fn store(
    obj: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
    cache: *mut u16,
) -> PyResult<()> {
    // SAFETY: cache points at the instruction's 4 units; a matching tag
    // vouches for what the fill recorded about the type.
    unsafe {
        let tp = (*obj).ob_type;
        let tag = read_u32(cache.add(1));
        if tag != 0 && (*tp).tp_version_tag == tag {
            let slot = match *cache {
                DICT => hinted_entry(instance_dict(obj, tp), *cache.add(3) as usize, name),
                SLOT => obj.cast::<u8>().add(*cache.add(3) as usize).cast(),
                _ => null_mut(),
            };
            if !slot.is_null() {
                xdecref(std::mem::replace(&mut *slot, new_ref(value)));
                return Ok(());
            }
        }
        store_miss(obj, name, value, cache)
    }
}

/// `STORE_ATTR` the generic way, then records where the attribute lives.
#[cold]
#[inline(never)]
unsafe fn store_miss(
    obj: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
    cache: *mut u16,
) -> PyResult<()> {
    // SAFETY: as store.
    unsafe {
        protocol::setattr(obj, name, value)?;
        let tp = (*obj).ob_type;
        let units = match locate(obj, name, tp, false) {
            Some((Found::Dict, ix)) => Some((DICT, ix)),
            Some((Found::Slot, off)) => Some((SLOT, off)),
            _ => None,
        };
        let units = match units {
            Some((kind, ix)) => match typecache::version_tag(tp) {
                0 => [0; 4],
                tag => [kind, tag as u16, (tag >> 16) as u16, ix],
            },
            None => [0; 4],
        };
        std::ptr::copy_nonoverlapping(units.as_ptr(), cache, 4);
        Ok(())
    }
}
