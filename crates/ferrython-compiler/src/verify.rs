//! A bytecode verifier: checks the invariants the eval loop relies on, so
//! it can skip them at run time. The tests run it on every compiled code
//! object; `marshal.loads`, `types.CodeType(...)` and `code.replace(...)`
//! run it on code that did not come from the compiler, so it must answer
//! (never panic) on any input.
//!
//! Checked: the instructions decode to known opcodes with their caches
//! inside the code; arguments index existing constants/names/locals (cell
//! instructions name cell or free slots), and enumerated arguments are in
//! range; jumps and handlers land on instruction starts; the value stack
//! depth is the same on every path into an instruction, never below what
//! the instruction reads, and never above `stacksize`; yields only in
//! generators and coroutines; nested code objects too. Not checked: the
//! kinds of the values on the stack (a `NULL` marker where an object is
//! expected), which the compiler's instruction patterns guarantee.

use crate::bytecode::{co_flags, fast_kind, jump_target, CodeObject, Constant, Opcode};

/// Verify `code` and every nested code object.
pub fn verify(code: &CodeObject) -> Result<(), String> {
    verify_code(code, code.consts.len()).map_err(|e| format!("{}: {e}", code.qualname))?;
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}

/// How many values an instruction reads from the stack (pops, and peeks
/// below what it pops); the depth before it must be at least this.
fn stack_inputs(op: Opcode, arg: u32) -> i64 {
    use Opcode::*;
    let a = i64::from(arg);
    match op {
        COPY | SWAP => a,
        LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE => a + 1,
        MAP_ADD => a + 2,
        // The callable three slots under the target is read for messages.
        DICT_MERGE => a + 4,
        END_SEND | SEND | END_ASYNC_FOR => 2,
        CLEANUP_THROW => 3,
        WITH_EXCEPT_START => 4,
        STORE_FAST_LOAD_FAST => 1,
        LOAD_ATTR | LOAD_FROM_DICT_OR_DEREF | LOAD_FROM_DICT_OR_GLOBALS => 1,
        LOAD_SUPER_ATTR => 3,
        UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT | TO_BOOL => 1,
        BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP | BINARY_SUBSCR => 2,
        BINARY_SLICE => 3,
        UNPACK_SEQUENCE | UNPACK_EX => 1,
        GET_ITER | GET_YIELD_FROM_ITER | GET_AITER | GET_ANEXT | GET_AWAITABLE | FOR_ITER => 1,
        CALL => a + 2,
        CALL_KW => a + 3,
        CALL_FUNCTION_EX => 3 + (a & 1),
        CALL_INTRINSIC_1 | MAKE_FUNCTION | IMPORT_FROM | PUSH_EXC_INFO => 1,
        CALL_INTRINSIC_2 | SET_FUNCTION_ATTRIBUTE | IMPORT_NAME => 2,
        RERAISE if arg > 0 => a + 1,
        CHECK_EXC_MATCH | CHECK_EG_MATCH | FORMAT_WITH_SPEC | MATCH_KEYS => 2,
        BEFORE_WITH | BEFORE_ASYNC_WITH | FORMAT_SIMPLE | CONVERT_VALUE => 1,
        MATCH_MAPPING | MATCH_SEQUENCE | GET_LEN | YIELD_VALUE => 1,
        MATCH_CLASS => 3,
        BUILD_INTERPOLATION => 2 + (a & 1),
        BUILD_TEMPLATE => 2,
        _ => -i64::from(op.stack_effect(arg).0.min(0)),
    }
}

/// Whether an enumerated argument is one the eval loop knows.
fn arg_in_range(op: Opcode, arg: u32) -> bool {
    use Opcode::*;
    match op {
        COPY => arg >= 1,
        SWAP => arg >= 2,
        BINARY_OP => (arg as usize) < crate::bytecode::BINARY_OP_SYMBOLS.len(),
        COMPARE_OP => ((arg >> 5) as usize) < crate::bytecode::COMPARE_OP_SYMBOLS.len(),
        IS_OP | CONTAINS_OP => arg <= 1,
        RAISE_VARARGS => arg <= 2,
        BUILD_SLICE => (2..=3).contains(&arg),
        CONVERT_VALUE => (1..=3).contains(&arg),
        SET_FUNCTION_ATTRIBUTE => matches!(arg, 0x01 | 0x02 | 0x04 | 0x08 | 0x10),
        LOAD_SMALL_INT => arg < 256,
        _ => true,
    }
}

/// Verify one code object (not the code objects among its constants),
/// whose constants table has `nconsts` entries.
pub fn verify_code(code: &CodeObject, nconsts: usize) -> Result<(), String> {
    use Opcode::*;
    let n = code.code.len();
    if n == 0 {
        return Err("no instructions".into());
    }
    let nlocals = code.localsplusnames.len();
    if code.localspluskinds.len() != nlocals {
        return Err("localsplusnames and localspluskinds differ in length".into());
    }
    let kind = |i: u32| code.localspluskinds.get(i as usize).copied().unwrap_or(0);
    let nfrees = code
        .localspluskinds
        .iter()
        .filter(|&&k| k & fast_kind::FREE != 0)
        .count();
    if code.localspluskinds[nlocals - nfrees..]
        .iter()
        .any(|&k| k & fast_kind::FREE == 0)
    {
        return Err("free variables are not the last locals".into());
    }
    // The arguments fill the first locals when the code is called.
    let star = u64::from(code.flags & co_flags::VARARGS != 0)
        + u64::from(code.flags & co_flags::VARKEYWORDS != 0);
    let nargs = u64::from(code.argcount) + u64::from(code.kwonlyargcount) + star;
    if code.posonlyargcount > code.argcount || nargs > (nlocals - nfrees) as u64 {
        return Err("the argument counts exceed the local variables".into());
    }
    // Decode, remembering instruction starts (EXTENDED_ARG prefixes
    // included); an instruction and its caches must end inside the code.
    let mut i = 0;
    let mut in_ext = false;
    while i < n {
        let unit = code.code[i];
        let Some(op) = Opcode::from_u8((unit & 0xff) as u8) else {
            return Err(format!("unknown opcode {}", unit & 0xff));
        };
        if op == CACHE {
            return Err(format!("offset {i}: CACHE where an instruction starts"));
        }
        in_ext = op == EXTENDED_ARG;
        i += 1 + op.cache_entries();
    }
    if in_ext || i != n {
        return Err("the last instruction is cut off".into());
    }
    let instrs = code.instructions();
    let mut is_start = vec![false; n + 1];
    for &(off, _, _) in &instrs {
        is_start[off as usize] = true;
    }
    let generator =
        code.flags & (co_flags::GENERATOR | co_flags::COROUTINE | co_flags::ASYNC_GENERATOR) != 0;
    let nlocals = nlocals as u32;
    for &(off, op, arg) in &instrs {
        let bad = |what: &str| {
            Err(format!(
                "offset {off}: {} arg {arg} out of range ({what})",
                op.name()
            ))
        };
        match op {
            LOAD_CONST | RETURN_CONST if arg as usize >= nconsts => return bad("consts"),
            LOAD_NAME
            | STORE_NAME
            | DELETE_NAME
            | STORE_GLOBAL
            | DELETE_GLOBAL
            | STORE_ATTR
            | DELETE_ATTR
            | IMPORT_NAME
            | IMPORT_FROM
            | LOAD_FROM_DICT_OR_GLOBALS
                if arg as usize >= code.names.len() =>
            {
                return bad("names")
            }
            LOAD_GLOBAL | LOAD_ATTR if (arg >> 1) as usize >= code.names.len() => {
                return bad("names")
            }
            LOAD_SUPER_ATTR if (arg >> 2) as usize >= code.names.len() => return bad("names"),
            LOAD_FAST
            | LOAD_FAST_CHECK
            | LOAD_FAST_AND_CLEAR
            | STORE_FAST
            | DELETE_FAST
            | LOAD_DEREF
            | STORE_DEREF
            | DELETE_DEREF
            | MAKE_CELL
            | LOAD_FROM_DICT_OR_DEREF
                if arg >= nlocals =>
            {
                return bad("localsplus")
            }
            LOAD_FAST_LOAD_FAST | STORE_FAST_LOAD_FAST | STORE_FAST_STORE_FAST
                if (arg >> 4) >= nlocals || (arg & 15) >= nlocals =>
            {
                return bad("localsplus")
            }
            _ => {}
        }
        let cell = fast_kind::CELL | fast_kind::FREE;
        match op {
            LOAD_DEREF | STORE_DEREF | DELETE_DEREF | LOAD_FROM_DICT_OR_DEREF
                if kind(arg) & cell == 0 =>
            {
                return bad("not a cell or free variable")
            }
            // A free slot too: an inlined comprehension whose variable is
            // captured gives it a fresh cell while it runs (PEP 709).
            MAKE_CELL if kind(arg) & cell == 0 => return bad("not a cell variable"),
            COPY_FREE_VARS if arg as usize != nfrees || nfrees == 0 => {
                return bad("free variables")
            }
            YIELD_VALUE | RETURN_GENERATOR if !generator => {
                return Err(format!(
                    "offset {off}: {} outside a generator or coroutine",
                    op.name()
                ))
            }
            _ if !arg_in_range(op, arg) => return bad("unknown operation"),
            _ => {}
        }
        if op.is_jump() {
            match jump_target(off, op, arg, &code.code) {
                Some(t) if (t as usize) < n && is_start[t as usize] => {}
                _ => return Err(format!("offset {off}: bad jump target")),
            }
        }
    }
    for e in &code.exceptiontable {
        if e.start >= e.end
            || e.end as usize > n
            || e.target as usize >= n
            || !is_start[e.target as usize]
        {
            return Err(format!("bad exception table entry {e:?}"));
        }
    }
    // Stack depth simulation.
    let index_of: std::collections::HashMap<u32, usize> = instrs
        .iter()
        .enumerate()
        .map(|(i, &(off, _, _))| (off, i))
        .collect();
    // Depths are i64 and bounded by `stacksize`, itself bounded, so no sum
    // below can overflow whatever the arguments.
    if code.stacksize > MAX_STACKSIZE {
        return Err(format!("stacksize {} too large", code.stacksize));
    }
    let max = i64::from(code.stacksize);
    let mut depth: Vec<Option<i64>> = vec![None; instrs.len()];
    let mut work: Vec<(usize, i64)> = vec![(0, 0)];
    while let Some((i, d)) = work.pop() {
        let off = instrs[i].0;
        if d < 0 || d > max {
            return Err(format!("offset {off}: stack depth {d} outside 0..={max}"));
        }
        match depth[i] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(format!(
                    "offset {off}: inconsistent stack depth {old} vs {d}"
                ));
            }
            None => depth[i] = Some(d),
        }
        let (_, op, arg) = instrs[i];
        // The eval loop looks up handlers by the opcode's own unit, after
        // any EXTENDED_ARG prefixes.
        let mut at = off as usize;
        while at < n && code.code[at] & 0xff == EXTENDED_ARG as u16 {
            at += 1;
        }
        if let Some(e) = code.handler(at as u32) {
            let hd = i64::from(e.depth);
            if hd > d {
                return Err(format!(
                    "offset {off}: handler depth {hd} above stack depth {d}"
                ));
            }
            let entry = hd + 1 + i64::from(e.lasti);
            work.push((index_of[&e.target], entry));
        }
        let needs = stack_inputs(op, arg);
        if needs > d {
            return Err(format!(
                "offset {off}: {} reads {needs} values from a stack of {d}",
                op.name()
            ));
        }
        if op == UNPACK_SEQUENCE && i64::from(arg) > max {
            return Err(format!("offset {off}: stack depth above {max}"));
        }
        let (fall, jump) = op.stack_effect(arg);
        if op.is_jump() {
            if let Some(t) = jump_target(off, op, arg, &code.code) {
                work.push((index_of[&t], d + i64::from(jump)));
            }
        }
        if !op.is_terminator() {
            if i + 1 >= instrs.len() {
                return Err(format!("offset {off}: falls off the end of the code"));
            }
            work.push((i + 1, d + i64::from(fall)));
        }
    }
    Ok(())
}

/// The largest `stacksize` accepted.
const MAX_STACKSIZE: u32 = 1 << 20;
