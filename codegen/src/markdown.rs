//! Markdown shared by the stages that write doc text: the model's
//! sentences about causes and the emitters' docs.

/// `text` as an inline code span, whatever it holds: the fence is a run
/// of backticks longer than any inside it, padded where the text starts
/// or ends with one (or is empty). The text is taken as it is: the docs
/// emitter sanitizes spec text first.
pub(crate) fn code_span(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.is_empty() || text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}
