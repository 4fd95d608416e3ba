//! What `search` can know about a pattern before looking at a subject,
//! worked out once when `_sre.compile` builds the pattern (CPython reads
//! the `INFO` block afresh on every search; the facts here are the same
//! ones, plus a first-character test for patterns whose `INFO` block has
//! none): a necessary condition on the first character of any match, with
//! a bitmap for the characters below 256; a `memmem` searcher for the
//! `INFO` literal prefix in one-byte subjects; and a bitmap of the
//! characters below 256 that each `IN` operation accepts, so that the
//! matcher tests such a character with one bit instead of walking the set.
use super::constants::*;
use super::engine::one;
use memchr::memmem::Finder;

/// Where the first-character test lives in the code.
#[derive(Clone, Copy)]
pub enum Test {
    /// A single-character operation (`LITERAL`, `IN`, `CATEGORY` ...).
    Item(usize),
    /// A set sub-program ending in `FAILURE` (the `INFO` charset).
    Set(usize),
}

/// The answers of a character test for the characters below 256.
pub type Table = [u32; 8];

#[inline(always)]
fn bit(t: &Table, c: u32) -> bool {
    t[(c >> 5) as usize] & (1 << (c & 31)) != 0
}

/// A test that the first character of every match passes.
pub struct First {
    pub test: Test,
    /// The test's answers for characters below 256; absent when they
    /// depend on the current locale.
    table: Option<Table>,
}

impl First {
    /// Whether a match may start with `c`.
    #[inline(always)]
    pub fn accepts(&self, code: &[u32], c: u32) -> bool {
        if c < 256 {
            if let Some(t) = &self.table {
                return bit(t, c);
            }
        }
        match self.test {
            Test::Item(pc) => one(code, pc, c) == Some(true),
            Test::Set(at) => super::chars::in_charset(code, at, c),
        }
    }
}

/// The search hints of one compiled pattern.
#[derive(Default)]
pub struct Hints {
    /// The first-character test of the `INFO` charset, or of the first
    /// consuming operation when the `INFO` block has no prefix or charset.
    pub first: Option<First>,
    /// The `INFO` literal prefix (two characters or more, all below 256),
    /// for one-byte subjects.
    pub prefix: Option<Finder<'static>>,
    /// For each code position, 1 + the index in `tables` of the bitmap of
    /// the `IN` operation there, or 0 (empty when there are no bitmaps).
    table_at: Box<[u32]>,
    tables: Vec<Table>,
}

impl Hints {
    /// The hints for `code` (already validated), whose `IN` operations
    /// are at `sets`.
    pub fn new(code: &[u32], sets: &[usize]) -> Hints {
        let mut h = Hints::default();
        for &pc in sets {
            if let Some(table) = First::new(code, Test::Item(pc)).and_then(|f| f.table) {
                if h.table_at.is_empty() {
                    h.table_at = vec![0; code.len()].into_boxed_slice();
                }
                h.tables.push(table);
                h.table_at[pc] = h.tables.len() as u32;
            }
        }
        let mut pc = 0;
        if code.first() == Some(&INFO) {
            let flags = code[2];
            if flags & INFO_PREFIX != 0 {
                let len = code[5] as usize;
                let prefix = &code[7..7 + len];
                if len > 1 && prefix.iter().all(|&c| c < 256) {
                    let bytes: Vec<u8> = prefix.iter().map(|&c| c as u8).collect();
                    h.prefix = Some(Finder::new(&bytes).into_owned());
                }
                return h;
            }
            if flags & INFO_CHARSET != 0 {
                h.first = First::new(code, Test::Set(5));
                return h;
            }
            pc = 1 + code[1] as usize;
        }
        h.first = first_item(code, pc).and_then(|item| First::new(code, Test::Item(item)));
        h
    }
}

impl Hints {
    /// Whether the single-character operation at `code[pc]` accepts `c`
    /// (`engine::one` for a valid operation).
    #[inline(always)]
    pub fn item_accepts(&self, code: &[u32], pc: usize, c: u32) -> bool {
        if c < 256 {
            if let Some(t) = self.table(pc) {
                return bit(t, c);
            }
        }
        one(code, pc, c) == Some(true)
    }

    /// The bitmap of the `IN` operation at `code[pc]`, if it has one.
    #[inline(always)]
    pub fn table(&self, pc: usize) -> Option<&Table> {
        match self.table_at.get(pc) {
            Some(&i) if i != 0 => Some(&self.tables[i as usize - 1]),
            _ => None,
        }
    }
}

impl First {
    fn new(code: &[u32], test: Test) -> Option<First> {
        let locale = match test {
            Test::Item(pc) => match code[pc] {
                LITERAL_LOC_IGNORE | NOT_LITERAL_LOC_IGNORE | IN_LOC_IGNORE => true,
                CATEGORY => is_loc_category(code[pc + 1]),
                IN | IN_IGNORE | IN_UNI_IGNORE => set_uses_locale(code, pc + 2)?,
                _ => false,
            },
            Test::Set(at) => set_uses_locale(code, at)?,
        };
        let mut first = First { test, table: None };
        if !locale {
            let mut t = [0u32; 8];
            for c in 0..256u32 {
                if first.accepts(code, c) {
                    t[(c >> 5) as usize] |= 1 << (c & 31);
                }
            }
            first.table = Some(t);
        }
        Some(first)
    }
}

fn is_loc_category(cat: u32) -> bool {
    matches!(cat, CATEGORY_LOC_WORD | CATEGORY_LOC_NOT_WORD)
}

/// Whether the set at `code[at]` depends on the locale; None for a set
/// this reader does not know.
fn set_uses_locale(code: &[u32], mut at: usize) -> Option<bool> {
    let mut locale = false;
    loop {
        let op = *code.get(at)?;
        at += 1;
        match op {
            FAILURE => return Some(locale),
            LITERAL => at += 1,
            CATEGORY => {
                locale |= is_loc_category(*code.get(at)?);
                at += 1;
            }
            CHARSET => at += 8,
            RANGE | RANGE_UNI_IGNORE => at += 2,
            NEGATE => {}
            BIGCHARSET => at += 1 + 64 + *code.get(at)? as usize * 8,
            _ => return None,
        }
    }
}

/// The single-character operation that must match the first character
/// of any match of the code at `pc`: the first operation after group
/// marks and position assertions, or the item of a repeat of it that
/// needs at least one; None when there is no such operation.
fn first_item(code: &[u32], mut pc: usize) -> Option<usize> {
    loop {
        match *code.get(pc)? {
            MARK => pc += 2,
            // A pattern anchored at the beginning is tried only there.
            AT if matches!(code.get(pc + 1)?, &AT_BEGINNING | &AT_BEGINNING_STRING) => return None,
            AT => pc += 2,
            REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE => {
                return (*code.get(pc + 2)? >= 1 && is_item(code, pc + 4)).then_some(pc + 4);
            }
            _ => return is_item(code, pc).then_some(pc),
        }
    }
}

fn is_item(code: &[u32], pc: usize) -> bool {
    pc < code.len() && one(code, pc, 0).is_some()
}
