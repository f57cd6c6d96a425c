// Shared by the build scripts of `mock` and of the integration tests
// (`include!`d): the match arms that build each documented patch of a JSON
// Patch table through its generated constructor, by the constructor's name.

/// `"replace_x" => P::replace_x(decode::<String>(&PARAMS["id"])?, decode(VALUE)?),`
/// for every (row, operation) of `t`, where `params` is the expression of
/// the placeholders' JSON object (by Rust name) and `value` that of the
/// patch's value, both `&serde_json::Value`; `decode` and `P` (the patch
/// enum) are the caller's.
fn patch_builds(t: &codegen::model::PatchTable, params: &str, value: &str) -> String {
    use codegen::model::RustTy;
    let text = |ty: &RustTy| matches!(ty, RustTy::Scalar(s) if s.is_textual());
    let mut builds = String::new();
    for row in &t.rows {
        for &o in &row.ops {
            let name = row.constructor(o);
            let mut args: Vec<String> = row
                .params
                .iter()
                .filter_map(|&i| t.params.get(i))
                .map(|f| {
                    let ty = if text(&f.ty) { "String" } else { "i64" };
                    format!("decode::<{ty}>(&{params}[{:?}])?", f.ident)
                })
                .collect();
            if let Some(v) = row.value.as_ref().filter(|_| o.takes_value()) {
                args.push(if text(&v.ty) {
                    format!("decode::<String>({value})?")
                } else {
                    format!("decode({value})?")
                });
            }
            builds.push_str(&format!(
                "                {name:?} => P::{name}({}),\n",
                args.join(", ")
            ));
        }
    }
    builds
}
