//! The lenders the sandbox knows: appkey → secret and sign scope, from
//! `--lender APPKEY:SECRET[:common|all]` flags or a TOML file.

use fbi_sdk::sign::{Secret, SignScope};
use serde::Deserialize;
use std::collections::HashMap;

/// The lender `make demo` and the console use out of the box.
pub const DEMO_APPKEY: &str = "demo";
pub const DEMO_SECRET: &str = "demo-secret";

#[derive(Clone, Debug)]
pub struct Lender {
    pub secret: Secret,
    pub scope: SignScope,
}

#[derive(Clone, Debug, Default)]
pub struct Lenders(HashMap<String, Lender>);

impl Lenders {
    pub fn demo() -> Lenders {
        let mut l = Lenders::default();
        l.0.insert(
            DEMO_APPKEY.into(),
            Lender {
                secret: Secret::new(DEMO_SECRET),
                scope: SignScope::Common,
            },
        );
        l
    }

    pub fn get(&self, appkey: &str) -> Option<&Lender> {
        self.0.get(appkey)
    }

    /// Adds `APPKEY:SECRET[:common|all]`.
    pub fn add_flag(&mut self, flag: &str) -> Result<(), String> {
        let mut parts = flag.splitn(3, ':');
        let (appkey, secret) = match (parts.next(), parts.next()) {
            (Some(a), Some(s)) if !a.is_empty() && !s.is_empty() => (a, s),
            _ => return Err("--lender takes APPKEY:SECRET[:common|all]".into()),
        };
        let scope = match parts.next() {
            None => SignScope::Common,
            Some(s) => SignScope::parse(s).ok_or("the sign scope is `common` or `all`")?,
        };
        self.insert(appkey, secret, scope)
    }

    /// Adds the lenders of a TOML file:
    /// `[[lender]]` tables with `appkey`, `secret` and optional `scope`.
    pub fn add_toml(&mut self, text: &str) -> Result<(), String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            lender: Vec<Entry>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Entry {
            appkey: String,
            secret: String,
            scope: Option<String>,
        }
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        for e in file.lender {
            let scope = match e.scope.as_deref() {
                None => SignScope::Common,
                Some(s) => SignScope::parse(s).ok_or("the sign scope is `common` or `all`")?,
            };
            self.insert(&e.appkey, &e.secret, scope)?;
        }
        Ok(())
    }

    fn insert(&mut self, appkey: &str, secret: &str, scope: SignScope) -> Result<(), String> {
        if appkey.is_empty()
            || appkey.len() > 128
            || !appkey.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err("an appkey is 1 to 128 letters or digits".into());
        }
        self.0.insert(
            appkey.into(),
            Lender {
                secret: Secret::new(secret),
                scope,
            },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_files() {
        let mut l = Lenders::default();
        l.add_flag("ak1:s1").unwrap();
        l.add_flag("ak2:s:2:all").unwrap_err();
        l.add_flag("ak2:s2:all").unwrap();
        assert_eq!(l.get("ak2").unwrap().scope, SignScope::All);
        assert!(l.add_flag("ak3").is_err());
        assert!(l.add_flag("a-k:s").is_err());
        l.add_toml("[[lender]]\nappkey = \"ak4\"\nsecret = \"s4\"\nscope = \"all\"\n")
            .unwrap();
        assert_eq!(l.get("ak4").unwrap().secret.expose(), "s4");
        assert!(l.add_toml("[[lender]]\nappkey = \"ak5\"\n").is_err());
        assert!(
            !format!("{l:?}").contains("s4"),
            "secrets stay out of debug output"
        );
    }
}
