//! Exact decimal numbers, for the numbers business rules write and
//! compute: no floating point.

use std::fmt;

/// An exact decimal number: `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The digits, with their sign.
    pub mantissa: i128,
    /// How many of the digits are after the point.
    pub scale: u32,
}

impl Decimal {
    /// The most digits after the point a decimal keeps (what an `i128`
    /// holds).
    pub const MAX_SCALE: u32 = 38;

    /// `n` with no digits after the point.
    pub fn integer(n: i128) -> Decimal {
        Decimal {
            mantissa: n,
            scale: 0,
        }
    }

    /// Reads `-12.340`, `5`, `1e3`, `2.5E-1` exactly, keeping the digits
    /// after the point as written; `None` for anything else or for more
    /// digits than an `i128` holds.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (digits, exponent) = match s.find(['e', 'E']) {
            Some(at) => (&s[..at], s[at + 1..].parse::<i32>().ok()?),
            None => (s, 0),
        };
        let (negative, digits) = match digits.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, digits),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        if negative {
            mantissa = -mantissa;
        }
        let scale = i64::try_from(fraction.len()).ok()? - i64::from(exponent);
        if scale < 0 {
            let up = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
            return Some(Decimal::integer(mantissa.checked_mul(up)?));
        }
        let scale = u32::try_from(scale)
            .ok()
            .filter(|s| *s <= Self::MAX_SCALE)?;
        Some(Decimal { mantissa, scale })
    }

    /// Both at the larger scale, or `None` if that overflows.
    fn aligned(self, other: Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let up = |d: Decimal| d.mantissa.checked_mul(10i128.checked_pow(scale - d.scale)?);
        Some((up(self)?, up(other)?, scale))
    }

    /// `self + other`, exactly (`None` on overflow).
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    /// `self - other`, exactly (`None` on overflow).
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        Some(Decimal {
            mantissa: a.checked_sub(b)?,
            scale,
        })
    }

    /// `self × other`, exactly (`None` on overflow).
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale + other.scale;
        (scale <= Self::MAX_SCALE).then_some(())?;
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(other.mantissa)?,
            scale,
        })
    }

    /// How the two compare as numbers (`1.0` equals `1.00`); `None` when
    /// aligning them overflows.
    pub fn compare(self, other: Decimal) -> Option<std::cmp::Ordering> {
        let (a, b, _) = self.aligned(other)?;
        Some(a.cmp(&b))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}
