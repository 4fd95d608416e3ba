//! Template strings (PEP 750): `string.templatelib.Template`, what a
//! `t"..."` literal evaluates to, and `string.templatelib.Interpolation`,
//! one replacement field of it (CPython's `Objects/templateobject.c` and
//! `Objects/interpolationobject.c`). A template keeps the static strings
//! (always one more than the interpolations) and the interpolations apart;
//! nothing is converted or formatted.
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{list, none, protocol, str as pystr, tuple, typeobj};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use libc::c_void;
use std::ptr::null_mut;

/// An `Interpolation`: the value, the expression's source text, the
/// conversion (None or `'s'`, `'r'`, `'a'`) and the format spec.
#[repr(C)]
pub struct InterpolationObject {
    pub ob_base: PyObject,
    pub value: *mut PyObject,
    pub expression: *mut PyObject,
    pub conversion: *mut PyObject,
    pub format_spec: *mut PyObject,
}

/// A `Template`: a tuple of strs and a tuple of interpolations.
#[repr(C)]
pub struct TemplateObject {
    pub ob_base: PyObject,
    pub strings: *mut PyObject,
    pub interpolations: *mut PyObject,
}

/// `_PyInterpolation_Type`.
#[no_mangle]
pub static mut _PyInterpolation_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(interpolation_dealloc),
    tp_traverse: Some(interpolation_traverse),
    tp_repr: Some(interpolation_repr),
    tp_new: Some(interpolation_new),
    tp_members: (&raw const INTERPOLATION_MEMBERS).cast_mut().cast(),
    tp_methods: (&raw const INTERPOLATION_METHODS).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"string.templatelib.Interpolation",
        std::mem::size_of::<InterpolationObject>(),
        0,
    )
};

/// `_PyTemplate_Type`.
#[no_mangle]
pub static mut _PyTemplate_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(template_dealloc),
    tp_traverse: Some(template_traverse),
    tp_repr: Some(template_repr),
    tp_iter: Some(template_iter),
    tp_as_number: &raw mut TEMPLATE_AS_NUMBER,
    tp_new: Some(template_new),
    tp_members: (&raw const TEMPLATE_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const TEMPLATE_GETSET).cast_mut().cast(),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    ..type_template(
        c"string.templatelib.Template",
        std::mem::size_of::<TemplateObject>(),
        0,
    )
};

static mut TEMPLATE_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(template_add),
    // SAFETY: the remaining fields are nullable.
    ..unsafe { std::mem::zeroed() }
};

const fn member(name: &'static std::ffi::CStr, offset: usize) -> PyMemberDef {
    PyMemberDef {
        name: name.as_ptr(),
        r#type: Py_T_OBJECT_EX,
        offset: offset as Py_ssize_t,
        flags: Py_READONLY,
        doc: std::ptr::null(),
    }
}

const MEMBER_END: PyMemberDef = PyMemberDef {
    name: std::ptr::null(),
    r#type: 0,
    offset: 0,
    flags: 0,
    doc: std::ptr::null(),
};

static INTERPOLATION_MEMBERS: [PyMemberDef; 5] = [
    member(c"value", std::mem::offset_of!(InterpolationObject, value)),
    member(
        c"expression",
        std::mem::offset_of!(InterpolationObject, expression),
    ),
    member(
        c"conversion",
        std::mem::offset_of!(InterpolationObject, conversion),
    ),
    member(
        c"format_spec",
        std::mem::offset_of!(InterpolationObject, format_spec),
    ),
    MEMBER_END,
];

static INTERPOLATION_METHODS: [PyMethodDef; 2] = [
    crate::object::descr::method(
        c"__reduce__",
        interpolation_reduce as *const c_void,
        METH_NOARGS,
    ),
    crate::object::descr::METHOD_END,
];

static TEMPLATE_MEMBERS: [PyMemberDef; 3] = [
    member(c"strings", std::mem::offset_of!(TemplateObject, strings)),
    member(
        c"interpolations",
        std::mem::offset_of!(TemplateObject, interpolations),
    ),
    MEMBER_END,
];

static TEMPLATE_GETSET: [PyGetSetDef; 2] = [
    crate::object::descr::getset(c"values", Some(template_values), None),
    crate::object::descr::GETSET_END,
];

/// The types, for readying at startup.
pub fn types() -> [*mut PyTypeObject; 2] {
    [&raw mut _PyInterpolation_Type, &raw mut _PyTemplate_Type]
}

/// Gives the readied `Interpolation` its `__match_args__`.
pub fn finish_types() -> PyResult<()> {
    // SAFETY: the type is ready, so it has a dict.
    unsafe {
        let names: Vec<*mut PyObject> = ["value", "expression", "conversion", "format_spec"]
            .iter()
            .map(|n| pystr::intern(n))
            .collect();
        let t = tuple::from_slice(&names)?;
        crate::object::dict::set_item(
            _PyInterpolation_Type.tp_dict,
            crate::interned!("__match_args__"),
            t.as_ptr(),
        )?;
        typeobj::modified(&raw mut _PyInterpolation_Type);
        Ok(())
    }
}

unsafe fn interp<'a>(op: *mut PyObject) -> &'a mut InterpolationObject {
    // SAFETY: op is an Interpolation.
    unsafe { &mut *op.cast::<InterpolationObject>() }
}

unsafe fn tmpl<'a>(op: *mut PyObject) -> &'a mut TemplateObject {
    // SAFETY: op is a Template.
    unsafe { &mut *op.cast::<TemplateObject>() }
}

/// Whether `op` is an `Interpolation`.
unsafe fn is_interpolation(op: *mut PyObject) -> bool {
    // SAFETY: op valid.
    unsafe { (*op).ob_type == &raw mut _PyInterpolation_Type }
}

/// A new `Interpolation` (`_PyInterpolation_Build`); `conversion` is
/// NULL for none.
pub unsafe fn new_interpolation(
    value: *mut PyObject,
    expression: *mut PyObject,
    conversion: *mut PyObject,
    format_spec: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: the arguments are valid or NULL (conversion).
    unsafe {
        let tp = &raw mut _PyInterpolation_Type;
        let o = errors::check(crate::object::alloc::generic_alloc(tp, 0))?;
        let i = interp(o.as_ptr());
        i.value = new_ref(value);
        i.expression = new_ref(expression);
        i.conversion = new_ref(if conversion.is_null() {
            none::none()
        } else {
            conversion
        });
        i.format_spec = new_ref(format_spec);
        crate::object::gc::track(o.as_ptr());
        Ok(o)
    }
}

/// The conversion of `BUILD_INTERPOLATION`'s argument (1 `!s`, 2 `!r`,
/// 3 `!a`), NULL for none.
pub fn conversion_char(code: u32) -> *mut PyObject {
    match code {
        1 => crate::interned!("s"),
        2 => crate::interned!("r"),
        3 => crate::interned!("a"),
        _ => null_mut(),
    }
}

/// A new `Template` from a tuple of strs and a tuple of interpolations
/// (`_PyTemplate_Build`).
pub unsafe fn new_template(
    strings: *mut PyObject,
    interpolations: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: both are tuples.
    unsafe {
        let tp = &raw mut _PyTemplate_Type;
        let o = errors::check(crate::object::alloc::generic_alloc(tp, 0))?;
        let t = tmpl(o.as_ptr());
        t.strings = new_ref(strings);
        t.interpolations = new_ref(interpolations);
        crate::object::gc::track(o.as_ptr());
        Ok(o)
    }
}

/// `Interpolation(value, expression='', conversion=None, format_spec='')`.
unsafe extern "C" fn interpolation_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            let n = tuple::size(args);
            if n > 4 {
                return Err(errors::type_error(format!(
                    "Interpolation() takes at most 4 arguments ({n} given)"
                )));
            }
            let b = crate::object::typevar::bind_args(
                "Interpolation",
                args,
                kwargs,
                &["value", "expression", "conversion", "format_spec"],
                &[],
                false,
            )?;
            let [value, expression, conversion, format_spec] = b.values[..] else {
                return Err(errors::bad_internal_call());
            };
            if value.is_null() {
                return Err(errors::type_error(
                    "Interpolation() missing required argument 'value' (pos 1)",
                ));
            }
            let empty = crate::interned!("");
            let text = |v: *mut PyObject, name: &str| -> PyResult<*mut PyObject> {
                if v.is_null() {
                    return Ok(empty);
                }
                if !pystr::check(v) {
                    return Err(errors::type_error(format!(
                        "Interpolation() argument '{name}' must be str, not {}",
                        type_name(v)
                    )));
                }
                Ok(v)
            };
            let expression = text(expression, "expression")?;
            let format_spec = text(format_spec, "format_spec")?;
            let conversion = if conversion.is_null() || conversion == none::none() {
                null_mut()
            } else if !pystr::check(conversion) {
                return Err(errors::type_error(format!(
                    "Interpolation() argument 'conversion' must be str, not {}",
                    type_name(conversion)
                )));
            } else if matches!(pystr::as_str(conversion), Ok("s" | "r" | "a")) {
                conversion
            } else {
                return Err(errors::value_error(
                    "Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'",
                ));
            };
            new_interpolation(value, expression, conversion, format_spec)
        }
    })
}

unsafe extern "C" fn interpolation_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let i = interp(op);
        for f in [i.value, i.expression, i.conversion, i.format_spec] {
            xdecref(f);
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn interpolation_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> i32 {
    // SAFETY: op is an Interpolation.
    unsafe {
        let i = interp(op);
        crate::object::gc::visit_all(
            &[i.value, i.expression, i.conversion, i.format_spec],
            visit,
            arg,
        )
    }
}

unsafe extern "C" fn interpolation_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an Interpolation.
        unsafe {
            let i = interp(op);
            let mut parts = Vec::with_capacity(4);
            for f in [i.value, i.expression, i.conversion, i.format_spec] {
                parts.push(protocol::repr_string(f)?);
            }
            pystr::from_str(&format!("Interpolation({})", parts.join(", ")))
        }
    })
}

/// Pickles as the constructor call.
unsafe extern "C" fn interpolation_reduce(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is an Interpolation.
        unsafe {
            let i = interp(op);
            let args = tuple::pack(&[i.value, i.expression, i.conversion, i.format_spec])?;
            tuple::pack(&[(*op).ob_type.cast(), args.as_ptr()])
        }
    })
}

/// `Template(*args)`: strs and interpolations in any order; adjacent strs
/// are joined and missing ones are empty.
unsafe extern "C" fn template_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple; kwargs NULL or a dict.
        unsafe {
            if !kwargs.is_null() && crate::object::dict::len(kwargs) > 0 {
                return Err(errors::type_error(
                    "Template.__new__ only accepts *args arguments",
                ));
            }
            let mut strings: Vec<Owned> = Vec::new();
            let mut interpolations: Vec<Owned> = Vec::new();
            let mut pending: Option<Owned> = None;
            for &a in tuple::items(args) {
                if pystr::check(a) {
                    pending = Some(match pending {
                        Some(p) => pystr::concat(p.as_ptr(), a)?,
                        None => Owned::from_borrowed(a),
                    });
                } else if is_interpolation(a) {
                    strings.push(
                        pending
                            .take()
                            .unwrap_or_else(|| Owned::from_borrowed_static(crate::interned!(""))),
                    );
                    interpolations.push(Owned::from_borrowed(a));
                } else {
                    return Err(errors::type_error(format!(
                        "Template.__new__ *args need to be of type 'str' or 'Interpolation', got {}",
                        type_name(a)
                    )));
                }
            }
            strings
                .push(pending.unwrap_or_else(|| Owned::from_borrowed_static(crate::interned!(""))));
            let s = tuple::from_vec(strings)?;
            let i = tuple::from_vec(interpolations)?;
            new_template(s.as_ptr(), i.as_ptr())
        }
    })
}

unsafe extern "C" fn template_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero.
    unsafe {
        crate::object::gc::untrack(op);
        let t = tmpl(op);
        xdecref(t.strings);
        xdecref(t.interpolations);
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn template_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> i32 {
    // SAFETY: op is a Template.
    unsafe {
        let t = tmpl(op);
        crate::object::gc::visit_all(&[t.strings, t.interpolations], visit, arg)
    }
}

unsafe extern "C" fn template_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Template.
        unsafe {
            let t = tmpl(op);
            pystr::from_str(&format!(
                "Template(strings={}, interpolations={})",
                protocol::repr_string(t.strings)?,
                protocol::repr_string(t.interpolations)?
            ))
        }
    })
}

/// `Template.values`: the interpolations' values.
unsafe extern "C" fn template_values(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Template of interpolations.
        unsafe {
            let v: Vec<*mut PyObject> = tuple::items(tmpl(op).interpolations)
                .iter()
                .map(|&i| interp(i).value)
                .collect();
            tuple::from_slice(&v)
        }
    })
}

/// `iter(template)`: the non-empty strings and the interpolations, in
/// order.
unsafe extern "C" fn template_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a Template.
        unsafe {
            let t = tmpl(op);
            let out = list::new(0)?;
            let strings = tuple::items(t.strings);
            let interpolations = tuple::items(t.interpolations);
            for (k, &s) in strings.iter().enumerate() {
                if pystr::len(s) > 0 {
                    list::append(out.as_ptr(), s)?;
                }
                if let Some(&i) = interpolations.get(k) {
                    list::append(out.as_ptr(), i)?;
                }
            }
            protocol::get_iter(out.as_ptr())
        }
    })
}

/// `a + b` of two templates: the last string of `a` joins the first of
/// `b`. A template and a str do not mix.
unsafe extern "C" fn template_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: slot arguments are valid objects.
        unsafe {
            let tp = &raw mut _PyTemplate_Type;
            let (at, bt) = ((*a).ob_type == tp, (*b).ob_type == tp);
            if at && bt {
                let (sa, sb) = (tuple::items(tmpl(a).strings), tuple::items(tmpl(b).strings));
                let (Some((&last, head)), Some((&first, tail))) =
                    (sa.split_last(), sb.split_first())
                else {
                    return Err(errors::bad_internal_call());
                };
                let joined = pystr::concat(last, first)?;
                let mut strings: Vec<*mut PyObject> = head.to_vec();
                strings.push(joined.as_ptr());
                strings.extend_from_slice(tail);
                let mut interps = tuple::items(tmpl(a).interpolations).to_vec();
                interps.extend_from_slice(tuple::items(tmpl(b).interpolations));
                let s = tuple::from_slice(&strings)?;
                let i = tuple::from_slice(&interps)?;
                return new_template(s.as_ptr(), i.as_ptr());
            }
            if at && pystr::check(b) {
                return Err(errors::type_error(format!(
                    "can only concatenate string.templatelib.Template (not \"{}\") to string.templatelib.Template",
                    type_name(b)
                )));
            }
            if bt && pystr::check(a) {
                return Err(errors::type_error(format!(
                    "can only concatenate str (not \"string.templatelib.Template\") to {}",
                    type_name(a)
                )));
            }
            Ok(Owned::from_borrowed_static(none::not_implemented()))
        }
    })
}
