//! Struct sequences (`Objects/structseq.c`): tuple subclasses whose items
//! also have names (`sys.version_info`, `os.stat_result`, `time.struct_time`).
//! An instance stores `n_fields` items inline but reports only the first
//! `n_sequence_fields` as its length; the rest are reachable by name only.
//! The counts live in the type dict, as in CPython.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{descr, dict, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_char, c_int};
use std::ffi::CStr;
use std::ptr::null_mut;

/// `PyStructSequence_Field`: a field's name (or
/// `PyStructSequence_UnnamedField`) and doc.
#[repr(C)]
pub struct PyStructSequence_Field {
    pub name: *const c_char,
    pub doc: *const c_char,
}

/// `PyStructSequence_Desc`: the type's dotted name, doc, the NULL-name
/// terminated fields, and how many of them form the visible sequence.
#[repr(C)]
pub struct PyStructSequence_Desc {
    pub name: *const c_char,
    pub doc: *const c_char,
    pub fields: *mut PyStructSequence_Field,
    pub n_in_sequence: c_int,
}

/// `PyStructSequence_UnnamedField`: the name marking a field without a
/// name (it is left out of the members and of `repr`).
#[no_mangle]
pub static mut PyStructSequence_UnnamedField: *const c_char = c"unnamed field".as_ptr();

/// The name of field `f`, `None` for an unnamed one.
unsafe fn field_name<'a>(f: *const PyStructSequence_Field) -> Option<&'a CStr> {
    // SAFETY: f is a field entry with a non-NULL name.
    unsafe {
        let n = (*f).name;
        if n == PyStructSequence_UnnamedField || CStr::from_ptr(n) == c"unnamed field" {
            None
        } else {
            Some(CStr::from_ptr(n))
        }
    }
}

/// The fields of `desc` (up to the NULL-name terminator).
unsafe fn fields<'a>(desc: *const PyStructSequence_Desc) -> &'a [PyStructSequence_Field] {
    // SAFETY: the field table ends with a NULL name.
    unsafe {
        let f = (*desc).fields;
        let mut n = 0;
        while !(*f.add(n)).name.is_null() {
            n += 1;
        }
        std::slice::from_raw_parts(f, n)
    }
}

/// A size stored in the type dict under `key`.
unsafe fn type_size(tp: *mut PyTypeObject, key: &str) -> Py_ssize_t {
    // SAFETY: struct sequence types have these keys from creation on.
    unsafe {
        let v = dict::get_str((*tp).tp_dict, key);
        if v.is_null() {
            return 0;
        }
        int::as_i64(v).unwrap_or(0) as Py_ssize_t
    }
}

/// Items stored (`n_fields`).
unsafe fn real_size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: op is a struct sequence.
    unsafe { type_size((*op).ob_type, "n_fields") }
}

/// `PyStructSequence_New`: an instance with every item NULL.
pub unsafe fn new(tp: *mut PyTypeObject) -> PyResult<Owned> {
    // SAFETY: tp is a struct sequence type.
    unsafe {
        let real = type_size(tp, "n_fields");
        let visible = type_size(tp, "n_sequence_fields");
        let op = crate::object::alloc::generic_alloc(tp, real);
        if op.is_null() {
            return Err(Raised::assume());
        }
        (*op.cast::<PyVarObject>()).ob_size = visible;
        (*op.cast::<PyTupleObject>()).ob_hash = -1;
        crate::object::gc::track(op);
        Ok(Owned::from_raw_unchecked(op))
    }
}

/// The item slots, hidden ones included.
unsafe fn all_items<'a>(op: *mut PyObject) -> &'a mut [*mut PyObject] {
    // SAFETY: op is a struct sequence with real_size slots.
    unsafe { std::slice::from_raw_parts_mut(tuple::items_ptr(op), real_size(op) as usize) }
}

unsafe extern "C" fn structseq_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        if !crate::object::trashcan::enter(op, structseq_dealloc) {
            return;
        }
        crate::object::gc::untrack(op);
        let tp = (*op).ob_type;
        for &o in all_items(op).iter() {
            xdecref(o);
        }
        if let Some(free) = (*tp).tp_free {
            free(op.cast());
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(tp.cast());
        }
        crate::object::trashcan::leave();
    }
}

unsafe extern "C" fn structseq_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut libc::c_void,
) -> c_int {
    // SAFETY: op is a struct sequence.
    unsafe {
        let Some(visit) = visit else { return 0 };
        for &o in all_items(op).iter() {
            if !o.is_null() {
                let r = visit(o, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        let tp = (*op).ob_type;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            return visit(tp.cast(), arg);
        }
        0
    }
}

/// The member descriptors' names in slot order (`None` when unnamed).
unsafe fn member_names(tp: *mut PyTypeObject) -> Vec<Option<String>> {
    // SAFETY: tp_members is the table built at creation.
    unsafe {
        let real = type_size(tp, "n_fields") as usize;
        let mut names = vec![None; real];
        let mut m = (*tp).tp_members;
        while !m.is_null() && !(*m).name.is_null() {
            let slot = ((*m).offset as usize - std::mem::offset_of!(PyTupleObject, ob_item)) / 8;
            if slot < real {
                names[slot] = Some(CStr::from_ptr((*m).name).to_string_lossy().into_owned());
            }
            m = m.add(1);
        }
        names
    }
}

unsafe extern "C" fn structseq_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a struct sequence.
        unsafe {
            let tp = (*op).ob_type;
            // As CPython, item i is labelled with the i-th member's name
            // (unnamed fields have no member, so later labels shift).
            let names: Vec<Option<String>> =
                member_names(tp).into_iter().flatten().map(Some).collect();
            let name = CStr::from_ptr((*tp).tp_name).to_string_lossy();
            let mut out = format!("{name}(");
            let visible = tuple::size(op) as usize;
            for (i, &o) in tuple::items(op).iter().enumerate().take(visible) {
                if i > 0 {
                    out.push_str(", ");
                }
                if let Some(Some(n)) = names.get(i) {
                    out.push_str(n);
                    out.push('=');
                }
                if o.is_null() {
                    out.push_str("<NULL>");
                } else {
                    out.push_str(&protocol::repr_string(o)?);
                }
            }
            out.push(')');
            pystr::from_str(&out)
        }
    })
}

unsafe extern "C" fn structseq_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: tp is a struct sequence type; args a tuple; kwargs NULL or a dict.
        unsafe {
            let name = CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned();
            let mut a: [*mut PyObject; 2] = [null_mut(); 2];
            let pos = tuple::items(args);
            if pos.len() > 2 {
                return Err(errors::type_error(format!(
                    "structseq() takes at most 2 arguments ({} given)",
                    pos.len()
                )));
            }
            a[..pos.len()].copy_from_slice(pos);
            if !kwargs.is_null() {
                let mut i = 0;
                while let Some((k, v)) = dict::next(kwargs, &mut i) {
                    match pystr::as_str(k)? {
                        "sequence" if a[0].is_null() => a[0] = v,
                        "dict" if a[1].is_null() => a[1] = v,
                        other => {
                            return Err(errors::type_error(format!(
                                "structseq() got an unexpected keyword argument '{other}'"
                            )))
                        }
                    }
                }
            }
            if a[0].is_null() {
                return Err(errors::type_error(
                    "structseq() missing required argument 'sequence' (pos 1)",
                ));
            }
            let seq = tuple::from_iterable_msg(a[0], "constructor requires a sequence")?;
            let items = tuple::items(seq.as_ptr());
            let d = if a[1].is_null() || a[1] == none::none() {
                null_mut()
            } else {
                a[1]
            };
            if !d.is_null() && !dict::check(d) {
                return Err(errors::type_error(format!(
                    "{name}() takes a dict as second arg, if any"
                )));
            }
            let min = type_size(tp, "n_sequence_fields") as usize;
            let max = type_size(tp, "n_fields") as usize;
            let n = items.len();
            if n < min {
                return Err(errors::type_error(if min == max {
                    format!("{name}() takes a {min}-sequence ({n}-sequence given)")
                } else {
                    format!("{name}() takes an at least {min}-sequence ({n}-sequence given)")
                }));
            }
            if n > max {
                return Err(errors::type_error(if min == max {
                    format!("{name}() takes a {max}-sequence ({n}-sequence given)")
                } else {
                    format!("{name}() takes an at most {max}-sequence ({n}-sequence given)")
                }));
            }
            let r = new(tp)?;
            let slots = all_items(r.as_ptr());
            for (slot, &o) in slots.iter_mut().zip(items) {
                *slot = new_ref(o);
            }
            let names = member_names(tp);
            for (i, slot) in slots.iter_mut().enumerate().skip(n) {
                let v = match (&names[i], d.is_null()) {
                    (Some(key), false) => dict::get_str(d, key),
                    _ => null_mut(),
                };
                *slot = new_ref(if v.is_null() { none::none() } else { v });
            }
            Ok(r)
        }
    })
}

unsafe extern "C" fn structseq_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a struct sequence.
        unsafe {
            let visible = tuple::size(op) as usize;
            let all = all_items(op);
            let tup = tuple::from_slice(&all[..visible])?;
            let d = dict::new()?;
            for (i, name) in member_names((*op).ob_type).iter().enumerate().skip(visible) {
                if let (Some(n), false) = (name, all[i].is_null()) {
                    let key = pystr::from_str(n)?;
                    dict::set_item(d.as_ptr(), key.as_ptr(), all[i])?;
                }
            }
            tuple::pack(&[
                (*op).ob_type.cast(),
                tuple::pack(&[tup.as_ptr(), d.as_ptr()])?.as_ptr(),
            ])
        }
    })
}

static STRUCTSEQ_METHODS: [PyMethodDef; 2] = [
    descr::method(c"__reduce__", structseq_reduce as *const _, METH_NOARGS),
    descr::METHOD_END,
];

/// The read-only members naming the fields of `desc` (unnamed ones left
/// out), NULL-terminated.
unsafe fn members(desc: *const PyStructSequence_Desc) -> Box<[PyMemberDef]> {
    // SAFETY: desc is valid; the names outlive the type (caller contract).
    unsafe {
        let mut v: Vec<PyMemberDef> = Vec::new();
        for (i, f) in fields(desc).iter().enumerate() {
            if field_name(f).is_none() {
                continue;
            }
            v.push(PyMemberDef {
                name: f.name,
                r#type: _Py_T_OBJECT,
                offset: (std::mem::offset_of!(PyTupleObject, ob_item) + i * 8) as Py_ssize_t,
                flags: Py_READONLY,
                doc: f.doc,
            });
        }
        v.push(PyMemberDef {
            name: std::ptr::null(),
            r#type: 0,
            offset: 0,
            flags: 0,
            doc: std::ptr::null(),
        });
        v.into_boxed_slice()
    }
}

/// Stores the counts and `__match_args__` in a readied type's dict.
unsafe fn set_counts(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc) -> PyResult<()> {
    // SAFETY: tp is ready (has a dict); desc valid.
    unsafe {
        let fs = fields(desc);
        let visible = (*desc).n_in_sequence as usize;
        let unnamed = fs.iter().filter(|f| field_name(*f).is_none()).count();
        let d = (*tp).tp_dict;
        for (k, v) in [
            ("n_sequence_fields", visible),
            ("n_fields", fs.len()),
            ("n_unnamed_fields", unnamed),
        ] {
            let key = pystr::from_str(k)?;
            let val = int::from_i64(v as i64)?;
            dict::set_item(d, key.as_ptr(), val.as_ptr())?;
        }
        let mut names = Vec::new();
        for f in fs.iter().take(visible) {
            if let Some(n) = field_name(f) {
                names.push(pystr::from_str(&n.to_string_lossy())?);
            }
        }
        let key = pystr::from_str("__match_args__")?;
        let t = tuple::from_vec(names)?;
        dict::set_item(d, key.as_ptr(), t.as_ptr())?;
        crate::object::typeobj::modified(tp);
        Ok(())
    }
}

fn check_desc(desc: *const PyStructSequence_Desc) -> PyResult<()> {
    // SAFETY: desc NULL or valid.
    unsafe {
        if desc.is_null() || (*desc).name.is_null() || (*desc).fields.is_null() {
            return Err(errors::bad_internal_call());
        }
        let n = fields(desc).len();
        if (*desc).n_in_sequence < 0 || (*desc).n_in_sequence as usize > n {
            return Err(errors::system_error(format!(
                "n_in_sequence ({}) is larger than the number of fields ({n})",
                (*desc).n_in_sequence
            )));
        }
        Ok(())
    }
}

/// `PyStructSequence_InitType2`: fills and readies a static type.
pub unsafe fn init_type(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc) -> PyResult<()> {
    check_desc(desc)?;
    // SAFETY: tp is a zeroed static type the caller owns; desc valid.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY != 0 {
            return Err(errors::runtime_error(format!(
                "PyStructSequence_InitType2: type '{}' already initialized",
                CStr::from_ptr((*tp).tp_name).to_string_lossy()
            )));
        }
        (*tp).ob_base = crate::object::refcount::static_var_head(
            &raw mut crate::object::typeobj::PyType_Type,
            0,
        );
        (*tp).tp_name = (*desc).name;
        (*tp).tp_doc = (*desc).doc;
        (*tp).tp_basicsize = tuple::PyTuple_Type.tp_basicsize;
        (*tp).tp_itemsize = tuple::PyTuple_Type.tp_itemsize;
        (*tp).tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_TUPLE_SUBCLASS;
        (*tp).tp_dealloc = Some(structseq_dealloc);
        (*tp).tp_repr = Some(structseq_repr);
        (*tp).tp_traverse = Some(structseq_traverse);
        (*tp).tp_new = Some(structseq_new);
        (*tp).tp_free = Some(crate::capi::gc::PyObject_GC_Del);
        (*tp).tp_methods = (&raw const STRUCTSEQ_METHODS).cast_mut().cast();
        // A static type keeps its member table for the life of the process:
        // readied again after a finalization, it reuses the one it has.
        if (*tp).tp_members.is_null() {
            (*tp).tp_members = Box::leak(members(desc)).as_mut_ptr();
        }
        (*tp).tp_base = &raw mut tuple::PyTuple_Type;
        crate::object::typeobj::ready(tp)?;
        set_counts(tp, desc)
    }
}

/// `PyStructSequence_NewType`: a heap type for `desc`.
pub unsafe fn new_type(desc: *const PyStructSequence_Desc) -> PyResult<Owned> {
    check_desc(desc)?;
    // SAFETY: desc valid; the slot table lives for the call (from_spec
    // copies what it keeps).
    unsafe {
        let mut member_table = members(desc);
        let mut slots = [
            PyType_Slot {
                slot: Py_tp_dealloc,
                pfunc: structseq_dealloc as *mut _,
            },
            PyType_Slot {
                slot: Py_tp_repr,
                pfunc: structseq_repr as *mut _,
            },
            PyType_Slot {
                slot: Py_tp_traverse,
                pfunc: structseq_traverse as *mut _,
            },
            PyType_Slot {
                slot: Py_tp_new,
                pfunc: structseq_new as *mut _,
            },
            PyType_Slot {
                slot: Py_tp_methods,
                pfunc: (&raw const STRUCTSEQ_METHODS).cast_mut().cast(),
            },
            PyType_Slot {
                slot: Py_tp_members,
                pfunc: member_table.as_mut_ptr().cast(),
            },
            PyType_Slot {
                slot: Py_tp_doc,
                pfunc: (*desc).doc.cast_mut().cast(),
            },
            PyType_Slot {
                slot: 0,
                pfunc: null_mut(),
            },
        ];
        if (*desc).doc.is_null() {
            slots[6] = PyType_Slot {
                slot: 0,
                pfunc: null_mut(),
            };
        }
        let spec = PyType_Spec {
            name: (*desc).name,
            basicsize: 0,
            itemsize: 0,
            flags: (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC) as libc::c_uint,
            slots: slots.as_mut_ptr(),
        };
        let tp = crate::object::heaptype::from_spec(
            null_mut(),
            null_mut(),
            &spec,
            (&raw mut tuple::PyTuple_Type).cast(),
        )?;
        set_counts(tp.as_ptr().cast(), desc)?;
        Ok(tp)
    }
}

/// The `i`-th stored item (borrowed; hidden fields included).
pub unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: op is a struct sequence and i < n_fields (caller contract).
    unsafe { *tuple::items_ptr(op).offset(i) }
}

/// Stores a stolen reference in slot `i` (for filling a new instance).
pub unsafe fn set_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: op is a struct sequence and i < n_fields (caller contract).
    unsafe {
        let slot = tuple::items_ptr(op).offset(i);
        let old = std::mem::replace(&mut *slot, v);
        xdecref(old);
    }
}

/// Declares a static `PyStructSequence_Desc` named `$desc` for a
/// struct sequence type `$name` whose fields are the C-string literals
/// given, the first `$n_in_seq` of them visible as the sequence.
macro_rules! structseq_desc {
    ($desc:ident, $name:literal, $n_in_seq:expr, [$($field:literal),* $(,)?]) => {
        static mut $desc: $crate::object::structseq::PyStructSequence_Desc = {
            const N: usize = [$($field),*].len();
            static mut FIELDS: [$crate::object::structseq::PyStructSequence_Field; N + 1] = [
                $($crate::object::structseq::PyStructSequence_Field {
                    name: $field.as_ptr(),
                    doc: std::ptr::null(),
                },)*
                $crate::object::structseq::PyStructSequence_Field {
                    name: std::ptr::null(),
                    doc: std::ptr::null(),
                },
            ];
            $crate::object::structseq::PyStructSequence_Desc {
                name: $name.as_ptr(),
                doc: std::ptr::null(),
                fields: (&raw mut FIELDS).cast(),
                n_in_sequence: $n_in_seq,
            }
        };
    };
}
pub(crate) use structseq_desc;

/// A new heap struct sequence type for `desc` and one instance of it
/// holding `values` (as many as the description has fields).
pub unsafe fn instance(desc: *const PyStructSequence_Desc, values: Vec<Owned>) -> PyResult<Owned> {
    // SAFETY: desc is a valid description; values fill its fields.
    unsafe {
        let tp = new_type(desc)?;
        from_items(tp.as_ptr().cast(), values)
    }
}

/// As [`instance`], for a type Python code cannot instantiate
/// (`Py_TPFLAGS_DISALLOW_INSTANTIATION`: `sys.flags`, `sys.version_info`).
pub unsafe fn uncreatable_instance(
    desc: *const PyStructSequence_Desc,
    values: Vec<Owned>,
) -> PyResult<Owned> {
    // SAFETY: desc is a valid description; values fill its fields; the
    // new type has no instance yet.
    unsafe {
        let tp = new_type(desc)?;
        let t = tp.as_ptr().cast::<PyTypeObject>();
        (*t).tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
        (*t).tp_new = None;
        crate::object::dict::del_item_opt((*t).tp_dict, crate::interned!("__new__"))?;
        crate::object::typecache::invalidate();
        from_items(t, values)
    }
}

/// A named field without a doc, for static field tables.
pub const fn field(name: &'static CStr) -> PyStructSequence_Field {
    PyStructSequence_Field {
        name: name.as_ptr(),
        doc: std::ptr::null(),
    }
}

/// The terminator of a field table.
pub const FIELD_END: PyStructSequence_Field = PyStructSequence_Field {
    name: std::ptr::null(),
    doc: std::ptr::null(),
};

/// Readies the static struct sequence type `tp` from `desc` on first use
/// (a no-op once it is ready) and returns it.
pub unsafe fn static_type(
    tp: *mut PyTypeObject,
    desc: *const PyStructSequence_Desc,
) -> PyResult<*mut PyTypeObject> {
    // SAFETY: tp is a static type owned by the caller; desc valid.
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            init_type(tp, desc)?;
        }
    }
    Ok(tp)
}

/// A new instance of `tp` holding `items` (stolen), in field order.
pub unsafe fn from_items(tp: *mut PyTypeObject, items: Vec<Owned>) -> PyResult<Owned> {
    // SAFETY: tp is a ready struct sequence type with items.len() fields.
    unsafe {
        let v = new(tp)?;
        for (i, x) in items.into_iter().enumerate() {
            set_item(v.as_ptr(), i as Py_ssize_t, x.into_raw());
        }
        Ok(v)
    }
}
