//! Unit tests of the formats: accepted and rejected values at the edges of
//! each part of each format.

use super::{digits, Format};

fn assert_format(format: Format, accepted: &[&str], rejected: &[&str]) {
    for v in accepted {
        assert!(format.accepts(v), "{format:?} should accept {v:?}");
    }
    for v in rejected {
        assert!(!format.accepts(v), "{format:?} should reject {v:?}");
    }
}

#[test]
fn currency_codes_are_three_capital_letters() {
    assert_format(
        Format::Currency,
        &["EUR", "INR", "USD", "AAA", "ZZZ"],
        &[
            "", "EU", "EURO", "eur", "EUr", "eUR", "E1R", "EU ", "ÉUR", "EURE",
        ],
    );
}

#[test]
fn lowercase_currency_codes_are_three_small_letters() {
    assert_format(
        Format::CurrencyLower,
        &["eur", "usd", "inr", "aaa", "zzz"],
        &["", "eu", "euro", "EUR", "Eur", "e1r", "eu ", "éur"],
    );
}

#[test]
fn dates_are_calendar_days() {
    assert_format(
        Format::Date,
        &[
            "2024-01-01",
            "2024-12-31",
            "2024-02-29",
            "2000-02-29",
            "2023-04-30",
            "0001-01-01",
            "9999-12-31",
        ],
        &[
            "",
            "2024-1-01",
            "2024-01-1",
            "24-01-01",
            "2024/01/01",
            "2024-00-10",
            "2024-13-01",
            "2024-01-00",
            "2024-01-32",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "2024-01-01T00:00:00Z",
            "2024-01-0a",
            "+024-01-01",
            "2024-01-01 ",
            "２０２４-01-01",
        ],
    );
}

#[test]
fn urls_are_absolute_http_or_https() {
    assert_format(
        Format::Url,
        &[
            "https://yourbrand.com/cart",
            "http://localhost:8080/x?y=z",
            "https://x",
            "http://x",
        ],
        &[
            "",
            "yourbrand.com",
            "https://",
            "http://",
            "ftp://x.example",
            "https://a b.example",
            "https://a.example/\tpath",
            " https://a.example",
            "https:/a.example",
        ],
    );
}

#[test]
fn emails_have_a_local_part_and_a_dotted_domain() {
    assert_format(
        Format::Email,
        &[
            "john@example.com",
            "a@b.c",
            "first.last+tag@sub.example.org",
        ],
        &[
            "",
            "john",
            "john@",
            "@example.com",
            "john@example",
            "john@.example.com",
            "john@example.com.",
            "jo hn@example.com",
            "john@exa mple.com",
            "john@example.com ",
        ],
    );
}

#[test]
fn timestamps_are_rfc_3339_date_times() {
    assert_format(
        Format::Timestamp,
        &[
            "2021-09-10T09:24:06Z",
            "2021-09-10t09:24:06z",
            "2018-01-01T12:00:00.000Z",
            "2018-01-01T12:00:00.1Z",
            "2021-09-10T09:24:06+05:30",
            "2021-09-10T09:24:06-05:00",
            "2021-09-10T09:24:06.123456+00:00",
        ],
        &[
            "",
            "2021-09-10",
            "2021-09-10T",
            "T09:24:06Z",
            // Date: four, two and two digits, three parts.
            "21-09-10T09:24:06Z",
            "2021-9-10T09:24:06Z",
            "2021-09-1T09:24:06Z",
            "2021-09-10-01T09:24:06Z",
            "2021-09T09:24:06Z",
            "2021-0a-10T09:24:06Z",
            "2021/09/10T09:24:06Z",
            // Zone: Z, or a sign with two and two digits.
            "2021-09-10T09:24:06",
            "2021-09-10T09:24:06+0530",
            "2021-09-10T09:24:06+5:30",
            "2021-09-10T09:24:06+05:3",
            "2021-09-10T09:24:06+05:30:00",
            "2021-09-10T09:24:06+ab:cd",
            "2021-09-10T09:24:06+",
            "2021-09-10T09:24:06X",
            // Clock: two, two and two digits, three parts.
            "2021-09-10T09:24Z",
            "2021-09-10T9:24:06Z",
            "2021-09-10T09:24:6Z",
            "2021-09-10T09:24:06:00Z",
            "2021-09-10T09:2a:06Z",
            "2021-09-10T+05:30",
            // Fraction: at least one digit, digits only.
            "2021-09-10T09:24:06.Z",
            "2021-09-10T09:24:06.1aZ",
            "2021-09-10T09:24:06.+05:30",
            "2021-09-10 09:24:06Z",
        ],
    );
}

#[test]
fn timestamps_fail_on_any_single_broken_part() {
    // Each of these breaks exactly one of date, zone, clock and fraction,
    // so a check that let any one part through would accept it.
    let good = "2021-09-10T09:24:06.5+05:30";
    assert!(Format::Timestamp.accepts(good));
    for bad in [
        "2021-09-1xT09:24:06.5+05:30",
        "2021-09-10T09:24:06.5+05:3x",
        "2021-09-10T09:24:0x.5+05:30",
        "2021-09-10T09:24:06.x+05:30",
    ] {
        assert!(!Format::Timestamp.accepts(bad), "{bad}");
    }
}

#[test]
fn digits_are_exactly_n_ascii_digits() {
    assert!(digits("2021", 4));
    assert!(digits("", 0));
    assert!(!digits("202", 4));
    assert!(!digits("20211", 4));
    assert!(!digits("20a1", 4));
    assert!(!digits("٢٠٢١", 4));
}

#[test]
fn durations_are_iso_8601() {
    assert_format(
        Format::Duration,
        &[
            "PT30M",
            "P1DT2H",
            "PT0.5S",
            "PT1.25S",
            "P1M",
            "P1Y2M3W4DT5H6M7.5S",
            "P1Y",
            "P10D",
            "PT1H1M",
            "PT12H",
            "P1W",
        ],
        &[
            "", "P", "PT", "P1DT", "30M", "pT30M", "PM30", "PT30", "P1", "PTH", "P1X", "P1H",
            "PT1D", "PT1Y", "P1DT2HT", "P1D2", // Units in order, each at most once.
            "P1D1Y", "PT1M1H", "P1D1D", "PT1M1M", "P1M1M",
            // Only seconds take a fraction, with digits on both sides of
            // one dot.
            "PT0.5M", "P0.5D", "PT.5S", "PT1.S", "PT.", "PT1.", "PT1.5", "PT1..5S", "PT1.2.3S",
            "PT1.5.5M", "P1.5DT1S", "PT0,5S", "PT-1S", "PT 1S",
        ],
    );
}
