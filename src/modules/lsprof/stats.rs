//! The profiler's bookkeeping (the accounting half of CPython's
//! `Modules/_lsprof.c`): one entry per profiled function, keyed by its
//! code object or, for a builtin, its `PyMethodDef`; per entry the
//! functions it called; and the stack of calls in progress.
use crate::ffi::PyObject;
use crate::Owned;
use std::collections::HashMap;

/// Counters of a function, or of the calls from one function to another.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    /// Total time, counted once per outermost call.
    pub tt: i64,
    /// Time inside the function itself, not in what it called.
    pub it: i64,
    pub callcount: i64,
    /// Calls that started while another call of it was running.
    pub reccallcount: i64,
    /// Calls now running.
    level: i64,
}

impl Counts {
    fn start(&mut self) {
        self.level += 1;
    }

    fn stop(&mut self, tt: i64, it: i64) {
        self.level -= 1;
        if self.level == 0 {
            self.tt += tt;
        } else {
            self.reccallcount += 1;
        }
        self.it += it;
        self.callcount += 1;
    }
}

/// A profiled function: what `getstats` reports for it (`user` is its code
/// object or a description of the builtin) and the functions it called
/// (entry index, counters), in the order first seen.
pub struct Entry {
    pub user: Owned,
    pub counts: Counts,
    pub calls: Vec<(usize, Counts)>,
}

/// A call in progress: when it started (timer units), the time spent in
/// the calls it made, and its entry.
struct Context {
    t0: i64,
    subt: i64,
    entry: usize,
}

/// Everything a profiler has recorded.
#[derive(Default)]
pub struct Table {
    pub entries: Vec<Entry>,
    by_key: HashMap<usize, usize>,
    /// (caller, callee) entry indices to the position in the caller's
    /// `calls`.
    subs: HashMap<(usize, usize), usize>,
    stack: Vec<Context>,
}

impl Table {
    /// The entry of `key`, if it was seen.
    pub fn entry_of(&self, key: usize) -> Option<usize> {
        self.by_key.get(&key).copied()
    }

    /// Adds the entry of `key`, described by `user`.
    pub fn add_entry(&mut self, key: usize, user: Owned) -> usize {
        let i = self.entries.len();
        self.entries.push(Entry {
            user,
            counts: Counts::default(),
            calls: Vec::new(),
        });
        self.by_key.insert(key, i);
        i
    }

    /// The counters of calls from `caller` to `callee`, made when
    /// `create`.
    fn sub(&mut self, caller: usize, callee: usize, create: bool) -> Option<&mut Counts> {
        let pos = match self.subs.get(&(caller, callee)) {
            Some(&p) => p,
            None if create => {
                let calls = &mut self.entries[caller].calls;
                calls.push((callee, Counts::default()));
                self.subs.insert((caller, callee), calls.len() - 1);
                calls.len() - 1
            }
            None => return None,
        };
        Some(&mut self.entries[caller].calls[pos].1)
    }

    /// Starts a call of `entry` (`initContext`); its start time is set
    /// afterwards with `set_start`, once the timer has been read.
    pub fn push(&mut self, entry: usize, subcalls: bool) {
        self.entries[entry].counts.start();
        if subcalls {
            if let Some(caller) = self.stack.last().map(|c| c.entry) {
                if let Some(s) = self.sub(caller, entry, true) {
                    s.start();
                }
            }
        }
        self.stack.push(Context {
            t0: 0,
            subt: 0,
            entry,
        });
    }

    /// Sets the start time of the call `depth` calls deep (1 = outermost).
    pub fn set_start(&mut self, depth: usize, t0: i64) {
        if let Some(c) = depth.checked_sub(1).and_then(|i| self.stack.get_mut(i)) {
            c.t0 = t0;
        }
    }

    /// How many calls are in progress.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The entry of the innermost call in progress.
    pub fn top_entry(&self) -> Option<usize> {
        self.stack.last().map(|c| c.entry)
    }

    /// Ends the innermost call at time `now`, charging it to `entry` when
    /// given (`Stop`), else just dropping it.
    pub fn pop(&mut self, entry: Option<usize>, now: i64, subcalls: bool) {
        let Some(ctx) = self.stack.pop() else { return };
        let Some(entry) = entry else { return };
        let tt = now.wrapping_sub(ctx.t0);
        let it = tt.wrapping_sub(ctx.subt);
        let caller = self.stack.last_mut().map(|prev| {
            prev.subt = prev.subt.wrapping_add(tt);
            prev.entry
        });
        self.entries[entry].counts.stop(tt, it);
        if subcalls {
            if let Some(caller) = caller {
                if let Some(s) = self.sub(caller, entry, false) {
                    s.stop(tt, it);
                }
            }
        }
    }

    /// Forgets every entry and call in progress.
    pub fn clear(&mut self) {
        *self = Table::default();
    }

    /// The objects the entries hold.
    pub fn users(&self) -> impl Iterator<Item = *mut PyObject> + '_ {
        self.entries.iter().map(|e| e.user.as_ptr())
    }
}
