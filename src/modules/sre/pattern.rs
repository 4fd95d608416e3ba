//! `re.Pattern` (CPython's `PatternObject` in `Modules/_sre/sre.c`): a
//! compiled pattern and its matching methods `match`, `fullmatch`,
//! `search`, `findall`, `finditer`, `scanner`, `split`, `sub`, `subn`.
use super::constants::*;
use super::engine::{self, State, Unit};
use super::hints::Hints;
use super::matchobj;
use super::scanner;
use super::template;
use super::text::{with_units, Subject};
use crate::capi::boundary::guard_obj;
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::str_methods::parse_fast_kw;
use crate::object::typeobj::{type_name, type_template};
use crate::object::{
    bool as pybool, descr, dict, float, int, list, none, number, protocol, str as pystr, tuple,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use libc::{c_int, c_void};

/// A compiled pattern.
#[repr(C)]
pub struct PatternObject {
    pub ob_base: PyObject,
    /// The number of capturing groups.
    pub groups: Py_ssize_t,
    /// Group name -> number (a dict), or NULL without named groups.
    pub groupindex: *mut PyObject,
    /// Group number -> name (a tuple), or NULL.
    pub indexgroup: *mut PyObject,
    /// The source pattern (str, bytes or None).
    pub pattern: *mut PyObject,
    pub flags: c_int,
    /// 1 for a bytes pattern, 0 for str, -1 when the source is unknown.
    pub isbytes: c_int,
    code: *mut u32,
    codesize: usize,
    /// What searches can know before looking at a subject.
    hints: *mut Hints,
    weakreflist: *mut PyObject,
}

/// `re.Pattern`.
pub static mut PATTERN_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(pattern_dealloc),
    tp_traverse: Some(pattern_traverse),
    tp_free: Some(crate::capi::gc::PyObject_GC_Del),
    tp_repr: Some(pattern_repr),
    tp_hash: Some(pattern_hash),
    tp_richcompare: Some(pattern_richcompare),
    tp_methods: (&raw const PATTERN_METHODS).cast_mut().cast(),
    tp_members: (&raw const PATTERN_MEMBERS).cast_mut().cast(),
    tp_getset: (&raw const PATTERN_GETSET).cast_mut().cast(),
    tp_doc: c"Compiled regular expression object.".as_ptr(),
    tp_weaklistoffset: std::mem::offset_of!(PatternObject, weakreflist) as Py_ssize_t,
    ..type_template(c"re.Pattern", std::mem::size_of::<PatternObject>(), 0)
};

const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

static PATTERN_METHODS: [PyMethodDef; 13] = [
    descr::method(c"match", p_match as *const _, FK),
    descr::method(c"fullmatch", p_fullmatch as *const _, FK),
    descr::method(c"search", p_search as *const _, FK),
    descr::method(c"sub", p_sub as *const _, FK),
    descr::method(c"subn", p_subn as *const _, FK),
    descr::method(c"findall", p_findall as *const _, FK),
    descr::method(c"split", p_split as *const _, FK),
    descr::method(c"finditer", p_finditer as *const _, FK),
    descr::method(c"scanner", p_scanner as *const _, FK),
    descr::method(c"__copy__", p_copy as *const _, METH_NOARGS),
    descr::method(c"__deepcopy__", p_deepcopy as *const _, METH_O),
    crate::object::genericalias::CLASS_GETITEM,
    descr::METHOD_END,
];

static PATTERN_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef {
        name: c"pattern".as_ptr(),
        r#type: _Py_T_OBJECT,
        offset: std::mem::offset_of!(PatternObject, pattern) as Py_ssize_t,
        flags: Py_READONLY,
        doc: c"The pattern string from which the RE object was compiled.".as_ptr(),
    },
    PyMemberDef {
        name: c"flags".as_ptr(),
        r#type: Py_T_INT,
        offset: std::mem::offset_of!(PatternObject, flags) as Py_ssize_t,
        flags: Py_READONLY,
        doc: c"The regex matching flags.".as_ptr(),
    },
    PyMemberDef {
        name: c"groups".as_ptr(),
        r#type: Py_T_PYSSIZET,
        offset: std::mem::offset_of!(PatternObject, groups) as Py_ssize_t,
        flags: Py_READONLY,
        doc: c"The number of capturing groups in the pattern.".as_ptr(),
    },
    PyMemberDef {
        name: std::ptr::null(),
        r#type: 0,
        offset: 0,
        flags: 0,
        doc: std::ptr::null(),
    },
];

static PATTERN_GETSET: [PyGetSetDef; 2] = [
    descr::getset(c"groupindex", Some(p_groupindex), None),
    descr::GETSET_END,
];

/// The pattern object behind `op`.
///
/// # Safety
/// `op` is a `re.Pattern`.
pub unsafe fn pat<'a>(op: *mut PyObject) -> &'a PatternObject {
    // SAFETY: per the contract.
    unsafe { &*op.cast::<PatternObject>() }
}

impl PatternObject {
    pub fn code(&self) -> &[u32] {
        // SAFETY: code holds codesize words for the pattern's lifetime.
        unsafe { std::slice::from_raw_parts(self.code, self.codesize) }
    }

    pub fn hints(&self) -> &Hints {
        // SAFETY: hints is set once the code is validated and lives as
        // long as the pattern.
        unsafe { &*self.hints }
    }

    /// The first match at or after `st.start` (see `State::search`).
    pub fn search<C: Unit>(&self, st: &mut State<C>) -> PyResult<bool> {
        st.search(self.code()).map_err(engine_error)
    }
}

/// Whether `op` is a `re.Pattern`.
pub unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: op is a live object.
    unsafe { (*op).ob_type == &raw mut PATTERN_TYPE }
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub unsafe fn compile(
    pattern: *mut PyObject,
    flags: c_int,
    code: *mut PyObject,
    groups: Py_ssize_t,
    groupindex: *mut PyObject,
    indexgroup: *mut PyObject,
) -> PyResult<Owned> {
    // SAFETY: code is a list, groupindex a dict, indexgroup a tuple (checked
    // by the caller); the new object is filled before anyone sees it.
    unsafe {
        let items = list::items(code);
        let mut words = Vec::with_capacity(items.len());
        for &o in items {
            if !int::check(o) {
                return Err(errors::type_error("an integer is required"));
            }
            let Some(v) = int::as_u64(o) else {
                return Err(errors::overflow_error(if int::sign(o) < 0 {
                    "can't convert negative value to unsigned int"
                } else {
                    "Python int too large to convert to C unsigned long"
                }));
            };
            if v > u32::MAX as u64 {
                return Err(errors::overflow_error(
                    "regular expression code size limit exceeded",
                ));
            }
            words.push(v as u32);
        }
        let isbytes = if pattern == none::none() {
            -1
        } else {
            Subject::open(pattern)?.isbytes as c_int
        };
        let op = crate::object::alloc::generic_alloc(&raw mut PATTERN_TYPE, 0);
        if op.is_null() {
            return Err(Raised::assume());
        }
        let boxed = words.into_boxed_slice();
        let p = op.cast::<PatternObject>();
        (*p).codesize = boxed.len();
        (*p).code = Box::into_raw(boxed).cast();
        (*p).pattern = incref_ret(pattern);
        (*p).flags = flags;
        (*p).isbytes = isbytes;
        (*p).groups = groups;
        if dict::len(groupindex) > 0 {
            (*p).groupindex = incref_ret(groupindex);
            if tuple::size(indexgroup) > 0 {
                (*p).indexgroup = incref_ret(indexgroup);
            }
        }
        crate::object::gc::track(op);
        let this = Owned::from_raw_unchecked(op);
        let mut sets = Vec::new();
        if groups < 0 || !super::validate::validate((*p).code(), groups as usize, &mut sets) {
            return Err(errors::runtime_error("invalid SRE code"));
        }
        (*p).hints = Box::into_raw(Box::new(Hints::new((*p).code(), &sets)));
        Ok(this)
    }
}

unsafe fn incref_ret(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: o is live.
    unsafe { incref(o) };
    o
}

unsafe extern "C" fn pattern_dealloc(op: *mut PyObject) {
    // SAFETY: refcount reached zero; the fields are owned or NULL.
    unsafe {
        crate::object::gc::untrack(op);
        let p = op.cast::<PatternObject>();
        if !(*p).weakreflist.is_null() {
            crate::object::weakref::clear_weakrefs(op);
        }
        for o in [(*p).groupindex, (*p).indexgroup, (*p).pattern] {
            errors::release(o);
        }
        if !(*p).code.is_null() {
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                (*p).code,
                (*p).codesize,
            )));
        }
        if !(*p).hints.is_null() {
            drop(Box::from_raw((*p).hints));
        }
        crate::object::alloc::gc_free(op.cast());
    }
}

unsafe extern "C" fn pattern_traverse(
    op: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: op is a pattern owning these fields (or NULL).
    unsafe {
        let p = op.cast::<PatternObject>();
        crate::object::gc::visit_all(
            &[(*p).groupindex, (*p).indexgroup, (*p).pattern],
            visit,
            arg,
        )
    }
}

/// A `Py_ssize_t` argument (Argument Clinic's converter).
pub unsafe fn ssize_arg(o: *mut PyObject, default: isize) -> PyResult<isize> {
    if o.is_null() {
        return Ok(default);
    }
    // SAFETY: o is a live object.
    unsafe {
        if float::check(o) {
            return Err(errors::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        let i = number::index(o)?;
        int::as_i64(i.as_ptr()).map(|v| v as isize)
    }
}

/// Turns a matcher failure into the Python exception CPython raises.
pub fn engine_error(e: engine::Error) -> Raised {
    match e {
        engine::Error::Interrupted => Raised::assume(),
        engine::Error::Recursion => errors::recursion_error("maximum recursion limit exceeded"),
        engine::Error::Internal => {
            errors::runtime_error("internal error in regular expression engine")
        }
    }
}

/// Opens `string` for matching with this pattern and clamps `pos` and
/// `endpos` to it (`state_init`).
pub unsafe fn open_subject(
    p: &PatternObject,
    string: *mut PyObject,
    pos: isize,
    endpos: isize,
) -> PyResult<(Subject, usize, usize)> {
    // SAFETY: string is a live object.
    let s = unsafe { Subject::open(string)? };
    if s.isbytes && p.isbytes == 0 {
        return Err(errors::type_error(
            "cannot use a string pattern on a bytes-like object",
        ));
    }
    if !s.isbytes && p.isbytes > 0 {
        return Err(errors::type_error(
            "cannot use a bytes pattern on a string-like object",
        ));
    }
    let clamp = |v: isize| (v.max(0) as usize).min(s.len);
    let (a, b) = (clamp(pos), clamp(endpos));
    Ok((s, a, b))
}

/// How a match is looked for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Match,
    FullMatch,
    Search,
}

/// One match attempt from `start` (`pos` is what the match object
/// reports); the match object or None, and the span found.
#[allow(clippy::too_many_arguments)]
pub unsafe fn match_once<C: Unit>(
    op: *mut PyObject,
    s: &Subject,
    text: &[C],
    pos: usize,
    start: usize,
    end: usize,
    mode: Mode,
    must_advance: bool,
) -> PyResult<(Owned, Option<(usize, usize)>)> {
    // SAFETY: op is a pattern.
    let p = unsafe { pat(op) };
    let mut st = State::new(text, end, p.groups as usize, start, p.hints());
    st.must_advance = must_advance;
    let found = match mode {
        Mode::Search => st.search(p.code()),
        Mode::Match | Mode::FullMatch => {
            st.match_all = mode == Mode::FullMatch;
            st.run(p.code(), 0, true)
        }
    }
    .map_err(engine_error)?;
    if !found {
        return Ok((Owned::from_borrowed_static(none::none()), None));
    }
    // SAFETY: op is a pattern, s its subject.
    let m = unsafe { matchobj::new(op, s, &st, pos, end)? };
    Ok((m, Some((st.start, st.ptr))))
}

unsafe fn string_pos_endpos(
    name: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> PyResult<(*mut PyObject, isize, isize)> {
    // SAFETY: fastcall arguments.
    unsafe {
        let [s, pos, endpos] = parse_fast_kw(
            name,
            args,
            nargs,
            kwnames,
            ["string", "pos", "endpos"],
            0,
            1,
        )?;
        Ok((s, ssize_arg(pos, 0)?, ssize_arg(endpos, isize::MAX)?))
    }
}

unsafe fn match_method(
    op: *mut PyObject,
    name: &str,
    mode: Mode,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern; fastcall arguments.
        unsafe {
            let (string, pos, endpos) = string_pos_endpos(name, args, nargs, kwnames)?;
            let (s, a, b) = open_subject(pat(op), string, pos, endpos)?;
            with_units!(s, |t| match_once(op, &s, t, a, a, b, mode, false)).map(|r| r.0)
        }
    })
}

unsafe extern "C" fn p_match(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { match_method(op, "match", Mode::Match, args, nargs, kwnames) }
}

unsafe extern "C" fn p_fullmatch(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { match_method(op, "fullmatch", Mode::FullMatch, args, nargs, kwnames) }
}

unsafe extern "C" fn p_search(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { match_method(op, "search", Mode::Search, args, nargs, kwnames) }
}

/// Group `g` (1-based) of the state's match as a slice, or `empty`
/// (an empty slice when true, None otherwise) if it did not take part.
fn group_slice<C: Unit>(s: &Subject, st: &State<C>, g: usize, empty: bool) -> PyResult<Owned> {
    match st.group_span(g) {
        Some((a, b)) if a <= b => s.slice(a, b),
        Some(_) => Err(errors::system_error(
            "The span of capturing group is wrong, please report a bug for the re module.",
        )),
        None if empty => s.slice(0, 0),
        None => Ok(Owned::from_borrowed_static(none::none())),
    }
}

fn findall<C: Unit>(
    p: &PatternObject,
    s: &Subject,
    text: &[C],
    start: usize,
    end: usize,
) -> PyResult<Owned> {
    let out = list::new(0)?;
    let groups = p.groups as usize;
    let mut st = State::new(text, end, groups, start, p.hints());
    while st.start <= end {
        st.reset();
        st.ptr = st.start;
        if !p.search(&mut st)? {
            break;
        }
        let item = match groups {
            0 => s.slice(st.start, st.ptr)?,
            1 => group_slice(s, &st, 1, true)?,
            _ => tuple::from_vec(
                (1..=groups)
                    .map(|g| group_slice(s, &st, g, true))
                    .collect::<PyResult<Vec<_>>>()?,
            )?,
        };
        // SAFETY: out is a list.
        unsafe { list::append(out.as_ptr(), item.as_ptr())? };
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    Ok(out)
}

unsafe extern "C" fn p_findall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern; fastcall arguments.
        unsafe {
            let (string, pos, endpos) = string_pos_endpos("findall", args, nargs, kwnames)?;
            let p = pat(op);
            let (s, a, b) = open_subject(p, string, pos, endpos)?;
            with_units!(s, |t| findall(p, &s, t, a, b))
        }
    })
}

unsafe extern "C" fn p_finditer(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern; fastcall arguments.
        unsafe {
            let (string, pos, endpos) = string_pos_endpos("finditer", args, nargs, kwnames)?;
            let sc = scanner::new(op, string, pos, endpos)?;
            let search = protocol::getattr_str(sc.as_ptr(), "search")?;
            crate::object::calliter::new(search.as_ptr(), none::none())
        }
    })
}

unsafe extern "C" fn p_scanner(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern; fastcall arguments.
        unsafe {
            let (string, pos, endpos) = string_pos_endpos("scanner", args, nargs, kwnames)?;
            scanner::new(op, string, pos, endpos)
        }
    })
}

fn split<C: Unit>(p: &PatternObject, s: &Subject, text: &[C], maxsplit: isize) -> PyResult<Owned> {
    let out = list::new(0)?;
    let groups = p.groups as usize;
    let end = text.len();
    let mut st = State::new(text, end, groups, 0, p.hints());
    let mut n = 0;
    let mut last = 0;
    // SAFETY: out is a list.
    let push = |o: Owned| unsafe { list::append(out.as_ptr(), o.as_ptr()) };
    while maxsplit == 0 || n < maxsplit {
        st.reset();
        st.ptr = st.start;
        if !p.search(&mut st)? {
            break;
        }
        push(s.slice(last, st.start)?)?;
        for g in 1..=groups {
            push(group_slice(s, &st, g, false)?)?;
        }
        n += 1;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
        last = st.ptr;
    }
    push(s.slice(last, end)?)?;
    Ok(out)
}

unsafe extern "C" fn p_split(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern; fastcall arguments.
        unsafe {
            let [string, maxsplit] =
                parse_fast_kw("split", args, nargs, kwnames, ["string", "maxsplit"], 0, 1)?;
            let maxsplit = ssize_arg(maxsplit, 0)?;
            let p = pat(op);
            let (s, _, _) = open_subject(p, string, 0, isize::MAX)?;
            with_units!(s, |t| split(p, &s, t, maxsplit))
        }
    })
}

/// What replaces each match in `sub`.
enum Filter {
    Literal(Owned),
    Template(Owned),
    Callable(Owned),
}

unsafe fn subx<C: Unit>(
    op: *mut PyObject,
    filter: &Filter,
    s: &Subject,
    text: &[C],
    count: isize,
) -> PyResult<(Owned, isize)> {
    // SAFETY: op is a pattern.
    let p = unsafe { pat(op) };
    let pieces = list::new(0)?;
    // SAFETY: pieces is a list.
    let push = |o: *mut PyObject| unsafe { list::append(pieces.as_ptr(), o) };
    let end = text.len();
    let mut st = State::new(text, end, p.groups as usize, 0, p.hints());
    let (mut n, mut i) = (0, 0);
    while count == 0 || n < count {
        st.reset();
        st.ptr = st.start;
        if !p.search(&mut st)? {
            break;
        }
        let (b, e) = (st.start, st.ptr);
        if i < b {
            push(s.slice(i, b)?.as_ptr())?;
        }
        let item = match filter {
            Filter::Literal(l) => l.clone(),
            // SAFETY: op is a pattern, s its subject, st matched.
            Filter::Template(t) => unsafe {
                let m = matchobj::new(op, s, &st, 0, end)?;
                template::expand(t.as_ptr(), m.as_ptr())?
            },
            // SAFETY: as above; c is callable.
            Filter::Callable(c) => unsafe {
                let m = matchobj::new(op, s, &st, 0, end)?;
                protocol::call_args(c.as_ptr(), &[m.as_ptr()])?
            },
        };
        if item.as_ptr() != none::none() {
            push(item.as_ptr())?;
        }
        i = e;
        n += 1;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    if i < end {
        push(s.slice(i, end)?.as_ptr())?;
    }
    let joiner = s.slice(0, 0)?;
    // SAFETY: pieces is a list of str or bytes-like objects.
    let result = unsafe {
        if list::len(pieces.as_ptr()) == 0 {
            joiner
        } else if s.isbytes {
            errors::check(crate::object::bytes_methods::b_join(
                joiner.as_ptr(),
                pieces.as_ptr(),
            ))?
        } else {
            crate::object::str_methods::join(joiner.as_ptr(), pieces.as_ptr())?
        }
    };
    Ok((result, n))
}

/// Whether `repl` is a str or bytes-like object without a backslash.
unsafe fn is_literal(repl: *mut PyObject) -> bool {
    // SAFETY: repl is live.
    match unsafe { Subject::open(repl) } {
        Ok(s) => with_units!(s, |t| !t.iter().any(|&c| c.get() == b'\\' as u32)),
        Err(_) => {
            errors::clear();
            false
        }
    }
}

unsafe fn sub_method(
    op: *mut PyObject,
    name: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> PyResult<(Owned, isize)> {
    // SAFETY: op is a pattern; fastcall arguments.
    unsafe {
        let [repl, string, count] = parse_fast_kw(
            name,
            args,
            nargs,
            kwnames,
            ["repl", "string", "count"],
            0,
            2,
        )?;
        let count = ssize_arg(count, 0)?;
        let filter = if (*(*repl).ob_type).tp_call.is_some() {
            Filter::Callable(Owned::from_borrowed(repl))
        } else if is_literal(repl) {
            Filter::Literal(Owned::from_borrowed(repl))
        } else {
            let t = template::compile_template(op, repl)?;
            match template::literal_only(t.as_ptr()) {
                Some(l) => Filter::Literal(l),
                None => Filter::Template(t),
            }
        };
        let (s, _, _) = open_subject(pat(op), string, 0, isize::MAX)?;
        with_units!(s, |t| subx(op, &filter, &s, t, count))
    }
}

unsafe extern "C" fn p_sub(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    guard_obj(|| unsafe { sub_method(op, "sub", args, nargs, kwnames) }.map(|r| r.0))
}

unsafe extern "C" fn p_subn(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: forwarded.
        let (s, n) = unsafe { sub_method(op, "subn", args, nargs, kwnames)? };
        let n = int::from_i64(n as i64)?;
        tuple::pack(&[s.as_ptr(), n.as_ptr()])
    })
}

unsafe extern "C" fn p_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is live.
    unsafe { incref_ret(op) }
}

unsafe extern "C" fn p_deepcopy(op: *mut PyObject, _memo: *mut PyObject) -> *mut PyObject {
    // SAFETY: op is live.
    unsafe { incref_ret(op) }
}

unsafe extern "C" fn p_groupindex(op: *mut PyObject, _: *mut libc::c_void) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern.
        unsafe {
            let gi = pat(op).groupindex;
            if gi.is_null() {
                dict::new()
            } else {
                crate::object::mappingproxy::new(gi)
            }
        }
    })
}

/// Cuts a repr to `n` characters, as `%.<n>R` does.
pub unsafe fn repr_cut(o: *mut PyObject, n: usize) -> PyResult<String> {
    // SAFETY: o is live.
    let r = unsafe { protocol::repr_string(o)? };
    Ok(match r.char_indices().nth(n) {
        Some((i, _)) => r[..i].to_string(),
        None => r,
    })
}

const FLAG_NAMES: [(&str, c_int); 8] = [
    ("re.IGNORECASE", FLAG_IGNORECASE),
    ("re.LOCALE", FLAG_LOCALE),
    ("re.MULTILINE", FLAG_MULTILINE),
    ("re.DOTALL", FLAG_DOTALL),
    ("re.UNICODE", FLAG_UNICODE),
    ("re.VERBOSE", FLAG_VERBOSE),
    ("re.DEBUG", FLAG_DEBUG),
    ("re.ASCII", FLAG_ASCII),
];

unsafe extern "C" fn pattern_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: op is a pattern.
        unsafe {
            let p = pat(op);
            let mut flags = p.flags;
            if p.isbytes == 0 && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE {
                flags &= !FLAG_UNICODE;
            }
            let mut names: Vec<String> = Vec::new();
            for (n, v) in FLAG_NAMES {
                if flags & v != 0 {
                    names.push(n.to_string());
                    flags &= !v;
                }
            }
            if flags != 0 {
                names.push(format!("0x{:x}", flags));
            }
            let src = repr_cut(p.pattern, 200)?;
            pystr::from_str(&if names.is_empty() {
                format!("re.compile({src})")
            } else {
                format!("re.compile({src}, {})", names.join("|"))
            })
        }
    })
}

unsafe extern "C" fn pattern_hash(op: *mut PyObject) -> Py_hash_t {
    crate::capi::boundary::guard(|| {
        // SAFETY: op is a pattern.
        unsafe {
            let p = pat(op);
            let Ok(mut h) = protocol::hash(p.pattern) else {
                return -1;
            };
            let words: Vec<u8> = p.code().iter().flat_map(|w| w.to_ne_bytes()).collect();
            h ^= crate::object::hash::hash_bytes(&words);
            h ^= p.flags as Py_hash_t;
            h ^= p.isbytes as Py_hash_t;
            h ^= p.codesize as Py_hash_t;
            if h == -1 {
                -2
            } else {
                h
            }
        }
    })
}

unsafe extern "C" fn pattern_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: a is a pattern, b live.
        unsafe {
            if (op != Py_EQ && op != Py_NE) || !check(b) {
                return Ok(Owned::from_borrowed_static(none::not_implemented()));
            }
            let mut eq = a == b;
            if !eq {
                let (l, r) = (pat(a), pat(b));
                eq = l.flags == r.flags && l.isbytes == r.isbytes && l.code() == r.code();
                if eq {
                    eq = protocol::rich_compare_bool(l.pattern, r.pattern, Py_EQ)?;
                }
            }
            Ok(Owned::from_borrowed_static(pybool::from_bool(
                eq == (op == Py_EQ),
            )))
        }
    })
}

/// Type check helper for `_sre.compile`'s arguments.
pub unsafe fn require(o: *mut PyObject, ok: bool, what: &str, name: &str) -> PyResult<()> {
    if ok {
        return Ok(());
    }
    Err(errors::type_error(format!(
        "compile() argument '{name}' must be {what}, not {}",
        // SAFETY: o is live.
        unsafe { type_name(o) }
    )))
}
