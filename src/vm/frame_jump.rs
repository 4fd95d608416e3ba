//! Assigning `frame.f_lineno` from a trace function's `line` event, or
//! from the `call` and `return` events of a generator resuming and
//! yielding: a jump (CPython's `frame_setlineno` and `mark_stacks` in
//! `Objects/frameobject.c`).
//!
//! The value stack is modelled per instruction as a list of kinds
//! (iterator, exception, object, NULL, saved `lasti`), three bits each in
//! an `i64`; a jump is allowed to an instruction starting the wanted line
//! whose modelled stack is a prefix-compatible part of the current one.
//! The values above it are popped (a saved exception is restored as the
//! handled one, as `POP_EXCEPT` would), locals left unbound get None, and
//! the loop goes on at the target (`PyFrameObject::pending_jump`).
use crate::ffi::PyObject;
use crate::object::refcount::xdecref;
use crate::object::{exceptions as exc, int, none, str as pystr};
use crate::runtime::errors::{self, PyResult};
use crate::vm::code::{self, CodeData};
use crate::vm::frame::{fr, slots};
use crate::vm::tracing::{self, Event};
use ferrython_compiler::bytecode::{Opcode, NO_LINE};

const ITERATOR: i64 = 1;
const EXCEPT: i64 = 2;
const OBJECT: i64 = 3;
const NULL: i64 = 4;
const LASTI: i64 = 5;

const BITS: u32 = 3;
const MASK: i64 = (1 << BITS) - 1;
const UNINITIALIZED: i64 = -2;
const OVERFLOWED: i64 = -1;
const WILL_OVERFLOW: u64 = 1 << ((63 / BITS - 1) * BITS);

fn push(stack: i64, kind: i64) -> i64 {
    if stack < 0 || stack as u64 >= WILL_OVERFLOW {
        OVERFLOWED
    } else {
        (stack << BITS) | kind
    }
}

fn pop(stack: i64) -> i64 {
    stack >> BITS
}

fn top(stack: i64) -> i64 {
    stack & MASK
}

fn peek(stack: i64, n: u32) -> i64 {
    (stack >> (BITS * (n - 1))) & MASK
}

fn swap(stack: i64, n: u32) -> i64 {
    let shift = BITS * (n - 1);
    let low = (stack & !(MASK << shift)) | (top(stack) << shift);
    (low & !MASK) | peek(stack, n)
}

fn pop_to_level(mut stack: i64, level: u32) -> i64 {
    if level == 0 {
        return 0;
    }
    let max = MASK << ((level - 1) * BITS);
    while stack > max {
        stack = pop(stack);
    }
    stack
}

/// The modelled stack before each code unit (`UNINITIALIZED` where
/// unreachable).
fn mark_stacks(cd: &CodeData) -> Vec<i64> {
    let units = &cd.code;
    let len = units.len();
    let mut stacks = vec![UNINITIALIZED; len + 1];
    // (CPython's generators start with the sent None on the stack; here
    // RETURN_GENERATOR pushes it, as its stack effect says.)
    stacks[0] = 0;
    let set = |stacks: &mut Vec<i64>, j: usize, s: i64| {
        if j <= len {
            stacks[j] = s;
        }
    };
    let mut todo = true;
    while todo {
        todo = false;
        let mut i = 0;
        while i < len {
            let mut next = stacks[i];
            let mut arg = 0u32;
            let mut op = Opcode::from_u8((units[i] & 0xff) as u8);
            while op == Some(Opcode::EXTENDED_ARG) && i + 1 < len {
                arg = (arg << 8) | (units[i] >> 8) as u32;
                i += 1;
                op = Opcode::from_u8((units[i] & 0xff) as u8);
                stacks[i] = next;
            }
            arg = (arg << 8) | (units[i] >> 8) as u32;
            let Some(op) = op else {
                i += 1;
                continue;
            };
            let next_i = i + 1 + op.cache_entries();
            if next == UNINITIALIZED {
                i = next_i;
                continue;
            }
            let a = arg as usize;
            use Opcode::*;
            match op {
                POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => {
                    next = pop(next);
                    set(&mut stacks, next_i + a, next);
                    set(&mut stacks, next_i, next);
                }
                SEND => {
                    set(&mut stacks, next_i + a, next);
                    set(&mut stacks, next_i, next);
                }
                JUMP_FORWARD => set(&mut stacks, next_i + a, next),
                JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT => {
                    let j = next_i.saturating_sub(a);
                    if stacks[j] == UNINITIALIZED && j < i {
                        todo = true;
                    }
                    set(&mut stacks, j, next);
                }
                GET_ITER | GET_AITER => {
                    next = push(pop(next), ITERATOR);
                    set(&mut stacks, next_i, next);
                }
                FOR_ITER => {
                    // No END_FOR here: the exhausted iterator is popped.
                    set(&mut stacks, next_i, push(next, OBJECT));
                    set(&mut stacks, next_i + a, pop(next));
                }
                END_ASYNC_FOR => set(&mut stacks, next_i, pop(pop(next))),
                PUSH_EXC_INFO => set(&mut stacks, next_i, push(next, EXCEPT)),
                POP_EXCEPT => set(&mut stacks, next_i, pop(next)),
                RETURN_VALUE | RETURN_CONST | RAISE_VARARGS | RERAISE => {}
                PUSH_NULL => set(&mut stacks, next_i, push(next, NULL)),
                LOAD_GLOBAL => {
                    if arg & 1 != 0 {
                        next = push(next, NULL);
                    }
                    set(&mut stacks, next_i, push(next, OBJECT));
                }
                LOAD_ATTR if arg & 1 != 0 => {
                    set(&mut stacks, next_i, push(push(pop(next), NULL), OBJECT));
                }
                SWAP if arg >= 1 => set(&mut stacks, next_i, swap(next, arg)),
                COPY if arg >= 1 => set(&mut stacks, next_i, push(next, peek(next, arg))),
                _ => {
                    let (delta, _) = op.stack_effect(arg);
                    for _ in delta..0 {
                        next = pop(next);
                    }
                    for _ in 0..delta.max(0) {
                        next = push(next, OBJECT);
                    }
                    set(&mut stacks, next_i, next);
                }
            }
            i = next_i;
        }
        for h in &cd.exceptiontable {
            let (start, target) = (h.start as usize, h.target as usize);
            if start < len && stacks[start] != UNINITIALIZED && stacks[target] == UNINITIALIZED {
                todo = true;
                let mut s = pop_to_level(stacks[start], h.depth);
                if h.lasti {
                    s = push(s, LASTI);
                }
                stacks[target] = push(s, EXCEPT);
            }
        }
    }
    stacks
}

fn compatible_kind(from: i64, to: i64) -> bool {
    match to {
        0 => false,
        OBJECT => from != NULL,
        NULL => true,
        _ => from == to,
    }
}

fn compatible(mut from: i64, mut to: i64) -> bool {
    if from < 0 || to < 0 {
        return false;
    }
    while from > to {
        from = pop(from);
    }
    while from != 0 {
        if !compatible_kind(top(from), top(to)) {
            return false;
        }
        from = pop(from);
        to = pop(to);
    }
    to == 0
}

fn explain(to: i64) -> &'static str {
    match to {
        OVERFLOWED => "stack is too deep to analyze",
        UNINITIALIZED => "can't jump into an exception handler, or code may be unreachable",
        _ => match top(to) {
            EXCEPT => "can't jump into an 'except' block as there's no exception",
            LASTI => "can't jump into a re-raising block as there's no location",
            ITERATOR => "can't jump into the body of a for loop",
            _ => "incompatible stacks",
        },
    }
}

/// Per code unit: the line that starts there (0 for none).
fn mark_lines(cd: &CodeData) -> Vec<u32> {
    let mut lines = vec![0; cd.code.len()];
    let mut last = 0;
    for e in cd.linetable.entries() {
        // Line 0 (a module's prologue) comes before any code one can jump to.
        if e.lineno != last
            && e.lineno != 0
            && e.lineno != NO_LINE
            && (e.start as usize) < lines.len()
        {
            lines[e.start as usize] = e.lineno;
            last = e.lineno;
        }
    }
    lines
}

/// Whether the `call` event being raised for frame `f` is a generator's
/// resumption after a yield (CPython's `PY_RESUME`, where a jump is
/// allowed), not the start of a new frame.
unsafe fn resuming(f: *mut PyObject) -> bool {
    // SAFETY: f is a frame; its code object is alive.
    unsafe {
        let fo = fr(f);
        let Ok(at) = usize::try_from(fo.lasti()) else {
            return false;
        };
        let unit = code::data(fo.code).code[at];
        unit & 0xff == Opcode::RESUME as u16 && (unit >> 8) & 3 != 0
    }
}

/// Whether the `return` event being raised for frame `f` is a generator's
/// yield (CPython's `PY_YIELD`, where a jump is allowed: it takes effect
/// when the generator resumes). The event is reported at the `RESUME`
/// after the `YIELD_VALUE`.
unsafe fn yielding(f: *mut PyObject) -> bool {
    // SAFETY: f is a frame; its code object is alive.
    unsafe {
        let fo = fr(f);
        if fo.generator.is_null() || fo.executing != 0 || fo.lasti() < 1 {
            return false;
        }
        let cd = code::data(fo.code);
        cd.code[fo.lasti() as usize - 1] & 0xff == Opcode::YIELD_VALUE as u16
    }
}

/// `frame.f_lineno = value` for frame `f`.
pub unsafe fn set_lineno(f: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: f is a frame; value NULL (delete) or valid.
    unsafe {
        if value.is_null() {
            return Err(errors::attribute_error("cannot delete attribute"));
        }
        if (*value).ob_type != &raw mut crate::object::int::PyLong_Type {
            return Err(errors::value_error("lineno must be an integer"));
        }
        let suspending = match tracing::current_event(f) {
            None => {
                return Err(errors::value_error(
                    "f_lineno can only be set in a trace function",
                ))
            }
            Some(Event::Line) => false,
            Some(Event::Call) if resuming(f) => false,
            Some(Event::Return) if yielding(f) => true,
            Some(Event::Call) => {
                return Err(errors::value_error(
                    "can't jump from the 'call' trace event of a new frame",
                ))
            }
            Some(Event::CCall | Event::CReturn) => {
                return Err(errors::value_error("can't jump during a call"))
            }
            Some(_) => {
                return Err(errors::value_error(
                    "can only jump from a 'line' trace event",
                ))
            }
        };
        let wanted = match int::as_i64(value) {
            Ok(v) if i32::try_from(v).is_ok() => v,
            _ => {
                errors::clear();
                return Err(errors::value_error("lineno out of range"));
            }
        };
        let fo = fr(f);
        let cd = code::data(fo.code);
        if wanted < cd.firstlineno as i64 {
            return Err(errors::value_error(format!(
                "line {wanted} comes before the current code block"
            )));
        }
        let lines = mark_lines(cd);
        let Some(new_line) = lines
            .iter()
            .copied()
            .filter(|&l| l != 0 && l as i64 >= wanted)
            .min()
        else {
            return Err(errors::value_error(format!(
                "line {wanted} comes after the current code block"
            )));
        };
        let stacks = mark_stacks(cd);
        let mut start = stacks[fo.lasti().max(0) as usize];
        if suspending && start > 0 {
            // The value sent in when it resumes is not on the stack yet:
            // after the jump none is (see `genobject::send_ex`).
            start = pop(start);
        }
        let mut best = OVERFLOWED;
        let mut best_at = 0;
        // As CPython: `err` < 0 while nothing fits and no reason is
        // settled, 1 once a reason is, 0 once a target fits.
        let mut err = -1;
        let mut msg = "cannot find bytecode for specified line";
        for (i, &l) in lines.iter().enumerate() {
            if l != new_line {
                continue;
            }
            let target = stacks[i];
            if compatible(start, target) {
                err = 0;
                if target > best {
                    best = target;
                    best_at = i;
                }
            } else if err < 0 {
                if start == OVERFLOWED {
                    msg = "stack to deep to analyze";
                } else if start == UNINITIALIZED {
                    msg = "can't jump from unreachable code";
                } else {
                    msg = explain(target);
                    err = 1;
                }
            }
        }
        if err != 0 {
            return Err(errors::value_error(msg));
        }
        // The model must agree with the frame, or popping would go wrong.
        let depth = |mut s: i64| {
            let mut n = 0;
            while s > 0 {
                s = pop(s);
                n += 1;
            }
            n
        };
        if depth(start) != fo.stacktop {
            return Err(errors::value_error("incompatible stacks"));
        }
        let locals = slots(f);
        let n = fo.nlocalsplus as usize;
        let unbound = (0..n).filter(|&i| (*locals.add(i)).is_null()).count();
        if unbound > 0 {
            let m = pystr::from_str(&format!(
                "assigning None to {unbound} unbound local{}",
                if unbound == 1 { "" } else { "s" }
            ))?;
            crate::modules::_warnings::warn(
                exc::PyExc_RuntimeWarning,
                m.as_ptr(),
                0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )?;
            for i in 0..n {
                if (*locals.add(i)).is_null() {
                    *locals.add(i) = crate::object::refcount::new_ref(none::none());
                }
            }
        }
        while start > best {
            fo.stacktop -= 1;
            let slot = locals.add(n + fo.stacktop as usize);
            let v = std::mem::replace(&mut *slot, std::ptr::null_mut());
            if top(start) == EXCEPT {
                // The exception handled before this handler ran is
                // current again, as after POP_EXCEPT.
                let ts = crate::runtime::tstate::get();
                let v = if v == none::none() {
                    xdecref(v);
                    std::ptr::null_mut()
                } else {
                    v
                };
                xdecref(std::mem::replace(&mut ts.handled_exception, v));
            } else {
                xdecref(v);
            }
            start = pop(start);
        }
        fo.pending_jump = best_at as i32;
        Ok(())
    }
}
