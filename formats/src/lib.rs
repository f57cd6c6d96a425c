//! The text formats of the spec language (`currency`, `url`, `email`,
//! `timestamp`, `duration`), decided in one place: the generated client's
//! runtime enforces them with [`Format::accepts`], and the generator's
//! checker tests the specs' own examples with the same function, so the two
//! can never disagree on what a value of a format is.
//!
//! No dependencies, no allocation.

#![no_std]

/// Formats of text scalars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ISO 4217: three capital letters.
    Currency,
    /// ISO 4217 in lowercase: three small letters (`eur`), as some
    /// providers write it.
    CurrencyLower,
    /// ISO 8601 calendar date, `YYYY-MM-DD`, a day that exists.
    Date,
    /// Absolute http(s) URL.
    Url,
    /// `local@domain.tld`.
    Email,
    /// RFC 3339 date-time.
    Timestamp,
    /// ISO 8601 duration.
    Duration,
}

impl Format {
    /// Whether `v` is in this format.
    pub fn accepts(self, v: &str) -> bool {
        match self {
            Format::Currency => v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase()),
            Format::CurrencyLower => v.len() == 3 && v.bytes().all(|b| b.is_ascii_lowercase()),
            Format::Date => is_date(v),
            Format::Url => {
                let rest = v
                    .strip_prefix("https://")
                    .or_else(|| v.strip_prefix("http://"));
                matches!(rest, Some(r) if !r.is_empty() && !r.contains(char::is_whitespace))
            }
            Format::Email => match v.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !v.contains(char::is_whitespace)
                }
                None => false,
            },
            Format::Timestamp => is_timestamp(v),
            Format::Duration => is_duration(v),
        }
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD`, a day of the Gregorian calendar (29 February in leap
/// years only).
fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (number(&v[..4]), number(&v[5..7]), number(&v[8..])) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The value of a run of ASCII digits (at most 4 here).
fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

fn is_timestamp(v: &str) -> bool {
    let Some((date, time)) = v.split_once(['T', 't']) else {
        return false;
    };
    let mut d = date.split('-');
    let date_ok = matches!(
        (d.next(), d.next(), d.next(), d.next()),
        (Some(y), Some(m), Some(day), None) if digits(y, 4) && digits(m, 2) && digits(day, 2)
    );
    let (clock, zone_ok) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, true)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let zone = &time[i + 1..];
        let ok = matches!(zone.split_once(':'), Some((h, m)) if digits(h, 2) && digits(m, 2));
        (&time[..i], ok)
    } else {
        (time, false)
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((hms, frac)) => (
            hms,
            !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()),
        ),
        None => (clock, true),
    };
    let mut t = hms.split(':');
    let time_ok = matches!(
        (t.next(), t.next(), t.next(), t.next()),
        (Some(h), Some(m), Some(sec), None) if digits(h, 2) && digits(m, 2) && digits(sec, 2)
    );
    date_ok && zone_ok && time_ok && frac
}

fn is_duration(v: &str) -> bool {
    let Some(rest) = v.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() || rest.ends_with('T') {
        return false;
    }
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    // The number before each unit, as the count of its digits before the
    // '.' and, once there is a '.', of those after it (no allocation:
    // validation of a valid request allocates nothing). Only seconds take a
    // fraction, and a fraction needs a digit on each side of one '.'.
    let units_ok = |s: &str, units: &[char]| -> bool {
        let mut last = 0;
        let (mut whole, mut fraction) = (0usize, None::<usize>);
        for c in s.chars() {
            if c.is_ascii_digit() {
                match &mut fraction {
                    Some(n) => *n += 1,
                    None => whole += 1,
                }
            } else if c == '.' && whole > 0 && fraction.is_none() {
                fraction = Some(0);
            } else if let Some(pos) = units.iter().position(|u| *u == c) {
                if whole == 0 || pos < last || fraction.is_some_and(|n| n == 0 || c != 'S') {
                    return false;
                }
                last = pos + 1;
                (whole, fraction) = (0, None);
            } else {
                return false;
            }
        }
        whole == 0
    };
    units_ok(date, &['Y', 'M', 'W', 'D']) && time.is_none_or(|t| units_ok(t, &['H', 'M', 'S']))
}

#[cfg(test)]
mod tests;
