//! Proleptic Gregorian calendar arithmetic: ordinals (1 = 0001-01-01),
//! weekdays and ISO weeks, as `_datetimemodule.c` computes them.
use super::{Ymd, MAXYEAR};

const DAYS_BEFORE_MONTH: [i32; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH: [i32; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DI4Y: i64 = 1461;
const DI100Y: i64 = 36524;
const DI400Y: i64 = 146_097;
/// `date(9999, 12, 31).toordinal()`.
pub const MAXORDINAL: i64 = 3_652_059;

pub fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i32, month: i32) -> i32 {
    if month == 2 && is_leap(year) {
        29
    } else {
        DAYS_IN_MONTH[month as usize]
    }
}

pub fn days_before_month(year: i32, month: i32) -> i32 {
    DAYS_BEFORE_MONTH[month as usize] + (month > 2 && is_leap(year)) as i32
}

pub fn days_before_year(year: i32) -> i64 {
    let y = year as i64 - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

/// The proleptic Gregorian ordinal of a date.
pub fn ymd_to_ord(d: Ymd) -> i64 {
    days_before_year(d.year) + days_before_month(d.year, d.month) as i64 + d.day as i64
}

/// The date of an ordinal; `ord` is in `1..=MAXORDINAL`.
pub fn ord_to_ymd(ord: i64) -> Ymd {
    let mut n = ord - 1;
    let n400 = n / DI400Y;
    n %= DI400Y;
    let mut year = n400 * 400 + 1;
    let n100 = n / DI100Y;
    n %= DI100Y;
    let n4 = n / DI4Y;
    n %= DI4Y;
    let n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return Ymd {
            year: year as i32 - 1,
            month: 12,
            day: 31,
        };
    }
    let year = year as i32;
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = ((n + 50) >> 5) as i32;
    let mut preceding = DAYS_BEFORE_MONTH[month as usize] + (month > 2 && leap) as i32;
    if preceding as i64 > n {
        month -= 1;
        preceding -= DAYS_IN_MONTH[month as usize] + (month == 2 && leap) as i32;
    }
    Ymd {
        year,
        month,
        day: (n - preceding as i64) as i32 + 1,
    }
}

/// Monday is 0.
pub fn weekday(d: Ymd) -> i32 {
    ((ymd_to_ord(d) + 6) % 7) as i32
}

/// The ordinal of the Monday of ISO week 1 of `year`.
pub fn iso_week1_monday(year: i32) -> i64 {
    let first = days_before_year(year) + 1;
    let wd = (first + 6) % 7;
    let monday = first - wd;
    if wd > 3 {
        monday + 7
    } else {
        monday
    }
}

/// (ISO year, week, weekday 1..7).
pub fn iso_calendar(d: Ymd) -> (i32, i32, i32) {
    let mut year = d.year;
    let today = ymd_to_ord(d);
    let mut week1 = iso_week1_monday(year);
    let mut week = (today - week1).div_euclid(7);
    let day = (today - week1).rem_euclid(7);
    if week < 0 {
        year -= 1;
        week1 = iso_week1_monday(year);
        week = (today - week1).div_euclid(7);
    } else if week >= 52 && year < MAXYEAR && today >= iso_week1_monday(year + 1) {
        year += 1;
        week = 0;
    }
    (year, week as i32 + 1, day as i32 + 1)
}

/// The date of an ISO (year, week, weekday); the message on bad input.
pub fn from_iso_calendar(year: i32, week: i32, day: i32) -> Result<Ymd, String> {
    if !(super::MINYEAR..=MAXYEAR).contains(&year) {
        return Err(format!("Year is out of range: {year}"));
    }
    if week <= 0 || week >= 53 {
        let ok = week == 53 && {
            let first_wd = (days_before_year(year) + 1 + 6) % 7;
            first_wd == 3 || (first_wd == 2 && is_leap(year))
        };
        if !ok {
            return Err(format!("Invalid week: {week}"));
        }
    }
    if day <= 0 || day >= 8 {
        return Err(format!("Invalid weekday: {day} (range is [1, 7])"));
    }
    let ord = iso_week1_monday(year) + (week as i64 - 1) * 7 + (day as i64 - 1);
    if !(1..=MAXORDINAL).contains(&ord) {
        return Err(format!("Year is out of range: {year}"));
    }
    Ok(ord_to_ymd(ord))
}

/// Day of the year, 1-based.
pub fn day_of_year(d: Ymd) -> i32 {
    days_before_month(d.year, d.month) + d.day
}
