use proptest::prelude::*;

use super::*;

fn path(s: &str) -> Path {
    let mut parts = s.split('.').map(String::from);
    Path {
        root: parts.next().unwrap_or_default(),
        members: parts.collect(),
    }
}

fn p(s: &str) -> Expr {
    Expr::Path(path(s))
}

fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
    Expr::Binary(op, Box::new(a), Box::new(b))
}

fn num(s: &str) -> Expr {
    Expr::Number(Decimal::parse(s).expect("a number"))
}

#[test]
fn precedence_follows_the_grammar() {
    let parsed = parse("a => b or c and not d == e + f * g ?? 1").expect("parses");
    let expected = bin(
        BinOp::Implies,
        p("a"),
        bin(
            BinOp::Or,
            p("b"),
            bin(
                BinOp::And,
                p("c"),
                Expr::Not(Box::new(bin(
                    BinOp::Eq,
                    p("d"),
                    bin(
                        BinOp::Add,
                        p("e"),
                        bin(BinOp::Mul, p("f"), bin(BinOp::Default, p("g"), num("1"))),
                    ),
                ))),
            ),
        ),
    );
    assert_eq!(parsed, expected);
    // Left to right for `-`, right to left for `=>`.
    assert_eq!(
        parse("a - b - c").expect("parses"),
        bin(BinOp::Sub, bin(BinOp::Sub, p("a"), p("b")), p("c"))
    );
    assert_eq!(
        parse("a => b => c").expect("parses"),
        bin(BinOp::Implies, p("a"), bin(BinOp::Implies, p("b"), p("c")))
    );
}

#[test]
fn calls_bind_names_and_paths_read_members() {
    let parsed = parse(
        "all(u in purchase_units, u.amount.value == sum(i in u.items, i.unit_amount.value * number(i.quantity)))",
    )
    .expect("parses");
    let Expr::Each(each) = parsed else {
        panic!("not a call over a list: {parsed:?}")
    };
    assert_eq!((each.over, each.name.as_str()), (Over::All, "u"));
    assert_eq!(each.list, path("purchase_units"));
    let Expr::Binary(BinOp::Eq, left, right) = *each.body else {
        panic!("not a comparison")
    };
    assert_eq!(*left, p("u.amount.value"));
    assert!(matches!(
        *right,
        Expr::Each(Each {
            over: Over::Sum,
            ..
        })
    ));
    assert_eq!(
        parse("count(u.items) > 1 and present(x.y) and count(o in l, o.selected) <= 1")
            .expect("parses")
            .to_string(),
        "count(u.items) > 1 and present(x.y) and count(o in l, o.selected) <= 1"
    );
    // A member may be named like a word of the language.
    assert_eq!(parse("a.in.type").expect("parses"), p("a.in.type"));
}

#[test]
fn literals_are_exact() {
    assert_eq!(
        parse("x == 999999999999999.99").expect("parses"),
        bin(
            BinOp::Eq,
            p("x"),
            Expr::Number(Decimal {
                mantissa: 99_999_999_999_999_999,
                scale: 2
            })
        )
    );
    assert_eq!(
        parse(r#"k == "it's \"q\"" or k == 'a\'b'"#)
            .expect("parses")
            .to_string(),
        r#"k == "it's \"q\"" or k == "a'b""#
    );
    assert_eq!(parse("x > -0.05").expect("parses").to_string(), "x > -0.05");
}

#[test]
fn mistakes_are_named_where_they_are() {
    let cases = [
        ("a = b", 2, "`=` is not an operator"),
        ("a == b == c", 7, "comparisons do not chain"),
        ("all(purchase_units, x)", 18, "`all` names each item"),
        ("count(u in l)", 12, "expected `,`"),
        ("avg(x)", 0, "no call `avg`"),
        ("a and", 5, "expected a value, found the end"),
        ("a b", 2, "`b` after a complete rule"),
        ("\"open", 0, "the string does not end"),
        ("a.", 2, "expected a member name"),
        ("1. + a", 0, "`1.` is not a number"),
        ("(a", 2, "expected `)` to close the `(`"),
        ("x # y", 2, "`#` has no meaning"),
        ("and", 0, "`and` stands between two rules"),
        ("present(1)", 8, "expected the path of a member"),
    ];
    for (text, at, says) in cases {
        let e = parse(text).expect_err(text);
        assert_eq!(e.at, at, "{text}: {e}");
        assert!(e.message.contains(says), "{text}: {e}");
    }
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
    let e = parse(&deep).expect_err("too deep");
    assert!(e.message.contains("deeper than"), "{e}");
    let long = vec!["a"; 500].join(" + ");
    assert!(parse(&long).is_err(), "a chain nests too");
    let nots = format!("{}a", "not ".repeat(200));
    assert!(parse(&nots).is_err());
    let fine = vec!["a"; 20].join(" + ");
    assert!(parse(&fine).is_ok());
}

#[test]
fn decimals_read_and_count_exactly() {
    let d = |s: &str| Decimal::parse(s).expect(s);
    assert_eq!(d("12.340").to_string(), "12.340");
    assert_eq!(d("-0.05").to_string(), "-0.05");
    assert_eq!(d("1e3"), Decimal::integer(1000));
    assert_eq!(d("2.5E-1").to_string(), "0.25");
    assert_eq!(d(".5").to_string(), "0.5");
    for bad in [
        "",
        "-",
        ".",
        "1.2.3",
        "1x",
        "e5",
        "1e",
        "9".repeat(40).as_str(),
    ] {
        assert_eq!(Decimal::parse(bad), None, "{bad}");
    }
    assert_eq!(d("1.0").compare(d("1.00")), Some(std::cmp::Ordering::Equal));
    assert_eq!(d("0.1").checked_add(d("0.2")), Some(d("0.3")));
    assert_eq!(
        d("10.00").checked_sub(d("0.01")).map(|x| x.to_string()),
        Some("9.99".into())
    );
    assert_eq!(
        d("2.50").checked_mul(d("3")).map(|x| x.to_string()),
        Some("7.50".into())
    );
    let big = Decimal::integer(i128::MAX);
    assert_eq!(big.checked_add(Decimal::integer(1)), None);
    assert_eq!(big.checked_mul(d("2")), None);
}

pub(crate) fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "a",
        "b",
        "u",
        "items",
        "type",
        "value",
        "purchase_units",
        "amount",
        "intent",
    ])
    .prop_map(String::from)
}

fn a_path() -> impl Strategy<Value = Path> {
    (name(), prop::collection::vec(name(), 0..3)).prop_map(|(root, members)| Path { root, members })
}

/// Any rule over the names of [`name`].
pub(crate) fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Expr::Bool),
        (any::<i64>(), 0u32..6).prop_map(|(m, scale)| Expr::Number(Decimal {
            mantissa: i128::from(m),
            scale
        })),
        "[a-z\"'\\\\ ]{0,6}".prop_map(Expr::Text),
        a_path().prop_map(Expr::Path),
        a_path().prop_map(Expr::Present),
        a_path().prop_map(Expr::Length),
    ];
    leaf.prop_recursive(5, 40, 3, |inner| {
        let op = prop::sample::select(vec![
            BinOp::Implies,
            BinOp::Or,
            BinOp::And,
            BinOp::Eq,
            BinOp::Ne,
            BinOp::Lt,
            BinOp::Le,
            BinOp::Gt,
            BinOp::Ge,
            BinOp::Add,
            BinOp::Sub,
            BinOp::Mul,
            BinOp::Default,
        ]);
        let over = prop::sample::select(vec![Over::All, Over::Any, Over::Count, Over::Sum]);
        prop_oneof![
            (op, inner.clone(), inner.clone()).prop_map(|(op, a, b)| Expr::Binary(
                op,
                Box::new(a),
                Box::new(b)
            )),
            inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
            inner.clone().prop_map(|e| Expr::ToNumber(Box::new(e))),
            inner.clone().prop_map(|e| Expr::Scale(Box::new(e))),
            (over, name(), a_path(), inner).prop_map(|(over, name, list, body)| {
                Expr::Each(Each {
                    over,
                    name,
                    list,
                    body: Box::new(body),
                })
            }),
        ]
    })
}

proptest! {
    /// The canonical form parses back to the same tree, whatever the
    /// nesting: it puts parentheses exactly where precedence needs them.
    #[test]
    fn the_canonical_form_parses_back(e in expr()) {
        let text = e.to_string();
        let back = parse(&text);
        prop_assert_eq!(back.as_ref(), Ok(&e), "{}", text);
    }

    /// No text makes the parser panic, and what it accepts prints to a
    /// form that parses to the same tree.
    #[test]
    fn any_text_parses_or_is_refused(text in "[a-z0-9 ().,=!<>+*?\"'-]{0,40}") {
        if let Ok(e) = parse(&text) {
            prop_assert_eq!(parse(&e.to_string()), Ok(e));
        }
    }
}
