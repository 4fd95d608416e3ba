//! The evaluation loop: one function that runs a frame's bytecode (the
//! format is documented in `ferrython_compiler::bytecode`), with zero-cost
//! exception handling through the code object's exception table.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{
    bool as pybool, dict, exceptions as exc, int, list, none, number, protocol, str as pystr,
    tuple, typeobj,
};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::vm::frame::{self, fr};
use crate::vm::{cell, code, ops, patma, traceback, tracing};
use crate::Owned;
use ferrython_compiler::bytecode::Opcode;
use std::ptr::null_mut;

/// Cache units after each opcode, indexed by opcode byte.
static CACHE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        t[Opcode::ALL[i] as usize] = cache_of(Opcode::ALL[i]);
        i += 1;
    }
    t
};

const fn cache_of(op: Opcode) -> u8 {
    match op {
        Opcode::LOAD_GLOBAL | Opcode::STORE_ATTR => 4,
        Opcode::LOAD_ATTR => 9,
        Opcode::TO_BOOL | Opcode::CALL => 3,
        Opcode::LOAD_SUPER_ATTR
        | Opcode::BINARY_OP
        | Opcode::COMPARE_OP
        | Opcode::CONTAINS_OP
        | Opcode::BINARY_SUBSCR
        | Opcode::STORE_SUBSCR
        | Opcode::UNPACK_SEQUENCE
        | Opcode::FOR_ITER
        | Opcode::SEND
        | Opcode::JUMP_BACKWARD
        | Opcode::POP_JUMP_IF_FALSE
        | Opcode::POP_JUMP_IF_TRUE
        | Opcode::POP_JUMP_IF_NONE
        | Opcode::POP_JUMP_IF_NOT_NONE => 1,
        _ => 0,
    }
}

/// How a frame stopped running.
pub enum Exit {
    /// `return`: the frame is done.
    Return(Owned),
    /// `yield`: the frame is suspended (generators).
    Yield(Owned),
}

/// Runs a fresh frame to completion: makes it the current frame, checks the
/// recursion limit, evaluates it.
pub unsafe fn run_frame(f: *mut PyObject) -> PyResult<Owned> {
    let _g = protocol::RecursionGuard::enter("")?;
    // SAFETY: f is a frame not yet running.
    unsafe {
        frame::push(f);
        let r = eval(f, false);
        frame::pop(f);
        frame::track_if_shared(f);
        match r? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(_) => Err(errors::system_error(
                "yield from a frame that is not a generator's",
            )),
        }
    }
}

/// Resumes a suspended generator frame (with the raised exception thrown
/// in when `throw`); the caller's frame becomes its `f_back` for the run.
pub unsafe fn resume(f: *mut PyObject, throw: bool) -> PyResult<Exit> {
    let _g = protocol::RecursionGuard::enter("")?;
    // SAFETY: f is a suspended frame owned by a generator.
    unsafe {
        frame::push(f);
        let r = eval(f, throw);
        frame::pop(f);
        xdecref(std::mem::replace(&mut fr(f).f_back, null_mut()));
        r
    }
}

/// The value of an opcode byte (the loop matches on these).
macro_rules! ops {
    ($($name:ident)*) => {
        $(const $name: u8 = Opcode::$name as u8;)*
    };
}

// The masked dispatch of the eval loop needs every opcode below 128.
const _: () = {
    let mut i = 0;
    while i < Opcode::ALL.len() {
        assert!((Opcode::ALL[i] as u8) < 128);
        i += 1;
    }
};

ops! {
    NOP POP_TOP PUSH_NULL COPY SWAP EXTENDED_ARG RESUME LOAD_CONST LOAD_SMALL_INT
    LOAD_FAST LOAD_FAST_CHECK LOAD_FAST_AND_CLEAR LOAD_FAST_LOAD_FAST STORE_FAST
    STORE_FAST_LOAD_FAST STORE_FAST_STORE_FAST DELETE_FAST LOAD_DEREF STORE_DEREF
    DELETE_DEREF MAKE_CELL COPY_FREE_VARS LOAD_FROM_DICT_OR_DEREF
    LOAD_FROM_DICT_OR_GLOBALS LOAD_NAME STORE_NAME DELETE_NAME LOAD_GLOBAL
    STORE_GLOBAL DELETE_GLOBAL LOAD_LOCALS LOAD_ATTR STORE_ATTR DELETE_ATTR
    LOAD_SUPER_ATTR LOAD_COMMON_CONSTANT LOAD_BUILD_CLASS UNARY_NEGATIVE UNARY_NOT
    UNARY_INVERT TO_BOOL BINARY_OP COMPARE_OP IS_OP CONTAINS_OP BINARY_SUBSCR
    STORE_SUBSCR DELETE_SUBSCR BINARY_SLICE STORE_SLICE BUILD_SLICE BUILD_TUPLE
    BUILD_LIST BUILD_SET BUILD_MAP BUILD_STRING LIST_APPEND SET_ADD MAP_ADD
    LIST_EXTEND SET_UPDATE DICT_UPDATE DICT_MERGE UNPACK_SEQUENCE UNPACK_EX
    JUMP_FORWARD JUMP_BACKWARD JUMP_BACKWARD_NO_INTERRUPT POP_JUMP_IF_FALSE
    POP_JUMP_IF_TRUE POP_JUMP_IF_NONE POP_JUMP_IF_NOT_NONE GET_ITER FOR_ITER
    GET_YIELD_FROM_ITER RETURN_VALUE YIELD_VALUE RETURN_GENERATOR SEND END_SEND
    CLEANUP_THROW GET_AWAITABLE CALL CALL_KW CALL_FUNCTION_EX CALL_INTRINSIC_1
    CALL_INTRINSIC_2 MAKE_FUNCTION SET_FUNCTION_ATTRIBUTE SETUP_ANNOTATIONS
    IMPORT_NAME IMPORT_FROM RAISE_VARARGS RERAISE PUSH_EXC_INFO POP_EXCEPT
    CHECK_EXC_MATCH WITH_EXCEPT_START BEFORE_WITH FORMAT_SIMPLE FORMAT_WITH_SPEC
    CONVERT_VALUE GET_LEN EXIT_INIT_CHECK MATCH_MAPPING MATCH_SEQUENCE MATCH_KEYS
    MATCH_CLASS CHECK_EG_MATCH GET_AITER GET_ANEXT END_ASYNC_FOR BEFORE_ASYNC_WITH
    BUILD_INTERPOLATION BUILD_TEMPLATE RETURN_CONST
}

/// Evaluates frame `f` until it returns or raises; traced (see
/// `vm::tracing`) when a trace or profile function is set on this thread.
#[inline]
unsafe fn eval(f: *mut PyObject, throw: bool) -> PyResult<Exit> {
    // SAFETY: f is a frame ready to run (caller contract).
    unsafe {
        let entry = if throw { Entry::Throw } else { Entry::Run };
        if tracing::active(crate::runtime::tstate::get()) {
            return eval_traced(f, entry, 0);
        }
        eval_loop::<false>(f, entry, 0)
    }
}

/// `eval` with the traced loop and the exit events of the loop's first
/// frame (its start events come from its `RESUME`); `f` runs `depth`
/// calls above that frame (see [`eval_loop`]). An untraced loop also
/// continues here when events start while it runs.
#[cold]
#[inline(never)]
unsafe fn eval_traced(f: *mut PyObject, entry: Entry, depth: u32) -> PyResult<Exit> {
    // SAFETY: as eval; the `depth` frames under f are running in this loop.
    unsafe {
        let mut base = f;
        for _ in 0..depth {
            base = fr(base).f_back;
        }
        let r = eval_loop::<true>(f, entry, depth);
        tracing::leave(base, r)
    }
}

/// How the loop starts on a frame.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// At the instruction after `lasti`; for a traced loop taking over
    /// from an untraced one after a call, at `pending_jump`.
    Run,
    /// Throwing the raised exception in at the yield the frame is
    /// suspended at.
    Throw,
    /// Unwinding the exception just raised at `lasti` (a traced loop
    /// taking over from an untraced one).
    Unwind,
}

/// The `return`/`yield` event of a traced frame `f` that runs inside a
/// caller's loop: the value `exit` carries as the caller receives it
/// (owned), or NULL with the exception a trace function raised.
///
/// # Safety
/// `f` is the frame that just stopped running.
#[cold]
unsafe fn leave_traced(f: *mut PyObject, exit: Exit) -> *mut PyObject {
    // SAFETY: per the contract.
    match unsafe { tracing::leave(f, Ok(exit)) } {
        Ok(Exit::Return(v) | Exit::Yield(v)) => v.into_raw(),
        Err(_) => null_mut(),
    }
}

/// Evaluates frame `f` until the frame the loop started on returns or
/// raises; `TRACED` adds the `line` and `exception` events.
///
/// A call of a Python function does not recurse into a new loop (as in
/// CPython 3.11+): the loop pushes the callee's frame and goes on with it,
/// and its return (or an exception it does not handle) pops back to the
/// caller's `CALL`. `depth` counts the frames the loop runs above its first
/// one (a traced loop taking over from an untraced one inherits them); each
/// such frame is owned by the loop and counted in the recursion depth.
unsafe fn eval_loop<const TRACED: bool>(
    mut f: *mut PyObject,
    entry: Entry,
    mut depth: u32,
) -> PyResult<Exit> {
    // SAFETY: f is the running frame; its code outlives the loop; the
    // value stack stays within `stacksize` (the compiler computed it and
    // the verifier checked it); every pointer pushed is an owned reference.
    unsafe {
        // The running frame's header: `f` itself, not a second variable
        // the loop would carry.
        macro_rules! fo {
            () => {
                fr(f)
            };
        }
        let mut cd = code::data(fo!().code);
        // Writable: the eval loop keeps its inline caches in the code.
        let mut code_units = cd.code.as_mut_ptr();
        // The frame's fast locals, value stack base, constants and names
        // are found from `f` and `cd` where used rather than kept in
        // variables: the fewer values the loop carries, the more of the
        // hot ones (`ip`, `sp`, `f`) stay in registers across calls.
        macro_rules! lp {
            () => {
                frame::slots(f)
            };
        }
        macro_rules! stack_base {
            () => {
                frame::slots(f).add(fo!().nlocalsplus as usize)
            };
        }
        macro_rules! consts {
            () => {
                cd.consts.as_ptr()
            };
        }
        macro_rules! names {
            () => {
                cd.names.as_ptr()
            };
        }
        // The code unit index of instruction pointer `$p`.
        macro_rules! at {
            ($p:expr) => {
                $p.offset_from(code_units) as usize
            };
        }
        let mut sp = stack_base!().add(fo!().stacktop as usize);
        // The next code unit to run (CPython's `next_instr`).
        let mut ip = code_units.add((fo!().lasti() + 1) as usize);
        // Switches the loop's registers to frame `f`.
        macro_rules! load_frame {
            () => {
                cd = code::data(fo!().code);
                code_units = cd.code.as_mut_ptr();
                sp = stack_base!().add(fo!().stacktop as usize);
            };
        }
        if TRACED && fo!().pending_jump >= 0 {
            ip = code_units.add(std::mem::replace(&mut fo!().pending_jump, -1) as usize);
        }
        fo!().executing = 1;
        let mut reraise = false;
        let mut pending_throw = entry != Entry::Run;
        // Set when a called frame run by this loop raised: the caller goes
        // on with the exception at its call.
        let mut caller_raised = false;
        // Traced frames: whether line events have started (after RESUME),
        // and the instruction run last.
        let mut lines_on = TRACED && fo!().lasti() >= 0;
        let mut prev = fo!().lasti().max(0) as usize;
        if TRACED && at!(ip) != prev + 1 && *code_units.add(prev) as u8 == YIELD_VALUE {
            // Resumed where a trace function set `f_lineno` when it
            // yielded: no line event there, as after any jump.
            prev = at!(ip);
        }

        // Leaves frame `f`, a call this loop runs (`depth` > 0), for its
        // caller, which goes on after its call instruction.
        macro_rules! pop_frame {
            () => {{
                let done = f;
                // One thread-state lookup for the frame chain, the frame's
                // memory and the recursion count.
                let ts = crate::runtime::tstate::get();
                f = fo!().f_back;
                ts.frame = f;
                frame::finish(ts, done);
                ts.recursion_depth -= 1;
                depth -= 1;
                load_frame!();
                let call = fo!().instr_ptr;
                ip = call.add(1 + CACHE[(*call & 0xff) as usize] as usize);
                if TRACED {
                    lines_on = true;
                    prev = at!(call);
                }
            }};
        }

        // Leaves generator frame `f`, which this loop runs (`depth` > 0)
        // for its caller's `FOR_ITER`, when it yielded or (`$finished`)
        // returned or raised; the caller goes on after its `FOR_ITER`.
        macro_rules! pop_gen_frame {
            ($finished:expr) => {{
                let done = f;
                frame::pop(done);
                f = std::mem::replace(&mut fo!().f_back, null_mut());
                decref(f);
                crate::vm::genobject::leave_inline(done, $finished);
                protocol::leave_recursive_call();
                depth -= 1;
                load_frame!();
                let for_iter = fo!().instr_ptr;
                ip = for_iter.add(1 + const { cache_of(Opcode::FOR_ITER) as usize });
                if TRACED {
                    lines_on = true;
                    prev = at!(for_iter);
                }
            }};
        }

        // Steps over the inline cache units of instruction `$op` (each
        // instruction that has them starts with this).
        macro_rules! skip_caches {
            ($op:ident) => {
                ip = ip.add(const { cache_of(Opcode::$op) as usize })
            };
        }
        macro_rules! push {
            ($v:expr) => {{
                *sp = $v;
                sp = sp.add(1);
            }};
        }
        macro_rules! pop {
            () => {{
                sp = sp.sub(1);
                *sp
            }};
        }
        macro_rules! top {
            () => {
                *sp.sub(1)
            };
        }
        macro_rules! peek {
            ($n:expr) => {
                *sp.sub($n)
            };
        }
        // Jumps to the error handling for this instruction.
        macro_rules! tri {
            ($l:lifetime, $e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(_) => break $l true,
                }
            };
        }
        macro_rules! fail {
            ($l:lifetime, $e:expr) => {{
                let _: Raised = $e;
                break $l true;
            }};
        }

        // After a call in an untraced loop that started events for this
        // thread (`sys.settrace`, `sys.monitoring.set_events` ...): the
        // frame goes on in the traced loop from the next instruction.
        macro_rules! retrace {
            ($f:expr) => {
                if tracing::active(crate::runtime::tstate::get()) {
                    fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                    fo!().pending_jump = at!(ip) as i32;
                    return eval_traced($f, Entry::Run, depth);
                }
            };
        }

        // Runs the new frame `$nf` (a call result) in this loop, on top of
        // the running one.
        macro_rules! push_frame {
            ($l:lifetime, $nf:expr) => {{
                let nf = tri!($l, $nf);
                tri!($l, protocol::enter_recursive_call(""));
                run_pushed!($l, crate::runtime::tstate::get(), nf.into_raw());
            }};
        }
        // Goes on with frame `$nf` (owned), already counted in the
        // recursion depth of thread state `$ts`, on top of the running one.
        macro_rules! run_pushed {
            ($l:lifetime, $ts:expr, $nf:expr) => {{
                fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                f = $nf;
                frame::push_on($ts, f);
                depth += 1;
                load_frame!();
                ip = code_units;
                fo!().executing = 1;
                if TRACED {
                    lines_on = false;
                    prev = 0;
                } else if tracing::maybe_active() {
                    retrace!(f);
                }
                break $l false;
            }};
        }

        // Unwinds the exception being raised at unit `$here` to its
        // handler in this frame (pushing `$lasti` when the handler wants
        // it), or leaves the frame with it. A traced frame raises
        // `EXCEPTION_HANDLED`; when a callback fails, its exception is
        // unwound instead, from the same place and without a second
        // event. (CPython unwinds it from just before the handler, which
        // can find the same handler again and loop forever.)
        macro_rules! unwind {
            ($run:lifetime, $here:expr, $lasti:expr) => {{
                let here: u32 = $here;
                let lasti: u32 = $lasti;
                let mut events = TRACED;
                loop {
                    let Some(h) = cd
                        .exceptiontable
                        .iter()
                        .find(|e| e.start <= here && here < e.end)
                        .copied()
                    else {
                        while sp > stack_base!() {
                            xdecref(pop!());
                        }
                        fo!().stacktop = 0;
                        fo!().executing = 0;
                        if depth == 0 {
                            return Err(Raised::assume());
                        }
                        if TRACED {
                            let _ = tracing::leave(f, Err(Raised::assume()));
                        }
                        if fo!().generator.is_null() {
                            pop_frame!();
                        } else {
                            pop_gen_frame!(true);
                        }
                        caller_raised = true;
                        continue $run;
                    };
                    let depth = stack_base!().add(h.depth as usize);
                    while sp > depth {
                        xdecref(pop!());
                    }
                    if h.lasti {
                        push!(int::from_i64(lasti as i64)
                            .map(Owned::into_raw)
                            .unwrap_or(null_mut()));
                    }
                    let e = errors::take().map_or(null_mut(), Owned::into_raw);
                    push!(e);
                    ip = code_units.add(h.target as usize);
                    if events && tracing::exception_handled(f, h.target as usize, e).is_err() {
                        events = false;
                        continue;
                    }
                    break;
                }
            }};
        }
        // The instruction at unit `$start` raised: unwinds the exception.
        macro_rules! raised {
            ($run:lifetime, $start:expr) => {{
                let start: usize = $start;
                if !TRACED && !reraise && tracing::maybe_active() {
                    // Events may have started in what raised.
                    if tracing::active(crate::runtime::tstate::get()) {
                        fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                        return eval_traced(f, Entry::Unwind, depth);
                    }
                }
                // Unwind: record this frame in the traceback (not when
                // re-raising), then find a handler for the instruction.
                if !reraise {
                    let _ = traceback::here(f);
                    if TRACED {
                        let _ = tracing::exception_event(f);
                    }
                } else if TRACED {
                    tracing::reraise(f, start);
                }
                reraise = false;
                // The handler is found from the instruction that failed; the
                // frame's lasti (which RERAISE may have moved back to the
                // original raise) is what tracebacks and `lasti` handlers see.
                unwind!($run, start as u32, fo!().lasti() as u32);
            }};
        }
        // A traced conditional jump at unit `start` went on at `ip`:
        // `BRANCH`.
        macro_rules! branch {
            ($l:lifetime, $start:expr) => {
                if TRACED {
                    tri!($l, tracing::branch(f, $start, at!(ip)));
                }
            };
        }

        'run: loop {
            if pending_throw {
                // An exception thrown into a suspended generator: unwind from
                // the yield it is suspended at.
                pending_throw = false;
                let _ = traceback::here(f);
                if TRACED && entry == Entry::Throw {
                    tracing::throw(f);
                    // Reported as at the RESUME after the yield.
                    prev = fo!().lasti() as usize + 1;
                } else if TRACED {
                    let _ = tracing::exception_event(f);
                    prev = fo!().lasti() as usize;
                }
                let lasti = fo!().lasti() as u32;
                unwind!('run, lasti, lasti);
            }
            if caller_raised {
                caller_raised = false;
                raised!('run, fo!().lasti() as usize);
                continue 'run;
            }
            // Instructions run in this inner loop until one raises (the
            // rare states above are not checked at each one).
            let start = 'instr: loop {
                // Where the instruction starts, with its EXTENDED_ARG
                // prefixes (traced frames: their events report it). An
                // untraced frame unwinds from `lasti` instead, which is in
                // the same exception table entries: one value fewer kept
                // across each instruction.
                let start = if TRACED { at!(ip) } else { 0 };
                let mut unit = *ip;
                // Every opcode is below 128 (checked at the top of this
                // file, and the verifier admits no other byte): the mask
                // lets the dispatch table cover every value the match can
                // see, with no range check before the jump.
                let mut op = (unit & 0x7f) as u8;
                let mut arg = (unit >> 8) as u32;
                while op == EXTENDED_ARG {
                    ip = ip.add(1);
                    unit = *ip;
                    op = (unit & 0x7f) as u8;
                    arg = (arg << 8) | (unit >> 8) as u32;
                }
                // The instruction itself, not its EXTENDED_ARG prefixes, as
                // CPython's `f_lasti`/`tb_lasti` (and `dis`) count it.
                fo!().instr_ptr = ip;
                ip = ip.add(1);

                let failed: bool = 'op: {
                    if TRACED && lines_on {
                        let jump_to = match op {
                            JUMP_BACKWARD => {
                                Some(at!(ip) + CACHE[op as usize] as usize - arg as usize)
                            }
                            JUMP_FORWARD => Some(at!(ip) + arg as usize),
                            _ => None,
                        };
                        fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                        tri!('op, tracing::instruction(f, start, jump_to, &mut prev));
                        if fo!().pending_jump >= 0 {
                            // The trace function set `f_lineno`.
                            prev = std::mem::replace(&mut fo!().pending_jump, -1) as usize;
                            ip = code_units.add(prev);
                            sp = stack_base!().add(fo!().stacktop as usize);
                            continue 'run;
                        }
                    }
                    match op {
                        NOP => {}
                        RESUME => {
                            if TRACED {
                                lines_on = true;
                                prev = start;
                                tri!('op, tracing::resume(f, arg));
                                if fo!().pending_jump >= 0 {
                                    // The `call` event of a resumed generator
                                    // set `f_lineno`.
                                    prev = std::mem::replace(&mut fo!().pending_jump, -1) as usize;
                                    ip = code_units.add(prev);
                                    sp = stack_base!().add(fo!().stacktop as usize);
                                    continue 'run;
                                }
                            }
                            // Not when resuming inside `yield from`/`await`
                            // (arg 2, 3): a pending signal is then handled in the
                            // innermost generator, which can catch it (bpo-30039).
                            if arg < 2 {
                                tri!('op, ops::eval_breaker())
                            }
                        }
                        POP_TOP => decref(pop!()),
                        PUSH_NULL => push!(null_mut()),
                        COPY => {
                            let v = peek!(arg as usize);
                            push!(new_ref(v));
                        }
                        SWAP => {
                            let a = sp.sub(1);
                            let b = sp.sub(arg as usize);
                            std::ptr::swap(a, b);
                        }
                        LOAD_CONST => push!(new_ref(*consts!().add(arg as usize))),
                        LOAD_SMALL_INT => push!(int::small(arg as i64)),
                        LOAD_FAST => push!(new_ref(*lp!().add(arg as usize))),
                        LOAD_FAST_CHECK => {
                            let v = *lp!().add(arg as usize);
                            if v.is_null() {
                                fail!('op, ops::unbound_local(cd.localsplusnames[arg as usize]));
                            }
                            push!(new_ref(v));
                        }
                        LOAD_FAST_AND_CLEAR => {
                            let v = std::mem::replace(&mut *lp!().add(arg as usize), null_mut());
                            push!(v);
                        }
                        LOAD_FAST_LOAD_FAST => {
                            push!(new_ref(*lp!().add((arg >> 4) as usize)));
                            push!(new_ref(*lp!().add((arg & 15) as usize)));
                        }
                        STORE_FAST => {
                            let v = pop!();
                            let old = std::mem::replace(&mut *lp!().add(arg as usize), v);
                            xdecref(old);
                        }
                        STORE_FAST_LOAD_FAST => {
                            let v = pop!();
                            let old = std::mem::replace(&mut *lp!().add((arg >> 4) as usize), v);
                            xdecref(old);
                            push!(new_ref(*lp!().add((arg & 15) as usize)));
                        }
                        STORE_FAST_STORE_FAST => {
                            let v = pop!();
                            let old = std::mem::replace(&mut *lp!().add((arg >> 4) as usize), v);
                            xdecref(old);
                            let v = pop!();
                            let old = std::mem::replace(&mut *lp!().add((arg & 15) as usize), v);
                            xdecref(old);
                        }
                        DELETE_FAST => {
                            let slot = lp!().add(arg as usize);
                            if (*slot).is_null() {
                                fail!('op, ops::unbound_local(cd.localsplusnames[arg as usize]));
                            }
                            decref(std::mem::replace(&mut *slot, null_mut()));
                        }
                        MAKE_CELL => {
                            let slot = lp!().add(arg as usize);
                            let c = tri!('op, cell::new(*slot));
                            xdecref(std::mem::replace(&mut *slot, c.into_raw()));
                        }
                        COPY_FREE_VARS => {
                            let closure =
                                (*fo!().func.cast::<crate::vm::function::PyFunctionObject>())
                                    .func_closure;
                            let cells = tuple::items(closure);
                            let first = fo!().nlocalsplus as usize - arg as usize;
                            for (i, &c) in cells.iter().enumerate().take(arg as usize) {
                                *lp!().add(first + i) = new_ref(c);
                            }
                        }
                        LOAD_DEREF => {
                            let v = cell::get(*lp!().add(arg as usize));
                            if v.is_null() {
                                fail!('op, ops::unbound_deref(cd, arg as usize));
                            }
                            push!(new_ref(v));
                        }
                        STORE_DEREF => {
                            let v = pop!();
                            cell::set(*lp!().add(arg as usize), v);
                            decref(v);
                        }
                        DELETE_DEREF => {
                            let c = *lp!().add(arg as usize);
                            if cell::get(c).is_null() {
                                fail!('op, ops::unbound_deref(cd, arg as usize));
                            }
                            cell::set(c, null_mut());
                        }
                        LOAD_FROM_DICT_OR_DEREF => {
                            let mapping = pop!();
                            let name = cd.localsplusnames[arg as usize];
                            let found = ops::mapping_lookup(mapping, name);
                            decref(mapping);
                            match tri!('op, found) {
                                Some(v) => push!(v.into_raw()),
                                None => {
                                    let v = cell::get(*lp!().add(arg as usize));
                                    if v.is_null() {
                                        fail!('op, ops::unbound_deref(cd, arg as usize));
                                    }
                                    push!(new_ref(v));
                                }
                            }
                        }
                        LOAD_FROM_DICT_OR_GLOBALS => {
                            let mapping = pop!();
                            let name = *names!().add(arg as usize);
                            let found = ops::mapping_lookup(mapping, name);
                            decref(mapping);
                            match tri!('op, found) {
                                Some(v) => push!(v.into_raw()),
                                None => push!(tri!('op, ops::load_global(fo!(), name)).into_raw()),
                            }
                        }
                        LOAD_NAME => {
                            let name = *names!().add(arg as usize);
                            if fo!().locals.is_null() {
                                fail!('op, errors::system_error(format!("no locals when loading {}", pystr::as_str(name).unwrap_or("?"))));
                            }
                            match tri!('op, ops::mapping_lookup(fo!().locals, name)) {
                                Some(v) => push!(v.into_raw()),
                                None => push!(tri!('op, ops::load_global(fo!(), name)).into_raw()),
                            }
                        }
                        STORE_NAME => {
                            let name = *names!().add(arg as usize);
                            let v = pop!();
                            let r = if fo!().locals.is_null() {
                                Err(errors::system_error("no locals found when storing a name"))
                            } else if (*fo!().locals).ob_type == &raw mut dict::PyDict_Type {
                                dict::set_item(fo!().locals, name, v)
                            } else {
                                protocol::set_item(fo!().locals, name, v)
                            };
                            decref(v);
                            tri!('op, r);
                        }
                        DELETE_NAME => {
                            let name = *names!().add(arg as usize);
                            if fo!().locals.is_null() {
                                fail!('op, errors::system_error("no locals when deleting a name"));
                            }
                            if protocol::set_item(fo!().locals, name, null_mut()).is_err() {
                                errors::clear();
                                fail!('op, ops::name_error(name));
                            }
                        }
                        LOAD_GLOBAL => {
                            skip_caches!(LOAD_GLOBAL);
                            let name = *names!().add((arg >> 1) as usize);
                            // The four cache units end where the next
                            // instruction starts.
                            let cache = ip.sub(4);
                            push!(tri!('op, ops::load_global_cached(fo!(), name, cache)));
                            if arg & 1 != 0 {
                                push!(null_mut());
                            }
                        }
                        STORE_GLOBAL => {
                            let v = pop!();
                            let r = dict::set_item(fo!().globals, *names!().add(arg as usize), v);
                            decref(v);
                            tri!('op, r);
                        }
                        DELETE_GLOBAL => {
                            let name = *names!().add(arg as usize);
                            if !tri!('op, dict::del_item_opt(fo!().globals, name)) {
                                fail!('op, ops::name_error(name));
                            }
                        }
                        LOAD_LOCALS => {
                            if fo!().locals.is_null() {
                                fail!('op, errors::system_error("no locals found"));
                            }
                            push!(new_ref(fo!().locals));
                        }
                        LOAD_ATTR => {
                            skip_caches!(LOAD_ATTR);
                            let name = *names!().add((arg >> 1) as usize);
                            let obj = top!();
                            let method = arg & 1 != 0;
                            // The nine cache units end where the next
                            // instruction starts.
                            let cache = ip.sub(9);
                            let (v, is_method) =
                                tri!('op, crate::vm::attr_cache::load(obj, name, cache, method));
                            *sp.sub(1) = v;
                            if is_method {
                                // method, self: the object stays as self.
                                push!(obj);
                            } else {
                                decref(obj);
                                if method {
                                    push!(null_mut());
                                }
                            }
                        }
                        STORE_ATTR => {
                            skip_caches!(STORE_ATTR);
                            let obj = pop!();
                            let v = pop!();
                            let cache = ip.sub(4);
                            let r = crate::vm::attr_cache::store(
                                obj,
                                *names!().add(arg as usize),
                                v,
                                cache,
                            );
                            decref(obj);
                            decref(v);
                            tri!('op, r);
                        }
                        DELETE_ATTR => {
                            let obj = pop!();
                            let r = protocol::setattr(obj, *names!().add(arg as usize), null_mut());
                            decref(obj);
                            tri!('op, r);
                        }
                        LOAD_SUPER_ATTR => {
                            skip_caches!(LOAD_SUPER_ATTR);
                            let self_ = pop!();
                            let class = pop!();
                            let sup = pop!();
                            let name = *names!().add((arg >> 2) as usize);
                            let r = if TRACED
                                && crate::vm::monitoring::active() & crate::vm::monitoring::CALL
                                    != 0
                            {
                                tracing::super_attr(f, sup, class, self_, name, arg & 2 != 0)
                                    .map(|v| (v, None))
                            } else {
                                ops::super_attr(
                                    sup,
                                    class,
                                    self_,
                                    name,
                                    arg & 1 != 0,
                                    arg & 2 != 0,
                                    fo!(),
                                )
                            };
                            decref(sup);
                            decref(class);
                            match r {
                                Ok((v, Some(s))) => {
                                    decref(self_);
                                    push!(v.into_raw());
                                    push!(s.into_raw());
                                }
                                Ok((v, None)) => {
                                    decref(self_);
                                    push!(v.into_raw());
                                    if arg & 1 != 0 {
                                        push!(null_mut());
                                    }
                                }
                                Err(e) => {
                                    decref(self_);
                                    fail!('op, e);
                                }
                            }
                        }
                        LOAD_COMMON_CONSTANT => {
                            push!(tri!('op, ops::common_constant(fo!(), arg)).into_raw())
                        }
                        LOAD_BUILD_CLASS => {
                            match tri!('op, ops::builtin(fo!(), crate::interned!("__build_class__")))
                            {
                                Some(v) => push!(v.into_raw()),
                                None => {
                                    fail!('op, errors::set_string(exc::PyExc_NameError, "__build_class__ not found"))
                                }
                            }
                        }
                        UNARY_NEGATIVE | UNARY_INVERT => {
                            let v = pop!();
                            let r = if op == UNARY_NEGATIVE {
                                number::unary_op(v, |nb| nb.nb_negative, "unary -")
                            } else {
                                number::unary_op(v, |nb| nb.nb_invert, "unary ~")
                            };
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        UNARY_NOT => {
                            let v = pop!();
                            let r = v != pybool::py_true();
                            decref(v);
                            push!(pybool::from_bool(r));
                        }
                        TO_BOOL => {
                            skip_caches!(TO_BOOL);
                            let v = top!();
                            if v != pybool::py_true() && v != pybool::py_false() {
                                let t = tri!('op, protocol::is_true(v));
                                *sp.sub(1) = pybool::from_bool(t);
                                decref(v);
                            }
                        }
                        BINARY_OP => {
                            skip_caches!(BINARY_OP);
                            let b = pop!();
                            let a = pop!();
                            push!(
                                tri!('op, crate::vm::arith::binary_op_owned(a, b, arg)).into_raw()
                            );
                        }
                        COMPARE_OP => {
                            skip_caches!(COMPARE_OP);
                            let b = pop!();
                            let a = pop!();
                            if let Some(t) = crate::vm::arith::compare_fast(a, b, arg >> 5) {
                                decref(a);
                                decref(b);
                                push!(pybool::from_bool(t));
                            } else {
                                let r = protocol::rich_compare(a, b, (arg >> 5) as i32);
                                decref(a);
                                decref(b);
                                let r = tri!('op, r);
                                if arg & 16 != 0
                                    && r.as_ptr() != pybool::py_true()
                                    && r.as_ptr() != pybool::py_false()
                                {
                                    let t = tri!('op, protocol::is_true(r.as_ptr()));
                                    push!(pybool::from_bool(t));
                                } else {
                                    push!(r.into_raw());
                                }
                            }
                        }
                        IS_OP => {
                            let b = pop!();
                            let a = pop!();
                            let r = (a == b) != (arg == 1);
                            decref(a);
                            decref(b);
                            push!(pybool::from_bool(r));
                        }
                        CONTAINS_OP => {
                            skip_caches!(CONTAINS_OP);
                            let container = pop!();
                            let item = pop!();
                            let r = protocol::contains(container, item);
                            decref(container);
                            decref(item);
                            let r = tri!('op, r);
                            push!(pybool::from_bool(r != (arg == 1)));
                        }
                        BINARY_SUBSCR => {
                            skip_caches!(BINARY_SUBSCR);
                            let key = pop!();
                            let container = pop!();
                            let r = ops::subscript(container, key);
                            decref(key);
                            decref(container);
                            push!(tri!('op, r).into_raw());
                        }
                        STORE_SUBSCR => {
                            skip_caches!(STORE_SUBSCR);
                            let key = pop!();
                            let container = pop!();
                            let v = pop!();
                            let r = ops::store_subscript(container, key, v);
                            decref(key);
                            decref(container);
                            decref(v);
                            tri!('op, r);
                        }
                        DELETE_SUBSCR => {
                            let key = pop!();
                            let container = pop!();
                            let r = protocol::set_item(container, key, null_mut());
                            decref(key);
                            decref(container);
                            tri!('op, r);
                        }
                        BINARY_SLICE => {
                            let stop = pop!();
                            let start = pop!();
                            let container = pop!();
                            let r = crate::vm::slicing::get(container, start, stop);
                            decref(stop);
                            decref(start);
                            decref(container);
                            push!(tri!('op, r).into_raw());
                        }
                        STORE_SLICE => {
                            let stop = pop!();
                            let start = pop!();
                            let container = pop!();
                            let v = pop!();
                            let r = crate::vm::slicing::set(container, start, stop, v);
                            decref(stop);
                            decref(start);
                            decref(container);
                            decref(v);
                            tri!('op, r);
                        }
                        BUILD_SLICE => {
                            let step = if arg == 3 { pop!() } else { null_mut() };
                            let stop = pop!();
                            let start = pop!();
                            let r = crate::object::slice::new(start, stop, step);
                            xdecref(step);
                            decref(stop);
                            decref(start);
                            push!(tri!('op, r).into_raw());
                        }
                        BUILD_TUPLE => {
                            let n = arg as usize;
                            let t = tri!('op, tuple::new_uninit(n as isize));
                            sp = sp.sub(n);
                            std::ptr::copy_nonoverlapping(sp, tuple::items_ptr(t.as_ptr()), n);
                            push!(t.into_raw());
                        }
                        BUILD_LIST => {
                            let n = arg as usize;
                            sp = sp.sub(n);
                            let items: Vec<Owned> = (0..n)
                                .map(|i| Owned::from_raw_unchecked(*sp.add(i)))
                                .collect();
                            push!(tri!('op, list::from_vec(items)).into_raw());
                        }
                        BUILD_SET => {
                            let n = arg as usize;
                            sp = sp.sub(n);
                            let items: Vec<Owned> = (0..n)
                                .map(|i| Owned::from_raw_unchecked(*sp.add(i)))
                                .collect();
                            let r = crate::object::set::new_set(null_mut()).and_then(|s| {
                                for it in &items {
                                    crate::object::set::add(s.as_ptr(), it.as_ptr())?;
                                }
                                Ok(s)
                            });
                            drop(items);
                            push!(tri!('op, r).into_raw());
                        }
                        BUILD_MAP => {
                            let n = arg as usize;
                            sp = sp.sub(2 * n);
                            let items: Vec<Owned> = (0..2 * n)
                                .map(|i| Owned::from_raw_unchecked(*sp.add(i)))
                                .collect();
                            let r = dict::with_capacity(n).and_then(|d| {
                                for kv in items.chunks(2) {
                                    dict::set_item(d.as_ptr(), kv[0].as_ptr(), kv[1].as_ptr())?;
                                }
                                Ok(d)
                            });
                            drop(items);
                            push!(tri!('op, r).into_raw());
                        }
                        BUILD_STRING => {
                            let n = arg as usize;
                            sp = sp.sub(n);
                            let items: Vec<Owned> = (0..n)
                                .map(|i| Owned::from_raw_unchecked(*sp.add(i)))
                                .collect();
                            push!(tri!('op, ops::join_strings(&items)).into_raw());
                        }
                        LIST_APPEND => {
                            let v = pop!();
                            let target = peek!(arg as usize);
                            let r = if ops::is_exactly(target, &raw mut list::PyList_Type) {
                                list::append(target, v)
                            } else {
                                Err(ops::bad_stack("LIST_APPEND"))
                            };
                            decref(v);
                            tri!('op, r);
                        }
                        SET_ADD => {
                            let v = pop!();
                            let target = peek!(arg as usize);
                            let r =
                                if ops::is_exactly(target, &raw mut crate::object::set::PySet_Type)
                                {
                                    crate::object::set::add(target, v)
                                } else {
                                    Err(ops::bad_stack("SET_ADD"))
                                };
                            decref(v);
                            tri!('op, r);
                        }
                        MAP_ADD => {
                            let v = pop!();
                            let k = pop!();
                            let target = peek!(arg as usize);
                            let r = if ops::is_exactly(target, &raw mut dict::PyDict_Type) {
                                dict::set_item(target, k, v)
                            } else {
                                Err(ops::bad_stack("MAP_ADD"))
                            };
                            decref(v);
                            decref(k);
                            tri!('op, r);
                        }
                        LIST_EXTEND => {
                            let v = pop!();
                            let target = peek!(arg as usize);
                            let r = if ops::is_exactly(target, &raw mut list::PyList_Type) {
                                ops::list_extend(target, v)
                            } else {
                                Err(ops::bad_stack("LIST_EXTEND"))
                            };
                            decref(v);
                            tri!('op, r);
                        }
                        SET_UPDATE => {
                            let v = pop!();
                            let target = peek!(arg as usize);
                            let r =
                                if ops::is_exactly(target, &raw mut crate::object::set::PySet_Type)
                                {
                                    ops::set_update(target, v)
                                } else {
                                    Err(ops::bad_stack("SET_UPDATE"))
                                };
                            decref(v);
                            tri!('op, r);
                        }
                        DICT_UPDATE | DICT_MERGE => {
                            let v = pop!();
                            let target = peek!(arg as usize);
                            // DICT_MERGE builds call arguments: the callable
                            // (for messages) is three slots under the dict.
                            let merge = op == DICT_MERGE;
                            let func = if merge {
                                peek!(arg as usize + 3)
                            } else {
                                null_mut()
                            };
                            let r = if ops::is_exactly(target, &raw mut dict::PyDict_Type) {
                                ops::dict_update(target, v, merge, func)
                            } else {
                                Err(ops::bad_stack("DICT_UPDATE"))
                            };
                            decref(v);
                            tri!('op, r);
                        }
                        UNPACK_SEQUENCE => {
                            skip_caches!(UNPACK_SEQUENCE);
                            let seq = pop!();
                            let st = (*seq).ob_type;
                            let items = if st == &raw mut tuple::PyTuple_Type {
                                tuple::items(seq)
                            } else if st == &raw mut list::PyList_Type {
                                list::items(seq)
                            } else {
                                &[]
                            };
                            if items.len() == arg as usize && arg > 0 {
                                for &v in items.iter().rev() {
                                    push!(new_ref(v));
                                }
                                decref(seq);
                                break 'op false;
                            }
                            let r = ops::unpack(seq, arg as usize, None);
                            decref(seq);
                            let items = tri!('op, r);
                            for v in items.into_iter().rev() {
                                push!(v.into_raw());
                            }
                        }
                        UNPACK_EX => {
                            let seq = pop!();
                            let before = (arg & 0xff) as usize;
                            let after = (arg >> 8) as usize;
                            let r = ops::unpack(seq, before + after, Some(before));
                            decref(seq);
                            let items = tri!('op, r);
                            for v in items.into_iter().rev() {
                                push!(v.into_raw());
                            }
                        }
                        JUMP_FORWARD => ip = ip.add(arg as usize),
                        JUMP_BACKWARD => {
                            skip_caches!(JUMP_BACKWARD);
                            ip = ip.sub(arg as usize);
                            tri!('op, ops::eval_breaker());
                        }
                        JUMP_BACKWARD_NO_INTERRUPT => ip = ip.sub(arg as usize),
                        POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE => {
                            skip_caches!(POP_JUMP_IF_FALSE);
                            let v = pop!();
                            let want = op == POP_JUMP_IF_TRUE;
                            let truth = if v == pybool::py_true() {
                                true
                            } else if v == pybool::py_false() {
                                false
                            } else {
                                let t = protocol::is_true(v);
                                decref(v);
                                tri!('op, t)
                            };
                            if truth == want {
                                ip = ip.add(arg as usize);
                            }
                            branch!('op, start);
                        }
                        POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => {
                            skip_caches!(POP_JUMP_IF_NONE);
                            let v = pop!();
                            let is_none = v == none::none();
                            decref(v);
                            if is_none == (op == POP_JUMP_IF_NONE) {
                                ip = ip.add(arg as usize);
                            }
                            branch!('op, start);
                        }
                        GET_YIELD_FROM_ITER => {
                            let v = top!();
                            if (*v).ob_type == &raw mut crate::vm::genobject::PyCoro_Type
                            && cd.flags
                                & (ferrython_compiler::bytecode::co_flags::COROUTINE
                                    | ferrython_compiler::bytecode::co_flags::ITERABLE_COROUTINE)
                                == 0
                        {
                            fail!('op, errors::type_error(
                                "cannot 'yield from' a coroutine object in a non-coroutine generator"
                            ));
                        }
                            if !crate::vm::genobject::check(v) {
                                let r = protocol::get_iter(v);
                                decref(v);
                                sp = sp.sub(1);
                                push!(tri!('op, r).into_raw());
                            }
                        }
                        GET_ITER => {
                            let v = pop!();
                            let r = protocol::get_iter(v);
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        FOR_ITER => {
                            skip_caches!(FOR_ITER);
                            let it = top!();
                            if !TRACED
                                && ops::is_exactly(it, &raw mut crate::vm::genobject::PyGen_Type)
                            {
                                // A generator: its frame runs in this loop,
                                // on top of this one, until it yields.
                                let ts = crate::runtime::tstate::get();
                                if ts.recursion_depth < ts.recursion_limit {
                                    if let Some(gf) = crate::vm::genobject::enter_inline(it) {
                                        ts.recursion_depth += 1;
                                        fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                                        fo!().for_iter_exit = (at!(ip) + arg as usize) as u32;
                                        f = gf;
                                        frame::push(f);
                                        depth += 1;
                                        load_frame!();
                                        ip = code_units.add((fo!().lasti() + 1) as usize);
                                        fo!().executing = 1;
                                        if tracing::maybe_active() {
                                            retrace!(f);
                                        }
                                        break 'op false;
                                    }
                                }
                            }
                            let v = if TRACED
                                && ops::is_exactly(it, &raw mut crate::vm::genobject::PyGen_Type)
                            {
                                tri!('op, tracing::next_of_generator(f, it, start))
                            } else {
                                // `del cls.__next__` during the loop empties the slot.
                                let Some(next) = (*(*it).ob_type).tp_iternext else {
                                    fail!('op, errors::type_error(format!(
                                        "'{}' object is not iterable",
                                        typeobj::type_name(it)
                                    )));
                                };
                                next(it)
                            };
                            if !v.is_null() {
                                push!(v);
                            } else {
                                if !errors::occurred().is_null() {
                                    if !errors::matches(exc::PyExc_StopIteration) {
                                        break 'op true;
                                    }
                                    errors::clear();
                                }
                                decref(pop!());
                                ip = ip.add(arg as usize);
                            }
                            branch!('op, start);
                        }
                        RETURN_VALUE | RETURN_CONST => {
                            let v = if op == RETURN_CONST {
                                new_ref(*consts!().add(arg as usize))
                            } else {
                                pop!()
                            };
                            fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                            fo!().executing = 0;
                            if depth == 0 {
                                return Ok(Exit::Return(Owned::from_raw_unchecked(v)));
                            }
                            let v = if TRACED {
                                leave_traced(f, Exit::Return(Owned::from_raw_unchecked(v)))
                            } else {
                                v
                            };
                            if !fo!().generator.is_null() {
                                // A generator run for the caller's
                                // `FOR_ITER` finished: the loop is over
                                // (the value it returned is dropped).
                                pop_gen_frame!(true);
                                if v.is_null() {
                                    caller_raised = true;
                                    continue 'run;
                                }
                                decref(v);
                                decref(pop!());
                                ip = code_units.add(fo!().for_iter_exit as usize);
                                break 'op false;
                            }
                            pop_frame!();
                            if v.is_null() {
                                caller_raised = true;
                                continue 'run;
                            }
                            push!(v);
                            if !TRACED && tracing::maybe_active() {
                                retrace!(f);
                            }
                        }
                        YIELD_VALUE => {
                            let v = pop!();
                            fo!().stacktop = sp.offset_from(stack_base!()) as i32;
                            fo!().executing = 0;
                            if depth == 0 {
                                return Ok(Exit::Yield(Owned::from_raw_unchecked(v)));
                            }
                            // A generator run for the caller's `FOR_ITER`:
                            // the value is the caller's next item.
                            let v = if TRACED {
                                leave_traced(f, Exit::Yield(Owned::from_raw_unchecked(v)))
                            } else {
                                v
                            };
                            pop_gen_frame!(v.is_null());
                            if v.is_null() {
                                caller_raised = true;
                                continue 'run;
                            }
                            push!(v);
                        }
                        RETURN_GENERATOR => push!(new_ref(none::none())),
                        SEND => {
                            skip_caches!(SEND);
                            let v = pop!();
                            let receiver = top!();
                            let r = ops::send(receiver, v);
                            decref(v);
                            match tri!('op, r) {
                                crate::vm::genobject::Sent::Yielded(x) => push!(x.into_raw()),
                                crate::vm::genobject::Sent::Returned(x) => {
                                    use crate::vm::genobject::{PyCoro_Type, PyGen_Type};
                                    if TRACED {
                                        if ops::is_exactly(receiver, &raw mut PyGen_Type)
                                            || ops::is_exactly(receiver, &raw mut PyCoro_Type)
                                        {
                                            let end_send = at!(ip) + arg as usize;
                                            tri!(
                                                'op,
                                                tracing::generator_returned(f, end_send, x.as_ptr())
                                            );
                                        } else {
                                            tri!('op, tracing::stop_iteration(f, x.as_ptr()));
                                        }
                                    }
                                    push!(x.into_raw());
                                    ip = ip.add(arg as usize);
                                }
                            }
                        }
                        END_SEND => {
                            let v = pop!();
                            decref(pop!());
                            push!(v);
                        }
                        CLEANUP_THROW => {
                            let e = pop!();
                            let last = pop!();
                            let sub = pop!();
                            decref(last);
                            decref(sub);
                            if exc::given_matches(e, exc::PyExc_StopIteration) {
                                let val = tri!('op, protocol::getattr_str(e, "value"));
                                decref(e);
                                push!(new_ref(none::none()));
                                push!(val.into_raw());
                            } else {
                                errors::restore(Owned::from_raw_unchecked(e));
                                reraise = true;
                                break 'op true;
                            }
                        }
                        GET_AWAITABLE => {
                            let v = pop!();
                            let r = ops::await_iter(v, arg);
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        GET_AITER => {
                            let v = pop!();
                            let r = ops::get_aiter(v);
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        GET_ANEXT => {
                            let r = ops::get_anext(top!());
                            push!(tri!('op, r).into_raw());
                        }
                        END_ASYNC_FOR => {
                            let e = pop!();
                            if exc::given_matches(e, exc::PyExc_StopAsyncIteration) {
                                decref(e);
                                decref(pop!());
                            } else {
                                errors::restore(Owned::from_raw_unchecked(e));
                                reraise = true;
                                break 'op true;
                            }
                        }
                        BEFORE_ASYNC_WITH => {
                            let mgr = pop!();
                            let r = ops::before_async_with(mgr);
                            decref(mgr);
                            let (exit, awaitable) = tri!('op, r);
                            push!(exit.into_raw());
                            push!(awaitable.into_raw());
                        }
                        CALL | CALL_KW => {
                            if op == CALL {
                                skip_caches!(CALL);
                            }
                            let n = arg as usize;
                            // `CALL` of a Python function whose parameters
                            // are exactly the arguments (CPython's
                            // `CALL_PY_EXACT_ARGS`), untraced: its frame takes
                            // them and the function from the stack and runs
                            // in this loop (past the recursion limit, the
                            // general path raises).
                            macro_rules! exact_call {
                                ($l:lifetime) => {{
                                    let callable = peek!(n + 2);
                                    let (args, nargs) = if peek!(n + 1).is_null() {
                                        (sp.sub(n), n)
                                    } else {
                                        (sp.sub(n + 1), n + 1)
                                    };
                                    if crate::vm::function::check(callable)
                                        && crate::vm::call::runs_inline(callable)
                                        && crate::vm::call::exact_positional(
                                            callable,
                                            nargs,
                                            null_mut(),
                                        )
                                    {
                                        let ts = crate::runtime::tstate::get();
                                        if ts.recursion_depth < ts.recursion_limit {
                                            let nf =
                                                frame::new_exact_call(ts, callable, args, nargs);
                                            sp = sp.sub(n + 2);
                                            let nf = tri!($l, nf);
                                            ts.recursion_depth += 1;
                                            run_pushed!($l, ts, nf.into_raw());
                                        }
                                    }
                                }};
                            }
                            if !TRACED && op == CALL {
                                exact_call!('op);
                            }
                            let kwnames = if op == CALL_KW { pop!() } else { null_mut() };
                            let kw_ok = kwnames.is_null()
                                || (tuple::check_exact(kwnames)
                                    && tuple::size(kwnames) as usize <= n);
                            if !kw_ok {
                                decref(kwnames);
                                fail!('op, ops::bad_stack("CALL_KW"));
                            }
                            if !TRACED
                                && peek!(n + 1).is_null()
                                && crate::vm::function::is_python_method(peek!(n + 2))
                            {
                                // A method bound to a Python function: called as
                                // its function with self first, which runs in
                                // this loop (untraced only: events report the
                                // method).
                                let m = peek!(n + 2).cast::<crate::vm::function::PyMethodObject>();
                                *sp.sub(n + 1) = new_ref((*m).im_self);
                                *sp.sub(n + 2) = new_ref((*m).im_func);
                                decref(m.cast());
                                if kwnames.is_null() {
                                    exact_call!('op);
                                }
                            }
                            let callable = peek!(n + 2);
                            let self_or_null = peek!(n + 1);
                            let (args, nargs) = if self_or_null.is_null() {
                                (sp.sub(n), n)
                            } else {
                                (sp.sub(n + 1), n + 1)
                            };
                            let nkw = if kwnames.is_null() {
                                0
                            } else {
                                tuple::size(kwnames) as usize
                            };
                            let arg0 = if nargs > 0 {
                                *args
                            } else {
                                crate::vm::monitoring::missing()
                            };
                            let armed = match TRACED {
                                true => tracing::call_start(f, callable, arg0),
                                false => Ok(false),
                            };
                            let Ok(armed) = armed else {
                                for i in 0..nargs {
                                    decref(*args.add(i));
                                }
                                sp = sp.sub(n + 2);
                                decref(callable);
                                xdecref(kwnames);
                                break 'op true;
                            };
                            if crate::vm::function::check(callable)
                                && crate::vm::call::runs_inline(callable)
                                && (!TRACED || tracing::active(crate::runtime::tstate::get()))
                            {
                                // A Python function: its frame runs in this loop.
                                let nf = if crate::vm::call::exact_positional(
                                    callable, nargs, kwnames,
                                ) {
                                    // The arguments move from the stack to the
                                    // parameters.
                                    let nf = crate::vm::call::empty_frame(callable, null_mut());
                                    match &nf {
                                        Ok(nf) => std::ptr::copy_nonoverlapping(
                                            args,
                                            frame::slots(nf.as_ptr()),
                                            nargs,
                                        ),
                                        Err(_) => (0..nargs).for_each(|i| decref(*args.add(i))),
                                    }
                                    nf
                                } else {
                                    let npos = nargs - nkw;
                                    let nf = crate::vm::call::new_frame(
                                        callable,
                                        null_mut(),
                                        std::slice::from_raw_parts(args, npos),
                                        kwnames,
                                        std::slice::from_raw_parts(args.add(npos), nkw),
                                    );
                                    (0..nargs).for_each(|i| decref(*args.add(i)));
                                    nf
                                };
                                sp = sp.sub(n + 2);
                                decref(callable);
                                xdecref(kwnames);
                                push_frame!('op, nf);
                            }
                            let r = if kwnames.is_null() && crate::vm::function::check(callable) {
                                // Python function: bind and run directly.
                                crate::vm::call::call_function(
                                    callable,
                                    std::slice::from_raw_parts(args, nargs),
                                    null_mut(),
                                    &[],
                                )
                                .map_or(null_mut(), Owned::into_raw)
                            } else {
                                crate::capi::call::vectorcall(callable, args, nargs - nkw, kwnames)
                            };
                            let r = if TRACED && armed {
                                tracing::call_end(f, callable, arg0, r)
                            } else {
                                r
                            };
                            for i in 0..nargs {
                                decref(*args.add(i));
                            }
                            sp = sp.sub(n + 2);
                            decref(callable);
                            xdecref(kwnames);
                            if r.is_null() {
                                break 'op true;
                            }
                            push!(r);
                            // As CPython after a call that did not run here:
                            // a signal it caused (`_thread.interrupt_main()`)
                            // is handled before the next instruction.
                            tri!('op, ops::eval_breaker());
                            if !TRACED && tracing::maybe_active() {
                                retrace!(f);
                            }
                        }
                        CALL_FUNCTION_EX => {
                            let kwargs = if arg & 1 != 0 { pop!() } else { null_mut() };
                            let args = pop!();
                            let self_or_null = pop!();
                            let callable = pop!();
                            if !TRACED
                                && crate::vm::function::check(callable)
                                && crate::vm::call::runs_inline(callable)
                            {
                                let nf = ops::call_ex_args(callable, self_or_null, args, kwargs)
                                    .and_then(|(t, kw)| {
                                        crate::vm::call::new_frame_ex(callable, t.as_ptr(), kw)
                                    });
                                xdecref(kwargs);
                                decref(args);
                                xdecref(self_or_null);
                                decref(callable);
                                push_frame!('op, nf);
                            }
                            let r = ops::call_ex::<TRACED>(f, callable, self_or_null, args, kwargs);
                            xdecref(kwargs);
                            decref(args);
                            xdecref(self_or_null);
                            decref(callable);
                            push!(tri!('op, r).into_raw());
                            if !TRACED && tracing::maybe_active() {
                                retrace!(f);
                            }
                        }
                        CALL_INTRINSIC_1 => {
                            let v = pop!();
                            let r = ops::intrinsic1(arg, v, fo!());
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        CALL_INTRINSIC_2 => {
                            let b = pop!();
                            let a = pop!();
                            let r = ops::intrinsic2(arg, a, b);
                            decref(a);
                            decref(b);
                            push!(tri!('op, r).into_raw());
                        }
                        MAKE_FUNCTION => {
                            let co = pop!();
                            // Checked here, not by the verifier: bytecode from
                            // marshal may put anything on the stack.
                            let r = if ops::is_exactly(co, &raw mut code::PyCode_Type) {
                                crate::vm::function::new(co, fo!().globals, null_mut())
                            } else {
                                Err(errors::system_error("MAKE_FUNCTION of a non-code object"))
                            };
                            decref(co);
                            push!(tri!('op, r).into_raw());
                        }
                        SET_FUNCTION_ATTRIBUTE => {
                            let func = pop!();
                            let v = pop!();
                            let r = ops::set_function_attribute(func, arg, v);
                            push!(func);
                            tri!('op, r);
                        }
                        SETUP_ANNOTATIONS => tri!('op, ops::setup_annotations(fo!())),
                        IMPORT_NAME => {
                            let fromlist = pop!();
                            let level = pop!();
                            let r = ops::import_name(
                                fo!(),
                                *names!().add(arg as usize),
                                fromlist,
                                level,
                            );
                            decref(fromlist);
                            decref(level);
                            push!(tri!('op, r).into_raw());
                        }
                        IMPORT_FROM => {
                            let r = ops::import_from(top!(), *names!().add(arg as usize));
                            push!(tri!('op, r).into_raw());
                        }
                        RAISE_VARARGS => {
                            let cause = if arg >= 2 { pop!() } else { null_mut() };
                            let e = if arg >= 1 { pop!() } else { null_mut() };
                            let r = ops::do_raise(e, cause);
                            xdecref(e);
                            xdecref(cause);
                            if r {
                                reraise = true;
                            }
                            break 'op true;
                        }
                        RERAISE => {
                            let e = pop!();
                            // The handler is looked up from here, whatever
                            // `lasti` becomes.
                            let here = if TRACED {
                                start
                            } else {
                                fo!().lasti() as usize
                            };
                            if arg > 0 {
                                let l = peek!(arg as usize);
                                if let Ok(v) = int::as_i64(l) {
                                    fo!().set_lasti(v as i32);
                                }
                            }
                            errors::restore(Owned::from_raw_unchecked(e));
                            reraise = true;
                            break 'instr here;
                        }
                        PUSH_EXC_INFO => {
                            let e = pop!();
                            let ts = crate::runtime::tstate::get();
                            let prev = std::mem::replace(&mut ts.handled_exception, new_ref(e));
                            push!(if prev.is_null() {
                                new_ref(none::none())
                            } else {
                                prev
                            });
                            push!(e);
                        }
                        POP_EXCEPT => {
                            let prev = pop!();
                            let ts = crate::runtime::tstate::get();
                            let prev = if prev == none::none() {
                                decref(prev);
                                null_mut()
                            } else {
                                prev
                            };
                            xdecref(std::mem::replace(&mut ts.handled_exception, prev));
                        }
                        CHECK_EXC_MATCH => {
                            let t = pop!();
                            let r = ops::check_exc_match(top!(), t);
                            decref(t);
                            push!(pybool::from_bool(tri!('op, r)));
                        }
                        CHECK_EG_MATCH => {
                            let t = pop!();
                            let e = pop!();
                            let r = ops::check_eg_match(f, e, t);
                            decref(t);
                            decref(e);
                            let (rest, matched) = tri!('op, r);
                            push!(rest.into_raw());
                            push!(matched.into_raw());
                        }
                        WITH_EXCEPT_START => {
                            let e = peek!(1);
                            let exit = peek!(4);
                            let tb = (*e.cast::<PyBaseExceptionObject>()).traceback;
                            let tb = if tb.is_null() { none::none() } else { tb };
                            let r = protocol::call_args(exit, &[(*e).ob_type.cast(), e, tb]);
                            push!(tri!('op, r).into_raw());
                        }
                        BEFORE_WITH => {
                            let mgr = pop!();
                            let r = ops::before_with(mgr);
                            decref(mgr);
                            let (exit, entered) = tri!('op, r);
                            push!(exit.into_raw());
                            push!(entered.into_raw());
                        }
                        FORMAT_SIMPLE => {
                            let v = top!();
                            if !pystr::check_exact(v) {
                                let r = crate::object::str_format::format_obj(v, "");
                                decref(v);
                                sp = sp.sub(1);
                                push!(tri!('op, r).into_raw());
                            }
                        }
                        BUILD_INTERPOLATION => {
                            let spec = if arg & 1 != 0 { pop!() } else { null_mut() };
                            let expr = pop!();
                            let v = pop!();
                            let empty = crate::interned!("");
                            let r = crate::object::templatelib::new_interpolation(
                                v,
                                expr,
                                crate::object::templatelib::conversion_char(arg >> 2),
                                if spec.is_null() { empty } else { spec },
                            );
                            xdecref(spec);
                            decref(expr);
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        BUILD_TEMPLATE => {
                            let strings = pop!();
                            let interps = pop!();
                            let r = crate::object::templatelib::new_template(strings, interps);
                            decref(strings);
                            decref(interps);
                            push!(tri!('op, r).into_raw());
                        }
                        FORMAT_WITH_SPEC => {
                            let spec = pop!();
                            let v = pop!();
                            let r = if pystr::check(spec) {
                                crate::object::str_format::format_with(v, spec)
                            } else {
                                Err(ops::bad_stack("FORMAT_WITH_SPEC"))
                            };
                            decref(spec);
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        CONVERT_VALUE => {
                            let v = pop!();
                            let r = match arg {
                                1 => protocol::str_(v),
                                2 => protocol::repr(v),
                                _ => protocol::repr(v).and_then(|r| {
                                    pystr::from_str(&crate::capi::format::ascii_escape(
                                        pystr::as_str(r.as_ptr())?,
                                    ))
                                }),
                            };
                            decref(v);
                            push!(tri!('op, r).into_raw());
                        }
                        GET_LEN => {
                            let n = tri!('op, protocol::len(top!()));
                            push!(tri!('op, int::from_i64(n as i64)).into_raw());
                        }
                        MATCH_MAPPING | MATCH_SEQUENCE => {
                            let flag = if op == MATCH_MAPPING {
                                Py_TPFLAGS_MAPPING
                            } else {
                                Py_TPFLAGS_SEQUENCE
                            };
                            push!(pybool::from_bool((*(*top!()).ob_type).tp_flags & flag != 0));
                        }
                        MATCH_KEYS => {
                            let r = patma::match_keys(peek!(2), top!());
                            push!(tri!('op, r).map_or(new_ref(none::none()), Owned::into_raw));
                        }
                        MATCH_CLASS => {
                            let kwnames = pop!();
                            let cls = pop!();
                            let subject = pop!();
                            let r = patma::match_class(subject, cls, arg as usize, kwnames);
                            decref(kwnames);
                            decref(cls);
                            decref(subject);
                            push!(tri!('op, r).map_or(new_ref(none::none()), Owned::into_raw));
                        }
                        EXIT_INIT_CHECK => {
                            let v = pop!();
                            let is_none = v == none::none();
                            if !is_none {
                                let t = typeobj::type_name(v);
                                decref(v);
                                fail!('op, errors::type_error(format!("__init__() should return None, not '{t}'")));
                            }
                            decref(v);
                        }
                        // Every other value of the masked byte (`CACHE` is 0;
                        // `EXTENDED_ARG` prefixes were folded above), listed
                        // so that the match covers all 128 and `_` is
                        // unreachable (a range pattern would be tested apart
                        // from the jump table).
                        #[allow(clippy::manual_range_patterns)]
                        0 | 117 | 118 | 119 | 120 | 121 | 122 | 123 | 124 | 125 | 126 | 127 => {
                            let name = Opcode::from_u8(*fo!().instr_ptr as u8)
                                .map_or("<unknown>", Opcode::name);
                            fail!('op, errors::system_error(format!("ferrython cannot run opcode {name} yet")));
                        }
                        _ => unreachable!("an opcode masked to 7 bits"),
                    }
                    false
                };
                if failed {
                    break if TRACED {
                        start
                    } else {
                        fo!().lasti() as usize
                    };
                }
            };
            raised!('run, start);
        }
    }
}
