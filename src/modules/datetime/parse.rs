//! ISO 8601 parsing for `fromisoformat`: dates (`YYYY-MM-DD`, `YYYYMMDD`,
//! ISO weeks `YYYY-Www[-D]`), times (`HH[:MM[:SS[.f+]]]`, basic format
//! too) and UTC offsets (`Z`, `±HH[:MM[:SS[.f+]]]`). The text is a slice
//! of code points; `None` means "not a valid string".
use super::{Hms, Ymd};

fn digit(c: u32) -> Option<i32> {
    (('0' as u32)..=('9' as u32))
        .contains(&c)
        .then(|| (c - '0' as u32) as i32)
}

fn number(s: &[u32]) -> Option<i32> {
    s.iter()
        .try_fold(0i32, |acc, &c| Some(acc * 10 + digit(c)?))
}

const DASH: u32 = '-' as u32;
const WEEK: u32 = 'W' as u32;

/// The length of the date part of a datetime string (where the separator
/// is), following the rules of CPython's `_find_isoformat_datetime_separator`.
pub fn date_length(s: &[u32]) -> Option<usize> {
    let n = s.len();
    if n == 7 {
        return Some(7);
    }
    if n < 8 {
        return None;
    }
    if s[4] == DASH {
        if s[5] == WEEK {
            if n > 8 && s[8] == DASH {
                if n == 9 {
                    return None;
                }
                if n > 10 && digit(s[10]).is_some() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    if s[4] == WEEK {
        let mut idx = 7;
        while idx < n && digit(s[idx]).is_some() {
            idx += 1;
        }
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8)
}

/// A date string of length 7, 8 or 10. Fields are not range-checked
/// (except through the ISO week conversion).
pub fn parse_date(s: &[u32]) -> Option<Ymd> {
    if !matches!(s.len(), 7 | 8 | 10) {
        return None;
    }
    let year = number(&s[..4])?;
    let sep = s[4] == DASH;
    let mut pos = 4 + sep as usize;
    if s.get(pos) == Some(&WEEK) {
        pos += 1;
        let week = number(s.get(pos..pos + 2)?)?;
        pos += 2;
        let mut day = 1;
        if s.len() > pos {
            if (s[pos] == DASH) != sep {
                return None;
            }
            pos += sep as usize;
            day = number(s.get(pos..pos + 1)?)?;
            if pos + 1 != s.len() {
                return None;
            }
        }
        return super::calendar::from_iso_calendar(year, week, day).ok();
    }
    let month = number(s.get(pos..pos + 2)?)?;
    pos += 2;
    if (s.get(pos) == Some(&DASH)) != sep {
        return None;
    }
    pos += sep as usize;
    let day = number(s.get(pos..pos + 2)?)?;
    if pos + 2 != s.len() {
        return None;
    }
    Some(Ymd { year, month, day })
}

/// `date.fromisoformat`'s input: exactly a date.
pub fn parse_date_only(s: &[u32]) -> Option<Ymd> {
    parse_date(s)
}

/// `HH[:?MM[:?SS[{.,}f+]]]`.
fn parse_hms(s: &[u32]) -> Option<Hms> {
    let mut comps = [0i32; 3];
    let mut pos = 0;
    let mut sep = false;
    for (i, comp) in comps.iter_mut().enumerate() {
        *comp = number(s.get(pos..pos + 2)?)?;
        pos += 2;
        let next = s.get(pos).copied();
        if i == 0 {
            sep = next == Some(':' as u32);
        }
        if next.is_none() || i >= 2 {
            break;
        }
        if sep && next != Some(':' as u32) {
            return None;
        }
        pos += sep as usize;
    }
    let mut us = 0;
    if pos < s.len() {
        if s[pos] != '.' as u32 && s[pos] != ',' as u32 {
            return None;
        }
        pos += 1;
        let rest = &s[pos..];
        let take = rest.len().min(6);
        if take == 0 {
            return None;
        }
        us = number(&rest[..take])? * 10i32.pow(6 - take as u32);
        if rest[take..].iter().any(|&c| digit(c).is_none()) {
            return None;
        }
    }
    Some(Hms {
        hour: comps[0],
        minute: comps[1],
        second: comps[2],
        us,
    })
}

/// A parsed UTC offset: none, or signed microseconds.
pub type Offset = Option<i64>;

/// A time with an optional offset suffix.
pub fn parse_time(s: &[u32]) -> Option<(Hms, Offset)> {
    if s.len() < 2 {
        return None;
    }
    let find = |c: char| s.iter().position(|&x| x == c as u32);
    let tz_pos = find('-').or_else(|| find('+')).or_else(|| find('Z'));
    let time_part = match tz_pos {
        Some(p) => &s[..p],
        None => s,
    };
    let t = parse_hms(time_part)?;
    let Some(p) = tz_pos else {
        return Some((t, None));
    };
    if p + 1 == s.len() && s[p] == 'Z' as u32 {
        return Some((t, Some(0)));
    }
    let tz = &s[p + 1..];
    if matches!(tz.len(), 0 | 1 | 3) {
        return None;
    }
    let o = parse_hms(tz)?;
    let us = o.total_us();
    Some((t, Some(if s[p] == DASH { -us } else { us })))
}
