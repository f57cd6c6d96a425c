//! Random specs for the "whatever `check` accepts compiles" property.
//!
//! Each seed gives one spec built from every construct of the language,
//! with names drawn partly from pools of names the generated code or the
//! Rust prelude already uses (`String`, `new`, `body`, `request`, …), so a
//! name `check` should refuse turns up often. The build script keeps the
//! specs `check` accepts and compiles their modules into this crate: one
//! that does not compile (or warns under clippy or rustdoc) is a checker
//! bug.

use serde_yaml::{Mapping, Value};

/// SplitMix64: a small deterministic generator, so a seed always gives the
/// same spec on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(1))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn pick_name(&mut self, items: &[String]) -> String {
        items[self.below(items.len())].clone()
    }
}

const TRICKY_TYPES: &[&str] = &[
    "String",
    "Option",
    "Vec",
    "Result",
    "Box",
    "Client",
    "Environment",
    "Credentials",
    "Value",
    "Decimal",
    "Secret",
    "Patch",
    "Path",
    "Error",
    "Body",
    "Rule",
    "Format",
    "IndexMap",
    "Map",
    "Serialize",
    "Deserialize",
    "Some",
    "Ok",
    "Default",
    "Debug",
    "Clone",
    "Unknown",
    "Self_",
    "UpdateOrderRequest",
    "GetOrderError",
    "Violations",
    "Secrets",
    "NoContent",
];

const TRICKY_FIELDS: &[&str] = &[
    "id",
    "type",
    "self",
    "new",
    "body",
    "validate",
    "validate_into",
    "headers",
    "secrets",
    "collect_secrets",
    "clear_note",
    "note",
    "value",
    "path",
    "violations",
    "out",
    "1st",
    "a-b",
    "A_B",
    "a_b",
    "_place",
    "x y",
    "default",
    "match",
    "Self",
    "crate",
    "super",
    "request",
    "operation",
    "http",
    "core",
    "config",
    "fmt",
    "clone",
    "to_string",
    "into",
    "as_str",
    "key",
    "len",
    "data",
    "attributes",
    "relationships",
    "Ünïcode",
    "",
    "_",
    "__",
    "r#type",
];

const TRICKY_VALUES: &[&str] = &[
    "created", "paid", "", "Unknown", "unknown", "self", "Self", "1", "a-b", "a_b", "A B", "ÿ",
    "None", "Some", "type", "as_str", "PAID", "Paid",
];

const TRICKY_OPS: &[&str] = &[
    "update_order",
    "get_order",
    "new",
    "base_url",
    "update_order_request",
    "with_transport",
    "clone",
    "fmt",
    "delete",
    "type",
    "request",
    "core",
];

const TRICKY_PARAMS: &[&str] = &[
    "id",
    "order_id",
    "request",
    "path",
    "self",
    "type",
    "http",
    "operation",
    "status",
    "core",
];

const HEADERS: &[&str] = &[
    "X-Merchant-Id",
    "Idempotency-Key",
    "x-api-version",
    "Accept",
];

const TRICKY_HEADERS: &[&str] = &[
    "Authorization",
    "Content-Type",
    "Content-Length",
    "Host",
    "X-Config",
    "config",
    "headers",
    "value",
    "X-Request",
    "x_y",
    "x-merchant-id",
];

const CREDENTIALS: &[&str] = &["api_key", "key", "secret", "token", "new", "config", "core"];

const SCALARS: &[&str] = &[
    "string",
    "integer",
    "amount_minor",
    "decimal",
    "decimal_string",
    "boolean",
    "timestamp",
    "unix_time",
    "duration",
    "currency",
    "currency_lower",
    "date",
    "url",
    "email",
    "json",
];

fn key(k: &str) -> Value {
    Value::String(k.to_string())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in entries {
        m.insert(key(k), v);
    }
    Value::Mapping(m)
}

fn name(rng: &mut Rng, tricky: &[&str], prefix: &str, n: usize) -> String {
    if rng.chance(8) {
        rng.pick(tricky).to_string()
    } else {
        format!("{prefix}{n}")
    }
}

/// One random spec, as YAML text, for provider `random_<seed>`.
pub fn spec(seed: u64) -> String {
    let rng = &mut Rng::new(seed);
    let mut types = Mapping::new();
    let n_types = 1 + rng.below(4);
    let type_names: Vec<String> = (0..n_types)
        .map(|i| {
            if rng.chance(10) {
                rng.pick(TRICKY_TYPES).to_string()
            } else {
                format!("T{i}")
            }
        })
        .collect();
    let mut objects = Vec::new();
    let mut unions = Vec::new();
    // Objects with a required string `id` (what `expandable` expands to).
    let mut with_id: Vec<String> = Vec::new();
    for (i, t) in type_names.iter().enumerate() {
        let kind = match rng.below(7) {
            0 => "enum",
            1 => "map",
            2 => "list",
            3 if !objects.is_empty() => "union",
            _ => "object",
        };
        let def = match kind {
            "enum" => enum_type(rng),
            "union" => {
                unions.push(t.clone());
                union_type(rng, &objects)
            }
            "map" | "list" => {
                let mut m = vec![("kind", key(kind)), ("items", key(rng.pick(SCALARS)))];
                if rng.chance(50) {
                    m.push(("validation", container_rules(rng, kind)));
                }
                map(m)
            }
            _ => {
                objects.push(t.clone());
                let earlier = &type_names[..i];
                let (def, id) = object_type(rng, earlier, t, &with_id);
                if id {
                    with_id.push(t.clone());
                }
                def
            }
        };
        types.insert(key(t), def);
    }
    let mut ops = Mapping::new();
    for i in 0..1 + rng.below(3) {
        let op = name(rng, TRICKY_OPS, "op", i);
        // Requests mostly leave unions alone (`check` refuses them there).
        let named: Vec<String> = if rng.chance(5) {
            type_names.clone()
        } else {
            type_names
                .iter()
                .filter(|t| !unions.contains(t))
                .cloned()
                .collect()
        };
        ops.insert(key(&op), operation(rng, &named, &objects));
    }
    error_texts(rng, &mut types, &ops);
    let spec = map(vec![
        ("provider", provider(rng, seed)),
        ("types", Value::Mapping(types)),
        ("operations", Value::Mapping(ops)),
    ]);
    serde_yaml::to_string(&spec).unwrap_or_default()
}

fn provider(rng: &mut Rng, seed: u64) -> Value {
    let mut envs = vec![("production", key("https://api.example.com"))];
    let mut vars = Vec::new();
    if rng.chance(40) {
        envs.push(("sandbox", key("https://{region}.sandbox.example.com/v1")));
        vars.push(("region", map(vec![("description", key("Region."))])));
    }
    if rng.chance(2) {
        envs.push((
            rng.pick(&["custom", "eu_1", "eu1"]),
            key(rng.pick(&[
                "https://custom.example.com",
                "https://u:p@x.example.com",
                "https://x.example.com?q=1",
            ])),
        ));
    }
    let basic = |rng: &mut Rng| {
        let mut a = vec![
            ("scheme", key("basic")),
            ("username", key(rng.pick(CREDENTIALS))),
        ];
        if rng.chance(50) {
            a.push(("password", key(rng.pick(CREDENTIALS))));
        }
        a
    };
    let bearer = |rng: &mut Rng| {
        vec![
            ("scheme", key("bearer")),
            ("token", key(rng.pick(CREDENTIALS))),
        ]
    };
    let first_basic = rng.chance(50);
    let mut auth = if first_basic { basic(rng) } else { bearer(rng) };
    // Now and then the other scheme as an alternative the caller may pick.
    if rng.chance(20) {
        let other = if first_basic { bearer(rng) } else { basic(rng) };
        auth.push(("alternatives", Value::Sequence(vec![map(other)])));
    }
    let auth = map(auth);
    let mut p = vec![
        ("name", key(&format!("random_{seed}"))),
        ("title", key(&format!("Random {seed}"))),
        ("environments", map(envs)),
        ("auth", auth),
    ];
    if !vars.is_empty() {
        p.push(("variables", map(vars)));
    }
    if rng.chance(40) {
        p.push(("headers", headers(rng, false)));
    }
    map(p)
}

fn headers(rng: &mut Rng, per_operation: bool) -> Value {
    let mut m = Mapping::new();
    for _ in 0..1 + rng.below(2) {
        let h = if rng.chance(15) {
            rng.pick(TRICKY_HEADERS)
        } else {
            rng.pick(HEADERS)
        };
        let mut e = vec![("description", key("A header."))];
        match rng.below(3) {
            0 => e.push(("const", key("2024-01-01"))),
            1 => e.push(("required", Value::Bool(true))),
            _ => {}
        }
        if rng.chance(30) {
            e.push(("sensitive", Value::Bool(true)));
        }
        if rng.chance(if per_operation { 25 } else { 15 }) {
            e.push((
                "validation",
                map(vec![
                    (
                        "max_length",
                        Value::Number((1 + rng.below(200) as u64).into()),
                    ),
                    ("pattern", key("[A-Za-z0-9-]+")),
                ]),
            ));
        }
        m.insert(key(h), map(e));
    }
    Value::Mapping(m)
}

fn enum_type(rng: &mut Rng) -> Value {
    let values: Vec<Value> = (0..1 + rng.below(4))
        .map(|i| {
            let v = if rng.chance(10) {
                rng.pick(TRICKY_VALUES).to_string()
            } else {
                format!("value_{i}")
            };
            map(vec![("value", key(&v)), ("description", key("A value."))])
        })
        .collect();
    let mut e = vec![
        ("kind", key("enum")),
        ("description", key("An enum.")),
        ("values", Value::Sequence(values)),
    ];
    // Now and then the docs say the list is complete.
    if rng.chance(30) {
        e.push(("closed", Value::Bool(true)));
    }
    map(e)
}

/// A tagged union over one or two of the objects declared before it (a
/// request that reaches it is refused by `check`).
fn union_type(rng: &mut Rng, objects: &[String]) -> Value {
    let mut variants = Mapping::new();
    for i in 0..1 + rng.below(2) {
        variants.insert(
            key(&format!("kind_{i}")),
            key(rng.pick_name(objects).as_str()),
        );
    }
    map(vec![
        ("kind", key("union")),
        ("tag", key(rng.pick(&["type", "object", "kind"]))),
        ("description", key("One of several objects.")),
        ("variants", Value::Mapping(variants)),
    ])
}

/// An object, and whether it has a required string `id`.
fn object_type(rng: &mut Rng, earlier: &[String], own: &str, with_id: &[String]) -> (Value, bool) {
    let objects = with_id;
    let mut id = false;
    let n = 1 + rng.below(5);
    let mut f = fields(rng, earlier, n, false);
    if let Some(m) = f.as_mapping_mut() {
        // Now and then an id (what `expandable` needs), a field holding an
        // earlier object as an id or expanded, and the type itself (boxed).
        if rng.chance(50) {
            id = true;
            m.insert(
                key("id"),
                map(vec![
                    ("type", key("string")),
                    ("required", Value::Bool(true)),
                ]),
            );
        }
        if !objects.is_empty() && rng.chance(30) {
            m.insert(
                key("ref"),
                map(vec![
                    ("type", key("expandable")),
                    ("items", key(rng.pick_name(objects).as_str())),
                ]),
            );
        }
        if rng.chance(15) {
            m.insert(key("parent"), map(vec![("type", key(own))]));
        }
    }
    let mut o = vec![("kind", key("object")), ("description", key("An object."))];
    if let Some(r) = rules(rng, &f) {
        o.push(("rules", r));
    }
    o.push(("fields", f));
    (map(o), id)
}

fn fields(rng: &mut Rng, named: &[String], n: usize, form: bool) -> Value {
    let mut m = Mapping::new();
    for i in 0..n {
        let wire = name(rng, TRICKY_FIELDS, "f", i);
        m.insert(key(&wire), field(rng, named, form));
    }
    Value::Mapping(m)
}

/// Now and then a cross-field rule over two of `fields`: a condition
/// (`equals`, `in`, `not_in` or set at all) requiring or forbidding the
/// other, or a group of the two.
fn rules(rng: &mut Rng, fields: &Value) -> Option<Value> {
    let m = fields.as_mapping()?;
    let names: Vec<(String, String)> = m
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.as_str()?.to_string(),
                v.get("type")?.as_str()?.to_string(),
            ))
        })
        .collect();
    if names.len() < 2 || !rng.chance(30) {
        return None;
    }
    let w = rng.below(names.len());
    let (when, ty) = names[w].clone();
    // Another field (now and then the same one, which `check` refuses).
    let t = if rng.chance(95) {
        (w + 1 + rng.below(names.len() - 1)) % names.len()
    } else {
        w
    };
    let (then, _) = names[t].clone();
    // Groups and `forbid` relate optional fields (mostly: a required one is
    // refused by `check`).
    let then_optional = m
        .get(then.as_str())
        .and_then(|f| f.get("required"))
        .is_none_or(|r| r != &Value::Bool(true))
        || rng.chance(10);
    let when_optional = m
        .get(when.as_str())
        .and_then(|f| f.get("required"))
        .is_none_or(|r| r != &Value::Bool(true))
        || rng.chance(10);
    // Mostly a value of the field's type; now and then any value, which
    // `check` must refuse or the client must compare.
    let fitting = match ty.as_str() {
        "boolean" => Some(Value::Bool(true)),
        "integer" | "amount_minor" | "unix_time" => Some(Value::Number(1.into())),
        "decimal" | "decimal_string" => Some(key("1.50")),
        "string" => Some(key("delayed")),
        "currency" => Some(key("EUR")),
        "timestamp" => Some(key("2024-01-01T00:00:00Z")),
        "currency_lower" => Some(key("eur")),
        "date" => Some(key("2024-01-31")),
        "email" => Some(key("a@b.example")),
        "url" => Some(key("https://shop.example/a")),
        "duration" => Some(key("PT1H")),
        _ => None,
    };
    let any = match rng.below(5) {
        0 => Value::Bool(false),
        1 => Value::Number(7.into()),
        2 => key("x"),
        3 => serde_yaml::from_str("2.5").unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let equals = match fitting {
        Some(v) if rng.chance(80) => v,
        _ => any,
    };
    // Now and then a group of the two fields instead of a condition.
    if then_optional && when_optional && rng.chance(50) {
        let group = rng.pick(&["at_least_one_of", "exactly_one_of", "mutually_exclusive"]);
        let mut rule = vec![(group, Value::Sequence(vec![key(&when), key(&then)]))];
        if rng.chance(50) {
            rule.push(("message", key("pick {one}")));
        }
        return Some(Value::Sequence(vec![map(rule)]));
    }
    // A condition in each of its forms, requiring or forbidding.
    let condition = match rng.below(4) {
        0 => vec![("field", key(&when)), ("equals", equals)],
        1 => vec![
            ("field", key(&when)),
            ("in", Value::Sequence(vec![equals.clone(), equals])),
        ],
        2 => vec![
            ("field", key(&when)),
            ("not_in", Value::Sequence(vec![equals])),
        ],
        _ => vec![("field", key(&when))],
    };
    let effect = if then_optional && rng.chance(25) {
        "forbid"
    } else {
        "require"
    };
    let mut rule = vec![
        ("when", map(condition)),
        (effect, Value::Sequence(vec![key(&then)])),
    ];
    if rng.chance(50) {
        rule.push(("message", key("is required \"then\" {}")));
    }
    Some(Value::Sequence(vec![map(rule)]))
}

fn field(rng: &mut Rng, named: &[String], form: bool) -> Value {
    // Form bodies carry nested types too (in bracket notation).
    let ty = if !named.is_empty() && rng.chance(25) {
        rng.pick_name(named)
    } else if rng.chance(15) {
        rng.pick(&["list", "map"]).to_string()
    } else {
        rng.pick(SCALARS).to_string()
    };
    let mut f = vec![("type", key(&ty)), ("description", key("A field."))];
    if ty == "list" || ty == "map" {
        f.push(("items", key(rng.pick(SCALARS))));
    }
    if rng.chance(30) {
        f.push(("required", Value::Bool(true)));
    }
    if rng.chance(20) {
        f.push(("nullable", Value::Bool(true)));
    }
    let text = !matches!(
        ty.as_str(),
        "integer" | "amount_minor" | "decimal" | "boolean" | "unix_time" | "json" | "list" | "map"
    ) && !named.contains(&ty);
    if rng.chance(if text { 15 } else { 2 }) {
        f.push(("sensitive", Value::Bool(true)));
    }
    if rng.chance(12) {
        // Mostly a leniency that fits the type; now and then any.
        let fitting = match ty.as_str() {
            "integer" | "amount_minor" | "decimal" | "boolean" | "unix_time" => "quoted",
            "map" => "empty_array",
            _ if named.contains(&ty) => "empty_array",
            _ => "unquoted",
        };
        let l = if rng.chance(80) {
            fitting
        } else {
            rng.pick(&["quoted", "unquoted", "empty_array"])
        };
        f.push(("lenient", Value::Sequence(vec![key(l)])));
    }
    if rng.chance(8) {
        let pool: Vec<&str> = TRICKY_FIELDS
            .iter()
            .copied()
            .filter(|n| rng.chance(10) || n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
            .collect();
        if !pool.is_empty() {
            f.push(("rust_name", key(rng.pick(&pool))));
        }
    }
    if !form && rng.chance(5) {
        f.push(("response_only", Value::Bool(true)));
    }
    let required = f.iter().any(|(k, _)| *k == "required");
    let scalar = SCALARS.contains(&ty.as_str()) && ty != "json";
    if !required && scalar && rng.chance(8) {
        let d = match ty.as_str() {
            "boolean" => Value::Bool(false),
            "integer" | "amount_minor" | "unix_time" => Value::Number(0.into()),
            "decimal" | "decimal_string" => key("0.00"),
            "url" => key("https://example.com/return"),
            "email" => key("billing@example.com"),
            "currency" => key("EUR"),
            "timestamp" => key("2024-01-01T00:00:00Z"),
            "duration" => key("PT30M"),
            "currency_lower" => key("eur"),
            "date" => key("2024-02-29"),
            _ => key("none"),
        };
        f.push(("default", d));
    }
    if rng.chance(10) {
        f.push((
            "decision",
            key("Chosen because `the docs` say so.\n    indented"),
        ));
    }
    if rng.chance(40) {
        f.push(("validation", scalar_rules(rng, &ty)));
    }
    map(f)
}

fn scalar_rules(rng: &mut Rng, ty: &str) -> Value {
    let mut v = Vec::new();
    match ty {
        "integer" | "amount_minor" | "unix_time" => {
            v.push(("minimum", Value::Number((rng.below(10) as i64 - 5).into())));
            if rng.chance(50) {
                v.push((
                    "maximum",
                    Value::Number((10 + rng.below(1000) as i64).into()),
                ));
            }
        }
        "decimal" | "decimal_string" => {
            let lo: Value = serde_yaml::from_str(rng.pick(&["0.01", "0", "-1.5", "100"]))
                .unwrap_or(Value::Null);
            v.push(("minimum", lo));
        }
        "boolean" => v.push(("allowed", Value::Sequence(vec![Value::Bool(true)]))),
        "list" => v.push(("max_items", Value::Number((1 + rng.below(9) as u64).into()))),
        "map" => v.push((
            "max_entries",
            Value::Number((1 + rng.below(9) as u64).into()),
        )),
        "json" => {}
        _ if !SCALARS.contains(&ty) => {}
        _ => {
            v.push((
                "max_length",
                Value::Number((1 + rng.below(200) as u64).into()),
            ));
            if rng.chance(40) {
                let p = rng.pick(&[
                    "[a-z0-9_]+",
                    "\\d{3}",
                    "(?i)abc.*",
                    "[^\"\\\\]+",
                    "[A-Z]{2}-[0-9]+",
                    "(a|b)*c?",
                    "\\w+@\\w+",
                    "\\p{Lu}+",
                ]);
                v.push(("pattern", key(p)));
            }
            if rng.chance(20) {
                v.push((
                    "messages",
                    map(vec![("max_length", key("is too long \" ` } {"))]),
                ));
            }
        }
    }
    map(v)
}

fn container_rules(rng: &mut Rng, kind: &str) -> Value {
    if kind == "list" {
        map(vec![(
            "max_items",
            Value::Number((1 + rng.below(9) as u64).into()),
        )])
    } else {
        map(vec![
            (
                "max_entries",
                Value::Number((1 + rng.below(9) as u64).into()),
            ),
            (
                "max_key_length",
                Value::Number((1 + rng.below(40) as u64).into()),
            ),
        ])
    }
}

fn operation(rng: &mut Rng, named: &[String], objects: &[String]) -> Value {
    let method = rng.pick(&["GET", "POST", "PUT", "PATCH", "DELETE"]);
    let mut params = Mapping::new();
    let mut path = String::from("/v1/orders");
    let param = if rng.chance(15) {
        rng.pick(TRICKY_PARAMS).to_string()
    } else {
        "order_id".to_string()
    };
    let jsonapi = matches!(method, "PATCH") && rng.chance(30);
    let param = if jsonapi { "id".to_string() } else { param };
    if jsonapi || rng.chance(70) {
        path.push_str(&format!("/{{{param}}}"));
        let ty = if rng.chance(20) { "integer" } else { "string" };
        let mut p = vec![("type", key(ty)), ("required", Value::Bool(true))];
        if ty == "string" && rng.chance(30) {
            p.push((
                "validation",
                map(vec![("max_length", Value::Number(12.into()))]),
            ));
        }
        params.insert(key(&param), map(p));
    }
    let mut op = vec![
        ("summary", key("An operation.")),
        ("method", key(method)),
        ("path", key(&path)),
        ("retry_safe", Value::Bool(rng.chance(50))),
    ];
    if !params.is_empty() {
        op.push(("path_params", Value::Mapping(params)));
    }
    if matches!(method, "POST" | "PUT" | "PATCH") {
        let encoding = if jsonapi {
            "jsonapi"
        } else {
            rng.pick(&["json", "form"])
        };
        let form = encoding == "form";
        let n = 1 + rng.below(5);
        let mut f = fields(rng, named, n, form);
        // Mostly request fields a request may set.
        if let Some(m) = f.as_mapping_mut() {
            for (_, v) in m.iter_mut() {
                if let Some(fm) = v.as_mapping_mut() {
                    if rng.chance(90) {
                        fm.remove("response_only");
                    }
                }
            }
        }
        // Now and then an idempotency key in a body field.
        if rng.chance(15) {
            if let Some(m) = f.as_mapping_mut() {
                m.insert(key("idem_key"), map(vec![("type", key("string"))]));
                op.push(("idempotency", map(vec![("field", key("idem_key"))])));
            }
        }
        let mut req = vec![("encoding", key(encoding))];
        if form && rng.chance(30) {
            let lists = rng.pick(&["indexed", "brackets"]);
            let brackets = rng.pick(&["encoded", "literal"]);
            req.push((
                "form",
                map(vec![("lists", key(lists)), ("brackets", key(brackets))]),
            ));
        }
        if let Some(r) = rules(rng, &f) {
            req.push(("rules", r));
        }
        if rng.chance(20) {
            req.push((
                "rejects",
                map(vec![(
                    "currency",
                    map(vec![("message", key("not allowed"))]),
                )]),
            ));
        }
        req.push(("fields", f));
        if jsonapi {
            req.push(("resource_type", key("orders")));
            if rng.chance(50) {
                req.push((
                    "relationships",
                    map(vec![(
                        rng.pick(&["market", "customer", "body", "new"]),
                        map(vec![("resource", key("markets"))]),
                    )]),
                ));
            }
        }
        op.push(("request", map(req)));
        if rng.chance(25) {
            op.push(("headers", headers(rng, true)));
        }
    }
    let mut response = vec![("status", Value::Number(200.into()))];
    if !objects.is_empty() && rng.chance(80) {
        response.push(("type", key(&rng.pick_name(objects))));
    }
    op.push(("response", map(response)));
    if !objects.is_empty() && rng.chance(40) {
        op.push((
            "errors",
            Value::Sequence(vec![map(vec![
                ("status", Value::Number(400.into())),
                ("message", key("Bad request.")),
                ("body", key(&rng.pick_name(objects))),
                ("cause", {
                    let kinds = ["business", "provider", "credentials", "summary"];
                    map(vec![("kind", key(kinds[rng.below(kinds.len())]))])
                }),
            ])]),
        ));
    }
    map(op)
}

/// Now and then an `error_text:` on an error body: a message and/or code
/// path to one of its text fields (through `parent` too), or, rarely, to a
/// field that is not text (which `check` refuses).
fn error_texts(rng: &mut Rng, types: &mut Mapping, ops: &Mapping) {
    let bodies: Vec<String> = ops
        .values()
        .filter_map(|op| op.get("errors")?.get(0)?.get("body")?.as_str())
        .map(str::to_string)
        .collect();
    for body in bodies {
        if !rng.chance(50) {
            continue;
        }
        let Some(def) = types.get(key(&body)) else {
            continue;
        };
        let Some(fields) = def.get("fields").and_then(Value::as_mapping) else {
            continue;
        };
        // A `string` field, or one of a named enum.
        let text = |f: &Value| match f.get("type").and_then(Value::as_str) {
            Some("string") => true,
            Some(ty) => {
                types
                    .get(key(ty))
                    .and_then(|d| d.get("kind"))
                    .and_then(Value::as_str)
                    == Some("enum")
            }
            None => false,
        };
        let mut paths: Vec<String> = fields
            .iter()
            .filter(|(_, f)| text(f))
            .filter_map(|(k, _)| k.as_str().map(str::to_string))
            .collect();
        if fields.contains_key("parent") {
            let nested: Vec<String> = paths.iter().map(|p| format!("parent.{p}")).collect();
            paths.extend(nested);
        }
        if rng.chance(5) {
            paths.extend(fields.keys().filter_map(|k| k.as_str().map(str::to_string)));
        }
        if paths.is_empty() {
            continue;
        }
        let message = key(&rng.pick_name(&paths));
        let code = Value::Sequence(vec![
            key(&rng.pick_name(&paths)),
            key(&rng.pick_name(&paths)),
        ]);
        let text_def = match rng.below(3) {
            0 => map(vec![("message", message)]),
            1 => map(vec![("code", code)]),
            _ => map(vec![("message", message), ("code", code)]),
        };
        if let Some(Value::Mapping(m)) = types.get_mut(key(&body)) {
            m.insert(key("error_text"), text_def);
        }
    }
}
