//! `re.Match` (CPython's `MatchObject` in `Modules/_sre/sre.c`): the spans
//! of a successful match and the methods that read them (`group`,
//! `groups`, `groupdict`, `start`, `end`, `span`, `expand`, `regs`,
//! `lastindex`, `lastgroup`, indexing).
use super::engine::{State, Unit};
use super::pattern::{pat, repr_cut};
use super::template;
use super::text::Subject;
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::str_methods::parse_fast_kw;
use crate::object::typeobj::type_template;
use crate::object::{descr, dict, int, none, number, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};
use std::ptr::null_mut;

/// A match: the subject, the pattern, and a (start, end) pair per group
/// (-1 for groups that did not take part), stored after the fixed fields
/// as in CPython (`ob_size` counts the pairs' words).
#[repr(C)]
pub struct MatchObject {
    pub ob_base: PyVarObject,
    pub string: *mut PyObject,
    pub pattern: *mut PyObject,
    regs: *mut PyObject,
    pub pos: Py_ssize_t,
    pub endpos: Py_ssize_t,
    pub lastindex: Py_ssize_t,
    /// The number of groups, group 0 included.
    groups: usize,
    marks: [isize; 0],
}

/// `re.Match`.
pub static mut MATCH_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(match_dealloc),
    tp_traverse: Some(match_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_repr: Some(match_repr),
    tp_as_mapping: &raw mut MATCH_AS_MAPPING,
    tp_methods: (&raw const MATCH_METHODS).cast_mut().cast(),
    tp_members: (&raw const MATCH_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const MATCH_GETSET).cast_mut().cast(),
    tp_doc: c"The result of re.match() and re.search().\nMatch objects always have a boolean value of True."
        .as_ptr(),
    ..type_template(
        c"re.Match",
        std::mem::size_of::<MatchObject>(),
        std::mem::size_of::<isize>(),
    )
};

static mut MATCH_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: None,
    mp_subscript: Some(match_getitem),
    mp_ass_subscript: None,
};

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static MATCH_METHODS: [PyMethodDef; 11] = [
    descr::method(c"group", m_group as *const _, METH_FASTCALL),
    descr::method(c"start", m_start as *const _, METH_FASTCALL),
    descr::method(c"end", m_end as *const _, METH_FASTCALL),
    descr::method(c"span", m_span as *const _, METH_FASTCALL),
    descr::method(c"groups", m_groups as *const _, FK),
    descr::method(c"groupdict", m_groupdict as *const _, FK),
    descr::method(c"expand", m_expand as *const _, FK),
    descr::method(c"__copy__", m_copy as *const _, METH_NOARGS),
    descr::method(c"__deepcopy__", m_deepcopy as *const _, METH_O),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

static MATCH_MEMBERS: [PyMemberDef; 5] = [
    descr::readonly_member(
        c"string",
        _Py_T_OBJECT,
        std::mem::offset_of!(MatchObject, string),
    ),
    descr::readonly_member(
        c"re",
        _Py_T_OBJECT,
        std::mem::offset_of!(MatchObject, pattern),
    ),
    descr::readonly_member(
        c"pos",
        Py_T_PYSSIZET,
        std::mem::offset_of!(MatchObject, pos),
    ),
    descr::readonly_member(
        c"endpos",
        Py_T_PYSSIZET,
        std::mem::offset_of!(MatchObject, endpos),
    ),
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

static MATCH_GETSET: [PyGetSetDef; 4] = [
    descr::getset(c"lastindex", Some(m_lastindex), None),
    descr::getset(c"lastgroup", Some(m_lastgroup), None),
    descr::getset(c"regs", Some(m_regs), None),
    descr::GETSET_END,
];

fn me<'a>(op: *mut PyObject) -> &'a MatchObject {
    // SAFETY: the type's methods only receive match objects.
    unsafe { &*op.cast::<MatchObject>() }
}

impl MatchObject {
    fn marks(&self) -> &[isize] {
        // SAFETY: the object was allocated with 2 * groups words of marks.
        unsafe { std::slice::from_raw_parts(self.marks.as_ptr(), 2 * self.groups) }
    }

    pub fn groups(&self) -> usize {
        self.groups
    }

    /// The span of group `g` (-1, -1 when it did not take part).
    pub fn span(&self, g: usize) -> (isize, isize) {
        (self.marks()[2 * g], self.marks()[2 * g + 1])
    }

    /// Group `g` as a slice of the subject, or `default`.
    pub fn slice(&self, g: usize, default: *mut PyObject) -> PyResult<Owned> {
        let (a, b) = self.span(g);
        if self.string == none::none() || a < 0 {
            // SAFETY: default is a live object.
            return Ok(unsafe { Owned::from_borrowed(default) });
        }
        // SAFETY: string is the live subject.
        let s = unsafe { Subject::open(self.string)? };
        s.slice(a as usize, b as usize)
    }
}

/// The match that `st` just found in `s` for pattern `op` (searched in
/// `pos..endpos`).
pub unsafe fn new<C: Unit>(
    op: *mut PyObject,
    s: &Subject,
    st: &State<C>,
    pos: usize,
    endpos: usize,
) -> PyResult<Owned> {
    // SAFETY: op is a pattern; the new object is filled before use.
    unsafe {
        let groups = pat(op).groups as usize + 1;
        let m = crate::object::alloc::generic_alloc(&raw mut MATCH_TYPE, 2 * groups as isize);
        if m.is_null() {
            return Err(Raised::assume());
        }
        let mo = m.cast::<MatchObject>();
        // Filled before anything can fail, so that dealloc sees a whole
        // object.
        incref(op);
        (*mo).pattern = op;
        incref(s.obj);
        (*mo).string = s.obj;
        (*mo).pos = pos as isize;
        (*mo).endpos = endpos as isize;
        (*mo).lastindex = st.lastindex;
        (*mo).groups = groups;
        let this = Owned::from_raw_unchecked(m);
        let marks = std::slice::from_raw_parts_mut((*mo).marks.as_mut_ptr(), 2 * groups);
        marks[0] = st.start as isize;
        marks[1] = st.ptr as isize;
        for g in 1..groups {
            let span = match st.group_span(g) {
                Some((a, b)) if a > b => return Err(errors::system_error(
                    "The span of capturing group is wrong, please report a bug for the re module.",
                )),
                Some((a, b)) => (a as isize, b as isize),
                None => (-1, -1),
            };
            marks[2 * g] = span.0;
            marks[2 * g + 1] = span.1;
        }
        crate::object::gc::track(m);
        Ok(this)
    }
}

unsafe extern "C" fn match_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the fields are owned or NULL.
    unsafe {
        crate::object::gc::untrack(op);
        let m = op.cast::<MatchObject>();
        for o in [(*m).string, (*m).pattern, (*m).regs] {
            errors::release(o);
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn match_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a match owning these fields (or NULL).
    unsafe {
        let m = op.cast::<MatchObject>();
        crate::object::gc::visit_all(&[(*m).string, (*m).pattern, (*m).regs], visit, arg)
    }
}

/// The group number that `index` names (`match_getindex`).
unsafe fn group_index(m: &MatchObject, index: *mut PyObject) -> PyResult<usize> {
    if index.is_null() {
        return Ok(0);
    }
    // SAFETY: index is a live object; the pattern's groupindex a dict.
    unsafe {
        let mut i = -1;
        if (*(*index).ob_type)
            .tp_as_number
            .as_ref()
            .is_some_and(|n| n.nb_index.is_some())
        {
            let v = number::index(index)?;
            i = int::as_i64(v.as_ptr()).unwrap_or_else(|_| {
                errors::clear();
                -1
            }) as isize;
        } else {
            let gi = pat(m.pattern).groupindex;
            if !gi.is_null() {
                let v = dict::get_item(gi, index)?;
                if !v.is_null() && int::check(v) {
                    i = int::as_i64(v).unwrap_or(-1) as isize;
                }
            }
        }
        if i < 0 || i as usize >= m.groups {
            return Err(errors::index_error("no such group"));
        }
        Ok(i as usize)
    }
}

unsafe extern "C" fn m_group(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments.
        let args = unsafe { crate::capi::call::arg_slice(args, nargs as usize) };
        let none = none::none();
        // SAFETY: the arguments are live objects.
        unsafe {
            match args {
                [] => m.slice(0, none),
                [g] => m.slice(group_index(m, *g)?, none),
                _ => tuple::from_vec(
                    args.iter()
                        .map(|&g| m.slice(group_index(m, g)?, none))
                        .collect::<PyResult<Vec<_>>>()?,
                ),
            }
        }
    })
}

unsafe extern "C" fn match_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: key is live.
        m.slice(unsafe { group_index(m, key)? }, none::none())
    })
}

unsafe fn one_group_arg(
    name: &str,
    m: &MatchObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> PyResult<usize> {
    // SAFETY: fastcall arguments.
    unsafe {
        let args = crate::capi::call::arg_slice(args, nargs as usize);
        if args.len() > 1 {
            return Err(errors::type_error(format!(
                "{name} expected at most 1 argument, got {}",
                args.len()
            )));
        }
        group_index(m, args.first().copied().unwrap_or(null_mut()))
    }
}

unsafe extern "C" fn m_start(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments.
        let g = unsafe { one_group_arg("start", m, args, nargs)? };
        int::from_i64(m.span(g).0 as i64)
    })
}

unsafe extern "C" fn m_end(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments.
        let g = unsafe { one_group_arg("end", m, args, nargs)? };
        int::from_i64(m.span(g).1 as i64)
    })
}

fn pair(a: isize, b: isize) -> PyResult<Owned> {
    let (a, b) = (int::from_i64(a as i64)?, int::from_i64(b as i64)?);
    tuple::pack(&[a.as_ptr(), b.as_ptr()])
}

unsafe extern "C" fn m_span(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments.
        let g = unsafe { one_group_arg("span", m, args, nargs)? };
        let (a, b) = m.span(g);
        pair(a, b)
    })
}

unsafe extern "C" fn m_groups(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments.
        let [default] =
            unsafe { parse_fast_kw("groups", args, nargs, kwnames, ["default"], 0, 0)? };
        let default = if default.is_null() {
            none::none()
        } else {
            default
        };
        tuple::from_vec(
            (1..m.groups)
                .map(|g| m.slice(g, default))
                .collect::<PyResult<Vec<_>>>()?,
        )
    })
}

unsafe extern "C" fn m_groupdict(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments; groupindex is a dict of names.
        unsafe {
            let [default] = parse_fast_kw("groupdict", args, nargs, kwnames, ["default"], 0, 0)?;
            let default = if default.is_null() {
                none::none()
            } else {
                default
            };
            let out = dict::new()?;
            let gi = pat(m.pattern).groupindex;
            if gi.is_null() {
                return Ok(out);
            }
            let mut pos = 0;
            while let Some((k, _)) = dict::next(gi, &mut pos) {
                let k = Owned::from_borrowed(k);
                let v = m.slice(group_index(m, k.as_ptr())?, default)?;
                dict::set_item(out.as_ptr(), k.as_ptr(), v.as_ptr())?;
            }
            Ok(out)
        }
    })
}

unsafe extern "C" fn m_expand(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: fastcall arguments; m's pattern is a pattern.
        unsafe {
            let [t] = parse_fast_kw("expand", args, nargs, kwnames, ["template"], 0, 1)?;
            let filter = template::compile_template(m.pattern, t)?;
            template::expand(filter.as_ptr(), op)
        }
    })
}

unsafe extern "C" fn m_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is live.
    unsafe { incref(op) };
    op
}

unsafe extern "C" fn m_deepcopy(op: *mut PyObject, _memo: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is live.
    unsafe { incref(op) };
    op
}

unsafe extern "C" fn m_lastindex(op: *mut PyObject, _: *mut libc::c_void) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        if m.lastindex >= 0 {
            int::from_i64(m.lastindex as i64)
        } else {
            Ok(Owned::from_borrowed_static(none::none()))
        }
    })
}

unsafe extern "C" fn m_lastgroup(op: *mut PyObject, _: *mut libc::c_void) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        // SAFETY: the pattern's indexgroup is NULL or a tuple.
        unsafe {
            let ig = pat(m.pattern).indexgroup;
            if !ig.is_null() && m.lastindex >= 0 && m.lastindex < tuple::size(ig) {
                return Ok(Owned::from_borrowed(tuple::items(ig)[m.lastindex as usize]));
            }
        }
        Ok(Owned::from_borrowed_static(none::none()))
    })
}

unsafe extern "C" fn m_regs(op: *mut PyObject, _: *mut libc::c_void) -> *mut PyObject {
    guard_obj(|| {
        let m = op.cast::<MatchObject>();
        // SAFETY: op is a match; regs is NULL or a cached tuple.
        unsafe {
            if !(*m).regs.is_null() {
                return Ok(Owned::from_borrowed((*m).regs));
            }
            let regs = tuple::from_vec(
                (0..(*m).groups)
                    .map(|g| {
                        let (a, b) = (*m).span(g);
                        pair(a, b)
                    })
                    .collect::<PyResult<Vec<_>>>()?,
            )?;
            incref(regs.as_ptr());
            (*m).regs = regs.as_ptr();
            Ok(regs)
        }
    })
}

unsafe extern "C" fn match_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        let m = me(op);
        let g0 = m.slice(0, none::none())?;
        let (a, b) = m.span(0);
        // SAFETY: g0 is live.
        let r = unsafe { repr_cut(g0.as_ptr(), 50)? };
        pystr::from_str(&format!("<re.Match object; span=({a}, {b}), match={r}>"))
    })
}
