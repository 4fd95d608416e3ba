//! The matcher (CPython's `sre_lib.h` `SRE(match)`/`SRE(search)`): a
//! backtracking interpreter of the code that `re/_compiler.py` produces.
//!
//! It never recurses on the Rust stack for nested patterns: every point
//! the matcher may come back to is a frame (`Ctx`) on an explicit stack,
//! and a child's result resumes its parent at the `Jump` the parent left.
//! Group marks saved for backtracking go to a separate data stack, exactly
//! where CPython saves them, so that captures come out the same.
use super::chars::{self, in_charset, in_charset_loc_ignore, loc_ignore_eq};
use super::constants::*;
use super::hints::Hints;

/// A character unit of the subject: `u8` (bytes, Latin-1 str), `u16` or
/// `u32` (wider str kinds).
pub trait Unit: Copy {
    fn get(self) -> u32;
    /// The subject as bytes when its units are bytes.
    fn bytes(text: &[Self]) -> Option<&[u8]> {
        let _ = text;
        None
    }
}
impl Unit for u8 {
    #[inline(always)]
    fn get(self) -> u32 {
        self as u32
    }
    fn bytes(text: &[u8]) -> Option<&[u8]> {
        Some(text)
    }
}
impl Unit for u16 {
    #[inline(always)]
    fn get(self) -> u32 {
        self as u32
    }
}
impl Unit for u32 {
    #[inline(always)]
    fn get(self) -> u32 {
        self
    }
}

/// Whether the one-character operation at `code[pc]` accepts `c`.
#[inline]
pub fn one(code: &[u32], pc: usize, c: u32) -> Option<bool> {
    Some(match code[pc] {
        LITERAL => c == code[pc + 1],
        NOT_LITERAL => c != code[pc + 1],
        LITERAL_IGNORE => chars::lower_ascii(c) == code[pc + 1],
        NOT_LITERAL_IGNORE => chars::lower_ascii(c) != code[pc + 1],
        LITERAL_UNI_IGNORE => chars::lower_unicode(c) == code[pc + 1],
        NOT_LITERAL_UNI_IGNORE => chars::lower_unicode(c) != code[pc + 1],
        LITERAL_LOC_IGNORE => loc_ignore_eq(code[pc + 1], c),
        NOT_LITERAL_LOC_IGNORE => !loc_ignore_eq(code[pc + 1], c),
        ANY => c != 10,
        ANY_ALL => true,
        IN => in_charset(code, pc + 2, c),
        IN_IGNORE => in_charset(code, pc + 2, chars::lower_ascii(c)),
        IN_UNI_IGNORE => in_charset(code, pc + 2, chars::lower_unicode(c)),
        IN_LOC_IGNORE => in_charset_loc_ignore(code, pc + 2, c),
        CATEGORY => chars::category(code[pc + 1], c),
        _ => return None,
    })
}

/// An unset mark.
pub const NONE: usize = usize::MAX;

/// Why a match stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// A Python exception (KeyboardInterrupt from a signal) is set.
    Interrupted,
    /// The code asks for something the matcher cannot do (a bug or
    /// hand-made code): RuntimeError.
    Internal,
    /// Hand-made code nests single-character repeats too deeply.
    Recursion,
}

/// Where a finished child frame resumes its parent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// One frame of the backtracking stack.
#[derive(Clone, Copy)]
struct Ctx {
    pc: usize,
    ptr: usize,
    count: isize,
    /// The repeat this frame works on, or a literal character.
    aux: usize,
    lastmark: isize,
    lastindex: isize,
    toplevel: bool,
    jump: Jump,
}

/// A `REPEAT ... UNTIL` in progress.
struct Repeat {
    count: isize,
    /// Code index of the `REPEAT` operands (skip, min, max).
    pc: usize,
    last_ptr: usize,
    prev: usize,
}

/// Matching state over one subject (CPython's `SRE_STATE`).
pub struct State<'t, C: Unit> {
    /// The whole subject; index 0 is the string's beginning.
    text: &'t [C],
    /// The pattern's precomputed search facts and set bitmaps.
    hints: &'t Hints,
    /// Where matching must stop (`endpos`).
    end: usize,
    pub start: usize,
    pub ptr: usize,
    pub lastmark: isize,
    pub lastindex: isize,
    repeat: usize,
    /// The group marks and the backtracking stacks.
    stacks: Stacks,
    pub match_all: bool,
    pub must_advance: bool,
    sigcount: u32,
    depth: u32,
}

/// The growable parts of a `State`. A finished state leaves them to the
/// next one on its thread, so that a match does not allocate them again.
#[derive(Default)]
struct Stacks {
    marks: Vec<usize>,
    repeats: Vec<Repeat>,
    data: Vec<usize>,
    ctxs: Vec<Ctx>,
}

/// Stacks larger than this (in entries) are freed rather than kept.
const KEEP_STACKS: usize = 1 << 16;

thread_local! {
    static SPARE_STACKS: std::cell::Cell<Option<Stacks>> = const { std::cell::Cell::new(None) };
}

impl<C: Unit> Drop for State<'_, C> {
    fn drop(&mut self) {
        let s = &mut self.stacks;
        let kept = [
            s.marks.capacity(),
            s.repeats.capacity(),
            s.data.capacity(),
            s.ctxs.capacity(),
        ];
        if kept.iter().all(|&n| n <= KEEP_STACKS) {
            let s = std::mem::take(s);
            // A thread being torn down has no spare slot any more.
            let _ = SPARE_STACKS.try_with(|spare| spare.set(Some(s)));
        }
    }
}

enum Next {
    Enter,
    Dispatch,
    Return(bool),
}

impl<'t, C: Unit> State<'t, C> {
    /// A state over `text[..end]` for a pattern with `groups` capturing
    /// groups and these hints, starting at `start` (which may lie beyond
    /// `end`).
    pub fn new(text: &'t [C], end: usize, groups: usize, start: usize, hints: &'t Hints) -> Self {
        let mut stacks = SPARE_STACKS
            .try_with(|spare| spare.take())
            .ok()
            .flatten()
            .unwrap_or_default();
        stacks.marks.clear();
        stacks.marks.resize(groups * 2 + 2, NONE);
        stacks.repeats.clear();
        stacks.data.clear();
        stacks.ctxs.clear();
        State {
            text,
            hints,
            end,
            start,
            ptr: start,
            lastmark: -1,
            lastindex: -1,
            repeat: NONE,
            stacks,
            match_all: false,
            must_advance: false,
            sigcount: 0,
            depth: 0,
        }
    }

    pub fn end(&self) -> usize {
        self.end
    }

    /// Forgets the captures before the next attempt (`state_reset`).
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = NONE;
        self.stacks.repeats.clear();
        self.stacks.data.clear();
    }

    /// The span of group `g` (1-based) if it took part in the match.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let i = (g - 1) * 2;
        if (i as isize) >= self.lastmark {
            return None;
        }
        let (a, b) = (self.stacks.marks[i], self.stacks.marks[i + 1]);
        (a != NONE && b != NONE).then_some((a, b))
    }

    #[inline(always)]
    fn ch(&self, i: usize) -> u32 {
        self.text[i].get()
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.stacks.data.extend_from_slice(&self.stacks.marks[..n]);
        }
    }

    fn mark_pop(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let at = self.stacks.data.len() - n;
            self.stacks.marks[..n].copy_from_slice(&self.stacks.data[at..]);
            if discard {
                self.stacks.data.truncate(at);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.stacks.data.truncate(self.stacks.data.len() - n);
        }
    }

    fn ctx(&mut self) -> &mut Ctx {
        self.stacks.ctxs.last_mut().expect("a frame is active")
    }

    fn save_lastmark(&mut self) {
        let (m, i) = (self.lastmark, self.lastindex);
        let c = self.ctx();
        c.lastmark = m;
        c.lastindex = i;
    }

    fn restore_lastmark(&mut self) {
        let c = *self.ctx();
        self.lastmark = c.lastmark;
        self.lastindex = c.lastindex;
    }

    /// The character at `i`, or 0 past the subject (where `match` with
    /// `pos > endpos` may look).
    fn ch_or_nul(&self, i: usize) -> u32 {
        self.text.get(i).map_or(0, |c| c.get())
    }

    /// Whether position `ptr` satisfies the `AT` code `at`.
    fn at(&self, ptr: usize, at: u32) -> bool {
        let end = self.end();
        match at {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == 0,
            AT_BEGINNING_LINE => ptr == 0 || self.ch(ptr - 1) == 10,
            AT_END => ptr == end || (ptr + 1 == end && self.ch(ptr) == 10),
            AT_END_LINE => ptr == end || self.ch_or_nul(ptr) == 10,
            AT_END_STRING => ptr == end,
            AT_BOUNDARY | AT_LOC_BOUNDARY | AT_UNI_BOUNDARY | AT_NON_BOUNDARY
            | AT_LOC_NON_BOUNDARY | AT_UNI_NON_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let before = ptr > 0 && chars::is_word(at, self.ch(ptr - 1));
                let here = ptr < end && chars::is_word(at, self.ch_or_nul(ptr));
                let boundary = matches!(at, AT_BOUNDARY | AT_LOC_BOUNDARY | AT_UNI_BOUNDARY);
                (before != here) == boundary
            }
            _ => false,
        }
    }

    /// How many times (up to `max`) the single-character item at
    /// `code[pc]` repeats from `self.ptr` (`SRE(count)`).
    fn count(&mut self, code: &[u32], pc: usize, max: u32) -> Result<usize, Error> {
        let start = self.ptr;
        let mut end = self.end();
        if max != MAXREPEAT && (max as usize) < end - start {
            end = start + max as usize;
        }
        let mut p = start;
        match code[pc] {
            ANY_ALL => p = end,
            LITERAL => {
                let c = code[pc + 1];
                while p < end && self.ch(p) == c {
                    p += 1;
                }
            }
            NOT_LITERAL => {
                let c = code[pc + 1];
                while p < end && self.ch(p) != c {
                    p += 1;
                }
            }
            ANY => {
                while p < end && self.ch(p) != 10 {
                    p += 1;
                }
            }
            IN | IN_IGNORE | IN_UNI_IGNORE if self.hints.table(pc).is_some() => {
                while p < end && self.hints.item_accepts(code, pc, self.ch(p)) {
                    p += 1;
                }
            }
            IN => {
                while p < end && in_charset(code, pc + 2, self.ch(p)) {
                    p += 1;
                }
            }
            _ => {
                if one(code, pc, 0).is_some() {
                    while p < end && one(code, pc, self.ch(p)) == Some(true) {
                        p += 1;
                    }
                } else {
                    // Hand-made code: any sub-pattern as the item.
                    if self.depth > 100 {
                        return Err(Error::Recursion);
                    }
                    self.depth += 1;
                    while self.ptr < end {
                        let before = self.ptr;
                        let r = self.run(code, pc, false);
                        match r {
                            Ok(true) if self.ptr > before => {}
                            Ok(_) => break,
                            Err(e) => {
                                self.depth -= 1;
                                return Err(e);
                            }
                        }
                    }
                    self.depth -= 1;
                    let n = self.ptr.min(end) - start;
                    self.ptr = start;
                    return Ok(n);
                }
            }
        }
        Ok(p - start)
    }

    fn check_signals(&mut self) -> Result<(), Error> {
        self.sigcount = self.sigcount.wrapping_add(1);
        if self.sigcount & 0xfff == 0 && crate::runtime::errors::check_signals().is_err() {
            return Err(Error::Interrupted);
        }
        Ok(())
    }

    fn call(&mut self, pc: usize, ptr: usize, child: usize, jump: Jump, toplevel: bool) {
        let c = self.ctx();
        c.pc = pc;
        c.ptr = ptr;
        self.stacks.ctxs.push(Ctx {
            pc: child,
            ptr: 0,
            count: 0,
            aux: 0,
            lastmark: -1,
            lastindex: -1,
            toplevel,
            jump,
        });
    }

    /// Matches the code from `code[pc]` at `self.ptr` (`SRE(match)`);
    /// on success `self.ptr` is where the match ended.
    pub fn run(&mut self, code: &[u32], pc: usize, toplevel: bool) -> Result<bool, Error> {
        let base = self.stacks.ctxs.len();
        self.stacks.ctxs.push(Ctx {
            pc,
            ptr: 0,
            count: 0,
            aux: 0,
            lastmark: -1,
            lastindex: -1,
            toplevel,
            jump: Jump::None,
        });
        let r = self.run_frames(code, base);
        self.stacks.ctxs.truncate(base);
        r
    }

    fn run_frames(&mut self, code: &[u32], base: usize) -> Result<bool, Error> {
        let mut pc = self.stacks.ctxs[base].pc;
        let mut ptr = self.ptr;
        let mut next = Next::Enter;
        loop {
            next = match next {
                Next::Enter => {
                    pc = self.ctx().pc;
                    ptr = self.ptr;
                    if code[pc] == INFO {
                        let min = code[pc + 3] as usize;
                        if min != 0 && ptr <= self.end() && self.end() - ptr < min {
                            Next::Return(false)
                        } else {
                            pc += code[pc + 1] as usize + 1;
                            Next::Dispatch
                        }
                    } else {
                        Next::Dispatch
                    }
                }
                Next::Dispatch => self.dispatch(code, &mut pc, &mut ptr)?,
                Next::Return(ret) => {
                    let done = self.stacks.ctxs.pop().expect("a frame is active");
                    if self.stacks.ctxs.len() == base {
                        return Ok(ret);
                    }
                    let parent = *self.ctx();
                    pc = parent.pc;
                    ptr = parent.ptr;
                    self.resume(code, done.jump, ret, &mut pc, &mut ptr)?
                }
            };
        }
    }

    /// Runs operations until one needs a child frame or the frame ends.
    fn dispatch(&mut self, code: &[u32], pc: &mut usize, ptr: &mut usize) -> Result<Next, Error> {
        let end = self.end();
        loop {
            self.check_signals()?;
            let op = code[*pc];
            *pc += 1;
            match op {
                MARK => {
                    let i = code[*pc] as usize;
                    if i & 1 == 1 {
                        self.lastindex = (i / 2 + 1) as isize;
                    }
                    if i as isize > self.lastmark {
                        let from = (self.lastmark + 1) as usize;
                        self.stacks.marks[from..i].fill(NONE);
                        self.lastmark = i as isize;
                    }
                    self.stacks.marks[i] = *ptr;
                    *pc += 1;
                }
                LITERAL => {
                    if *ptr >= end || self.ch(*ptr) != code[*pc] {
                        return Ok(Next::Return(false));
                    }
                    *pc += 1;
                    *ptr += 1;
                }
                NOT_LITERAL
                | LITERAL_IGNORE
                | NOT_LITERAL_IGNORE
                | LITERAL_UNI_IGNORE
                | NOT_LITERAL_UNI_IGNORE
                | LITERAL_LOC_IGNORE
                | NOT_LITERAL_LOC_IGNORE
                | CATEGORY => {
                    if *ptr >= end || one(code, *pc - 1, self.ch(*ptr)) != Some(true) {
                        return Ok(Next::Return(false));
                    }
                    *pc += 1;
                    *ptr += 1;
                }
                ANY => {
                    if *ptr >= end || self.ch(*ptr) == 10 {
                        return Ok(Next::Return(false));
                    }
                    *ptr += 1;
                }
                ANY_ALL => {
                    if *ptr >= end {
                        return Ok(Next::Return(false));
                    }
                    *ptr += 1;
                }
                IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                    if *ptr >= end || !self.hints.item_accepts(code, *pc - 1, self.ch(*ptr)) {
                        return Ok(Next::Return(false));
                    }
                    *pc += code[*pc] as usize;
                    *ptr += 1;
                }
                SUCCESS => {
                    let c = *self.ctx();
                    if c.toplevel
                        && ((self.match_all && *ptr != end)
                            || (self.must_advance && *ptr == self.start))
                    {
                        return Ok(Next::Return(false));
                    }
                    self.ptr = *ptr;
                    return Ok(Next::Return(true));
                }
                FAILURE => return Ok(Next::Return(false)),
                AT => {
                    if !self.at(*ptr, code[*pc]) {
                        return Ok(Next::Return(false));
                    }
                    *pc += 1;
                }
                JUMP | INFO => *pc += code[*pc] as usize,
                BRANCH => {
                    self.save_lastmark();
                    if self.repeat != NONE {
                        let m = self.ctx().lastmark;
                        self.mark_push(m);
                    }
                    return Ok(self.branch_next(code, *pc, *ptr));
                }
                REPEAT_ONE => {
                    let (min, max) = (code[*pc + 1] as usize, code[*pc + 2]);
                    if *ptr > end || min > end - *ptr {
                        return Ok(Next::Return(false));
                    }
                    self.ptr = *ptr;
                    let n = self.count(code, *pc + 3, max)?;
                    *ptr += n;
                    if n < min {
                        return Ok(Next::Return(false));
                    }
                    let tail = *pc + code[*pc] as usize;
                    let c = *self.ctx();
                    if code[tail] == SUCCESS
                        && *ptr == end
                        && !(c.toplevel && self.must_advance && *ptr == self.start)
                    {
                        self.ptr = *ptr;
                        return Ok(Next::Return(true));
                    }
                    self.ctx().count = n as isize;
                    self.save_lastmark();
                    if self.repeat != NONE {
                        let m = self.ctx().lastmark;
                        self.mark_push(m);
                    }
                    return Ok(self.repeat_one_next(code, *pc, *ptr));
                }
                MIN_REPEAT_ONE => {
                    let min = code[*pc + 1] as usize;
                    if *ptr > end || min > end - *ptr {
                        return Ok(Next::Return(false));
                    }
                    self.ptr = *ptr;
                    let mut n = 0;
                    if min != 0 {
                        n = self.count(code, *pc + 3, min as u32)?;
                        if n < min {
                            return Ok(Next::Return(false));
                        }
                        *ptr += n;
                    }
                    let tail = *pc + code[*pc] as usize;
                    let c = *self.ctx();
                    if code[tail] == SUCCESS
                        && !(c.toplevel
                            && ((self.match_all && *ptr != end)
                                || (self.must_advance && *ptr == self.start)))
                    {
                        self.ptr = *ptr;
                        return Ok(Next::Return(true));
                    }
                    self.ctx().count = n as isize;
                    self.save_lastmark();
                    if self.repeat != NONE {
                        let m = self.ctx().lastmark;
                        self.mark_push(m);
                    }
                    return self.min_repeat_one_next(code, *pc, *ptr);
                }
                POSSESSIVE_REPEAT_ONE => {
                    let (min, max) = (code[*pc + 1] as usize, code[*pc + 2]);
                    if *ptr + min > end {
                        return Ok(Next::Return(false));
                    }
                    self.ptr = *ptr;
                    let n = self.count(code, *pc + 3, max)?;
                    *ptr += n;
                    if n < min {
                        return Ok(Next::Return(false));
                    }
                    *pc += code[*pc] as usize;
                    let c = *self.ctx();
                    if code[*pc] == SUCCESS
                        && *ptr == end
                        && !(c.toplevel && self.must_advance && *ptr == self.start)
                    {
                        self.ptr = *ptr;
                        return Ok(Next::Return(true));
                    }
                }
                REPEAT => {
                    self.stacks.repeats.push(Repeat {
                        count: -1,
                        pc: *pc,
                        last_ptr: NONE,
                        prev: self.repeat,
                    });
                    let r = self.stacks.repeats.len() - 1;
                    self.repeat = r;
                    self.ctx().aux = r;
                    self.ptr = *ptr;
                    let child = *pc + code[*pc] as usize;
                    let top = self.ctx().toplevel;
                    self.call(*pc, *ptr, child, Jump::Repeat, top);
                    return Ok(Next::Enter);
                }
                MAX_UNTIL => {
                    let r = self.repeat;
                    if r == NONE {
                        return Err(Error::Internal);
                    }
                    self.ptr = *ptr;
                    let count = self.stacks.repeats[r].count + 1;
                    let rpc = self.stacks.repeats[r].pc;
                    let top = self.ctx().toplevel;
                    {
                        let c = self.ctx();
                        c.aux = r;
                        c.count = count;
                    }
                    if count < code[rpc + 1] as isize {
                        self.stacks.repeats[r].count = count;
                        self.call(*pc, *ptr, rpc + 3, Jump::MaxUntil1, top);
                        return Ok(Next::Enter);
                    }
                    let max = code[rpc + 2];
                    if (count < max as isize || max == MAXREPEAT)
                        && self.ptr != self.stacks.repeats[r].last_ptr
                    {
                        self.stacks.repeats[r].count = count;
                        self.save_lastmark();
                        let m = self.ctx().lastmark;
                        self.mark_push(m);
                        self.stacks.data.push(self.stacks.repeats[r].last_ptr);
                        self.stacks.repeats[r].last_ptr = self.ptr;
                        self.call(*pc, *ptr, rpc + 3, Jump::MaxUntil2, top);
                        return Ok(Next::Enter);
                    }
                    self.repeat = self.stacks.repeats[r].prev;
                    self.call(*pc, *ptr, *pc, Jump::MaxUntil3, top);
                    return Ok(Next::Enter);
                }
                MIN_UNTIL => {
                    let r = self.repeat;
                    if r == NONE {
                        return Err(Error::Internal);
                    }
                    self.ptr = *ptr;
                    let count = self.stacks.repeats[r].count + 1;
                    let rpc = self.stacks.repeats[r].pc;
                    let top = self.ctx().toplevel;
                    {
                        let c = self.ctx();
                        c.aux = r;
                        c.count = count;
                    }
                    if count < code[rpc + 1] as isize {
                        self.stacks.repeats[r].count = count;
                        self.call(*pc, *ptr, rpc + 3, Jump::MinUntil1, top);
                        return Ok(Next::Enter);
                    }
                    self.repeat = self.stacks.repeats[r].prev;
                    self.save_lastmark();
                    if self.repeat != NONE {
                        let m = self.ctx().lastmark;
                        self.mark_push(m);
                    }
                    self.call(*pc, *ptr, *pc, Jump::MinUntil2, top);
                    return Ok(Next::Enter);
                }
                POSSESSIVE_REPEAT => {
                    self.ptr = *ptr;
                    self.ctx().count = 0;
                    let from = if code[*pc + 1] > 0 { *ptr } else { NONE };
                    match self.poss_repeat_next(code, *pc, from) {
                        Some(next) => return Ok(next),
                        None => {
                            *pc += code[*pc] as usize + 1;
                            *ptr = self.ptr;
                        }
                    }
                }
                ATOMIC_GROUP => {
                    self.ptr = *ptr;
                    self.call(*pc, *ptr, *pc + 1, Jump::AtomicGroup, false);
                    return Ok(Next::Enter);
                }
                GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                    let g = code[*pc] as usize * 2;
                    if g as isize >= self.lastmark {
                        return Ok(Next::Return(false));
                    }
                    let (mut p, e) = (self.stacks.marks[g], self.stacks.marks[g + 1]);
                    if p == NONE || e == NONE || e < p {
                        return Ok(Next::Return(false));
                    }
                    while p < e {
                        if *ptr >= end {
                            return Ok(Next::Return(false));
                        }
                        let (a, b) = (self.ch(*ptr), self.ch(p));
                        let same = match op {
                            GROUPREF => a == b,
                            GROUPREF_IGNORE => chars::lower_ascii(a) == chars::lower_ascii(b),
                            GROUPREF_UNI_IGNORE => {
                                chars::lower_unicode(a) == chars::lower_unicode(b)
                            }
                            _ => chars::lower_locale(a) == chars::lower_locale(b),
                        };
                        if !same {
                            return Ok(Next::Return(false));
                        }
                        p += 1;
                        *ptr += 1;
                    }
                    *pc += 1;
                }
                GROUPREF_EXISTS => {
                    let g = code[*pc] as usize * 2;
                    let exists = (g as isize) < self.lastmark && {
                        let (p, e) = (self.stacks.marks[g], self.stacks.marks[g + 1]);
                        p != NONE && e != NONE && e >= p
                    };
                    if exists {
                        *pc += 2;
                    } else {
                        *pc += code[*pc + 1] as usize;
                    }
                }
                ASSERT => {
                    let back = code[*pc + 1] as usize;
                    if *ptr < back {
                        return Ok(Next::Return(false));
                    }
                    self.ptr = *ptr - back;
                    self.call(*pc, *ptr, *pc + 2, Jump::Assert, false);
                    return Ok(Next::Enter);
                }
                ASSERT_NOT => {
                    let back = code[*pc + 1] as usize;
                    if *ptr >= back {
                        self.ptr = *ptr - back;
                        self.save_lastmark();
                        if self.repeat != NONE {
                            let m = self.ctx().lastmark;
                            self.mark_push(m);
                        }
                        self.call(*pc, *ptr, *pc + 2, Jump::AssertNot, false);
                        return Ok(Next::Enter);
                    }
                    *pc += code[*pc] as usize;
                }
                _ => return Err(Error::Internal),
            }
        }
    }

    /// Tries the next alternative of a `BRANCH` whose skip is at `pc`.
    fn branch_next(&mut self, code: &[u32], mut pc: usize, ptr: usize) -> Next {
        let end = self.end();
        while code[pc] != 0 {
            let first = code[pc + 1];
            let skip = (first == LITERAL && (ptr >= end || self.ch(ptr) != code[pc + 2]))
                || (first == IN
                    && (ptr >= end || !self.hints.item_accepts(code, pc + 1, self.ch(ptr))));
            if !skip {
                self.ptr = ptr;
                let top = self.ctx().toplevel;
                self.call(pc, ptr, pc + 1, Jump::Branch, top);
                return Next::Enter;
            }
            pc += code[pc] as usize;
        }
        if self.repeat != NONE {
            let m = self.ctx().lastmark;
            self.mark_discard(m);
        }
        Next::Return(false)
    }

    /// Tries the tail of a greedy `REPEAT_ONE` (at `pc`) with the count in
    /// the frame, backing off one character at a time.
    fn repeat_one_next(&mut self, code: &[u32], pc: usize, mut ptr: usize) -> Next {
        let end = self.end();
        let min = code[pc + 1] as isize;
        let tail = pc + code[pc] as usize;
        let mut count = self.ctx().count;
        // Group marks before the tail's first literal do not change
        // whether it matches: a mark set by an attempt that fails there is
        // restored or overwritten before anyone can read it.
        let mut lit = tail;
        while code[lit] == MARK {
            lit += 2;
        }
        if code[lit] == LITERAL {
            // Skip positions where the tail's first literal cannot match.
            let c = code[lit + 1];
            while count >= min && (ptr >= end || self.ch(ptr) != c) {
                ptr = ptr.wrapping_sub(1);
                count -= 1;
            }
        }
        if count < min {
            if self.repeat != NONE {
                let m = self.ctx().lastmark;
                self.mark_discard(m);
            }
            return Next::Return(false);
        }
        self.ctx().count = count;
        self.ptr = ptr;
        let top = self.ctx().toplevel;
        self.call(pc, ptr, tail, Jump::RepeatOne, top);
        Next::Enter
    }

    /// Tries the tail of a lazy `MIN_REPEAT_ONE` (at `pc`), taking one more
    /// character before each further attempt.
    fn min_repeat_one_next(&mut self, code: &[u32], pc: usize, ptr: usize) -> Result<Next, Error> {
        let max = code[pc + 2];
        let count = self.ctx().count;
        if max == MAXREPEAT || count <= max as isize {
            self.ptr = ptr;
            let top = self.ctx().toplevel;
            self.call(pc, ptr, pc + code[pc] as usize, Jump::MinRepeatOne, top);
            return Ok(Next::Enter);
        }
        if self.repeat != NONE {
            let m = self.ctx().lastmark;
            self.mark_discard(m);
        }
        Ok(Next::Return(false))
    }

    /// Continues a `POSSESSIVE_REPEAT` (operands at `pc`): first the
    /// required repetitions, then as many more as match, never giving any
    /// back.
    /// `ptr` is where the current repetition started (`NONE` before the
    /// first optional one); `None` means the tail comes next.
    fn poss_repeat_next(&mut self, code: &[u32], pc: usize, ptr: usize) -> Option<Next> {
        let (min, max) = (code[pc + 1] as isize, code[pc + 2]);
        let count = self.ctx().count;
        if count < min {
            self.call(pc, ptr, pc + 3, Jump::PossRepeat1, false);
            return Some(Next::Enter);
        }
        if (count < max as isize || max == MAXREPEAT) && self.ptr != ptr {
            self.save_lastmark();
            let m = self.ctx().lastmark;
            self.mark_push(m);
            let here = self.ptr;
            self.call(pc, here, pc + 3, Jump::PossRepeat2, false);
            return Some(Next::Enter);
        }
        None
    }

    /// Leaves a `POSSESSIVE_REPEAT` (operands at `pc`) for its tail.
    fn poss_repeat_done(&mut self, code: &[u32], pc: &mut usize, ptr: &mut usize) -> Next {
        *pc += code[*pc] as usize + 1;
        *ptr = self.ptr;
        Next::Dispatch
    }

    /// Continues the parent frame after a child returned `ret`.
    fn resume(
        &mut self,
        code: &[u32],
        jump: Jump,
        ret: bool,
        pc: &mut usize,
        ptr: &mut usize,
    ) -> Result<Next, Error> {
        Ok(match jump {
            Jump::None => Next::Return(ret),
            Jump::Branch => {
                let m = self.ctx().lastmark;
                if ret {
                    if self.repeat != NONE {
                        self.mark_discard(m);
                    }
                    return Ok(Next::Return(true));
                }
                if self.repeat != NONE {
                    self.mark_pop(m, false);
                }
                self.restore_lastmark();
                self.branch_next(code, *pc + code[*pc] as usize, *ptr)
            }
            Jump::RepeatOne => {
                let m = self.ctx().lastmark;
                if ret {
                    if self.repeat != NONE {
                        self.mark_discard(m);
                    }
                    return Ok(Next::Return(true));
                }
                if self.repeat != NONE {
                    self.mark_pop(m, false);
                }
                self.restore_lastmark();
                self.ctx().count -= 1;
                self.repeat_one_next(code, *pc, ptr.wrapping_sub(1))
            }
            Jump::MinRepeatOne => {
                let m = self.ctx().lastmark;
                if ret {
                    if self.repeat != NONE {
                        self.mark_discard(m);
                    }
                    return Ok(Next::Return(true));
                }
                if self.repeat != NONE {
                    self.mark_pop(m, false);
                }
                self.restore_lastmark();
                self.ptr = *ptr;
                if self.count(code, *pc + 3, 1)? == 0 {
                    if self.repeat != NONE {
                        self.mark_discard(m);
                    }
                    return Ok(Next::Return(false));
                }
                self.ctx().count += 1;
                self.min_repeat_one_next(code, *pc, *ptr + 1)?
            }
            Jump::Repeat => {
                let r = self.ctx().aux;
                self.repeat = self.stacks.repeats[r].prev;
                self.stacks.repeats.truncate(r);
                Next::Return(ret)
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return Ok(Next::Return(true));
                }
                let c = *self.ctx();
                self.stacks.repeats[c.aux].count = c.count - 1;
                self.ptr = *ptr;
                Next::Return(false)
            }
            Jump::MaxUntil2 => {
                let c = *self.ctx();
                let r = c.aux;
                self.stacks.repeats[r].last_ptr = self.stacks.data.pop().expect("saved last_ptr");
                if ret {
                    self.mark_discard(c.lastmark);
                    return Ok(Next::Return(true));
                }
                self.mark_pop(c.lastmark, true);
                self.restore_lastmark();
                self.stacks.repeats[r].count = c.count - 1;
                self.ptr = *ptr;
                // Cannot match more repeated items here: try the tail.
                self.repeat = self.stacks.repeats[r].prev;
                self.call(*pc, *ptr, *pc, Jump::MaxUntil3, c.toplevel);
                Next::Enter
            }
            Jump::MaxUntil3 => {
                self.repeat = self.ctx().aux;
                if ret {
                    return Ok(Next::Return(true));
                }
                self.ptr = *ptr;
                Next::Return(false)
            }
            Jump::MinUntil2 => {
                let c = *self.ctx();
                let r = c.aux;
                let tail_repeat = self.repeat;
                self.repeat = r;
                if ret {
                    if tail_repeat != NONE {
                        self.mark_discard(c.lastmark);
                    }
                    return Ok(Next::Return(true));
                }
                if tail_repeat != NONE {
                    self.mark_pop(c.lastmark, true);
                }
                self.restore_lastmark();
                self.ptr = *ptr;
                let max = code[self.stacks.repeats[r].pc + 2];
                if (c.count >= max as isize && max != MAXREPEAT)
                    || self.ptr == self.stacks.repeats[r].last_ptr
                {
                    return Ok(Next::Return(false));
                }
                self.stacks.repeats[r].count = c.count;
                self.stacks.data.push(self.stacks.repeats[r].last_ptr);
                self.stacks.repeats[r].last_ptr = self.ptr;
                let body = self.stacks.repeats[r].pc + 3;
                self.call(*pc, *ptr, body, Jump::MinUntil3, c.toplevel);
                Next::Enter
            }
            Jump::MinUntil3 => {
                let c = *self.ctx();
                self.stacks.repeats[c.aux].last_ptr =
                    self.stacks.data.pop().expect("saved last_ptr");
                if ret {
                    return Ok(Next::Return(true));
                }
                self.stacks.repeats[c.aux].count = c.count - 1;
                self.ptr = *ptr;
                Next::Return(false)
            }
            Jump::PossRepeat1 => {
                if !ret {
                    self.ptr = *ptr;
                    return Ok(Next::Return(false));
                }
                self.ctx().count += 1;
                // The frame's ptr stays the repeat's start until the
                // required repetitions are done; then it tracks progress.
                let next_ptr = if self.ctx().count < code[*pc + 1] as isize {
                    *ptr
                } else {
                    NONE
                };
                match self.poss_repeat_next(code, *pc, next_ptr) {
                    Some(next) => next,
                    None => self.poss_repeat_done(code, pc, ptr),
                }
            }
            Jump::PossRepeat2 => {
                let m = self.ctx().lastmark;
                if ret {
                    self.mark_discard(m);
                    self.ctx().count += 1;
                    match self.poss_repeat_next(code, *pc, *ptr) {
                        Some(next) => next,
                        None => self.poss_repeat_done(code, pc, ptr),
                    }
                } else {
                    self.mark_pop(m, true);
                    self.restore_lastmark();
                    self.ptr = *ptr;
                    self.poss_repeat_done(code, pc, ptr)
                }
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.ptr = *ptr;
                    return Ok(Next::Return(false));
                }
                *pc += code[*pc] as usize;
                *ptr = self.ptr;
                Next::Dispatch
            }
            Jump::Assert => {
                if !ret {
                    return Ok(Next::Return(false));
                }
                *pc += code[*pc] as usize;
                Next::Dispatch
            }
            Jump::AssertNot => {
                let m = self.ctx().lastmark;
                if ret {
                    if self.repeat != NONE {
                        self.mark_discard(m);
                    }
                    return Ok(Next::Return(false));
                }
                if self.repeat != NONE {
                    self.mark_pop(m, true);
                }
                self.restore_lastmark();
                *pc += code[*pc] as usize;
                Next::Dispatch
            }
        })
    }

    fn reset_captures(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
    }

    /// Finds the first match at or after `self.start` (`SRE(search)`),
    /// using the `INFO` block's literal prefix or first-character set to
    /// skip positions that cannot match. On success the match spans
    /// `self.start..self.ptr`.
    pub fn search(&mut self, code: &[u32]) -> Result<bool, Error> {
        let hints = self.hints;
        let mut ptr = self.start;
        let full_end = self.end();
        let mut end = full_end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut flags = 0;
        let (mut prefix_len, mut prefix_skip, mut prefix) = (0usize, 0usize, 0usize);
        if code[0] == INFO {
            flags = code[2];
            let min = code[3] as usize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                end -= min - 1;
                if end <= ptr {
                    end = ptr;
                }
            }
            if flags & INFO_PREFIX != 0 {
                prefix_len = code[5] as usize;
                prefix_skip = code[6] as usize;
                prefix = 7;
            }
            pc = 1 + code[1] as usize;
        }
        let literal = flags & INFO_LITERAL != 0;
        if let (Some(finder), Some(bytes)) = (&hints.prefix, C::bytes(self.text)) {
            self.must_advance = false;
            while ptr < full_end {
                let Some(at) = finder.find(&bytes[ptr..full_end]) else {
                    return Ok(false);
                };
                ptr += at;
                self.start = ptr;
                self.ptr = ptr + prefix_skip;
                if literal || self.run(code, pc + 2 * prefix_skip, false)? {
                    return Ok(true);
                }
                ptr += 1;
                self.reset_captures();
            }
            return Ok(false);
        }
        if prefix_len == 1 {
            let c = code[prefix];
            self.must_advance = false;
            while ptr < full_end {
                while self.ch(ptr) != c {
                    ptr += 1;
                    if ptr >= full_end {
                        return Ok(false);
                    }
                }
                self.start = ptr;
                self.ptr = ptr + prefix_skip;
                if literal || self.run(code, pc + 2 * prefix_skip, false)? {
                    return Ok(true);
                }
                ptr += 1;
                self.reset_captures();
            }
            return Ok(false);
        }
        if prefix_len > 1 {
            let end = full_end;
            if prefix_len > end - ptr {
                return Ok(false);
            }
            let overlap = prefix + prefix_len - 1;
            while ptr < end {
                let c = code[prefix];
                loop {
                    let x = self.ch(ptr);
                    ptr += 1;
                    if x == c {
                        break;
                    }
                    if ptr >= end {
                        return Ok(false);
                    }
                }
                if ptr >= end {
                    return Ok(false);
                }
                let mut i = 1;
                self.must_advance = false;
                loop {
                    if self.ch(ptr) == code[prefix + i] {
                        i += 1;
                        if i != prefix_len {
                            ptr += 1;
                            if ptr >= end {
                                return Ok(false);
                            }
                            continue;
                        }
                        self.start = ptr + 1 - prefix_len;
                        self.ptr = ptr + 1 + prefix_skip - prefix_len;
                        if literal || self.run(code, pc + 2 * prefix_skip, false)? {
                            return Ok(true);
                        }
                        ptr += 1;
                        if ptr >= end {
                            return Ok(false);
                        }
                        self.reset_captures();
                    }
                    i = code[overlap + i] as usize;
                    if i == 0 {
                        break;
                    }
                }
            }
            return Ok(false);
        }
        if let Some(first) = &hints.first {
            // Every match starts with a character that passes `first`, so
            // it is not empty and must_advance cannot matter.
            self.must_advance = false;
            loop {
                while ptr < full_end && !first.accepts(code, self.ch(ptr)) {
                    ptr += 1;
                }
                if ptr >= full_end {
                    return Ok(false);
                }
                self.start = ptr;
                self.ptr = ptr;
                if self.run(code, pc, false)? {
                    return Ok(true);
                }
                ptr += 1;
                self.reset_captures();
            }
        }
        self.start = ptr;
        self.ptr = ptr;
        let mut found = self.run(code, pc, true)?;
        self.must_advance = false;
        if !found && code[pc] == AT && matches!(code[pc + 1], AT_BEGINNING | AT_BEGINNING_STRING) {
            self.start = end;
            self.ptr = end;
            return Ok(false);
        }
        while !found && ptr < end {
            ptr += 1;
            self.reset_captures();
            self.start = ptr;
            self.ptr = ptr;
            found = self.run(code, pc, false)?;
        }
        Ok(found)
    }
}
