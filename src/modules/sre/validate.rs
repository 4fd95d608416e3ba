//! Checks compiled pattern code before a `Pattern` is made from it (as
//! `_validate` in CPython's `sre.c`): every skip lands inside its
//! construct, every construct ends with the operation the matcher expects,
//! group numbers are in range. Code that passes cannot send the matcher
//! outside the code array.
use super::constants::*;

type Check<T = ()> = Result<T, ()>;

struct Reader<'a> {
    code: &'a [u32],
    at: usize,
    end: usize,
}

impl Reader<'_> {
    fn word(&mut self) -> Check<u32> {
        if self.at >= self.end {
            return Err(());
        }
        self.at += 1;
        Ok(self.code[self.at - 1])
    }

    /// A skip that must be at least `min` and stay within `end` when
    /// counted from its own position (less `adj`).
    fn skip(&mut self, min: usize, adj: usize) -> Check<usize> {
        let s = self.word()? as usize;
        if s < min || s - adj > self.end - (self.at - 1) {
            return Err(());
        }
        Ok(s)
    }
}

fn ensure(ok: bool) -> Check {
    if ok {
        Ok(())
    } else {
        Err(())
    }
}

fn charset(code: &[u32], at: usize, end: usize) -> Check {
    let mut r = Reader { code, at, end };
    while r.at < r.end {
        match r.word()? {
            NEGATE => {}
            LITERAL => {
                r.word()?;
            }
            RANGE | RANGE_UNI_IGNORE => {
                r.word()?;
                r.word()?;
            }
            CHARSET => {
                ensure(r.end - r.at >= 8)?;
                r.at += 8;
            }
            BIGCHARSET => {
                let blocks = r.word()? as usize;
                ensure(r.end - r.at >= 64)?;
                for k in 0..256 {
                    let b = (code[r.at + k / 4] >> (8 * (k % 4))) & 0xff;
                    ensure((b as usize) < blocks)?;
                }
                r.at += 64;
                ensure(blocks <= (r.end - r.at) / 8)?;
                r.at += blocks * 8;
            }
            CATEGORY => ensure(r.word()? <= CATEGORY_UNI_NOT_LINEBREAK)?,
            _ => return Err(()),
        }
    }
    Ok(())
}

/// Checks `code[at..end]`; `Ok(true)` when it ends with a `JUMP` (the
/// "then" part of a conditional group with an "else" part).
fn inner(code: &[u32], at: usize, end: usize, groups: usize, sets: &mut Vec<usize>) -> Check<bool> {
    ensure(at <= end)?;
    let mut r = Reader { code, at, end };
    while r.at < r.end {
        let op = r.word()?;
        match op {
            MARK => ensure(r.word()? as usize <= 2 * groups + 1)?,
            LITERAL
            | NOT_LITERAL
            | LITERAL_IGNORE
            | NOT_LITERAL_IGNORE
            | LITERAL_UNI_IGNORE
            | NOT_LITERAL_UNI_IGNORE
            | LITERAL_LOC_IGNORE
            | NOT_LITERAL_LOC_IGNORE => {
                r.word()?;
            }
            SUCCESS | FAILURE | ANY | ANY_ALL => {}
            AT => ensure(r.word()? <= AT_UNI_NON_BOUNDARY)?,
            IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                let p = r.at;
                sets.push(p - 1);
                let s = r.skip(2, 0)?;
                charset(code, p + 1, p + s - 1)?;
                ensure(code[p + s - 1] == FAILURE)?;
                r.at = p + s;
            }
            INFO => {
                let p = r.at;
                let s = r.skip(1, 0)?;
                let stop = p + s;
                let flags = r.word()?;
                r.word()?;
                r.word()?;
                ensure(flags & !(INFO_PREFIX | INFO_LITERAL | INFO_CHARSET) == 0)?;
                ensure(flags & INFO_PREFIX == 0 || flags & INFO_CHARSET == 0)?;
                ensure(flags & INFO_LITERAL == 0 || flags & INFO_PREFIX != 0)?;
                ensure(r.at <= stop)?;
                if flags & INFO_PREFIX != 0 {
                    let len = r.word()? as usize;
                    let skip = r.word()? as usize;
                    ensure(skip <= len && r.at <= stop)?;
                    ensure(len <= stop - r.at)?;
                    r.at += len;
                    ensure(len <= stop - r.at)?;
                    ensure(code[r.at..r.at + len].iter().all(|&o| (o as usize) < len))?;
                    r.at += len;
                }
                if flags & INFO_CHARSET != 0 {
                    ensure(r.at < stop)?;
                    charset(code, r.at, stop - 1)?;
                    ensure(code[stop - 1] == FAILURE)?;
                    r.at = stop;
                } else {
                    ensure(r.at == stop)?;
                }
            }
            BRANCH => {
                let mut target = None;
                loop {
                    let p = r.at;
                    let s = r.word()? as usize;
                    if s == 0 {
                        break;
                    }
                    ensure(s >= 3 && s <= r.end - p)?;
                    ensure(!inner(code, p + 1, p + s - 2, groups, sets)?)?;
                    r.at = p + s - 2;
                    ensure(r.word()? == JUMP)?;
                    let q = r.at;
                    let s2 = r.skip(1, 0)?;
                    let t = q + s2;
                    match target {
                        None => target = Some(t),
                        Some(x) => ensure(x == t)?,
                    }
                }
                ensure(target == Some(r.at))?;
            }
            REPEAT_ONE | MIN_REPEAT_ONE | POSSESSIVE_REPEAT_ONE => {
                let p = r.at;
                let s = r.skip(4, 0)?;
                let (min, max) = (r.word()?, r.word()?);
                ensure(min <= max)?;
                ensure(!inner(code, p + 3, p + s - 1, groups, sets)?)?;
                r.at = p + s - 1;
                ensure(r.word()? == SUCCESS)?;
            }
            REPEAT | POSSESSIVE_REPEAT => {
                let p = r.at;
                let s = r.skip(3, 0)?;
                let (min, max) = (r.word()?, r.word()?);
                ensure(min <= max)?;
                ensure(!inner(code, p + 3, p + s, groups, sets)?)?;
                r.at = p + s;
                let until = r.word()?;
                if op == POSSESSIVE_REPEAT {
                    ensure(until == SUCCESS)?;
                } else {
                    ensure(until == MAX_UNTIL || until == MIN_UNTIL)?;
                }
            }
            ATOMIC_GROUP => {
                let p = r.at;
                let s = r.skip(2, 0)?;
                ensure(!inner(code, p + 1, p + s - 1, groups, sets)?)?;
                r.at = p + s - 1;
                ensure(r.word()? == SUCCESS)?;
            }
            GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                ensure((r.word()? as usize) < groups)?;
            }
            GROUPREF_EXISTS => {
                let g = r.at;
                ensure((r.word()? as usize) < groups)?;
                let s = r.skip(2, 1)?;
                if inner(code, g + 2, g + s, groups, sets)? {
                    // The "then" part ends with a JUMP over the "else" part.
                    r.at = g + s - 1;
                    let q = r.at;
                    let s2 = r.skip(1, 0)?;
                    ensure(!inner(code, q + 1, q + s2, groups, sets)?)?;
                    r.at = q + s2;
                } else {
                    r.at = g + s;
                }
            }
            ASSERT | ASSERT_NOT => {
                let p = r.at;
                let s = r.skip(3, 0)?;
                r.word()?;
                ensure(!inner(code, p + 2, p + s - 1, groups, sets)?)?;
                r.at = p + s - 1;
                ensure(r.word()? == SUCCESS)?;
            }
            JUMP => {
                ensure(r.at + 1 == r.end)?;
                return Ok(true);
            }
            _ => return Err(()),
        }
    }
    Ok(false)
}

/// Whether `code` is well-formed pattern code for `groups` groups; if it
/// is, the positions of its `IN` family operations (outside `INFO`) are
/// added to `sets` in increasing order.
pub fn validate(code: &[u32], groups: usize, sets: &mut Vec<usize>) -> bool {
    if groups > MAXGROUPS as usize || code.last() != Some(&SUCCESS) {
        return false;
    }
    inner(code, 0, code.len() - 1, groups, sets) == Ok(false)
}
