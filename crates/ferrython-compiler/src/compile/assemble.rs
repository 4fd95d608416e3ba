//! Assembler: instruction list -> [`CodeObject`].
//!
//! Passes, in order: jump threading (a jump to an unconditional jump goes
//! straight to its target), stack depth analysis (which also finds
//! unreachable code and each handler's stack depth), removal of unreachable
//! code, handler markers and redundant `NOP`s and jumps-to-next, then layout
//! (relative jump arguments and `EXTENDED_ARG` prefixes, iterated to a fixed
//! point), exception table and line table.

use crate::bytecode::{CodeObject, Constant, ExceptionEntry, LineEntry, Opcode};

use super::ir::{Instr, Unit};

fn ext_units(arg: u32) -> usize {
    if arg > 0xff_ffff {
        3
    } else if arg > 0xffff {
        2
    } else if arg > 0xff {
        1
    } else {
        0
    }
}

/// Build the code object of a finished unit.
pub(crate) fn assemble(mut u: Unit<'_>, filename: &str) -> CodeObject {
    // Every label must point at an instruction.
    if u.labels.contains(&Some(u.instrs.len())) || u.instrs.is_empty() {
        let loc = u.instrs.last().map(|i| i.loc).unwrap_or(u.loc);
        u.loc = loc;
        let c = u.add_const(Constant::None);
        u.emit(Opcode::LOAD_CONST, c, None);
        u.emit(Opcode::RETURN_VALUE, 0, None);
    }
    layout_locals(&mut u);
    let mut label_pos: Vec<usize> = u.labels.iter().map(|l| l.unwrap_or(0)).collect();
    let mut instrs = std::mem::take(&mut u.instrs);
    let mut target: Vec<Option<usize>> = instrs
        .iter()
        .map(|i| i.target.map(|l| label_pos[l.0 as usize]))
        .collect();
    inline_small_blocks(&mut instrs, &mut target, &mut label_pos);
    return_consts(&mut u, &mut instrs, &target, &label_pos);
    thread_jumps(&instrs, &mut target);

    // Stack depth analysis and reachability.
    let n = instrs.len();
    let mut depth: Vec<Option<i32>> = vec![None; n];
    let mut handler_depth: Vec<Option<i32>> = vec![None; u.handlers.len()];
    let mut max_depth = 0i32;
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    while let Some((mut i, mut d)) = work.pop() {
        while i < n {
            if depth[i].is_some() {
                break;
            }
            depth[i] = Some(d);
            max_depth = max_depth.max(d);
            let ins = &instrs[i];
            if let Some(h) = ins.setup {
                let hr = &u.handlers[h as usize];
                let hd = d + hr.depth_adjust;
                handler_depth[h as usize] = Some(hd);
                let t = label_pos[hr.target.0 as usize];
                let entry = hd + 1 + i32::from(hr.lasti);
                work.push((t, entry));
                i += 1;
                continue;
            }
            let (fall, jump) = ins.op.stack_effect(ins.arg);
            if let Some(t) = target[i] {
                let jd = d + jump;
                max_depth = max_depth.max(jd);
                work.push((t, jd));
            }
            if ins.op.is_terminator() {
                break;
            }
            d += fall;
            max_depth = max_depth.max(d);
            i += 1;
        }
    }

    // Drop unreachable code, markers and NOPs whose line is covered
    // anyway: by the instruction before or after, or by the one after
    // taking it when it has none and is not a jump target (CPython's
    // `remove_redundant_nops`).
    let mut is_jump_target = vec![false; n + 1];
    for &t in target.iter().flatten().chain(label_pos.iter()) {
        is_jump_target[t.min(n)] = true;
    }
    let mut keep = vec![false; n];
    for i in 0..n {
        if depth[i].is_none() || instrs[i].setup.is_some() {
            continue;
        }
        if instrs[i].op == Opcode::NOP {
            if !instrs[i].loc.has_line() {
                continue;
            }
            let line = instrs[i].loc.lineno;
            let prev_same = (0..i)
                .rev()
                .find(|&j| keep[j])
                .map(|j| instrs[j].loc.lineno == line)
                .unwrap_or(false);
            let next = (i + 1..n).find(|&j| depth[j].is_some() && instrs[j].setup.is_none());
            let next_same = next.is_some_and(|j| instrs[j].loc.lineno == line);
            if prev_same || next_same {
                continue;
            }
            if let Some(j) = next {
                if !instrs[j].loc.has_line() && !(i + 1..=j).any(|k| is_jump_target[k]) {
                    instrs[j].loc = instrs[i].loc;
                    continue;
                }
            }
        }
        keep[i] = true;
    }
    let mut handler_pos: Vec<usize> = u
        .handlers
        .iter()
        .map(|h| label_pos[h.target.0 as usize])
        .collect();
    push_cold_to_end(
        &mut instrs,
        &mut target,
        &mut keep,
        &depth,
        &mut handler_pos,
    );
    let n = instrs.len();
    // Jumps to the next kept instruction are no-ops.
    loop {
        let mut changed = false;
        for i in 0..n {
            if keep[i] && instrs[i].op == Opcode::JUMP_FORWARD {
                if let Some(t) = target[i] {
                    let next = (i + 1..n).find(|&j| keep[j]);
                    let tgt = (t..n).find(|&j| keep[j]);
                    if next.is_some() && next == tgt {
                        // A line only this jump carries stays, as a NOP.
                        let line = instrs[i].loc.lineno;
                        let prev = (0..i).rev().find(|&j| keep[j]);
                        let carried =
                            |j: Option<usize>| j.is_some_and(|j| instrs[j].loc.lineno == line);
                        if instrs[i].loc.has_line() && !carried(prev) && !carried(next) {
                            instrs[i].op = Opcode::NOP;
                            target[i] = None;
                        } else {
                            keep[i] = false;
                        }
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // new index for every old index (removed ones map to the next kept).
    let mut new_index = vec![0usize; n + 1];
    let mut count = 0;
    for i in 0..n {
        new_index[i] = count;
        if keep[i] {
            count += 1;
        }
    }
    new_index[n] = count;
    let mut kept: Vec<Instr> = Vec::with_capacity(count);
    let mut kept_target: Vec<Option<usize>> = Vec::with_capacity(count);
    let handler_targets: Vec<usize> = handler_pos.iter().map(|&h| new_index[h]).collect();
    for (i, ins) in instrs.drain(..).enumerate() {
        if keep[i] {
            kept_target.push(target[i].map(|t| new_index[t]));
            kept.push(ins);
        }
    }
    propagate_lines(&mut kept, &kept_target, &handler_targets);
    let (mut kept, kept_target, handler_targets) =
        duplicate_exits(kept, kept_target, handler_targets);
    propagate_lines(&mut kept, &kept_target, &handler_targets);
    super::bound_locals::drop_needless_checks(
        &mut kept,
        &kept_target,
        &handler_targets,
        u.localsplus.len(),
        u.nparams,
    );
    let (instrs, target, handler_targets) = superinstructions(kept, kept_target, handler_targets);

    // Fix jump directions.
    let mut ops: Vec<Opcode> = instrs.iter().map(|i| i.op).collect();
    for (i, op) in ops.iter_mut().enumerate() {
        if let Some(t) = target[i] {
            if *op == Opcode::JUMP_FORWARD && t <= i {
                *op = Opcode::JUMP_BACKWARD;
            } else if matches!(
                *op,
                Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT
            ) && t > i
            {
                *op = Opcode::JUMP_FORWARD;
            }
        }
    }

    // Layout: sizes depend on jump distances; iterate until stable.
    let m = instrs.len();
    let mut ext = vec![0usize; m];
    let mut offsets = vec![0u32; m + 1];
    let mut args: Vec<u32> = instrs.iter().map(|i| i.arg).collect();
    loop {
        let mut off = 0u32;
        for i in 0..m {
            offsets[i] = off;
            off += (ext[i] + 1 + ops[i].cache_entries()) as u32;
        }
        offsets[m] = off;
        let mut changed = false;
        for i in 0..m {
            if let Some(t) = target[i] {
                let end = offsets[i + 1];
                let tgt = offsets[t];
                args[i] = if ops[i].is_backward_jump() {
                    end.saturating_sub(tgt)
                } else {
                    tgt.saturating_sub(end)
                };
            }
            let e = ext_units(args[i]);
            if e > ext[i] {
                ext[i] = e;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut code: Vec<u16> = Vec::with_capacity(offsets[m] as usize);
    for i in 0..m {
        let a = args[i];
        for k in (1..=ext[i]).rev() {
            let byte = (a >> (8 * k)) & 0xff;
            code.push(Opcode::EXTENDED_ARG as u16 | ((byte as u16) << 8));
        }
        code.push(ops[i] as u16 | (((a & 0xff) as u16) << 8));
        code.extend(std::iter::repeat_n(0u16, ops[i].cache_entries()));
    }

    // Exception table.
    let mut exceptiontable: Vec<ExceptionEntry> = Vec::new();
    for i in 0..m {
        let Some(h) = instrs[i].handler else {
            continue;
        };
        let hr = &u.handlers[h as usize];
        let Some(hd) = handler_depth[h as usize] else {
            continue;
        };
        let start = offsets[i];
        let end = offsets[i + 1];
        let tgt = offsets[handler_targets[h as usize].min(m)];
        match exceptiontable.last_mut() {
            Some(last)
                if last.end == start
                    && last.target == tgt
                    && last.depth == hd as u32
                    && last.lasti == hr.lasti =>
            {
                last.end = end;
            }
            _ => exceptiontable.push(ExceptionEntry {
                start,
                end,
                target: tgt,
                depth: hd.max(0) as u32,
                lasti: hr.lasti,
            }),
        }
    }

    // Line table.
    let mut linetable: Vec<LineEntry> = Vec::new();
    for i in 0..m {
        let l = instrs[i].loc;
        let entry = LineEntry {
            start: offsets[i],
            lineno: l.lineno,
            end_lineno: l.end_lineno,
            col: l.col,
            end_col: l.end_col,
        };
        match linetable.last() {
            Some(last)
                if last.lineno == entry.lineno
                    && last.end_lineno == entry.end_lineno
                    && last.col == entry.col
                    && last.end_col == entry.end_col => {}
            _ => linetable.push(entry),
        }
    }

    let flags = u.flags;
    CodeObject {
        argcount: u.argcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        flags,
        name: u.name,
        qualname: u.qualname,
        filename: filename.to_string(),
        firstlineno: u.firstlineno,
        code,
        consts: u.consts,
        names: u.names,
        localsplusnames: u.localsplus,
        localspluskinds: u.kinds,
        stacksize: max_depth.max(0) as u32,
        linetable,
        exceptiontable,
    }
}

/// The longest block ending the code object that `inline_small_blocks`
/// copies (CPython's `MAX_COPY_SIZE`).
const MAX_INLINE: usize = 4;

/// CPython's `inline_small_or_no_lineno_blocks`: an unconditional jump to
/// a basic block that leaves the code object (return, raise, re-raise) in
/// at most [`MAX_INLINE`] instructions, or to one without any line that
/// does not fall through, is replaced by a `NOP` with the jump's location
/// and a copy of that block, until no jump qualifies.
/// A basic block starts at a jump or handler target and ends after a jump
/// or terminator, or before the next target; blocks holding a handler
/// setup are not copied. `label_pos` (label -> index) follows the moves.
fn inline_small_blocks(
    instrs: &mut Vec<Instr>,
    target: &mut Vec<Option<usize>>,
    label_pos: &mut [usize],
) {
    for _ in 0..16 {
        let n = instrs.len();
        let mut is_start = vec![false; n + 1];
        for &t in target.iter().flatten().chain(label_pos.iter()) {
            is_start[t.min(n)] = true;
        }
        // The end (exclusive) of the copyable block starting at `t`.
        let block_end = |t: usize| -> Option<usize> {
            let mut j = t;
            while j < n && (j == t || !is_start[j]) {
                let ins = &instrs[j];
                if ins.setup.is_some() {
                    return None;
                }
                j += 1;
                if ins.op.is_jump() || ins.op.is_terminator() {
                    return Some(j);
                }
            }
            Some(j)
        };
        let qualifies = |i: usize| -> Option<(usize, usize)> {
            let ins = &instrs[i];
            if ins.setup.is_some() || !is_unconditional_jump(ins.op) {
                return None;
            }
            let t = target[i]?;
            let end = block_end(t)?;
            if end <= t || (t..end).contains(&i) {
                return None;
            }
            let last = instrs[end - 1].op;
            let exits = matches!(
                last,
                Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE
            );
            let small_exit = exits && end - t <= MAX_INLINE;
            let no_line = (t..end).all(|j| !instrs[j].loc.has_line())
                && (exits || is_unconditional_jump(last));
            (small_exit || no_line).then_some((t, end))
        };
        let picks: Vec<Option<(usize, usize)>> = (0..n).map(qualifies).collect();
        if picks.iter().all(Option::is_none) {
            return;
        }
        // New positions of the old instructions; copies keep old targets
        // until everything is placed.
        let mut map = vec![0usize; n + 1];
        let mut out: Vec<Instr> = Vec::with_capacity(n + 8);
        let mut out_target: Vec<Option<usize>> = Vec::with_capacity(n + 8);
        for i in 0..n {
            map[i] = out.len();
            let Some((t, end)) = picks[i] else {
                out.push(instrs[i].clone());
                out_target.push(target[i]);
                continue;
            };
            let jump = &instrs[i];
            out.push(Instr {
                op: Opcode::NOP,
                arg: 0,
                target: None,
                ..jump.clone()
            });
            out_target.push(None);
            for j in t..end {
                let mut c = instrs[j].clone();
                // The copy keeps the eval breaker check the jump had.
                if j + 1 == end
                    && c.op == Opcode::JUMP_BACKWARD_NO_INTERRUPT
                    && jump.op != Opcode::JUMP_BACKWARD_NO_INTERRUPT
                {
                    c.op = Opcode::JUMP_FORWARD;
                }
                out.push(c);
                out_target.push(target[j]);
            }
        }
        map[n] = out.len();
        for t in out_target.iter_mut().flatten() {
            *t = map[*t];
        }
        for p in label_pos.iter_mut() {
            *p = map[(*p).min(n)];
        }
        *instrs = out;
        *target = out_target;
    }
}

/// `JUMP_FORWARD`, `JUMP_BACKWARD` or `JUMP_BACKWARD_NO_INTERRUPT`.
fn is_unconditional_jump(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT
    )
}

/// CPython's `push_cold_blocks_to_end`: the code that only exception
/// handlers lead to (the handlers and what only they reach) moves after
/// the rest, keeping its order, so the code that runs when nothing is
/// raised is contiguous (and a `try` body falls through to what follows
/// the statement instead of jumping over its handlers). A moved run that
/// fell through into the rest gets a jump there; the moved exits that now
/// jump back skip the eval breaker (`JUMP_BACKWARD_NO_INTERRUPT`), like
/// CPython's handler exits. `depth` (None: unreachable) is by old index.
fn push_cold_to_end(
    instrs: &mut Vec<Instr>,
    target: &mut Vec<Option<usize>>,
    keep: &mut Vec<bool>,
    depth: &[Option<i32>],
    handler_pos: &mut [usize],
) {
    let n = instrs.len();
    let mut warm = vec![false; n];
    let mut work = vec![0usize];
    while let Some(mut i) = work.pop() {
        while i < n && !warm[i] {
            warm[i] = true;
            if instrs[i].setup.is_none() {
                if let Some(t) = target[i] {
                    work.push(t);
                }
                if instrs[i].op.is_terminator() {
                    break;
                }
            }
            i += 1;
        }
    }
    if (0..n).all(|i| warm[i] || !keep[i]) {
        return;
    }
    // The new order: old indices, and inserted jumps (Err(old target)).
    let mut order: Vec<Result<usize, usize>> = (0..n).filter(|&i| warm[i]).map(Ok).collect();
    for i in (0..n).filter(|&i| !warm[i]) {
        order.push(Ok(i));
        let falls = instrs[i].setup.is_some() || !instrs[i].op.is_terminator();
        let live = keep[i] || instrs[i].setup.is_some() || depth[i].is_some();
        if live && falls && i + 1 < n && warm[i + 1] {
            order.push(Err(i + 1));
        }
    }
    let mut new_at = vec![0usize; n];
    for (k, o) in order.iter().enumerate() {
        if let Ok(i) = *o {
            new_at[i] = k;
        }
    }
    let mut new_instrs = Vec::with_capacity(order.len());
    let mut new_target = Vec::with_capacity(order.len());
    let mut new_keep = Vec::with_capacity(order.len());
    for o in order {
        match o {
            Ok(i) => {
                let mut ins = instrs[i].clone();
                let t = target[i].map(|t| new_at[t]);
                if !warm[i] && ins.op == Opcode::JUMP_FORWARD && target[i].is_some_and(|t| warm[t])
                {
                    ins.op = Opcode::JUMP_BACKWARD_NO_INTERRUPT;
                }
                new_instrs.push(ins);
                new_target.push(t);
                new_keep.push(keep[i]);
            }
            Err(to) => {
                let from = &instrs[to - 1];
                new_instrs.push(Instr {
                    op: Opcode::JUMP_BACKWARD_NO_INTERRUPT,
                    arg: 0,
                    target: None,
                    loc: crate::parse::Location::NONE,
                    handler: from.handler,
                    setup: None,
                });
                new_target.push(Some(new_at[to]));
                new_keep.push(true);
            }
        }
    }
    for h in handler_pos.iter_mut() {
        *h = if *h < n { new_at[*h] } else { new_instrs.len() };
    }
    *instrs = new_instrs;
    *target = new_target;
    *keep = new_keep;
}

/// For each of the `n` instructions (and the end): whether a jump or an
/// exception handler entry lands there, and whether a handler does.
fn target_marks(
    n: usize,
    target: &[Option<usize>],
    handler_targets: &[usize],
) -> (Vec<bool>, Vec<bool>) {
    let mut is_target = vec![false; n + 1];
    for t in target.iter().flatten() {
        is_target[*t] = true;
    }
    let mut is_handler = vec![false; n + 1];
    for &t in handler_targets {
        is_target[t.min(n)] = true;
        is_handler[t.min(n)] = true;
    }
    (is_target, is_handler)
}

/// The longest artificial exit block `duplicate_exits` copies.
const MAX_COPY: usize = 8;

/// CPython's `duplicate_exits_without_lineno` and line propagation for
/// the artificial blocks without a line: a short exit (the implicit
/// `return None` at the end of a function or class body) and a loop's
/// jump back (`JUMP_BACKWARD`). Each jump to such a block gets its own copy
/// with the jump's location (an unconditional jump is replaced by the
/// copy, a conditional one goes to a copy appended at the end), the block
/// reached by falling through takes the location of the instruction before
/// it, and one that nothing falls into is dropped. Lines are propagated
/// first, so those locations are the lines that ran last (or none), as
/// return events and tracebacks show them; reaching these blocks raises no
/// line event of their own.
fn duplicate_exits(
    instrs: Vec<Instr>,
    target: Vec<Option<usize>>,
    handler_targets: Vec<usize>,
) -> (Vec<Instr>, Vec<Option<usize>>, Vec<usize>) {
    let n = instrs.len();
    let (is_target, is_handler) = target_marks(n, &target, &handler_targets);
    // The length of the artificial block starting at each index (0: none).
    let no_line = |i: usize| i < n && !instrs[i].loc.has_line();
    let lens: Vec<usize> = (0..n)
        .map(|k| {
            if no_line(k) && instrs[k].op == Opcode::JUMP_BACKWARD && target[k].is_some() {
                return 1;
            }
            // A short straight run without lines ending in a return.
            let mut j = k;
            while j < n && j < k + MAX_COPY && no_line(j) && (j == k || !is_target[j]) {
                if matches!(instrs[j].op, Opcode::RETURN_VALUE | Opcode::RETURN_CONST) {
                    return j - k + 1;
                }
                if instrs[j].op.is_terminator() || target[j].is_some() || instrs[j].setup.is_some()
                {
                    break;
                }
                j += 1;
            }
            0
        })
        .collect();
    if lens.iter().all(|&l| l == 0) {
        return (instrs, target, handler_targets);
    }
    let block_len = |k: usize| lens[k];
    let falls_into = |k: usize| k > 0 && !instrs[k - 1].op.is_terminator();
    // A copy of the block at `k` with line `loc`, its jumps in old indices.
    let copy = |k: usize, loc| -> Vec<(Instr, Option<usize>)> {
        (k..k + lens[k])
            .map(|i| {
                let mut c = instrs[i].clone();
                c.loc = loc;
                (c, target[i])
            })
            .collect()
    };
    let mut out: Vec<Instr> = Vec::with_capacity(n + 8);
    let mut out_target: Vec<Option<usize>> = Vec::with_capacity(n + 8);
    let mut map = vec![0usize; n + 1];
    // Conditional jumps to a block: (jump, block), retargeted to copies
    // appended at the end.
    let mut tails: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        map[i] = out.len();
        let len = block_len(i);
        if len > 0 {
            // The block itself: kept where code starts or falls into it.
            let keep = i == 0 || falls_into(i) || is_handler[i];
            let loc = if falls_into(i) {
                instrs[i - 1].loc
            } else {
                instrs[i].loc
            };
            for j in i..i + len {
                map[j] = out.len();
                if keep {
                    let mut c = instrs[j].clone();
                    c.loc = loc;
                    out.push(c);
                    out_target.push(target[j]);
                }
            }
            i += len;
            continue;
        }
        match target[i] {
            Some(k) if block_len(k) > 0 => {
                let loc = instrs[i].loc;
                if matches!(
                    instrs[i].op,
                    Opcode::JUMP_FORWARD
                        | Opcode::JUMP_BACKWARD
                        | Opcode::JUMP_BACKWARD_NO_INTERRUPT
                ) {
                    for (c, t) in copy(k, loc) {
                        out.push(c);
                        out_target.push(t);
                    }
                    i += 1;
                    continue;
                }
                tails.push((i, k));
            }
            _ => {}
        }
        out.push(instrs[i].clone());
        out_target.push(target[i]);
        i += 1;
    }
    map[n] = out.len();
    let mut retarget = Vec::new();
    for (j, k) in tails {
        retarget.push((map[j], out.len()));
        for (c, t) in copy(k, instrs[j].loc) {
            out.push(c);
            out_target.push(t);
        }
    }
    for t in out_target.iter_mut().flatten() {
        *t = map[*t];
    }
    for (j, at) in retarget {
        out_target[j] = Some(at);
    }
    let handler_targets = handler_targets.into_iter().map(|t| map[t.min(n)]).collect();
    (out, out_target, handler_targets)
}

/// CPython's `propagate_line_numbers`: an instruction without a line that
/// only one instruction leads to (by falling through, or a jump) takes
/// that one's line; one reached from several places, or an exception
/// handler's entry, keeps none (and raises no line event).
fn propagate_lines(instrs: &mut [Instr], target: &[Option<usize>], handler_targets: &[usize]) {
    let n = instrs.len();
    let mut preds = vec![0u32; n + 1];
    let mut jumper = vec![0usize; n + 1];
    for (i, t) in target.iter().enumerate() {
        if let Some(t) = *t {
            preds[t] += 1;
            jumper[t] = i;
        }
    }
    for &h in handler_targets {
        preds[h.min(n)] += 2;
    }
    for i in 0..n {
        if instrs[i].loc.has_line() {
            continue;
        }
        let falls = i > 0 && !instrs[i - 1].op.is_terminator();
        if preds[i] + u32::from(falls) != 1 {
            continue;
        }
        let from = if falls { i - 1 } else { jumper[i] };
        instrs[i].loc = instrs[from].loc;
    }
}

/// Retarget jumps whose target is an unconditional jump (bounded, so cycles
/// terminate). Conditional jumps only move forward.
fn thread_jumps(instrs: &[Instr], target: &mut [Option<usize>]) {
    for i in 0..instrs.len() {
        let Some(mut t) = target[i] else { continue };
        let op = instrs[i].op;
        if !(op == Opcode::JUMP_FORWARD
            || matches!(
                op,
                Opcode::POP_JUMP_IF_FALSE
                    | Opcode::POP_JUMP_IF_TRUE
                    | Opcode::POP_JUMP_IF_NONE
                    | Opcode::POP_JUMP_IF_NOT_NONE
            ))
        {
            continue;
        }
        for _ in 0..8 {
            if t >= instrs.len() {
                break;
            }
            let ti = &instrs[t];
            if ti.op != Opcode::JUMP_FORWARD || ti.setup.is_some() {
                break;
            }
            let Some(next) = target[t] else { break };
            if next == t {
                break;
            }
            if op != Opcode::JUMP_FORWARD && next <= i {
                break;
            }
            t = next;
        }
        target[i] = Some(t);
    }
}

/// CPython 3.13's `RETURN_CONST` (its `optimize_basic_block`): in
/// `LOAD_CONST c; RETURN_VALUE` (or `LOAD_SMALL_INT i`, whose int joins
/// the constants), where the return is not a jump target, the return
/// becomes `RETURN_CONST c` and the load a `NOP` keeping its location,
/// which the `NOP` removal drops unless it carries a line of its own.
fn return_consts(
    u: &mut Unit<'_>,
    instrs: &mut [Instr],
    target: &[Option<usize>],
    label_pos: &[usize],
) {
    let n = instrs.len();
    let mut is_target = vec![false; n + 1];
    for &t in target.iter().flatten().chain(label_pos.iter()) {
        is_target[t.min(n)] = true;
    }
    for i in 0..n.saturating_sub(1) {
        if instrs[i + 1].op != Opcode::RETURN_VALUE || is_target[i + 1] {
            continue;
        }
        let a = &instrs[i];
        let c = match a.op {
            Opcode::LOAD_CONST => a.arg,
            Opcode::LOAD_SMALL_INT => {
                u.add_const(Constant::Int(crate::bytecode::BigInt::Small(a.arg as i64)))
            }
            _ => continue,
        };
        instrs[i].op = Opcode::NOP;
        instrs[i].arg = 0;
        instrs[i + 1].op = Opcode::RETURN_CONST;
        instrs[i + 1].arg = c;
    }
}

/// Fuse `LOAD_FAST a; LOAD_FAST b` into `LOAD_FAST_LOAD_FAST`,
/// `STORE_FAST a; STORE_FAST b` into `STORE_FAST_STORE_FAST` and
/// `STORE_FAST a; LOAD_FAST b` into `STORE_FAST_LOAD_FAST` (both indices
/// below 16, same line and handler, second not a jump target).
fn superinstructions(
    mut instrs: Vec<Instr>,
    target: Vec<Option<usize>>,
    handler_targets: Vec<usize>,
) -> (Vec<Instr>, Vec<Option<usize>>, Vec<usize>) {
    let n = instrs.len();
    let (is_target, _) = target_marks(n, &target, &handler_targets);
    let mut drop = vec![false; n];
    let mut i = 0;
    while i + 1 < n {
        let (a, b) = (&instrs[i], &instrs[i + 1]);
        let fused = match (a.op, b.op) {
            (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => Opcode::LOAD_FAST_LOAD_FAST,
            (Opcode::STORE_FAST, Opcode::STORE_FAST) => Opcode::STORE_FAST_STORE_FAST,
            (Opcode::STORE_FAST, Opcode::LOAD_FAST) => Opcode::STORE_FAST_LOAD_FAST,
            _ => {
                i += 1;
                continue;
            }
        };
        if a.arg < 16
            && b.arg < 16
            && !is_target[i + 1]
            && a.loc.lineno == b.loc.lineno
            && a.handler == b.handler
        {
            instrs[i].arg = (a.arg << 4) | b.arg;
            instrs[i].op = fused;
            drop[i + 1] = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    drop_marked(instrs, target, handler_targets, &drop)
}

/// Removes the instructions marked in `drop`; jumps and handlers that led
/// to one go to the instruction after it.
fn drop_marked(
    instrs: Vec<Instr>,
    target: Vec<Option<usize>>,
    handler_targets: Vec<usize>,
    drop: &[bool],
) -> (Vec<Instr>, Vec<Option<usize>>, Vec<usize>) {
    if !drop.contains(&true) {
        return (instrs, target, handler_targets);
    }
    let n = instrs.len();
    let mut new_index = vec![0usize; n + 1];
    let mut count = 0;
    for i in 0..n {
        new_index[i] = count;
        count += usize::from(!drop[i]);
    }
    new_index[n] = count;
    let mut out = Vec::with_capacity(count);
    let mut out_target = Vec::with_capacity(count);
    for (i, ins) in instrs.into_iter().enumerate() {
        if !drop[i] {
            out_target.push(target[i].map(|t| new_index[t]));
            out.push(ins);
        }
    }
    let handler_targets = handler_targets
        .into_iter()
        .map(|t| new_index[t.min(n)])
        .collect();
    (out, out_target, handler_targets)
}

/// Final localsplus layout, as CPython's: parameters, other locals in
/// first-use order, cells that are not parameters (sorted), free variables
/// (sorted). Rewrites the local-indexed instruction arguments accordingly.
fn layout_locals(u: &mut Unit<'_>) {
    use crate::bytecode::fast_kind::{CELL, FREE, LOCAL};
    let n = u.localsplus.len();
    let mut order: Vec<usize> = (0..u.nparams.min(n)).collect();
    order.extend((u.nparams..n).filter(|&i| u.kinds[i] & LOCAL != 0));
    let mut cells: Vec<usize> = (u.nparams..n)
        .filter(|&i| u.kinds[i] & CELL != 0 && u.kinds[i] & LOCAL == 0)
        .collect();
    cells.sort_by(|&a, &b| u.localsplus[a].cmp(&u.localsplus[b]));
    order.extend(cells);
    let mut free: Vec<usize> = (u.nparams..n).filter(|&i| u.kinds[i] & FREE != 0).collect();
    free.sort_by(|&a, &b| u.localsplus[a].cmp(&u.localsplus[b]));
    order.extend(free);
    debug_assert_eq!(order.len(), n);
    if order.iter().enumerate().all(|(new, &old)| new == old) {
        return;
    }
    let mut remap = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new as u32;
    }
    for ins in &mut u.instrs {
        use Opcode::*;
        if matches!(
            ins.op,
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
        ) {
            ins.arg = remap[ins.arg as usize];
        }
    }
    let names = std::mem::take(&mut u.localsplus);
    let kinds = std::mem::take(&mut u.kinds);
    u.localsplus = order.iter().map(|&i| names[i].clone()).collect();
    u.kinds = order.iter().map(|&i| kinds[i]).collect();
}
