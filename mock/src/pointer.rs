//! JSON Pointers into held resources, with the filter segment PayPal's
//! patch paths use (`/purchase_units/@reference_id=='default'/amount`: the
//! item of the list whose `reference_id` is `default`).

use serde_json::{Map, Value};

/// One step of a pointer.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// A member name, or a list index.
    Key(String),
    /// The list item whose member `key` is the string `value`.
    Filter { key: String, value: String },
}

fn steps(pointer: &str) -> impl Iterator<Item = Step> + '_ {
    pointer.split('/').skip(1).map(step)
}

/// One token of a pointer, unescaped: a filter step or a key.
fn step(raw: &str) -> Step {
    let seg = raw.replace("~1", "/").replace("~0", "~");
    let filter = seg
        .strip_prefix('@')
        .and_then(|rest| rest.split_once("=="))
        .and_then(|(key, quoted)| {
            let value = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
            Some(Step::Filter {
                key: key.to_string(),
                value: value.to_string(),
            })
        });
    filter.unwrap_or(Step::Key(seg))
}

/// Whether list item `item` is the one `key == value` names.
fn is_match(item: &Value, key: &str, value: &str) -> bool {
    item.get(key).and_then(Value::as_str) == Some(value)
}

/// A list index as RFC 6901 writes it: digits, without a sign or a
/// leading zero (`0`, `12`; not `+1`, `01`).
pub(crate) fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    let canonical = token == "0" || !token.starts_with('0');
    (digits && canonical).then(|| token.parse().ok()).flatten()
}

/// Why a pointer finds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Miss {
    /// A filter step matches no item of its list.
    Filter,
    /// A member, an index or a list is not there.
    Member,
}

/// The value at `pointer`, or why there is none.
pub(crate) fn find<'a>(doc: &'a Value, pointer: &str) -> Result<&'a Value, Miss> {
    let mut current = doc;
    for step in steps(pointer) {
        current = match (current, step) {
            (Value::Object(map), Step::Key(k)) => map.get(&k).ok_or(Miss::Member)?,
            (Value::Array(list), Step::Key(k)) => array_index(&k)
                .and_then(|i| list.get(i))
                .ok_or(Miss::Member)?,
            (Value::Array(list), Step::Filter { key, value }) => list
                .iter()
                .find(|i| is_match(i, &key, &value))
                .ok_or(Miss::Filter)?,
            _ => return Err(Miss::Member),
        };
    }
    Ok(current)
}

/// The value at `pointer`, if `doc` has one.
pub(crate) fn get<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    find(doc, pointer).ok()
}

/// The value at `pointer`, following only what `doc` holds.
pub(crate) fn get_mut<'a>(doc: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    let mut current = doc;
    for step in steps(pointer) {
        current = match (current, step) {
            (Value::Object(map), Step::Key(k)) => map.get_mut(&k)?,
            (Value::Array(list), step) => {
                let at = position(list, &step)?;
                list.get_mut(at)?
            }
            _ => return None,
        };
    }
    Some(current)
}

/// The index in `list` a pointer's last token names: a number, or the
/// item a filter step matches.
pub(crate) fn index_in(list: &[Value], token: &str) -> Option<usize> {
    position(list, &step(token))
}

fn position(list: &[Value], step: &Step) -> Option<usize> {
    match step {
        Step::Key(k) => array_index(k).filter(|i| *i < list.len()),
        Step::Filter { key, value } => list.iter().position(|i| is_match(i, key, value)),
    }
}

/// The value at `pointer`, what is missing created: a member as an empty
/// object, a filtered item as an item with its member, in a new list when
/// there is none (a missing index: `None`).
pub(crate) fn make<'a>(doc: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    let mut current = doc;
    for step in steps(pointer) {
        if matches!((&*current, &step), (Value::Object(m), Step::Filter { .. }) if m.is_empty()) {
            *current = Value::Array(Vec::new());
        }
        current = match (current, step) {
            (Value::Object(map), Step::Key(k)) => {
                map.entry(k).or_insert_with(|| Value::Object(Map::new()))
            }
            (Value::Array(list), Step::Key(k)) => list.get_mut(array_index(&k)?)?,
            (Value::Array(list), Step::Filter { key, value }) => {
                let at = match list.iter().position(|i| is_match(i, &key, &value)) {
                    Some(at) => at,
                    None => {
                        let mut item = Map::new();
                        item.insert(key, Value::String(value));
                        list.push(Value::Object(item));
                        list.len() - 1
                    }
                };
                list.get_mut(at)?
            }
            _ => return None,
        };
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn misses_say_whether_a_filter_found_nothing() {
        let doc = json!({"units": [{"ref": "a"}], "o": {}});
        assert_eq!(find(&doc, "/units/@ref=='b'/x"), Err(Miss::Filter));
        assert_eq!(find(&doc, "/units/@ref=='a'/x"), Err(Miss::Member));
        assert_eq!(find(&doc, "/o/x/y"), Err(Miss::Member));
        assert_eq!(find(&doc, "/units/9"), Err(Miss::Member));
        assert_eq!(find(&doc, ""), Ok(&doc));
        let mut doc = doc;
        assert!(get_mut(&mut doc, "/o/x").is_none(), "nothing is created");
        assert_eq!(doc, json!({"units": [{"ref": "a"}], "o": {}}));
        assert_eq!(index_in(&[json!({"ref": "a"})], "@ref=='a'"), Some(0));
        assert_eq!(index_in(&[json!(1)], "0"), Some(0));
        assert_eq!(index_in(&[json!(1)], "1"), None);
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("12"), Some(12));
        for bad in ["", "+1", "01", "-", "1e2", " 1"] {
            assert_eq!(array_index(bad), None, "{bad}");
        }
    }

    #[test]
    fn filters_pick_the_list_item_by_its_member() {
        let doc = json!({"units": [{"ref": "a", "n": 1}, {"ref": "b/c", "n": 2}], "x~y": 3});
        assert_eq!(get(&doc, "/units/@ref=='a'/n"), Some(&json!(1)));
        assert_eq!(get(&doc, "/units/@ref=='b~1c'/n"), Some(&json!(2)));
        assert_eq!(get(&doc, "/units/1/n"), Some(&json!(2)));
        assert_eq!(get(&doc, "/x~0y"), Some(&json!(3)));
        assert_eq!(get(&doc, "/units/@ref=='z'/n"), None);
        assert_eq!(get(&doc, "/units/@ref=='a'/missing"), None);
        let mut doc = doc;
        if let Some(Value::Object(unit)) = make(&mut doc, "/units/@ref=='b~1c'") {
            unit.insert("d".into(), json!("new"));
        }
        assert_eq!(get(&doc, "/units/1/d"), Some(&json!("new")));
        assert!(make(&mut doc, "/units/@ref=='z'").is_some());
        assert_eq!(get(&doc, "/units/2"), Some(&json!({"ref": "z"})));
        assert!(make(&mut doc, "/new/deep").is_some());
        assert_eq!(get(&doc, "/new/deep"), Some(&json!({})));
        assert!(make(&mut doc, "/fresh/@ref=='a'/n").is_some());
        assert_eq!(get(&doc, "/fresh"), Some(&json!([{"ref": "a", "n": {}}])));
        assert!(make(&mut doc, "/units/7").is_none());
    }
}
