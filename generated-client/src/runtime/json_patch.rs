//! JSON Patch (RFC 6902) bodies: each patch is written as `{"op", "path",
//! "value"}`, its path a JSON Pointer (RFC 6901) whose placeholders the
//! generated code fills with [`pointer_token`].

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Serializes one patch: `{"op": op, "path": path}`, with `"value"` when
/// the operation sends one.
pub fn patch_op<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    op: &str,
    path: &str,
    value: Option<&T>,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(if value.is_some() { 3 } else { 2 }))?;
    map.serialize_entry("op", op)?;
    map.serialize_entry("path", path)?;
    if let Some(value) = value {
        map.serialize_entry("value", value)?;
    }
    map.end()
}

/// `text` as one reference token of a JSON Pointer: `~` written `~0` and
/// `/` written `~1` (RFC 6901 §3), so a value can never add a segment to
/// the path it is placed in.
pub fn pointer_token(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['~', '/']) {
        std::borrow::Cow::Owned(text.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_escape_tilde_before_slash() {
        assert_eq!(pointer_token("plain"), "plain");
        assert_eq!(pointer_token("a/b"), "a~1b");
        assert_eq!(pointer_token("a~b"), "a~0b");
        // `~1` in the text is a tilde and a one, not an escaped slash.
        assert_eq!(pointer_token("~1/"), "~01~1");
    }

    #[test]
    fn a_patch_is_op_path_and_value_in_that_order() {
        let mut out = Vec::new();
        patch_op(
            &mut serde_json::Serializer::new(&mut out),
            "replace",
            "/intent",
            Some("CAPTURE"),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"op":"replace","path":"/intent","value":"CAPTURE"}"#
        );
        let mut out = Vec::new();
        patch_op(
            &mut serde_json::Serializer::new(&mut out),
            "remove",
            "/a~1b",
            None::<&()>,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"op":"remove","path":"/a~1b"}"#
        );
    }
}
