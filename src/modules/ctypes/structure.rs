//! `PyCStructType` and `UnionType`, the metatypes of structures and
//! unions, and their bases `Structure` and `Union`
//! (`Modules/_ctypes/_ctypes.c`, `stgdict.c`): assigning `_fields_`
//! computes the layout (alignment, `_pack_`, bit fields the way CPython
//! 3.13 packs them, `_anonymous_`), the libffi type and the PEP 3118
//! format, and installs a `CField` per field.
use super::cdata::{self, CDataObject};
use super::stginfo::{self, StgInfo, CTYPE_TYPE};
use super::{array, carg, cfield, fields, simple, typemethods};
use crate::ffi::*;
use crate::object::typeobj::{self, name_of, type_template, PyType_Type};
use crate::object::{bytes, dict, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_int;
use libffi_sys::ffi_type;
use std::ptr::null_mut;

macro_rules! struct_meta {
    ($name:ident, $cname:expr, $init:ident, $methods:ident, $doc:expr) => {
        pub static mut $name: PyTypeObject = PyTypeObject {
            tp_flags: Py_TPFLAGS_BASETYPE
                | Py_TPFLAGS_TYPE_SUBCLASS
                | Py_TPFLAGS_HAVE_GC
                | Py_TPFLAGS_IMMUTABLETYPE,
            tp_base: &raw mut CTYPE_TYPE,
            tp_init: Some($init),
            tp_setattro: Some(struct_type_setattro),
            tp_methods: (&raw const $methods).cast_mut().cast(),
            tp_doc: $doc.as_ptr(),
            ..type_template($cname, 0, 0)
        };
    };
}

struct_meta!(
    STRUCT_TYPE_META,
    c"_ctypes.PyCStructType",
    struct_type_init,
    STRUCT_TYPE_METHODS,
    c"metatype for the CData Objects"
);
struct_meta!(
    UNION_TYPE_META,
    c"_ctypes.UnionType",
    union_type_init,
    UNION_TYPE_METHODS,
    c"metatype for the CData Objects"
);

typemethods::ctype_methods!(STRUCT_TYPE_METHODS, 6, typemethods::generic_from_param_meth);
typemethods::ctype_methods!(UNION_TYPE_METHODS, 6, typemethods::generic_from_param_meth);

/// Whether `tp` is a structure or union type.
pub unsafe fn is_struct_or_union_type(tp: *mut PyObject) -> bool {
    // SAFETY: tp is live.
    unsafe {
        typeobj::instance_of(tp, &raw mut STRUCT_TYPE_META)
            || typeobj::instance_of(tp, &raw mut UNION_TYPE_META)
    }
}

unsafe extern "C" fn struct_type_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    // SAFETY: op is a new class made by PyCStructType.
    unsafe { struct_union_init(op, args, kwds, true) }
}

unsafe extern "C" fn union_type_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    // SAFETY: op is a new class made by UnionType.
    unsafe { struct_union_init(op, args, kwds, false) }
}

/// `StructUnionType_init`.
unsafe fn struct_union_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
    is_struct: bool,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a new class made by a structure metatype.
        unsafe {
            stginfo::init_class(op, args, kwds)?;
            let d = (*op.cast::<PyTypeObject>()).tp_dict;
            if !dict::get_item_known_hash_str(d, crate::interned!("_abstract_")).is_null() {
                return Ok(());
            }
            let info = stginfo::fresh(op)?;
            info.initialized = 1;
            info.paramfunc = Some(struct_paramfunc);
            if !is_struct {
                info.flags |= stginfo::TYPEFLAG_HASUNION;
            }
            let f = dict::get_item_known_hash_str(d, crate::interned!("_fields_"));
            if !f.is_null() {
                let f = Owned::from_borrowed(f);
                return protocol::setattr(op, crate::interned!("_fields_"), f.as_ptr());
            }
            let base: *mut PyObject = (*op.cast::<PyTypeObject>()).tp_base.cast();
            if let Some(binfo) = stginfo::from_type(base) {
                info.clone_from(binfo)?;
                binfo.flags |= stginfo::DICTFLAG_FINAL;
            }
            Ok(())
        }
    })
}

/// `PyCStructType_setattro`: assigning `_fields_` lays the type out.
unsafe extern "C" fn struct_type_setattro(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: op is a structure type.
    unsafe {
        if PyType_Type.tp_setattro.expect("type setattro")(op, name, value) < 0 {
            return -1;
        }
        if value.is_null() || !pystr::check(name) || pystr::as_str(name).ok() != Some("_fields_") {
            return 0;
        }
        let is_struct = typeobj::instance_of(op, &raw mut STRUCT_TYPE_META);
        crate::capi::boundary::guard_status(|| update_stginfo(op, value, is_struct))
    }
}

/// One laid-out field.
struct Placed {
    name: Owned,
    proto: *mut PyObject,
    offset: Py_ssize_t,
    size: Py_ssize_t,
    bitsize: u32,
}

/// The bit-field state while laying out a structure.
#[derive(Default)]
struct BitState {
    field_size: Py_ssize_t,
    bitofs: Py_ssize_t,
}

/// `PyCField_FromDesc`'s placement: where a field of `fsize` bytes and
/// `falign` goes after `*size`/`*offset`, CPython 3.13's bit-field rules
/// included. Returns (offset, encoded size, alignment used).
#[allow(clippy::too_many_arguments)]
fn place(
    st: &mut BitState,
    fsize: Py_ssize_t,
    falign: Py_ssize_t,
    bitsize: Py_ssize_t,
    size: &mut Py_ssize_t,
    offset: &mut Py_ssize_t,
    pack: Py_ssize_t,
    big_endian: bool,
) -> (Py_ssize_t, Py_ssize_t, Py_ssize_t) {
    let bits_of = |st: &BitState| {
        if big_endian {
            (bitsize << 16) + st.field_size - st.bitofs - bitsize
        } else {
            (bitsize << 16) + st.bitofs
        }
    };
    if bitsize != 0
        && st.field_size != 0
        && fsize * 8 == st.field_size
        && st.bitofs + bitsize <= st.field_size
    {
        let enc = bits_of(st);
        st.bitofs += bitsize;
        return (*offset - fsize, enc, 0);
    }
    if bitsize != 0
        && st.field_size != 0
        && fsize * 8 >= st.field_size
        && st.bitofs + bitsize <= fsize * 8
    {
        *offset += fsize - st.field_size / 8;
        *size += fsize - st.field_size / 8;
        st.field_size = fsize * 8;
        let enc = bits_of(st);
        st.bitofs += bitsize;
        return (*offset - fsize, enc, 0);
    }
    let mut enc = fsize;
    if bitsize != 0 {
        st.bitofs = 0;
        st.field_size = fsize * 8;
        enc = bits_of(st);
        st.bitofs = bitsize;
    } else {
        st.bitofs = 0;
        st.field_size = 0;
    }
    let align = if pack != 0 { pack.min(falign) } else { falign };
    if align != 0 && *offset % align != 0 {
        let delta = align - *offset % align;
        *size += delta;
        *offset += delta;
    }
    *size += fsize;
    let at = *offset;
    *offset += fsize;
    (at, enc, align)
}

/// The libffi element types a field contributes to its structure's
/// libffi type: an array field counts as its items.
unsafe fn ffi_elements(proto: *mut PyObject, out: &mut Vec<*mut ffi_type>) {
    // SAFETY: proto is a ctypes type with storage info.
    unsafe {
        let Some(info) = stginfo::from_type(proto) else {
            return;
        };
        if array::is_array_type(proto) && !info.proto.is_null() {
            let mut item = Vec::new();
            ffi_elements(info.proto, &mut item);
            for _ in 0..info.length {
                out.extend_from_slice(&item);
            }
        } else {
            out.push(&raw mut info.ffi_type_pointer);
        }
    }
}

/// PEP 3118 padding of `n` bytes ("x", "3x"), nothing when `n <= 0`.
fn push_padding(f: &mut String, n: Py_ssize_t) {
    match n {
        ..=0 => {}
        1 => f.push('x'),
        n => f.push_str(&format!("{n}x")),
    }
}

/// The PEP 3118 text of a field's type: shape prefix, then format.
pub(super) fn field_format(info: &StgInfo) -> String {
    // SAFETY: info is valid.
    let fmt = unsafe { stginfo::format_of(info) };
    let shape = info.shape();
    if shape.is_empty() {
        fmt.to_owned()
    } else {
        let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
        format!("({}){fmt}", dims.join(","))
    }
}

/// `PyCStructUnionType_update_stginfo`.
unsafe fn update_stginfo(
    tp: *mut PyObject,
    fields_: *mut PyObject,
    is_struct: bool,
) -> PyResult<()> {
    // SAFETY: tp is a structure or union type.
    unsafe {
        let info = &mut *stginfo::info_ptr(tp);
        if info.initialized == 0 {
            // `_fields_` assigned before the metatype's __init__ ran (from
            // `__init_subclass__`).
            return Err(errors::type_error("ctypes state is not initialized"));
        }
        if info.flags & stginfo::DICTFLAG_FINAL != 0 {
            return Err(errors::attribute_error("_fields_ is final"));
        }
        let pack = match protocol::getattr_opt(tp, crate::interned!("_pack_"))? {
            None => 0,
            Some(p) => {
                let v = if int::check(p.as_ptr()) {
                    int::as_i128(p.as_ptr())
                } else {
                    None
                };
                match v {
                    Some(v) if v >= 0 && v <= i32::MAX as i128 => v as Py_ssize_t,
                    _ => return Err(errors::value_error("_pack_ must be a non-negative integer")),
                }
            }
        };
        let forced_align = match protocol::getattr_opt(tp, crate::interned!("_align_"))? {
            None => 0,
            Some(p) => {
                let v = if int::check(p.as_ptr()) {
                    int::as_i128(p.as_ptr())
                } else {
                    None
                };
                match v {
                    Some(v) if v >= 0 && v <= i32::MAX as i128 => v as Py_ssize_t,
                    _ => {
                        return Err(errors::value_error(
                            "_align_ must be a non-negative integer",
                        ))
                    }
                }
            }
        };
        let big_endian = protocol::getattr_opt(tp, crate::interned!("_swappedbytes_"))?.is_some();
        let Ok(seq) = tuple::from_iterable(fields_) else {
            errors::clear();
            return Err(errors::type_error("'_fields_' must be a sequence of pairs"));
        };
        let items = tuple::items(seq.as_ptr());
        let base: *mut PyObject = (*tp.cast::<PyTypeObject>()).tp_base.cast();
        let base_info = stginfo::from_type(base).filter(|_| is_struct_or_union_type(base));
        let (mut size, mut align, mut ffi_elems, start_len) = match &base_info {
            Some(b) => {
                let mut e = Vec::new();
                let mut p = b.ffi_type_pointer.elements;
                while !p.is_null() && !(*p).is_null() {
                    e.push(*p);
                    p = p.add(1);
                }
                (b.size, b.align, e, b.length)
            }
            None => (0, 0, Vec::new(), 0),
        };
        // The format lists this type's fields; a base's are padding.
        let mut fmt = String::from("T{");
        let mut offset = size;
        let mut union_size = 0;
        let mut st = BitState::default();
        let mut placed: Vec<Placed> = Vec::with_capacity(items.len());
        let mut flags = 0;
        let mut last_end: Py_ssize_t = 0;
        for (i, &desc) in items.iter().enumerate() {
            let parts = if tuple::check(desc) {
                tuple::items(desc)
            } else {
                &[][..]
            };
            if parts.len() < 2 || parts.len() > 3 || !pystr::check(parts[0]) {
                return Err(errors::type_error(
                    "'_fields_' must be a sequence of (name, C type) pairs",
                ));
            }
            let (name, proto) = (parts[0], parts[1]);
            let Some(finfo) = stginfo::from_type(proto) else {
                return Err(errors::type_error(format!(
                    "second item in _fields_ tuple (index {i}) must be a C type"
                )));
            };
            finfo.flags |= stginfo::DICTFLAG_FINAL;
            if finfo.flags & (stginfo::TYPEFLAG_ISPOINTER | stginfo::TYPEFLAG_HASPOINTER) != 0 {
                flags |= stginfo::TYPEFLAG_HASPOINTER;
            }
            flags |= finfo.flags & (stginfo::TYPEFLAG_HASUNION | stginfo::TYPEFLAG_HASBITFIELD);
            let mut bitsize = 0;
            if let Some(&b) = parts.get(2) {
                if !simple::code_of(proto).is_some_and(|c| b"bBhHiIlLqQ?".contains(&c)) {
                    return Err(errors::type_error(format!(
                        "bit fields not allowed for type {}",
                        name_of(proto.cast())
                    )));
                }
                let v = if int::check(b) { int::as_i128(b) } else { None };
                match v {
                    Some(v) if v > 0 && v <= finfo.size as i128 * 8 => bitsize = v as Py_ssize_t,
                    _ => return Err(errors::value_error("number of bits invalid for bit field")),
                }
                flags |= stginfo::TYPEFLAG_HASBITFIELD;
            }
            let (fsize, falign) = (finfo.size, finfo.align);
            let (at, enc, used_align) = if is_struct {
                place(
                    &mut st,
                    fsize,
                    falign,
                    bitsize,
                    &mut size,
                    &mut offset,
                    pack,
                    big_endian,
                )
            } else {
                let (mut s, mut o) = (0, 0);
                let mut ust = BitState::default();
                let r = place(
                    &mut ust, fsize, falign, bitsize, &mut s, &mut o, pack, big_endian,
                );
                union_size = union_size.max(s);
                r
            };
            align = align.max(used_align);
            if is_struct {
                push_padding(&mut fmt, at - last_end);
                last_end = last_end.max(at + fsize);
                fmt.push_str(&format!(
                    "{}:{}:",
                    field_format(finfo),
                    pystr::as_str(name)?
                ));
            }
            if bitsize == 0 || !ffi_elems_covers(&placed, at, fsize) {
                ffi_elements(proto, &mut ffi_elems);
            }
            placed.push(Placed {
                name: Owned::from_borrowed(name),
                proto,
                offset: at,
                size: enc,
                bitsize: bitsize as u32,
            });
        }
        if !is_struct {
            size = union_size;
        }
        let align = align.max(forced_align).max(1);
        let total = (size + align - 1) / align * align;
        // Descriptors for the fields.
        for (i, p) in placed.iter().enumerate() {
            let pinfo = stginfo::from_type(p.proto).expect("checked");
            let getset =
                if p.bitsize == 0 && array::is_array_type(p.proto) && !pinfo.proto.is_null() {
                    let item = stginfo::from_type(pinfo.proto);
                    if item
                        .as_ref()
                        .is_some_and(|i| fields::is_getfunc(i.getfunc, b'c'))
                    {
                        let d = fields::get(b's').expect("s");
                        Some((d.getfunc, d.setfunc))
                    } else if item
                        .as_ref()
                        .is_some_and(|i| fields::is_getfunc(i.getfunc, b'u'))
                    {
                        let d = fields::get(b'U').expect("U");
                        Some((d.getfunc, d.setfunc))
                    } else {
                        None
                    }
                } else {
                    None
                };
            let f = cfield::new(
                p.proto,
                p.offset,
                p.size,
                start_len + i as Py_ssize_t,
                getset,
            )?;
            protocol::setattr(tp, p.name.as_ptr(), f.as_ptr())?;
        }
        // The StgInfo.
        let info = &mut *stginfo::info_ptr(tp);
        info.size = total;
        info.align = align;
        info.length = start_len + placed.len() as Py_ssize_t;
        info.flags |= flags;
        info.paramfunc = Some(struct_paramfunc);
        if is_struct {
            push_padding(&mut fmt, total - last_end);
            fmt.push('}');
            info.set_format(&fmt)?;
        } else {
            info.set_format("B")?;
        }
        if !is_struct {
            // A union passes as its largest member.
            let mut best: Vec<*mut ffi_type> = Vec::new();
            let mut best_size = 0;
            for p in &placed {
                let s = stginfo::from_type(p.proto).map_or(0, |i| i.size);
                if s > best_size {
                    best_size = s;
                    best.clear();
                    ffi_elements(p.proto, &mut best);
                }
            }
            ffi_elems = best;
        }
        ffi_elems.push(null_mut());
        let block = libc::malloc(ffi_elems.len() * std::mem::size_of::<*mut ffi_type>())
            .cast::<*mut ffi_type>();
        if block.is_null() {
            return Err(errors::no_memory());
        }
        std::ptr::copy_nonoverlapping(ffi_elems.as_ptr(), block, ffi_elems.len());
        libc::free(std::mem::replace(&mut info.ffi_storage, block.cast()));
        info.ffi_type_pointer = ffi_type {
            size: total as usize,
            alignment: align as u16,
            type_: libffi_sys::FFI_TYPE_STRUCT,
            elements: block,
        };
        info.initialized = 1;
        info.flags |= stginfo::DICTFLAG_FINAL;
        make_anon_fields(tp)?;
        Ok(())
    }
}

/// Whether a bit field at `at` shares the storage unit of the previous
/// field (then it adds no libffi element).
fn ffi_elems_covers(placed: &[Placed], at: Py_ssize_t, fsize: Py_ssize_t) -> bool {
    placed
        .last()
        .is_some_and(|p| p.bitsize != 0 && p.offset + fsize > at && p.offset <= at)
}

/// `MakeAnonFields`: the fields of `_anonymous_` members become fields of
/// the type itself.
unsafe fn make_anon_fields(tp: *mut PyObject) -> PyResult<()> {
    // SAFETY: tp is a structure type with its fields installed.
    unsafe {
        let Some(anon) = protocol::getattr_opt(tp, crate::interned!("_anonymous_"))? else {
            return Ok(());
        };
        let names = tuple::from_iterable(anon.as_ptr())?;
        for &n in tuple::items(names.as_ptr()) {
            let d = dict::get_item((*tp.cast::<PyTypeObject>()).tp_dict, n)?;
            if d.is_null() || !cfield::check(d) {
                return Err(errors::attribute_error(format!(
                    "'{}' is specified in _anonymous_ but not in _fields_",
                    pystr::as_str(n)?
                )));
            }
            cfield::field(d).anonymous = 1;
            make_fields(tp, d, cfield::field(d).index, cfield::field(d).offset)?;
        }
        Ok(())
    }
}

/// `MakeFields`: copies the fields of the anonymous member `descr`'s type
/// into `tp`, shifted by `offset`.
unsafe fn make_fields(
    tp: *mut PyObject,
    descr: *mut PyObject,
    index: Py_ssize_t,
    offset: Py_ssize_t,
) -> PyResult<()> {
    // SAFETY: descr is a CField.
    unsafe {
        let proto = cfield::field(descr).proto;
        let fields_ = protocol::getattr_str(proto, "_fields_")?;
        let seq = tuple::from_iterable(fields_.as_ptr())?;
        for &pair in tuple::items(seq.as_ptr()) {
            let name = tuple::items(pair)[0];
            let fdescr = protocol::getattr(proto, name)?;
            if !cfield::check(fdescr.as_ptr()) {
                return Err(errors::type_error("unexpected type"));
            }
            let fd = cfield::field(fdescr.as_ptr());
            if fd.anonymous != 0 {
                make_fields(tp, fdescr.as_ptr(), index + fd.index, offset + fd.offset)?;
                continue;
            }
            let getset = match (fd.getfunc, fd.setfunc) {
                (Some(g), Some(s)) => Some((g, s)),
                _ => None,
            };
            let nf = cfield::new(
                fd.proto,
                offset + fd.offset,
                fd.size,
                index + fd.index,
                getset,
            )?;
            protocol::setattr(tp, name, nf.as_ptr())?;
        }
        Ok(())
    }
}

/// `StructUnionType_paramfunc`: a structure passes by value (a copy).
unsafe fn struct_paramfunc(obj: *mut CDataObject) -> PyResult<Owned> {
    // SAFETY: obj is a structure instance.
    unsafe {
        let op: *mut PyObject = obj.cast();
        let info = cdata::info_of(op)?;
        let copy = bytes::from_slice(std::slice::from_raw_parts(
            (*obj).b_ptr,
            (*obj).b_size as usize,
        ))?;
        let a = carg::new(b'V', &raw mut info.ffi_type_pointer)?;
        let p = carg::arg(a.as_ptr());
        std::ptr::write(
            p.value.0.as_mut_ptr().cast::<*mut u8>(),
            bytes::as_mut_ptr(copy.as_ptr()),
        );
        p.size = (*obj).b_size;
        p.obj = copy.into_raw();
        Ok(a)
    }
}

unsafe extern "C" fn struct_new(
    tp: *mut PyTypeObject,
    _a: *mut PyObject,
    _k: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp is a structure type.
    crate::capi::boundary::guard_obj(|| unsafe { cdata::new_instance(tp.cast()) })
}

/// `_init_pos_args`: assigns positional initializers to the fields of
/// the base classes first, then to this type's; returns how many fields
/// were available.
unsafe fn init_pos_args(
    op: *mut PyObject,
    tp: *mut PyTypeObject,
    args: &[*mut PyObject],
    kwds: *mut PyObject,
    mut index: usize,
) -> PyResult<usize> {
    // SAFETY: op is an instance of tp.
    unsafe {
        let base = (*tp).tp_base;
        if !base.is_null() && is_struct_or_union_type(base.cast()) {
            if let Some(b) = stginfo::from_type(base.cast()) {
                if b.length > 0 {
                    index = init_pos_args(op, base, args, kwds, index)?;
                }
            }
        }
        let f = dict::get_item_known_hash_str((*tp).tp_dict, crate::interned!("_fields_"));
        if f.is_null() {
            return Ok(index);
        }
        let seq = tuple::from_iterable(f)?;
        let fs = tuple::items(seq.as_ptr());
        for (i, &pair) in fs.iter().enumerate() {
            if i + index >= args.len() {
                break;
            }
            let name = tuple::items(pair)[0];
            if !kwds.is_null() && !dict::get_item(kwds, name)?.is_null() {
                let r = protocol::repr(name)?;
                return Err(errors::type_error(format!(
                    "duplicate values for field {}",
                    pystr::as_str(r.as_ptr())?
                )));
            }
            protocol::setattr(op, name, args[i + index])?;
        }
        Ok(index + fs.len())
    }
}

/// `Struct_init`.
unsafe extern "C" fn struct_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: op is a structure instance; args a tuple.
        unsafe {
            let a = tuple::items(args);
            if !a.is_empty() {
                let n = init_pos_args(op, (*op).ob_type, a, kwds, 0)?;
                if a.len() > n {
                    return Err(errors::type_error("too many initializers"));
                }
            }
            if !kwds.is_null() {
                let mut pos = 0;
                while let Some((k, v)) = dict::next(kwds, &mut pos) {
                    protocol::setattr(op, k, v)?;
                }
            }
            Ok(())
        }
    })
}

unsafe fn make(
    meta: *mut PyTypeObject,
    name: &str,
    doc: &'static std::ffi::CStr,
) -> PyResult<Owned> {
    // SAFETY: the metatype is ready.
    unsafe {
        super::basetype::make(meta, name, doc, std::mem::size_of::<CDataObject>(), |tp| {
            (*tp).tp_new = Some(struct_new);
            (*tp).tp_init = Some(struct_init);
        })
    }
}

/// Makes `Structure` and `Union`.
pub unsafe fn make_bases() -> PyResult<(Owned, Owned)> {
    // SAFETY: the metatypes are ready.
    unsafe {
        Ok((
            make(
                &raw mut STRUCT_TYPE_META,
                "_ctypes.Structure",
                c"Structure base class",
            )?,
            make(
                &raw mut UNION_TYPE_META,
                "_ctypes.Union",
                c"Union base class",
            )?,
        ))
    }
}

/// Readies the metatypes.
pub unsafe fn ready() -> PyResult<()> {
    // SAFETY: static types.
    unsafe {
        typeobj::ready(&raw mut STRUCT_TYPE_META)?;
        typeobj::ready(&raw mut UNION_TYPE_META)
    }
}
