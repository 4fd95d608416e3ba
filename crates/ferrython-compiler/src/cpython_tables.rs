//! A code object's instructions and tables in CPython's byte encodings:
//! `co_code`, `co_exceptiontable` and `co_linetable`, which `dis` and other
//! library code decode (`Objects/locations.md`, `Objects/exception_handling_notes.txt`
//! in CPython describe the formats).
//!
//! Ferrython's code units already have CPython's layout (opcode in the low
//! byte, argument in the high byte, `EXTENDED_ARG` prefixes, inline caches),
//! so `co_code` is the units in little-endian order; only the tables need
//! translating from [`ExceptionEntry`] and [`LineEntry`] lists.

use crate::bytecode::{ExceptionEntry, LineEntry};

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
/// units before the first [`LineEntry`] and entries with line 0 have no
/// location.
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
            let Some(e) = e.filter(|e| e.lineno != 0) else {
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
}
