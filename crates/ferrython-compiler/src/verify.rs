//! A bytecode verifier: checks the invariants the eval loop relies on, so
//! it can skip them at run time. Used by the tests on every compiled code
//! object; the runtime may also run it on code from untrusted sources.
//!
//! Checked: every unit decodes to a known opcode; arguments index existing
//! constants/names/locals; jumps and handlers land on instruction starts;
//! the value stack depth is the same on every path into an instruction,
//! never negative, and never above `stacksize`; nested code objects too.

use crate::bytecode::{jump_target, CodeObject, Constant, Opcode};

/// Verify `code` and every nested code object.
pub fn verify(code: &CodeObject) -> Result<(), String> {
    verify_one(code).map_err(|e| format!("{}: {e}", code.qualname))?;
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}

fn verify_one(code: &CodeObject) -> Result<(), String> {
    use Opcode::*;
    let n = code.code.len();
    // Decode, remembering instruction starts (EXTENDED_ARG prefixes included).
    let instrs = code.instructions();
    let mut is_start = vec![false; n + 1];
    for &(off, _, _) in &instrs {
        is_start[off as usize] = true;
    }
    for unit in &code.code {
        if Opcode::from_u8((unit & 0xff) as u8).is_none() {
            return Err(format!("unknown opcode {}", unit & 0xff));
        }
    }
    let nlocals = code.localsplusnames.len() as u32;
    for &(off, op, arg) in &instrs {
        let bad = |what: &str| {
            Err(format!(
                "offset {off}: {} arg {arg} out of range ({what})",
                op.name()
            ))
        };
        match op {
            LOAD_CONST if arg as usize >= code.consts.len() => return bad("consts"),
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
        if op.is_jump() {
            match jump_target(off, op, arg, &code.code) {
                Some(t) if (t as usize) < n && is_start[t as usize] => {}
                _ => return Err(format!("offset {off}: bad jump target")),
            }
        }
    }
    for e in &code.exceptiontable {
        if e.start >= e.end || e.end as usize > n || !is_start[e.target as usize] {
            return Err(format!("bad exception table entry {e:?}"));
        }
    }
    // Stack depth simulation.
    let index_of: std::collections::HashMap<u32, usize> = instrs
        .iter()
        .enumerate()
        .map(|(i, &(off, _, _))| (off, i))
        .collect();
    let mut depth: Vec<Option<i32>> = vec![None; instrs.len()];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    let max = code.stacksize as i32;
    while let Some((i, d)) = work.pop() {
        if d < 0 || d > max {
            return Err(format!(
                "offset {}: stack depth {d} outside 0..={max}",
                instrs.get(i).map(|x| x.0).unwrap_or(0)
            ));
        }
        match depth[i] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(format!(
                    "offset {}: inconsistent stack depth {old} vs {d}",
                    instrs[i].0
                ));
            }
            None => depth[i] = Some(d),
        }
        let (off, op, arg) = instrs[i];
        if let Some(e) = code.handler(off) {
            if (e.depth as i32) > d {
                return Err(format!(
                    "offset {off}: handler depth {} above stack depth {d}",
                    e.depth
                ));
            }
            let entry = e.depth as i32 + 1 + i32::from(e.lasti);
            work.push((index_of[&e.target], entry));
        }
        let (fall, jump) = op.stack_effect(arg);
        if op.is_jump() {
            let t = jump_target(off, op, arg, &code.code).unwrap();
            work.push((index_of[&t], d + jump));
        }
        if !op.is_terminator() {
            if i + 1 >= instrs.len() {
                return Err(format!("offset {off}: falls off the end of the code"));
            }
            work.push((i + 1, d + fall));
        }
    }
    Ok(())
}
