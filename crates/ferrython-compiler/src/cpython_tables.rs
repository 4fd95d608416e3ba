//! A code object's instructions and tables in CPython's byte encodings:
//! `co_code`, `co_exceptiontable` and `co_linetable`, which `dis` and other
//! library code decode (`Objects/locations.md`, `Objects/exception_handling_notes.txt`
//! in CPython describe the formats).
//!
//! Ferrython's code units already have CPython's layout (opcode in the low
//! byte, argument in the high byte, `EXTENDED_ARG` prefixes, inline caches),
//! so `co_code` is the units in little-endian order; only the tables need
//! translating from [`ExceptionEntry`] and [`LineEntry`] lists.

use crate::bytecode::{ExceptionEntry, LineEntry, NO_LINE};

/// `co_code`: each code unit as two bytes, opcode first.
pub fn code_bytes(code: &[u16]) -> Vec<u8> {
    code.iter().flat_map(|u| u.to_le_bytes()).collect()
}

/// Appends `v` in 6-bit groups, most significant first, bit 6 marking
/// that more follow; `first` is or-ed into the first byte.
fn varint_msb_first(out: &mut Vec<u8>, v: u32, first: u8) {
    let mut shift = 0;
    while shift < 30 && v >> (shift + 6) != 0 {
        shift += 6;
    }
    let mut flag = first;
    loop {
        let more = if shift > 0 { 0x40 } else { 0 };
        out.push(((v >> shift) & 0x3f) as u8 | more | flag);
        flag = 0;
        if shift == 0 {
            break;
        }
        shift -= 6;
    }
}

/// `co_exceptiontable`: per entry the start, length and target in code
/// units and `depth << 1 | lasti`, each as a most-significant-first
/// varint; bit 7 marks the first byte of an entry.
pub fn exception_table(entries: &[ExceptionEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        varint_msb_first(&mut out, e.start, 0x80);
        varint_msb_first(&mut out, e.end.saturating_sub(e.start), 0);
        varint_msb_first(&mut out, e.target, 0);
        varint_msb_first(&mut out, e.depth << 1 | e.lasti as u32, 0);
    }
    out
}

/// Appends `v` in 6-bit groups, least significant first, bit 6 marking
/// that more follow (the location table's varint).
fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x40 {
        out.push(0x40 | (v & 0x3f) as u8);
        v >>= 6;
    }
    out.push(v as u8);
}

/// The location table's signed varint: magnitude shifted left, sign in bit 0.
fn svarint(out: &mut Vec<u8>, v: i64) {
    let u = if v < 0 {
        (v.unsigned_abs() << 1) | 1
    } else {
        (v as u64) << 1
    };
    varint(out, u);
}

/// Location-table entry codes (bits 3-6 of an entry's first byte).
const NO_COLUMNS: u8 = 13;
const LONG_FORM: u8 = 14;
const NO_LOCATION: u8 = 15;
const ONE_LINE_FORM: u8 = 10;

/// `co_linetable`: the locations of `ncode` code units. An entry covers 1
/// to 8 units; its first byte is `0x80 | code << 3 | (units - 1)`. Lines are
/// deltas from the previous entry's line (starting at `firstlineno`);
/// units before the first [`LineEntry`] and entries with [`NO_LINE`] have
/// no location.
pub fn location_table(entries: &[LineEntry], ncode: usize, firstlineno: u32) -> Vec<u8> {
    let ncode = ncode as u32;
    let mut out = Vec::new();
    let mut prev_line = firstlineno as i64;
    let mut emit = |out: &mut Vec<u8>, e: Option<&LineEntry>, start: u32, end: u32| {
        let mut at = start;
        while at < end {
            let len = (end - at).min(8);
            at += len;
            let head = |code: u8| 0x80 | code << 3 | (len - 1) as u8;
            let Some(e) = e.filter(|e| e.lineno != NO_LINE) else {
                out.push(head(NO_LOCATION));
                continue;
            };
            let line = e.lineno as i64;
            let delta = line - prev_line;
            prev_line = line;
            let (col, end_col) = (e.col, e.end_col);
            if e.end_lineno == 0 {
                out.push(head(NO_COLUMNS));
                svarint(out, delta);
            } else if delta == 0
                && e.end_lineno == e.lineno
                && col < 80
                && end_col >= col
                && end_col - col < 16
            {
                out.push(head((col / 8) as u8));
                out.push(((col % 8) << 4 | (end_col - col)) as u8);
            } else if e.end_lineno == e.lineno
                && (0..3).contains(&delta)
                && col < 128
                && end_col < 128
            {
                out.push(head(ONE_LINE_FORM + delta as u8));
                out.push(col as u8);
                out.push(end_col as u8);
            } else {
                out.push(head(LONG_FORM));
                svarint(out, delta);
                varint(out, (e.end_lineno as i64 - line).max(0) as u64);
                varint(out, col as u64 + 1);
                varint(out, end_col as u64 + 1);
            }
        }
    };
    let first = entries.first().map_or(ncode, |e| e.start.min(ncode));
    emit(&mut out, None, 0, first);
    for (k, e) in entries.iter().enumerate() {
        let end = entries.get(k + 1).map_or(ncode, |x| x.start).min(ncode);
        if e.start < end {
            emit(&mut out, Some(e), e.start, end);
        }
    }
    out
}

/// The entries of a `co_exceptiontable` as [`exception_table`] writes
/// them; `None` for bytes that are not such a table.
pub fn parse_exception_table(bytes: &[u8]) -> Option<Vec<ExceptionEntry>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut next = |first: bool| -> Option<u32> {
        let b = *bytes.get(i)?;
        if (b & 0x80 != 0) != first {
            return None;
        }
        i += 1;
        let mut v = u64::from(b & 0x3f);
        let mut more = b & 0x40 != 0;
        while more {
            let b = *bytes.get(i)?;
            if b & 0x80 != 0 {
                return None;
            }
            i += 1;
            v = v << 6 | u64::from(b & 0x3f);
            more = b & 0x40 != 0;
            if v > u64::from(u32::MAX) {
                return None;
            }
        }
        u32::try_from(v).ok()
    };
    loop {
        let start = match next(true) {
            Some(v) => v,
            None if i == bytes.len() => return Some(out),
            None => return None,
        };
        let len = next(false)?;
        let target = next(false)?;
        let dl = next(false)?;
        out.push(ExceptionEntry {
            start,
            end: start.checked_add(len)?,
            target,
            depth: dl >> 1,
            lasti: dl & 1 != 0,
        });
    }
}

/// Reads the location table's varint at `*i` (least significant group
/// first).
fn read_varint(bytes: &[u8], i: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*i)?;
        *i += 1;
        if b & 0x80 != 0 || shift > 42 {
            return None;
        }
        v |= u64::from(b & 0x3f) << shift;
        if b & 0x40 == 0 {
            return Some(v);
        }
        shift += 6;
    }
}

/// The entries of a `co_linetable` as [`location_table`] writes them for
/// a code object whose first line is `firstlineno`; `None` for bytes that
/// are not such a table.
pub fn parse_location_table(bytes: &[u8], firstlineno: u32) -> Option<Vec<LineEntry>> {
    let mut out: Vec<LineEntry> = Vec::new();
    let mut line = i64::from(firstlineno);
    let mut at: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let head = bytes[i];
        i += 1;
        if head & 0x80 == 0 {
            return None;
        }
        let code = (head >> 3) & 15;
        let start = at;
        at = at.checked_add(u32::from(head & 7) + 1)?;
        // (line, end line (0: no columns), column, end column)
        let (l, el, col, end_col) = match code {
            NO_LOCATION => {
                out.push(LineEntry {
                    start,
                    lineno: NO_LINE,
                    end_lineno: 0,
                    col: 0,
                    end_col: 0,
                });
                continue;
            }
            NO_COLUMNS | LONG_FORM => {
                let u = read_varint(bytes, &mut i)?;
                let delta = (u >> 1) as i64;
                line += if u & 1 != 0 { -delta } else { delta };
                if code == NO_COLUMNS {
                    (line, 0, 0, 0)
                } else {
                    let end_line = line.checked_add(read_varint(bytes, &mut i)? as i64)?;
                    let col = read_varint(bytes, &mut i)?.checked_sub(1)?;
                    let end_col = read_varint(bytes, &mut i)?.checked_sub(1)?;
                    (line, end_line, col, end_col)
                }
            }
            ONE_LINE_FORM..=12 => {
                line += i64::from(code - ONE_LINE_FORM);
                let col = u64::from(*bytes.get(i)?);
                let end_col = u64::from(*bytes.get(i + 1)?);
                i += 2;
                (line, line, col, end_col)
            }
            _ => {
                let b = *bytes.get(i)?;
                i += 1;
                let col = u64::from(code) * 8 + u64::from(b >> 4);
                (line, line, col, col + u64::from(b & 15))
            }
        };
        out.push(LineEntry {
            start,
            lineno: u32::try_from(l).ok().filter(|&l| l != NO_LINE)?,
            end_lineno: u32::try_from(el).ok()?,
            col: u32::try_from(col).ok()?,
            end_col: u32::try_from(end_col).ok()?,
        });
    }
    // Runs the writer split into 8-unit pieces become one entry again.
    out.dedup_by(|b, a| {
        (a.lineno, a.end_lineno, a.col, a.end_col) == (b.lineno, b.end_lineno, b.col, b.end_col)
    });
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exception_varints() {
        let e = ExceptionEntry {
            start: 2,
            end: 70,
            target: 100,
            depth: 1,
            lasti: true,
        };
        // 68 = 1 << 6 | 4; 100 = 1 << 6 | 36.
        assert_eq!(
            exception_table(&[e]),
            vec![0x82, 0x41, 0x04, 0x41, 0x24, 0x03]
        );
    }

    #[test]
    fn location_forms() {
        let at = |start, lineno, end_lineno, col, end_col| LineEntry {
            start,
            lineno,
            end_lineno,
            col,
            end_col,
        };
        let t = location_table(
            &[at(1, 3, 3, 4, 9), at(2, 3, 3, 100, 101), at(3, 5, 6, 0, 1)],
            12,
            3,
        );
        assert_eq!(
            t,
            vec![
                0x80 | 15 << 3, // unit 0: no location
                0x80,           // short form, column 4..9
                0x45,
                0x80 | 10 << 3, // one-line form, same line
                100,
                101,
                0x80 | 14 << 3 | 7, // long form, 8 units
                4,                  // line +2
                1,                  // one more end line
                1,                  // column 0 + 1
                2,                  // end column 1 + 1
                0x80 | 14 << 3,     // the remaining unit
                0,
                1,
                1,
                2,
            ]
        );
    }

    #[test]
    fn tables_parse_back() {
        let e = ExceptionEntry {
            start: 2,
            end: 70,
            target: 100,
            depth: 1,
            lasti: true,
        };
        assert_eq!(parse_exception_table(&exception_table(&[e])), Some(vec![e]));
        let at = |start, lineno, end_lineno, col, end_col| LineEntry {
            start,
            lineno,
            end_lineno,
            col,
            end_col,
        };
        let entries = [
            at(0, NO_LINE, 0, 0, 0),
            at(1, 3, 3, 4, 9),
            at(2, 3, 3, 100, 101),
            at(3, 5, 6, 0, 1),
            at(13, NO_LINE, 0, 0, 0),
            at(14, 2, 0, 0, 0),
            // A module's RESUME: line 0, ending on line 1.
            at(15, 0, 1, 0, 0),
        ];
        let t = location_table(&entries, 20, 3);
        assert_eq!(parse_location_table(&t, 3).as_deref(), Some(&entries[..]));
        assert_eq!(parse_location_table(&[0x80], 1), None);
    }
}
