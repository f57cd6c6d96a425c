//! Checks of the `provider` section: names, pages, environments, auth, headers.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use super::Checker;
use crate::diag::suggest;
use crate::lang::{field_ident, is_snake, Scheme, Template};
use crate::load::model::Header;
use crate::load::SpecPath;

impl Checker<'_> {
    pub(super) fn provider(&mut self) {
        let p = &self.spec.spec.provider;
        let root = SpecPath::root().key("provider");
        if !is_snake(&p.name) {
            self.err_value(
                &root.key("name"),
                format!("provider name `{}` is not a snake_case Rust identifier", p.name),
                "it becomes the module name: use lowercase letters, digits and `_`, e.g. `razorpay`",
            );
        }
        for (i, page) in p.docs.iter().enumerate() {
            self.url(&root.key("docs").index(i).key("url"), &page.url);
        }
        if p.environments.is_empty() {
            self.err_key(
                &root,
                "the provider has no `environments`",
                "add `environments: { production: https://api.example.com }`",
            );
        }
        let mut used = BTreeSet::new();
        for (name, url) in &p.environments {
            let path = root.key("environments").key(name);
            if !is_snake(name) {
                self.err_key(
                    &path,
                    format!("environment name `{name}` is not snake_case"),
                    "e.g. `production`, `sandbox`",
                );
            }
            self.base_url(&path, url);
            if url.ends_with('/') {
                self.err_value(
                    &path,
                    "a base URL must not end with `/`",
                    "operation paths start with `/`; drop the trailing one here",
                );
            }
            let Some(template) = Template::parse(url) else {
                self.err_value(
                    &path,
                    "unbalanced `{` or `}` in the URL",
                    "write each variable as `{name}`",
                );
                continue;
            };
            for var in template.params() {
                if !p.variables.contains_key(var) {
                    let known: Vec<&str> = p.variables.keys().map(String::as_str).collect();
                    self.err_value(
                        &path,
                        format!("`{{{var}}}` is not declared under `provider.variables`"),
                        if known.is_empty() {
                            format!("add `variables: {{ {var}: {{ description: … }} }}`")
                        } else {
                            suggest(var, &known)
                        },
                    );
                }
                used.insert(var.to_string());
            }
        }
        for name in p.variables.keys() {
            let path = root.key("variables").key(name);
            if !is_snake(name) {
                self.err_key(
                    &path,
                    format!("variable `{name}` is not snake_case"),
                    "it becomes a configuration parameter",
                );
            }
            if !used.contains(name) {
                self.err_key(
                    &path,
                    format!("variable `{name}` is used by no environment URL"),
                    "use it as `{name}` in a URL or remove it",
                );
            }
        }
        self.auth(&root.key("auth"));
        self.headers(&root.key("headers"), &p.headers);
    }

    fn auth(&mut self, path: &SpecPath) {
        let a = &self.spec.spec.provider.auth;
        self.auth_scheme(path, a);
        let mut seen = vec![a.scheme];
        for (i, alt) in a.alternatives.iter().enumerate() {
            let ap = path.key("alternatives").index(i);
            self.auth_scheme(&ap, alt);
            if !alt.alternatives.is_empty() {
                self.err_key(
                    &ap.key("alternatives"),
                    "alternatives cannot have alternatives of their own",
                    "list every scheme under the first one's `alternatives:`",
                );
            }
            if seen.contains(&alt.scheme) {
                self.err_value(
                    &ap.key("scheme"),
                    format!("`{}` auth is listed twice", alt.scheme),
                    "each scheme once: the caller picks a scheme, then gives its credentials",
                );
            }
            seen.push(alt.scheme);
        }
    }

    /// One auth scheme and its credential names.
    fn auth_scheme(&mut self, path: &SpecPath, a: &crate::load::model::Auth) {
        let credential = |c: &mut Self, key: &str, v: &Option<String>| {
            if let Some(name) = v {
                if !is_snake(name) {
                    c.err_value(
                        &path.key(key),
                        format!("credential name `{name}` is not a snake_case identifier"),
                        "it becomes a configuration parameter, e.g. `api_key`",
                    );
                }
            }
        };
        credential(self, "username", &a.username);
        credential(self, "password", &a.password);
        credential(self, "token", &a.token);
        credential(self, "client_id", &a.client_id);
        credential(self, "client_secret", &a.client_secret);
        if a.scheme != Scheme::OAuth2ClientCredentials {
            let oauth = [
                ("token_url", a.token_url.is_some()),
                ("client_id", a.client_id.is_some()),
                ("client_secret", a.client_secret.is_some()),
                ("client_auth", a.client_auth.is_some()),
                ("scopes", !a.scopes.is_empty()),
            ];
            for (key, set) in oauth {
                if set {
                    self.err_key(
                        &path.key(key),
                        format!(
                            "`{key}` applies to `oauth2_client_credentials` auth, not `{}`",
                            a.scheme
                        ),
                        "remove it, or use `scheme: oauth2_client_credentials`",
                    );
                }
            }
        }
        match a.scheme {
            Scheme::OAuth2ClientCredentials => self.oauth2(path, a),
            Scheme::Basic => {
                if a.username.is_none() {
                    self.err_key(
                        path,
                        "`basic` auth needs a `username` credential",
                        "e.g. `username: api_key`",
                    );
                }
                if a.token.is_some() {
                    self.err_key(
                        &path.key("token"),
                        "`token` applies to `bearer` auth, not `basic`",
                        "remove it, or use `scheme: bearer`",
                    );
                }
            }
            Scheme::Bearer => {
                if a.token.is_none() {
                    self.err_key(
                        path,
                        "`bearer` auth needs a `token` credential",
                        "e.g. `token: access_token`",
                    );
                }
                for key in ["username", "password"] {
                    let set = if key == "username" {
                        &a.username
                    } else {
                        &a.password
                    };
                    if set.is_some() {
                        self.err_key(
                            &path.key(key),
                            format!("`{key}` applies to `basic` auth, not `bearer`"),
                            "remove it, or use `scheme: basic`",
                        );
                    }
                }
            }
        }
    }

    /// OAuth 2.0 client credentials: a token endpoint, and two distinct
    /// credential names; no Basic or Bearer names.
    fn oauth2(&mut self, path: &SpecPath, a: &crate::load::model::Auth) {
        for (key, set) in [
            ("username", a.username.is_some()),
            ("password", a.password.is_some()),
            ("token", a.token.is_some()),
        ] {
            if set {
                self.err_key(
                    &path.key(key),
                    format!("`{key}` does not apply to `oauth2_client_credentials` auth"),
                    "name the credentials `client_id:` and `client_secret:`",
                );
            }
        }
        for (key, set) in [
            ("client_id", a.client_id.is_some()),
            ("client_secret", a.client_secret.is_some()),
        ] {
            if !set {
                self.err_key(
                    path,
                    format!("`oauth2_client_credentials` auth needs a `{key}` credential"),
                    format!("e.g. `{key}: {key}`"),
                );
            }
        }
        if a.client_id.is_some() && a.client_id == a.client_secret {
            self.err_value(
                &path.key("client_secret"),
                "the client secret has the same name as the client id",
                "they become two fields of `Credentials`; name them apart",
            );
        }
        match a.token_url.as_deref() {
            None => self.err_key(
                path,
                "`oauth2_client_credentials` auth needs a `token_url`",
                "the token endpoint: an absolute https URL, or a path such as `/v1/oauth2/token`",
            ),
            Some(url) if url.starts_with('/') => {
                if url.contains(['?', '#', ' ']) || url.chars().any(char::is_control) {
                    self.err_value(
                        &path.key("token_url"),
                        "the token endpoint path holds a query, fragment, space or control character",
                        "a plain path such as `/v1/oauth2/token`",
                    );
                }
            }
            Some(url) => {
                let host_and_path = url.strip_prefix("https://").unwrap_or_default();
                if host_and_path.is_empty()
                    || host_and_path.contains(['{', '}', '?', '#', '@', ' '])
                    || host_and_path.chars().any(char::is_control)
                {
                    self.err_value(
                        &path.key("token_url"),
                        format!("`{url}` is not a plain https URL"),
                        "the client secret goes there: `https://host/path`, without variables, query, fragment or user; or a path such as `/oauth/token` on the environment's URL",
                    );
                }
            }
        }
        for (i, scope) in a.scopes.iter().enumerate() {
            if scope.is_empty()
                || scope
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\\')
            {
                self.err_value(
                    &path.key("scopes").index(i),
                    format!("scope `{scope}` is empty or holds a space, quote or backslash"),
                    "one scope a line; RFC 6749 joins them with spaces",
                );
            }
        }
    }

    /// Checks a map of headers (provider-wide or per operation).
    pub(super) fn headers(&mut self, path: &SpecPath, headers: &IndexMap<String, Header>) {
        let mut idents: IndexMap<String, String> = IndexMap::new();
        for (name, h) in headers {
            let hp = path.key(name);
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                self.err_key(
                    &hp,
                    format!("`{name}` is not a valid HTTP header name"),
                    "use letters, digits and `-`",
                );
            }
            if h.constant.is_some() && has_constraints(&h.validation) {
                self.err_key(
                    &hp.key("validation"),
                    format!(
                        "header `{name}` has a fixed `const` value: there is nothing to validate"
                    ),
                    "remove `validation:`, or the `const:` value",
                );
            } else {
                let text = super::Ty::Scalar(crate::lang::Scalar::String);
                self.constraints(
                    &hp.key("validation"),
                    &h.validation,
                    &text,
                    super::fields::FieldSide::Request,
                );
            }
            if let Some(managed) = MANAGED_HEADERS
                .iter()
                .find(|m| m.eq_ignore_ascii_case(name))
            {
                self.err_key(
                    &hp,
                    format!("`{name}` is a header the client sets itself"),
                    format!("`{managed}` comes from the auth scheme, the body or the connection; remove it from the spec"),
                );
            }
            if let Some(v) = &h.constant {
                if v.contains(['\r', '\n']) {
                    self.err_value(
                        &hp.key("const"),
                        "a header value cannot contain a line break",
                        "remove the CR/LF characters",
                    );
                } else if !v.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) {
                    self.err_value(
                        &hp.key("const"),
                        "a header value may hold visible ASCII characters, spaces and tabs only",
                        "remove the control or non-ASCII characters",
                    );
                }
            }
            let ident = match &h.rust_name {
                Some(r) if !is_snake(r) => {
                    self.err_value(
                        &hp.key("rust_name"),
                        format!("`{r}` is not a snake_case identifier"),
                        "e.g. `merchant_id`",
                    );
                    continue;
                }
                Some(r) => r.clone(),
                None => match field_ident(name) {
                    Some(i) => i,
                    None => {
                        self.err_key(
                            &hp,
                            format!("header `{name}` has no usable Rust name"),
                            "add `rust_name:`",
                        );
                        continue;
                    }
                },
            };
            if let Some(first) = idents.insert(ident.clone(), name.clone()) {
                self.err_key(
                    &hp,
                    format!("headers `{first}` and `{name}` both become `{ident}` in Rust"),
                    "give one of them a different `rust_name:`",
                );
            }
        }
    }

    /// Checks that `s` at `path` looks like an absolute http(s) URL.
    pub(super) fn url(&mut self, path: &SpecPath, s: &str) {
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"));
        if !matches!(rest, Some(r) if !r.is_empty() && !r.contains(char::is_whitespace)) {
            self.err_value(
                path,
                format!("`{s}` is not an absolute http(s) URL"),
                "write it as `https://host/path`",
            );
        }
    }

    /// Checks a base URL: an absolute http(s) URL with no user name,
    /// password, query or fragment, and no control characters, so that
    /// `Client::new` can take it and every path can be appended to it.
    fn base_url(&mut self, path: &SpecPath, s: &str) {
        self.url(path, s);
        let Some(rest) = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
        else {
            return;
        };
        let authority = rest.split('/').next().unwrap_or_default();
        let problem = if s.chars().any(|c| c.is_control()) {
            Some((
                "a base URL cannot contain control characters",
                "remove them",
            ))
        } else if authority.contains('@') {
            Some((
                "a base URL cannot carry a user name or password",
                "credentials belong under `auth:`; remove the `user:password@` part",
            ))
        } else if s.contains('?') {
            Some((
                "a base URL cannot carry a query",
                "query parameters are not part of the base URL; remove the `?…` part",
            ))
        } else if s.contains('#') {
            Some(("a base URL cannot carry a fragment", "remove the `#…` part"))
        } else if s.contains('\\') {
            Some(("a base URL cannot contain `\\`", "use `/` between segments"))
        } else {
            None
        };
        if let Some((msg, hint)) = problem {
            self.err_value(path, msg, hint);
        }
    }
}

/// Whether any constraint is set.
fn has_constraints(c: &crate::load::model::Constraints) -> bool {
    super::types::has_any(c)
}

/// Headers the client or the HTTP stack sets: a spec that declared one
/// would send it twice, or break the framing of the request.
pub(crate) const MANAGED_HEADERS: [&str; 13] = [
    "Authorization",
    "Proxy-Authorization",
    "Content-Type",
    "Content-Length",
    "Content-Encoding",
    "Transfer-Encoding",
    "Host",
    "Connection",
    "Keep-Alive",
    "Upgrade",
    "TE",
    "Trailer",
    "Expect",
];

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::is_token_byte;
    use crate::lang::Template;

    #[test]
    fn balanced_braces() {
        for ok in [
            "",
            "/orders",
            "/orders/{id}",
            "https://{region}.example.com/{v}",
        ] {
            assert!(Template::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "/orders/{id",
            "/orders/id}",
            "/orders/{id}}",
            "/{a{b}",
            "}{",
        ] {
            assert!(Template::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn header_name_bytes_are_http_tokens() {
        assert!(b"X-Merchant_Id.v2".iter().all(|&b| is_token_byte(b)));
        for b in *b" :\"(),/;<=>?@[\\]{}\r\n\t" {
            assert!(!is_token_byte(b), "{:?}", b as char);
        }
    }
}
