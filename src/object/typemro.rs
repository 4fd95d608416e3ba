//! The method resolution order of a type (`Objects/typeobject.c`:
//! `mro_implementation`, `mro_invoke`, `mro_check`, `mro_internal`): the
//! C3 linearization of the bases, or what the metaclass's own `mro()`
//! returns once checked. A custom `mro()` runs Python code, which may
//! reenter (assign `__bases__` of this very class): the callers notice a
//! `tp_mro` replaced under them and keep the newer one.
use crate::ffi::*;
use crate::object::typenew::solid;
use crate::object::typeobj::{self, name_of, short_name, PyType_Type};
use crate::object::{protocol, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;

/// The C3 linearization of `tp` and its bases, as a new tuple
/// (`mro_implementation`, which `type.mro()` returns as a list).
pub(crate) unsafe fn implementation(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: tp_bases is a tuple of types.
    unsafe {
        let bases = tuple::items((*tp).tp_bases);
        for &b in bases {
            if (*b.cast::<PyTypeObject>()).tp_mro.is_null() {
                return Err(errors::type_error(format!(
                    "Cannot extend an incomplete type '{}'",
                    name_of(b.cast())
                )));
            }
        }
        if let [b] = bases {
            // Single inheritance: the class, then its base's MRO.
            let base_mro = tuple::items((*b.cast::<PyTypeObject>()).tp_mro);
            let mut out = Vec::with_capacity(base_mro.len() + 1);
            out.push(tp.cast());
            out.extend_from_slice(base_mro);
            return tuple::pack(&out);
        }
        for (i, &b) in bases.iter().enumerate() {
            if bases[..i].contains(&b) {
                return Err(errors::type_error(format!(
                    "duplicate base class {}",
                    short_name(b.cast())
                )));
            }
        }
        let mut seqs: Vec<&[*mut PyObject]> = bases
            .iter()
            .map(|&b| tuple::items((*b.cast::<PyTypeObject>()).tp_mro))
            .collect();
        seqs.push(bases);
        let mut out: Vec<*mut PyObject> = vec![tp.cast()];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                break;
            }
            let candidate = seqs
                .iter()
                .map(|s| s[0])
                .find(|c| !seqs.iter().any(|s| s[1..].contains(c)));
            let Some(c) = candidate else {
                let names: Vec<&str> = bases.iter().map(|&b| short_name(b.cast())).collect();
                return Err(errors::type_error(format!(
                    "Cannot create a consistent method resolution order (MRO) for bases {}",
                    names.join(", ")
                )));
            };
            out.push(c);
            for s in seqs.iter_mut() {
                if s[0] == c {
                    *s = &s[1..];
                }
            }
        }
        tuple::pack(&out)
    }
}

/// The metaclass's `mro` bound to `tp` when it is not `type.mro` itself,
/// which `implementation` computes directly.
unsafe fn custom_mro_method(tp: *mut PyTypeObject) -> PyResult<Option<Owned>> {
    // SAFETY: tp is a type; its metatype is a type.
    unsafe {
        let meta = (*tp).ob_base.ob_base.ob_type;
        if meta == &raw mut PyType_Type {
            return Ok(None);
        }
        let name = crate::interned!("mro");
        let f = typeobj::lookup(meta, name);
        if f.is_null() || f == typeobj::lookup(&raw mut PyType_Type, name) {
            return Ok(None);
        }
        let f = Owned::from_borrowed(f);
        match (*(*f.as_ptr()).ob_type).tp_descr_get {
            Some(get) => Ok(Some(errors::check(get(
                f.as_ptr(),
                tp.cast(),
                meta.cast(),
            ))?)),
            None => Ok(Some(f)),
        }
    }
}

/// The new MRO of `tp` (`mro_invoke`): the metaclass's `mro()` result as a
/// tuple of classes whose layout `tp`'s instances have, or the C3 order.
unsafe fn invoke(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: tp is a type being readied or re-based.
    unsafe {
        let Some(meth) = custom_mro_method(tp)? else {
            return implementation(tp);
        };
        let result = protocol::call_args(meth.as_ptr(), &[])?;
        let mro = tuple::from_iterable(result.as_ptr())?;
        drop(result);
        let items = tuple::items(mro.as_ptr());
        if items.is_empty() {
            return Err(errors::type_error("type MRO must not be empty"));
        }
        let own_solid = solid(tp);
        for &c in items {
            if !typeobj::instance_of(c, &raw mut PyType_Type) {
                return Err(errors::type_error(format!(
                    "mro() returned a non-class ('{}')",
                    typeobj::type_name(c)
                )));
            }
            if !typeobj::is_subtype(own_solid, solid(c.cast())) {
                return Err(errors::type_error(format!(
                    "mro() returned base with unsuitable layout ('{}')",
                    name_of(c.cast())
                )));
            }
        }
        Ok(mro)
    }
}

/// What `internal` did.
pub(crate) enum MroSet {
    /// `tp_mro` was set; this is the MRO it replaced (None at first).
    Replaced(Option<Owned>),
    /// The `mro()` call set `tp_mro` itself (it reentered through a
    /// `__bases__` assignment), which wins over this call's result.
    Reentered,
}

/// Computes and sets the MRO of `tp` (`mro_internal`).
pub(crate) unsafe fn internal(tp: *mut PyTypeObject) -> PyResult<MroSet> {
    // SAFETY: tp is a type; the old MRO is kept alive during the call so
    // that a new tuple cannot take its address.
    unsafe {
        let old = Owned::from_raw(crate::object::refcount::xnew_ref((*tp).tp_mro));
        let new = invoke(tp)?;
        if (*tp).tp_mro != old.as_ref().map_or(std::ptr::null_mut(), Owned::as_ptr) {
            return Ok(MroSet::Reentered);
        }
        // The type's reference to the old MRO moves to the caller.
        let prev = std::mem::replace(&mut (*tp).tp_mro, new.into_raw());
        drop(old);
        typeobj::modified(tp);
        Ok(MroSet::Replaced(Owned::from_raw(prev)))
    }
}
