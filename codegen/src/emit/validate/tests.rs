//! The emitted validators, read back as code: every rule kind with its
//! limits, messages and JSON-Pointer path segment, the conditions under
//! which a field is checked at all, and what must *not* be emitted.
//!
//! Specs go through the real pipeline (load, check, lower, emit); each test
//! compares whole validator functions, normalised by `prettyplease`, so a
//! wrong limit, message, path segment, rule or condition fails, and so does
//! a check that should not be there.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::json;

use super::{param_names, rule, test};
use crate::emit::{provider as emit_provider, EmitOptions};
use crate::lang::decimal_parts;
use crate::lang::Scalar;
use crate::model::{Field, NamedKind, Presence, Provider, Rule, RustTy};

/// A spec with one `create_order` operation whose request has `fields` and
/// `rules`, plus the named `types` (the response type `Order` is always
/// there and never reachable from the request).
fn spec(types: &str, fields: &str, rules: &str) -> String {
    let [types, fields, rules] = [types, fields, rules].map(|s| s.trim_start_matches('\n'));
    format!(
        "\
provider:
  name: example
  title: Example
  environments: {{ production: https://api.example.com }}
  auth: {{ scheme: basic, username: api_key }}
types:
  Order:
    kind: object
    fields:
      id: {{ type: string, validation: {{ max_length: 3 }} }}
{types}operations:
  create_order:
    summary: Create an order.
    method: POST
    path: /orders
    retry_safe: false
    request:
      encoding: json
      fields:
{fields}      rules:
{rules}    response: {{ status: 200, type: Order }}
"
    )
}

fn lower(src: &str) -> Provider {
    let loaded = crate::load::load_str(Path::new("t.yaml"), src).expect("loads");
    let diags = crate::check::check(&loaded);
    assert!(
        diags.is_empty(),
        "the test spec is broken: {diags:?}\n{src}"
    );
    crate::model::lower(&loaded)
}

/// The items of the provider module.
fn items(src: &str) -> Vec<syn::Item> {
    let p = lower(src);
    let file: syn::File = syn::parse_file(emit_provider(&p, &EmitOptions::default()).as_str())
        .expect("emitted code parses");
    file.items
        .into_iter()
        .find_map(|i| match i {
            syn::Item::Mod(m) => m.content.map(|(_, items)| items),
            _ => None,
        })
        .expect("a provider module")
}

/// A function, without attributes or visibility, as prettyplease prints it.
fn render(sig: &syn::Signature, block: &syn::Block) -> String {
    let f = syn::ItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        sig: sig.clone(),
        block: Box::new(block.clone()),
    };
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Fn(f)],
    })
}

fn type_name(ty: &syn::Type) -> String {
    quote!(#ty).to_string()
}

/// Every `validate_into` of type `name`, rendered (a type has at most one).
fn validators(items: &[syn::Item], name: &str) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Impl(imp) if type_name(&imp.self_ty) == name => Some(imp),
            _ => None,
        })
        .flat_map(|imp| &imp.items)
        .filter_map(|i| match i {
            syn::ImplItem::Fn(f) if f.sig.ident == "validate_into" => {
                Some(render(&f.sig, &f.block))
            }
            _ => None,
        })
        .collect()
}

/// The one `validate_into` of type `name`.
fn validator(items: &[syn::Item], name: &str) -> String {
    let mut v = validators(items, name);
    assert_eq!(v.len(), 1, "one validate_into of {name}");
    v.remove(0)
}

/// The free function `name` (an alias validator), rendered.
fn function(items: &[syn::Item], name: &str) -> Option<String> {
    items.iter().find_map(|i| match i {
        syn::Item::Fn(f) if f.sig.ident == name => Some(render(&f.sig, &f.block)),
        _ => None,
    })
}

/// Code written in a test, normalised like [`render`].
fn norm(code: TokenStream) -> String {
    let file: syn::File = syn::parse2(code).expect("expected code parses");
    prettyplease::unparse(&file)
}

/// A `validate_into` with `body`.
fn expect_validator(body: TokenStream) -> String {
    norm(quote! {
        fn validate_into(&self, path: &rt::Path<'_>, violations: &mut rt::Violations) {
            #body
        }
    })
}

/// The request's validator for request `fields` (and `types`, `rules`).
fn request_validator(types: &str, fields: &str, rules: &str) -> String {
    validator(&items(&spec(types, fields, rules)), "CreateOrderRequest")
}

const NO_RULES: &str = "        []\n";

#[test]
fn text_rules_with_limits_messages_and_path_segments() {
    let fields = r#"
        id: { type: string, required: true, validation: { max_length: 8 } }
        name:
          type: string
          validation:
            min_length: 2
            max_length: 10
            messages: { min_length: Name is too short., max_length: Name is too long. }
        code: { type: string, validation: { max_length: 3 } }
        _ref: { type: string, rust_name: reference, validation: { min_length: 1 } }
        sku:
          type: string
          validation:
            pattern: '[A-Z]{3}-[0-9]+'
            messages: { pattern: Use the SKU format. }
        plain_sku: { type: string, validation: { pattern: 'a|b' } }
        mode:
          type: string
          validation:
            allowed: [auto, manual]
            messages: { allowed: Unknown mode. }
        plain: { type: string }
        token: { type: string, sensitive: true, validation: { max_length: 64, allowed: [a, b] } }
        key: { type: string, sensitive: true }
"#;
    let expected = expect_validator(quote! {
            violations
                .text(
                    path,
                    "id",
                    &self.id,
                    &rt::TextRules {
                        max_length: Some(8),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "name",
                    &self.name,
                    &rt::TextRules {
                        min_length: Some(2),
                        max_length: Some(10),
                        messages: rt::Messages {
                            min_length: Some("Name is too short."),
                            max_length: Some("Name is too long."),
                            ..rt::Messages::NONE
                        },
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "code",
                    &self.code,
                    &rt::TextRules {
                        max_length: Some(3),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "_ref",
                    &self.reference,
                    &rt::TextRules {
                        min_length: Some(1),
                        ..rt::TextRules::NONE
                    },
                );
            static SKU_PATTERN: rt::Pattern = rt::Pattern::new("[A-Z]{3}-[0-9]+");
            violations
                .text(
                    path,
                    "sku",
                    &self.sku,
                    &rt::TextRules {
                        pattern: Some(&SKU_PATTERN),
                        messages: rt::Messages {
                            pattern: Some("Use the SKU format."),
                            ..rt::Messages::NONE
                        },
                        ..rt::TextRules::NONE
                    },
                );
            static PLAIN_SKU_PATTERN: rt::Pattern = rt::Pattern::new("a|b");
            violations
                .text(
                    path,
                    "plain_sku",
                    &self.plain_sku,
                    &rt::TextRules {
                        pattern: Some(&PLAIN_SKU_PATTERN),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "mode",
                    &self.mode,
                    &rt::TextRules {
                        allowed: &["auto", "manual"],
                        messages: rt::Messages {
                            allowed: Some("Unknown mode."),
                            ..rt::Messages::NONE
                        },
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "token",
                    &self.token,
                    &rt::TextRules {
                        max_length: Some(64),
                        allowed: &["a", "b"],
                        ..rt::TextRules::NONE
                    },
                );
    });
    assert_eq!(request_validator("", fields, NO_RULES), expected);
}

#[test]
fn formats_are_checked_for_every_formatted_scalar_after_its_rules() {
    let fields = r#"
        currency:
          type: currency
          validation: { max_length: 3, pattern: '[A-Z]+', allowed: [EUR, USD] }
        return_url: { type: url }
        email: { type: email }
        at: { type: timestamp }
        ttl: { type: duration }
        key: { type: currency, sensitive: true }
        text: { type: string }
"#;
    let expected = expect_validator(quote! {
            static CURRENCY_PATTERN: rt::Pattern = rt::Pattern::new("[A-Z]+");
            violations
                .text(
                    path,
                    "currency",
                    &self.currency,
                    &rt::TextRules {
                        max_length: Some(3),
                        pattern: Some(&CURRENCY_PATTERN),
                        format: Some(rt::Format::Currency),
                        allowed: &["EUR", "USD"],
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "return_url",
                    &self.return_url,
                    &rt::TextRules {
                        format: Some(rt::Format::Url),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "email",
                    &self.email,
                    &rt::TextRules {
                        format: Some(rt::Format::Email),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "at",
                    &self.at,
                    &rt::TextRules {
                        format: Some(rt::Format::Timestamp),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "ttl",
                    &self.ttl,
                    &rt::TextRules {
                        format: Some(rt::Format::Duration),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "key",
                    &self.key,
                    &rt::TextRules {
                        format: Some(rt::Format::Currency),
                        ..rt::TextRules::NONE
                    },
                );
    });
    assert_eq!(request_validator("", fields, NO_RULES), expected);
}

#[test]
fn integer_ranges_and_allowed_values() {
    let fields = r#"
        quantity:
          type: integer
          required: true
          validation:
            minimum: -5
            maximum: 100
            messages: { minimum: Too few., maximum: Too many. }
        amount: { type: amount_minor, validation: { minimum: 1 } }
        expires: { type: unix_time, validation: { maximum: 4102444800 } }
        place:
          type: integer
          validation: { allowed: [1, 3], messages: { allowed: Send 1 or 3. } }
        count: { type: integer }
"#;
    let expected = expect_validator(quote! {
            violations
                .value(
                    path,
                    "quantity",
                    &self.quantity,
                    &rt::IntRules {
                        minimum: Some(-5),
                        maximum: Some(100),
                        messages: rt::Messages {
                            minimum: Some("Too few."),
                            maximum: Some("Too many."),
                            ..rt::Messages::NONE
                        },
                        ..rt::IntRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "amount",
                    &self.amount,
                    &rt::IntRules {
                        minimum: Some(1),
                        ..rt::IntRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "expires",
                    &self.expires,
                    &rt::IntRules {
                        maximum: Some(4102444800),
                        ..rt::IntRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "place",
                    &self.place,
                    &rt::IntRules {
                        allowed: &[1, 3],
                        messages: rt::Messages {
                            allowed: Some("Send 1 or 3."),
                            ..rt::Messages::NONE
                        },
                        ..rt::IntRules::NONE
                    },
                );
    });
    assert_eq!(request_validator("", fields, NO_RULES), expected);
}

#[test]
fn decimal_ranges_and_allowed_values_are_exact() {
    let fields = r#"
        amount:
          type: decimal
          required: true
          validation:
            minimum: 0.01
            maximum: 99999.99
            messages: { minimum: Too small., maximum: Too large. }
        discount: { type: decimal, validation: { minimum: -12.5 } }
        fee: { type: decimal, validation: { maximum: 250 } }
        rate: { type: decimal, validation: { minimum: 0.000001 } }
        tip:
          type: decimal
          validation: { allowed: ["1.00", 2.5, 3], messages: { allowed: Pick a tip. } }
        total: { type: decimal }
"#;
    let expected = expect_validator(quote! {
            violations
                .value(
                    path,
                    "amount",
                    &self.amount,
                    &rt::DecimalRules {
                        minimum: Some(rt::Decimal::new(1, 2)),
                        maximum: Some(rt::Decimal::new(9999999, 2)),
                        messages: rt::Messages {
                            minimum: Some("Too small."),
                            maximum: Some("Too large."),
                            ..rt::Messages::NONE
                        },
                        ..rt::DecimalRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "discount",
                    &self.discount,
                    &rt::DecimalRules {
                        minimum: Some(rt::Decimal::new(-125, 1)),
                        ..rt::DecimalRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "fee",
                    &self.fee,
                    &rt::DecimalRules {
                        maximum: Some(rt::Decimal::new(250, 0)),
                        ..rt::DecimalRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "rate",
                    &self.rate,
                    &rt::DecimalRules {
                        minimum: Some(rt::Decimal::new(1, 6)),
                        ..rt::DecimalRules::NONE
                    },
                );
            violations
                .value(
                    path,
                    "tip",
                    &self.tip,
                    &rt::DecimalRules {
                        allowed: &[
                            rt::Decimal::new(100, 2),
                            rt::Decimal::new(25, 1),
                            rt::Decimal::new(3, 0),
                        ],
                        messages: rt::Messages {
                            allowed: Some("Pick a tip."),
                            ..rt::Messages::NONE
                        },
                        ..rt::DecimalRules::NONE
                    },
                );
    });
    assert_eq!(request_validator("", fields, NO_RULES), expected);
}

#[test]
fn decimal_parts_are_exact_or_none() {
    let table: &[(&str, Option<(i64, u32)>)] = &[
        ("12.50", Some((1250, 2))),
        ("-0.5", Some((-5, 1))),
        ("7", Some((7, 0))),
        ("3.", Some((3, 0))),
        (".25", Some((25, 2))),
        // How YAML numbers print when they are very small or very large.
        ("1e-6", Some((1, 6))),
        ("1.5E-3", Some((15, 4))),
        ("2.5e3", Some((2500, 0))),
        ("1e+2", Some((100, 0))),
        ("-4e0", Some((-4, 0))),
        // rt::Decimal::new panics past 28 decimals: no bound rather than a panic.
        ("1e-28", Some((1, 28))),
        ("0.0000000000000000000000000001", Some((1, 28))),
        ("1e-29", None),
        ("0.00000000000000000000000000001", None),
        ("9e18", Some((9_000_000_000_000_000_000, 0))),
        ("1e19", None),
        ("99999999999999999999", None),
        ("1e99999999999", None),
        ("", None),
        ("abc", None),
        ("1.2.3", None),
        ("1e", None),
        (".inf", None),
    ];
    for (text, want) in table {
        assert_eq!(decimal_parts(text), *want, "{text:?}");
    }
}

#[test]
fn booleans_and_enums_are_checked_only_with_allowed_values() {
    let types = r#"
  Mode:
    kind: enum
    values: [{ value: auto }, { value: manual }, { value: off }]
"#;
    let fields = r#"
        confirm:
          type: boolean
          validation: { allowed: [true], messages: { allowed: Must be confirmed. } }
        refund: { type: boolean }
        mode: { type: Mode, validation: { allowed: [auto, manual] } }
        other_mode: { type: Mode }
"#;
    let expected = expect_validator(quote! {
            violations
                .value(
                    path,
                    "confirm",
                    &self.confirm,
                    &rt::BoolRules {
                        allowed: &[true],
                        messages: rt::Messages {
                            allowed: Some("Must be confirmed."),
                            ..rt::Messages::NONE
                        },
                        ..rt::BoolRules::NONE
                    },
                );
            'field: {
                let Some(value) = &self.mode else { break 'field };
                let path = path.field("mode");
                violations
                    .text_at(
                        &path,
                        value.as_str(),
                        true,
                        &rt::TextRules {
                            allowed: &["auto", "manual"],
                            ..rt::TextRules::NONE
                        },
                    );
            }
    });
    assert_eq!(request_validator(types, fields, NO_RULES), expected);
}

const ITEM: &str = r#"
  Item:
    kind: object
    fields:
      sku: { type: string, required: true, validation: { max_length: 12 } }
  Plain:
    kind: object
    fields:
      note: { type: string }
"#;

#[test]
fn lists_check_their_length_and_each_item_under_its_index() {
    let fields = r#"
        tags:
          type: list
          items: string
          validation: { max_items: 5, messages: { max_items: At most 5 tags. } }
        ids: { type: list, items: string, validation: { min_items: 1 } }
        lines:
          type: list
          items: Item
          required: true
          validation:
            min_items: 1
            max_items: 50
            messages: { min_items: Add a line. }
        extra_lines: { type: list, items: Item }
        plain: { type: list, items: Plain }
        words: { type: list, items: string }
"#;
    let expected = expect_validator(quote! {
            'field: {
                let Some(value) = &self.tags else { break 'field };
                let path = path.field("tags");
                violations
                    .items(
                        &path,
                        value.len(),
                        &rt::ItemRules {
                            max_items: Some(5),
                            messages: rt::Messages {
                                max_items: Some("At most 5 tags."),
                                ..rt::Messages::NONE
                            },
                            ..rt::ItemRules::NONE
                        },
                    );
            }
            'field: {
                let Some(value) = &self.ids else { break 'field };
                let path = path.field("ids");
                violations
                    .items(
                        &path,
                        value.len(),
                        &rt::ItemRules {
                            min_items: Some(1),
                            ..rt::ItemRules::NONE
                        },
                    );
            }
            {
                let value = &self.lines;
                let path = path.field("lines");
                violations
                    .items(
                        &path,
                        value.len(),
                        &rt::ItemRules {
                            min_items: Some(1),
                            max_items: Some(50),
                            messages: rt::Messages {
                                min_items: Some("Add a line."),
                                ..rt::Messages::NONE
                            },
                        },
                    );
                for (index, item) in value.iter().enumerate() {
                    let path = path.index(index);
                    item.validate_into(&path, violations);
                }
            }
            'field: {
                let Some(value) = &self.extra_lines else { break 'field };
                let path = path.field("extra_lines");
                for (index, item) in value.iter().enumerate() {
                    let path = path.index(index);
                    item.validate_into(&path, violations);
                }
            }
    });
    let items = items(&spec(ITEM, fields, NO_RULES));
    assert_eq!(validator(&items, "CreateOrderRequest"), expected);
    let item = expect_validator(quote! {
            violations
                .text(
                    path,
                    "sku",
                    &self.sku,
                    &rt::TextRules {
                        max_length: Some(12),
                        ..rt::TextRules::NONE
                    },
                );
    });
    assert_eq!(validator(&items, "Item"), item);
    // A type without checks has no validator, and nothing calls one.
    assert_eq!(validators(&items, "Plain"), Vec::<String>::new());
    // The response type is not part of any request: no validator at all.
    assert_eq!(validators(&items, "Order"), Vec::<String>::new());
}

#[test]
fn maps_check_their_rules_and_each_value_under_its_key() {
    let fields = r#"
        counts: { type: map, items: integer, validation: { max_entries: 3 } }
        keys: { type: map, items: string, validation: { max_key_length: 40 } }
        values: { type: map, items: string, validation: { max_value_length: 200 } }
        scalars: { type: map, items: scalar, validation: { scalar_values: true } }
        notes:
          type: map
          items: scalar
          required: true
          validation:
            max_entries: 15
            max_key_length: 255
            max_value_length: 512
            scalar_values: true
            messages:
              max_entries: At most 15 notes.
              max_key_length: Key too long.
              max_value_length: Value too long.
              scalar_values: Only scalars.
        by_sku: { type: map, items: Item, validation: { max_entries: 9 } }
        plain: { type: map, items: Plain }
        loose: { type: map, items: scalar }
"#;
    let expected = expect_validator(quote! {
            'field: {
                let Some(value) = &self.counts else { break 'field };
                let path = path.field("counts");
                violations
                    .map(
                        &path,
                        value.iter(),
                        &rt::MapRules {
                            max_entries: Some(3),
                            ..rt::MapRules::NONE
                        },
                    );
            }
            'field: {
                let Some(value) = &self.keys else { break 'field };
                let path = path.field("keys");
                violations
                    .map(
                        &path,
                        value.iter(),
                        &rt::MapRules {
                            max_key_length: Some(40),
                            ..rt::MapRules::NONE
                        },
                    );
            }
            'field: {
                let Some(value) = &self.values else { break 'field };
                let path = path.field("values");
                violations
                    .map(
                        &path,
                        value.iter(),
                        &rt::MapRules {
                            max_value_length: Some(200),
                            ..rt::MapRules::NONE
                        },
                    );
            }
            'field: {
                let Some(value) = &self.scalars else { break 'field };
                let path = path.field("scalars");
                violations
                    .map(
                        &path,
                        value.iter(),
                        &rt::MapRules {
                            scalar_values: true,
                            ..rt::MapRules::NONE
                        },
                    );
            }
            {
                let value = &self.notes;
                let path = path.field("notes");
                violations
                    .map(
                        &path,
                        value.iter(),
                        &rt::MapRules {
                            max_entries: Some(15),
                            max_key_length: Some(255),
                            max_value_length: Some(512),
                            scalar_values: true,
                            messages: rt::Messages {
                                max_entries: Some("At most 15 notes."),
                                max_key_length: Some("Key too long."),
                                max_value_length: Some("Value too long."),
                                scalar_values: Some("Only scalars."),
                                ..rt::Messages::NONE
                            },
                        },
                    );
            }
            'field: {
                let Some(value) = &self.by_sku else { break 'field };
                let path = path.field("by_sku");
                violations
                    .map_keys(
                        &path,
                        value.keys(),
                        &rt::MapRules {
                            max_entries: Some(9),
                            ..rt::MapRules::NONE
                        },
                    );
                for (key, item) in value {
                    let path = path.field(key);
                    item.validate_into(&path, violations);
                }
            }
    });
    assert_eq!(request_validator(ITEM, fields, NO_RULES), expected);
}

#[test]
fn aliases_check_their_own_rules_once_and_field_rules_at_the_field() {
    let types = r#"
  Item:
    kind: object
    fields:
      sku: { type: string, validation: { max_length: 12 } }
  Items:
    kind: list
    items: Item
    validation: { max_items: 3, messages: { max_items: At most 3 items. } }
  Notes:
    kind: map
    items: scalar
    validation: { max_entries: 15, scalar_values: true }
  Tags:
    kind: list
    items: string
"#;
    let fields = r#"
        items: { type: Items, validation: { min_items: 1, messages: { min_items: Add one. } } }
        more_items: { type: Items }
        notes: { type: Notes, required: true, validation: { max_key_length: 20 } }
        tags: { type: Tags }
"#;
    let items = items(&spec(types, fields, NO_RULES));
    // The items of an alias are checked by its validator, not again at the field.
    let expected = expect_validator(quote! {
            'field: {
                let Some(value) = &self.items else { break 'field };
                let path = path.field("items");
                violations
                    .items(
                        &path,
                        value.len(),
                        &rt::ItemRules {
                            min_items: Some(1),
                            messages: rt::Messages {
                                min_items: Some("Add one."),
                                ..rt::Messages::NONE
                            },
                            ..rt::ItemRules::NONE
                        },
                    );
                validate_items(value, &path, violations);
            }
            'field: {
                let Some(value) = &self.more_items else { break 'field };
                let path = path.field("more_items");
                validate_items(value, &path, violations);
            }
            {
                let value = &self.notes;
                let path = path.field("notes");
                violations
                    .map(
                        &path,
                        value.iter(),
                        &rt::MapRules {
                            max_key_length: Some(20),
                            ..rt::MapRules::NONE
                        },
                    );
                validate_notes(value, &path, violations);
            }
    });
    assert_eq!(validator(&items, "CreateOrderRequest"), expected);
    let validate_items = norm(quote! {
        fn validate_items(value: &Items, path: &rt::Path<'_>, violations: &mut rt::Violations) {
            let path = *path;
            violations.items(&path, value.len(), &rt::ItemRules {
                max_items: Some(3),
                messages: rt::Messages {
                    max_items: Some("At most 3 items."),
                    ..rt::Messages::NONE
                },
                ..rt::ItemRules::NONE
            });
            for (index, item) in value.iter().enumerate() {
                let path = path.index(index);
                item.validate_into(&path, violations);
            }
        }
    });
    assert_eq!(function(&items, "validate_items"), Some(validate_items));
    let validate_notes = norm(quote! {
        fn validate_notes(value: &Notes, path: &rt::Path<'_>, violations: &mut rt::Violations) {
            let path = *path;
            violations.map(&path, value.iter(), &rt::MapRules {
                max_entries: Some(15),
                scalar_values: true,
                ..rt::MapRules::NONE
            });
        }
    });
    assert_eq!(function(&items, "validate_notes"), Some(validate_notes));
    // `Tags` checks nothing: no validator is emitted, and `tags` is not checked.
    assert_eq!(function(&items, "validate_tags"), None);
}

#[test]
fn nested_objects_are_validated_under_their_field_when_they_check_anything() {
    let types = r#"
  Address:
    kind: object
    fields:
      city: { type: string, validation: { max_length: 40 } }
  Customer:
    kind: object
    fields:
      address: { type: Address, required: true }
      meta: { type: Meta }
  Meta:
    kind: object
    fields:
      source: { type: string }
      inner: { type: Inner }
  Inner:
    kind: object
    fields:
      flag: { type: boolean }
"#;
    let fields = r#"
        billing: { type: Address }
        shipping: { type: Address, required: true }
        customer: { type: Customer, nullable: true }
        meta: { type: Meta }
"#;
    let items = items(&spec(types, fields, NO_RULES));
    let expected = expect_validator(quote! {
        'field: {
            let Some(value) = &self.billing else { break 'field };
            let path = path.field("billing");
            value.validate_into(&path, violations);
        }
        {
            let value = &self.shipping;
            let path = path.field("shipping");
            value.validate_into(&path, violations);
        }
        'field: {
            let rt::Patch::Set(value) = &self.customer else { break 'field };
            let path = path.field("customer");
            value.validate_into(&path, violations);
        }
    });
    assert_eq!(validator(&items, "CreateOrderRequest"), expected);
    let customer = expect_validator(quote! {
        {
            let value = &self.address;
            let path = path.field("address");
            value.validate_into(&path, violations);
        }
    });
    assert_eq!(validator(&items, "Customer"), customer);
}

#[test]
fn recursive_types_end_and_recurse_at_run_time_only_when_they_check_something() {
    let types = r#"
  Category:
    kind: object
    fields:
      name: { type: string, validation: { max_length: 5 } }
      children: { type: list, items: Category }
  Node:
    kind: object
    fields:
      children: { type: list, items: Node }
      by_name: { type: map, items: Node }
  Left:
    kind: object
    fields:
      rights: { type: list, items: Right }
  Right:
    kind: object
    fields:
      left: { type: Left }
      code: { type: string, validation: { min_length: 1 } }
"#;
    let fields = r#"
        category: { type: Category }
        node: { type: Node }
        left: { type: Left }
"#;
    let items = items(&spec(types, fields, NO_RULES));
    let expected = expect_validator(quote! {
        'field: {
            let Some(value) = &self.category else { break 'field };
            let path = path.field("category");
            value.validate_into(&path, violations);
        }
        'field: {
            let Some(value) = &self.left else { break 'field };
            let path = path.field("left");
            value.validate_into(&path, violations);
        }
    });
    assert_eq!(validator(&items, "CreateOrderRequest"), expected);
    let category = expect_validator(quote! {
            violations
                .text(
                    path,
                    "name",
                    &self.name,
                    &rt::TextRules {
                        max_length: Some(5),
                        ..rt::TextRules::NONE
                    },
                );
            'field: {
                let Some(value) = &self.children else { break 'field };
                let path = path.field("children");
                for (index, item) in value.iter().enumerate() {
                    let path = path.index(index);
                    item.validate_into(&path, violations);
                }
            }
    });
    assert_eq!(validator(&items, "Category"), category);
    // `Node` checks nothing: no validator, and its containers skip it.
    assert_eq!(validators(&items, "Node"), Vec::<String>::new());
    let left = expect_validator(quote! {
        'field: {
            let Some(value) = &self.rights else { break 'field };
            let path = path.field("rights");
            for (index, item) in value.iter().enumerate() {
                let path = path.index(index);
                item.validate_into(&path, violations);
            }
        }
    });
    assert_eq!(validator(&items, "Left"), left);
    let right = expect_validator(quote! {
            'field: {
                let Some(value) = &self.left else { break 'field };
                let path = path.field("left");
                value.validate_into(&path, violations);
            }
            violations
                .text(
                    path,
                    "code",
                    &self.code,
                    &rt::TextRules {
                        min_length: Some(1),
                        ..rt::TextRules::NONE
                    },
                );
    });
    assert_eq!(validator(&items, "Right"), right);
}

#[test]
fn clearable_fields_are_checked_only_when_set() {
    let types = r#"
  Contact:
    kind: object
    fields:
      email: { type: email, nullable: true }
      phone: { type: string, required: true, validation: { max_length: 15 } }
      name: { type: string, validation: { max_length: 30 } }
"#;
    let fields = r#"
        description: { type: string, nullable: true, validation: { max_length: 255 } }
        contact: { type: Contact }
"#;
    let items = items(&spec(types, fields, NO_RULES));
    // Requests: `rt::Patch`, checked when `Set` (not when cleared or unchanged).
    let request = expect_validator(quote! {
            violations
                .text(
                    path,
                    "description",
                    &self.description,
                    &rt::TextRules {
                        max_length: Some(255),
                        ..rt::TextRules::NONE
                    },
                );
            'field: {
                let Some(value) = &self.contact else { break 'field };
                let path = path.field("contact");
                value.validate_into(&path, violations);
            }
    });
    assert_eq!(validator(&items, "CreateOrderRequest"), request);
    // So do the named objects a request can contain.
    let contact = expect_validator(quote! {
            violations
                .text(
                    path,
                    "email",
                    &self.email,
                    &rt::TextRules {
                        format: Some(rt::Format::Email),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "phone",
                    &self.phone,
                    &rt::TextRules {
                        max_length: Some(15),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "name",
                    &self.name,
                    &rt::TextRules {
                        max_length: Some(30),
                        ..rt::TextRules::NONE
                    },
                );
    });
    assert_eq!(validator(&items, "Contact"), contact);
}

#[test]
fn cross_field_rules_in_requests() {
    let types = r#"
  CaptureMode:
    kind: enum
    values: [{ value: automatic }, { value: delayed }]
"#;
    let fields = r#"
        note: { type: string }
        kind: { type: string, required: true }
        capture_mode: { type: CaptureMode }
        expires_in: { type: integer }
        reminder: { type: string, nullable: true }
        manual: { type: boolean, nullable: true }
        retries: { type: integer }
        amount: { type: decimal }
        pin: { type: string, sensitive: true }
        auto: { type: boolean, required: true }
"#;
    let rules = r#"
        - when: { field: capture_mode, equals: delayed }
          require: [expires_in, reminder, kind]
          message: "`delayed` requires `expires_in`."
        - when: { field: kind, equals: gift }
          require: [note]
        - when: { field: manual, equals: true }
          require: [note]
        - when: { field: auto, equals: false }
          require: [reminder]
        - when: { field: retries, equals: 3 }
          require: [note]
        - when: { field: amount, equals: "1.50" }
          require: [note]
        - when: { field: pin, equals: "0000" }
          require: [note]
"#;
    let expected = expect_validator(quote! {
            if self.capture_mode.as_ref().is_some_and(|value| value.as_str() == "delayed") {
                violations
                    .required_by(
                        &path.field("expires_in"),
                        self.expires_in.is_some(),
                        "`delayed` requires `expires_in`.",
                    );
                violations
                    .required_by(
                        &path.field("reminder"),
                        matches!(self.reminder, rt::Patch::Set(_)),
                        "`delayed` requires `expires_in`.",
                    );
                violations
                    .required_by(&path.field("kind"), true, "`delayed` requires `expires_in`.");
            }
            {
                let value = &self.kind;
                if value == "gift" {
                    violations
                        .required_by(
                            &path.field("note"),
                            self.note.is_some(),
                            "required when `kind` is gift",
                        );
                }
            }
            if self.manual.as_set().is_some_and(|value| *value) {
                violations
                    .required_by(
                        &path.field("note"),
                        self.note.is_some(),
                        "required when `manual` is true",
                    );
            }
            {
                let value = &self.auto;
                if !*value {
                    violations
                        .required_by(
                            &path.field("reminder"),
                            matches!(self.reminder, rt::Patch::Set(_)),
                            "required when `auto` is false",
                        );
                }
            }
            if self.retries.as_ref().is_some_and(|value| *value == 3) {
                violations
                    .required_by(
                        &path.field("note"),
                        self.note.is_some(),
                        "required when `retries` is 3",
                    );
            }
            if self.amount.as_ref().is_some_and(|value| *value == rt::Decimal::new(150, 2)) {
                violations
                    .required_by(
                        &path.field("note"),
                        self.note.is_some(),
                        "required when `amount` is 1.50",
                    );
            }
            if self.pin.as_ref().is_some_and(|value| value.expose() == "0000") {
                violations
                    .required_by(
                        &path.field("note"),
                        self.note.is_some(),
                        "required when `pin` is 0000",
                    );
            }
    });
    assert_eq!(request_validator(types, fields, rules), expected);
}

#[test]
fn cross_field_rules_in_request_objects_read_clearable_fields_as_patches() {
    let types = r#"
  Schedule:
    kind: object
    fields:
      start: { type: timestamp, required: true }
      mode: { type: string, nullable: true }
      every: { type: duration, nullable: true }
    rules:
      - when: { field: mode, equals: repeat }
        require: [every, start]
        message: A repeating schedule needs `every`.
"#;
    let fields = "        schedule: { type: Schedule, required: true }\n";
    let items = items(&spec(types, fields, NO_RULES));
    let expected = expect_validator(quote! {
            violations
                .text(
                    path,
                    "start",
                    &self.start,
                    &rt::TextRules {
                        format: Some(rt::Format::Timestamp),
                        ..rt::TextRules::NONE
                    },
                );
            violations
                .text(
                    path,
                    "every",
                    &self.every,
                    &rt::TextRules {
                        format: Some(rt::Format::Duration),
                        ..rt::TextRules::NONE
                    },
                );
            if self.mode.as_set().is_some_and(|value| value == "repeat") {
                violations
                    .required_by(
                        &path.field("every"),
                        matches!(self.every, rt::Patch::Set(_)),
                        "A repeating schedule needs `every`.",
                    );
                violations
                    .required_by(
                        &path.field("start"),
                        true,
                        "A repeating schedule needs `every`.",
                    );
            }
    });
    assert_eq!(validator(&items, "Schedule"), expected);
}

#[test]
fn a_rule_alone_makes_a_type_worth_validating() {
    let types = r#"
  Refund:
    kind: object
    fields:
      partial: { type: boolean }
      amount: { type: decimal }
    rules:
      - when: { field: partial, equals: true }
        require: [amount]
"#;
    let fields = "        refund: { type: Refund }\n";
    let items = items(&spec(types, fields, NO_RULES));
    let expected = expect_validator(quote! {
        'field: {
            let Some(value) = &self.refund else { break 'field };
            let path = path.field("refund");
            value.validate_into(&path, violations);
        }
    });
    assert_eq!(validator(&items, "CreateOrderRequest"), expected);
    let refund = expect_validator(quote! {
        if self.partial.as_ref().is_some_and(|value| *value) {
            violations.required_by(&path.field("amount"), self.amount.is_some(), "required when `partial` is true");
        }
    });
    assert_eq!(validator(&items, "Refund"), refund);
}

#[test]
fn a_request_without_checks_has_an_empty_validator() {
    let fields = "        note: { type: string }\n        count: { type: integer }\n";
    let expected = norm(quote! {
        fn validate_into(&self, _path: &rt::Path<'_>, _violations: &mut rt::Violations) {}
    });
    assert_eq!(request_validator("", fields, NO_RULES), expected);
}

#[test]
fn parameter_names_say_whether_the_body_uses_them() {
    let (p, v) = param_names(true);
    assert_eq!(
        (p.to_string(), v.to_string()),
        ("_path".into(), "_violations".into())
    );
    let (p, v) = param_names(false);
    assert_eq!(
        (p.to_string(), v.to_string()),
        ("path".into(), "violations".into())
    );
}

fn field(ident: &str, ty: RustTy, presence: Presence, sensitive: bool) -> Field {
    Field {
        wire: format!("{ident}-wire"),
        ident: ident.into(),
        docs: Vec::new(),
        notes: Vec::new(),
        ty,
        presence,
        boxed: false,
        constant: None,
        sensitive,
        decode: crate::model::Decode::Plain,
        checks: Default::default(),
    }
}

/// Code or tokens as a token list without spacing, to compare what they
/// mean.
trait Tokens {
    fn flat(self) -> Vec<String>;
}

impl Tokens for TokenStream {
    fn flat(self) -> Vec<String> {
        crate::code::tests::flat(self)
    }
}

impl Tokens for crate::code::Code {
    fn flat(self) -> Vec<String> {
        crate::code::tests::flat(self.to_tokens())
    }
}

fn tokens(t: impl Tokens) -> Vec<String> {
    t.flat()
}

#[test]
fn rule_tests_compare_in_the_condition_field_type() {
    let int = RustTy::Scalar(Scalar::Integer);
    let json = RustTy::Scalar(Scalar::Json);
    let text = RustTy::Scalar(Scalar::String);
    let dec = RustTy::Scalar(Scalar::Decimal);
    let boolean = RustTy::Scalar(Scalar::Boolean);
    let cases = [
        (&int, false, json!(3), quote!(*value == 3)),
        (&int, false, json!(-3), quote!(*value == -3)),
        // No test (the checker refuses these rules).
        (&int, false, json!(3.5), quote!(none)),
        (&int, false, json!(u64::MAX), quote!(none)),
        (&int, false, json!(null), quote!(none)),
        (&text, false, json!("x"), quote!(value == "x")),
        (&text, true, json!("x"), quote!(value.expose() == "x")),
        (
            &RustTy::Named("Mode".into(), NamedKind::Enum, crate::model::TypeId(0)),
            false,
            json!("x"),
            quote!(value.as_str() == "x"),
        ),
        (&boolean, false, json!(true), quote!(*value)),
        (&boolean, false, json!(false), quote!(!*value)),
        (&json, false, json!(true), quote!(*value == true)),
        (&json, false, json!(false), quote!(*value == false)),
        (&json, false, json!("x"), quote!(value == "x")),
        (
            &dec,
            false,
            json!("0.10"),
            quote!(*value == rt::Decimal::new(10, 2)),
        ),
        (
            &dec,
            false,
            json!(2),
            quote!(*value == rt::Decimal::new(2, 0)),
        ),
        (&dec, false, json!(1e-30), quote!(none)),
        (&dec, false, json!(true), quote!(none)),
    ];
    for (ty, secret, v, want) in cases {
        let f = field("f", ty.clone(), Presence::Optional, secret);
        let got = match crate::model::rule_test(&f, &v) {
            Some(t) => tokens(test(&t)),
            None => tokens(quote!(none)),
        };
        assert_eq!(got, tokens(want), "{ty:?} {v}");
    }
}

#[test]
fn rules_with_indexes_past_the_fields_emit_nothing_for_them() {
    let fields = [
        field(
            "other",
            RustTy::Scalar(Scalar::String),
            Presence::Required,
            false,
        ),
        field(
            "mode",
            RustTy::Scalar(Scalar::String),
            Presence::Optional,
            false,
        ),
    ];
    let r = |when: usize, require: &[usize]| {
        Rule::When(crate::model::WhenRule {
            when,
            cond: crate::model::Cond::In(vec![(crate::model::Test::Text("x".into()), json!("x"))]),
            require: require.to_vec(),
            forbid: Vec::new(),
            message: "m".into(),
        })
    };
    assert!(rule(&r(7, &[0]), &fields, true).is_empty());
    let only_known = quote! {
        if self.mode.as_ref().is_some_and(|value| value == "x") {
            violations.required_by(&path.field("other-wire"), true, "m");
        }
    };
    assert_eq!(
        tokens(rule(&r(1, &[9, 0]), &fields, true)),
        tokens(only_known)
    );
}
