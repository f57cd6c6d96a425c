use serde::Serialize;

use super::{form_body, BracketStyle, FormStyle, ListStyle};
use crate::runtime::{IndexMap, Patch};

fn encode<T: Serialize>(value: &T, style: FormStyle) -> String {
    let body = form_body(value, style).expect("encodes");
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    String::from_utf8(body.bytes).expect("ASCII")
}

const INDEXED: FormStyle = FormStyle {
    lists: ListStyle::Indexed,
    brackets: BracketStyle::Encoded,
};
const LITERAL: FormStyle = FormStyle {
    lists: ListStyle::Indexed,
    brackets: BracketStyle::Literal,
};
const EMPTY: FormStyle = FormStyle {
    lists: ListStyle::Empty,
    brackets: BracketStyle::Literal,
};

#[derive(Serialize)]
struct Address {
    line1: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<String>,
}

#[derive(Serialize)]
struct Item {
    name: String,
    quantity: i64,
}

#[derive(Serialize)]
struct Update {
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<crate::runtime::Decimal>,
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    shipping: Patch<Address>,
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    metadata: Patch<IndexMap<String, String>>,
    expand: Vec<String>,
    items: Vec<Item>,
    paid: bool,
}

fn update() -> Update {
    let mut metadata = IndexMap::new();
    metadata.insert("order id".to_string(), "A&B=1".to_string());
    metadata.insert("z".to_string(), "last".to_string());
    Update {
        amount: Some("10.50".parse().expect("decimal")),
        shipping: Patch::Set(Address {
            line1: "1 Main St".into(),
            city: None,
        }),
        metadata: Patch::Set(metadata),
        expand: vec!["customer".into(), "items.data".into()],
        items: vec![
            Item {
                name: "tea".into(),
                quantity: 2,
            },
            Item {
                name: "cup".into(),
                quantity: 1,
            },
        ],
        paid: true,
    }
}

#[test]
fn nested_objects_maps_and_lists_in_bracket_notation() {
    assert_eq!(
        encode(&update(), LITERAL),
        "amount=10.50&shipping[line1]=1+Main+St&metadata[order+id]=A%26B%3D1&metadata[z]=last\
         &expand[0]=customer&expand[1]=items.data&items[0][name]=tea&items[0][quantity]=2\
         &items[1][name]=cup&items[1][quantity]=1&paid=true"
    );
}

#[test]
fn encoded_brackets_are_what_a_plain_form_encoder_writes() {
    let body = encode(&update(), INDEXED);
    assert!(body.starts_with("amount=10.50&shipping%5Bline1%5D=1+Main+St&metadata%5Border+id%5D="));
    // Every pair decodes back to the literal-bracket name.
    let decoded: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let literal: Vec<(String, String)> =
        form_urlencoded::parse(encode(&update(), LITERAL).as_bytes())
            .into_owned()
            .collect();
    assert_eq!(decoded, literal);
    assert_eq!(decoded[3], ("metadata[z]".into(), "last".into()));
}

#[test]
fn empty_bracket_lists() {
    let body = encode(&update(), EMPTY);
    assert!(
        body.contains("&expand[]=customer&expand[]=items.data&items[][name]=tea&items[][quantity]=2&items[][name]=cup"),
        "{body}"
    );
}

#[test]
fn a_cleared_object_map_or_list_is_sent_empty() {
    #[derive(Serialize)]
    struct Clear {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        shipping: Patch<Address>,
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        metadata: Patch<IndexMap<String, String>>,
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        expand: Patch<Vec<String>>,
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        note: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        untouched: Patch<String>,
    }
    let value = Clear {
        shipping: Patch::Clear,
        metadata: Patch::Clear,
        expand: Patch::Clear,
        note: Patch::Clear,
        untouched: Patch::Unchanged,
    };
    assert_eq!(encode(&value, INDEXED), "shipping=&metadata=&expand=&note=");
}

#[test]
fn empty_lists_maps_and_objects_send_nothing() {
    #[derive(Serialize)]
    struct Empty {
        expand: Vec<String>,
        metadata: IndexMap<String, String>,
        shipping: Address2,
    }
    #[derive(Serialize)]
    struct Address2 {
        #[serde(skip_serializing_if = "Option::is_none")]
        city: Option<String>,
    }
    let value = Empty {
        expand: Vec::new(),
        metadata: IndexMap::new(),
        shipping: Address2 { city: None },
    };
    assert_eq!(encode(&value, INDEXED), "");
}

#[test]
fn names_are_encoded_whatever_the_bracket_style() {
    let mut map = IndexMap::new();
    map.insert("a]b[c".to_string(), 1);
    map.insert("é &".to_string(), 2);
    #[derive(Serialize)]
    struct M {
        m: IndexMap<String, i64>,
    }
    assert_eq!(
        encode(&M { m: map }, LITERAL),
        "m[a%5Db%5Bc]=1&m[%C3%A9+%26]=2"
    );
}

#[test]
fn json_values_nest_like_objects() {
    #[derive(Serialize)]
    struct J {
        extra: serde_json::Value,
    }
    let value = J {
        extra: serde_json::json!({"a": [1, true, null], "b": {"c": "d"}}),
    };
    assert_eq!(
        encode(&value, LITERAL),
        "extra[a][0]=1&extra[a][1]=true&extra[a][2]=&extra[b][c]=d"
    );
}

#[test]
fn a_body_must_be_an_object() {
    for err in [
        form_body(&"text", INDEXED).err(),
        form_body(&vec![1, 2], INDEXED).err(),
        form_body(&Option::<String>::None, INDEXED).err(),
    ] {
        let err = err.expect("refused");
        assert!(err.contains("must be an object"), "{err}");
    }
}

#[test]
fn flat_structs_encode_as_a_plain_form_encoder_does() {
    #[derive(Serialize)]
    struct Flat {
        a: String,
        b: i64,
        c: bool,
    }
    let value = Flat {
        a: "x y&z".into(),
        b: -3,
        c: false,
    };
    let mut plain = form_urlencoded::Serializer::new(String::new());
    plain.append_pair("a", "x y&z");
    plain.append_pair("b", "-3");
    plain.append_pair("c", "false");
    assert_eq!(encode(&value, INDEXED), plain.finish());
}

#[test]
fn values_and_names_are_percent_encoded_as_forms_are() {
    let pairs = [
        ("a b", "c d"),
        ("k", "x&y=z+1%"),
        ("name", "Zoë 日"),
        ("safe", "*-._"),
        ("q", "/?#[]@!$'(),;:~"),
        ("nl", "a\r\nb"),
    ];
    let map: IndexMap<&str, &str> = pairs.into_iter().collect();
    assert_eq!(
        encode(&map, LITERAL),
        concat!(
            "a+b=c+d&k=x%26y%3Dz%2B1%25&name=Zo%C3%AB+%E6%97%A5&safe=*-._",
            "&q=%2F%3F%23%5B%5D%40%21%24%27%28%29%2C%3B%3A%7E&nl=a%0D%0Ab"
        )
    );
}

#[test]
fn empty_values_and_names() {
    let map: IndexMap<&str, &str> = [("a", ""), ("", "b"), ("c", "")].into_iter().collect();
    assert_eq!(encode(&map, INDEXED), "a=&=b&c=");
    let empty: IndexMap<&str, &str> = IndexMap::new();
    assert_eq!(encode(&empty, INDEXED), "");
    // Each number is written afresh into the shared buffer: a long one
    // leaves nothing behind.
    #[derive(Serialize)]
    struct N {
        a: i64,
        b: i64,
        c: f64,
    }
    assert_eq!(
        encode(
            &N {
                a: 1234567,
                b: 8,
                c: 1.5
            },
            INDEXED
        ),
        "a=1234567&b=8&c=1.5"
    );
}

#[test]
fn names_and_values_are_encoded_as_form_urlencoded_does() {
    let mut every_ascii: String = (0u8..128).map(char::from).collect();
    every_ascii.push_str("é ü 東京 +%&=");
    let cases = [
        "",
        "plain_name-1.5*",
        "two words",
        "a&b=c",
        "%41",
        &every_ascii,
    ];
    for text in cases {
        let mut ours = String::new();
        super::encode_into(&mut ours, text);
        let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
        assert_eq!(ours, theirs, "{text:?}");
    }
}
