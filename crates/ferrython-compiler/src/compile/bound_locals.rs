//! Which loads of fast locals need no unbound check: a forward data-flow
//! pass over the assembled instructions (CPython's
//! `add_checks_for_loads_of_uninitialized_variables`, computed the other
//! way round). Code generation emits `LOAD_FAST_CHECK` for every local
//! that is not a parameter; a local bound on every path to a load (and not
//! deleted or cleared since) is loaded with `LOAD_FAST` instead, which
//! also lets two such loads fuse into `LOAD_FAST_LOAD_FAST`.
use super::ir::Instr;
use crate::bytecode::Opcode;

/// One bit per local: set when the local is bound.
type Bits = Vec<u64>;

/// Turns each `LOAD_FAST_CHECK` of a local that is bound on every path
/// reaching it into `LOAD_FAST`. `target` holds each instruction's jump
/// target, `handler_targets` the entry of each exception handler; the
/// first `nparams` of the `nlocals` locals are bound on entry.
///
/// A local that some `LOAD_FAST_AND_CLEAR` saves is left checked: the
/// `STORE_FAST` restoring it after an inlined comprehension may store the
/// NULL of an unbound local.
pub(super) fn drop_needless_checks(
    instrs: &mut [Instr],
    target: &[Option<usize>],
    handler_targets: &[usize],
    nlocals: usize,
    nparams: usize,
) {
    let n = instrs.len();
    if n == 0 || !instrs.iter().any(|i| i.op == Opcode::LOAD_FAST_CHECK) {
        return;
    }
    let words = nlocals.div_ceil(64);
    let bit = |x: u32| (x as usize / 64, 1u64 << (x % 64));
    let mut state: Vec<Option<Bits>> = vec![None; n];
    let mut entry = vec![0u64; words];
    for x in 0..nparams.min(nlocals) {
        let (w, b) = bit(x as u32);
        entry[w] |= b;
    }
    let mut work = Vec::new();
    // Meets `s` into the state on entry to instruction `at`, queueing it
    // when that state shrank (or was first reached).
    let merge = |state: &mut Vec<Option<Bits>>, work: &mut Vec<usize>, at: usize, s: &Bits| {
        if at >= n {
            return;
        }
        match &mut state[at] {
            None => {
                state[at] = Some(s.clone());
                work.push(at);
            }
            Some(old) => {
                let mut changed = false;
                for (o, &v) in old.iter_mut().zip(s) {
                    let m = *o & v;
                    changed |= m != *o;
                    *o = m;
                }
                if changed {
                    work.push(at);
                }
            }
        }
    };
    merge(&mut state, &mut work, 0, &entry);
    while let Some(i) = work.pop() {
        let Some(mut s) = state[i].clone() else {
            continue;
        };
        let ins = &instrs[i];
        if let Some(h) = ins.handler {
            if let Some(&t) = handler_targets.get(h as usize) {
                merge(&mut state, &mut work, t, &s);
            }
        }
        if (ins.arg as usize) < nlocals {
            let (w, b) = bit(ins.arg);
            match ins.op {
                Opcode::STORE_FAST | Opcode::LOAD_FAST_CHECK => s[w] |= b,
                Opcode::DELETE_FAST | Opcode::LOAD_FAST_AND_CLEAR => s[w] &= !b,
                _ => {}
            }
        }
        if let Some(t) = target[i] {
            merge(&mut state, &mut work, t, &s);
        }
        if !ins.op.is_terminator() {
            merge(&mut state, &mut work, i + 1, &s);
        }
    }
    let mut cleared = vec![0u64; words];
    for ins in instrs.iter() {
        if ins.op == Opcode::LOAD_FAST_AND_CLEAR && (ins.arg as usize) < nlocals {
            let (w, b) = bit(ins.arg);
            cleared[w] |= b;
        }
    }
    for (ins, s) in instrs.iter_mut().zip(&state) {
        if ins.op != Opcode::LOAD_FAST_CHECK || (ins.arg as usize) >= nlocals {
            continue;
        }
        let (w, b) = bit(ins.arg);
        if s.as_ref().is_some_and(|s| s[w] & b != 0) && cleared[w] & b == 0 {
            ins.op = Opcode::LOAD_FAST;
        }
    }
}
