//! Where a traced frame raises line events (CPython's `initialize_lines`
//! and `_Py_call_instrumentation_line` in `Python/instrumentation.c`).
//!
//! An instruction starts a line when its line differs from that of the
//! instruction before it in the code, or when it is a jump target or an
//! exception handler (and has a line); `RESUME`, `END_SEND` and
//! `END_ASYNC_FOR` never do (a jump over `END_SEND` marks the instruction
//! after it). A line event is raised on reaching such an instruction,
//! unless the instruction run just before it had the same line and was
//! not `RESUME`. A backward `JUMP_BACKWARD` to the line it is on raises
//! one more (`sys_trace_jump_func`).
use crate::vm::code::{line_of, CodeData};
use ferrython_compiler::bytecode::Opcode;

/// One instruction: its first unit (its `EXTENDED_ARG` prefixes
/// included), opcode, argument, and the unit after it and its caches.
struct Instr {
    start: usize,
    op: Option<Opcode>,
    arg: usize,
    next: usize,
}

/// The instructions of `units`, in order.
fn instructions(units: &[u16]) -> impl Iterator<Item = Instr> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= units.len() {
            return None;
        }
        let start = i;
        let mut arg = 0usize;
        let mut op;
        loop {
            let u = units[i];
            i += 1;
            op = Opcode::from_u8((u & 0xff) as u8);
            arg = (arg << 8) | (u >> 8) as usize;
            if op != Some(Opcode::EXTENDED_ARG) || i >= units.len() {
                break;
            }
        }
        i += op.map_or(0, Opcode::cache_entries);
        Some(Instr {
            start,
            op,
            arg,
            next: i,
        })
    })
}

/// The base opcode at unit `i` of `cd`'s code.
fn opcode_at(cd: &CodeData, i: usize) -> Option<Opcode> {
    cd.code
        .get(i)
        .and_then(|&u| Opcode::from_u8((u & 0xff) as u8))
}

/// Per code unit: whether the instruction starting there starts a line.
fn compute(cd: &CodeData) -> Box<[bool]> {
    let n = cd.code.len();
    let mut starts = vec![false; n];
    let mut current = None;
    for ins in instructions(&cd.code) {
        if matches!(
            ins.op,
            Some(Opcode::RESUME | Opcode::END_SEND | Opcode::END_ASYNC_FOR)
        ) {
            continue;
        }
        let line = line_of(cd, ins.start);
        starts[ins.start] = line.is_some() && line != current;
        current = line;
    }
    let mut mark = |mut target: usize, skip_end_send: bool| {
        if skip_end_send && opcode_at(cd, target) == Some(Opcode::END_SEND) {
            target += 1;
        }
        if target < n
            && line_of(cd, target).is_some()
            && opcode_at(cd, target) != Some(Opcode::END_ASYNC_FOR)
        {
            starts[target] = true;
        }
    };
    for ins in instructions(&cd.code) {
        match ins.op {
            Some(op) if op.is_forward_jump() => mark(ins.next + ins.arg, true),
            Some(op) if op.is_backward_jump() => mark(ins.next.saturating_sub(ins.arg), true),
            _ => {}
        }
    }
    for h in &cd.exceptiontable {
        mark(h.target as usize, false);
    }
    starts.into_boxed_slice()
}

/// Whether reaching the instruction at unit `at`, after running the one
/// at unit `prev`, raises a line event; its line if so.
pub fn line_event_at(cd: &CodeData, at: usize, prev: usize) -> Option<u32> {
    let starts = cd.line_starts.get_or_init(|| compute(cd));
    if !starts.get(at).copied().unwrap_or(false) {
        return None;
    }
    let line = line_of(cd, at)?;
    if line_of(cd, prev) == Some(line) && opcode_at(cd, prev) != Some(Opcode::RESUME) {
        return None;
    }
    Some(line)
}
