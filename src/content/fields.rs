//! Typed reading of front-matter fields, collecting every problem with its position.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Map, Value};

use crate::date::{DateTime, PartialDate};
use crate::diag::{Diagnostic, Position, did_you_mean};
use crate::text;
use crate::yaml::{Locator, Segment};

/// A value paired with where it was written, for errors found after loading (unknown refs).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Spanned<T> {
    pub value: T,
    #[serde(skip)]
    pub position: Position,
}

/// A reference to another content file by its slug.
pub type Ref = Spanned<String>;

/// Reads the fields of one YAML mapping (the front matter or an item inside it).
pub struct Fields<'a> {
    map: Map<String, Value>,
    locator: &'a Locator,
    path: Vec<Segment>,
    file: &'a Path,
    known: &'static [&'static str],
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// Starts reading a mapping; reports an error and reads nothing if `value` is not one.
    pub fn new(
        value: Value,
        locator: &'a Locator,
        path: Vec<Segment>,
        file: &'a Path,
        known: &'static [&'static str],
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        let map = match value {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            other => {
                diagnostics.push(Diagnostic::error(
                    file,
                    locator.position(&path),
                    crate::msg!("fields-not-a-group", found = describe(&other)),
                ));
                Map::new()
            }
        };
        let mut fields = Fields { map, locator, path, file, known, diagnostics };
        fields.report_unknown_keys();
        fields
    }

    /// Reads only the `known` fields of a mapping that may hold others (an attached file's
    /// front matter): nothing is reported about the rest, or about a value that is no mapping.
    pub fn subset(
        value: Value,
        locator: &'a Locator,
        file: &'a Path,
        known: &'static [&'static str],
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        let map = match value {
            Value::Object(map) => map.into_iter().filter(|(key, _)| known.contains(&key.as_str())).collect(),
            _ => Map::new(),
        };
        Fields { map, locator, path: Vec::new(), file, known, diagnostics }
    }

    fn report_unknown_keys(&mut self) {
        let unknown: Vec<String> = self.map.keys().filter(|k| !self.known.contains(&k.as_str())).cloned().collect();
        for key in unknown {
            let mut path = self.path.clone();
            path.push(Segment::Key(key.clone()));
            let position = self.locator.key_position(&path);
            let mut diagnostic = Diagnostic::error(self.file, position, crate::msg!("field-unknown", key));
            diagnostic = match did_you_mean(&key, self.known.iter().copied()) {
                Some(suggestion) => diagnostic.with_hint(crate::msg!("hint-did-you-mean", suggestion)),
                None => diagnostic.with_hint(crate::msg!("field-unknown-hint", known = self.known.join(", "))),
            };
            self.diagnostics.push(diagnostic);
        }
    }

    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// The position of a key's value in the file.
    pub fn key_position(&self, key: &str) -> Position {
        let mut path = self.path.clone();
        path.push(Segment::Key(key.to_owned()));
        self.locator.position(&path)
    }

    fn item_position(&self, key: &str, index: usize) -> Position {
        let mut path = self.path.clone();
        path.push(Segment::Key(key.to_owned()));
        path.push(Segment::Index(index));
        self.locator.position(&path)
    }

    pub fn error(&mut self, key: &str, message: impl Into<crate::diag::Text>, hint: impl Into<crate::diag::Text>) {
        let diagnostic = Diagnostic::error(self.file, self.key_position(key), message).with_hint(hint);
        self.diagnostics.push(diagnostic);
    }

    pub fn warning(&mut self, key: &str, message: impl Into<crate::diag::Text>, hint: impl Into<crate::diag::Text>) {
        let diagnostic = Diagnostic::warning(self.file, self.key_position(key), message).with_hint(hint);
        self.diagnostics.push(diagnostic);
    }

    /// Whether `key` is written with no value: `key:`, `key: ~`, `key: null` or `key: ""`.
    pub fn is_empty(&self, key: &str) -> bool {
        match self.map.get(key) {
            Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            _ => false,
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.get(key).is_some_and(|v| !v.is_null())
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        debug_assert!(self.known.contains(&key), "field `{key}` missing from the known list");
        self.map.remove(key).filter(|v| !v.is_null())
    }

    /// A text field, NFC-normalized and trimmed. Numbers are accepted as their text.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let value = self.take(key)?;
        self.value_text(value, None, key)
    }

    /// The text of a value; `index` is its place in a list, for the error position (only
    /// worked out when there is an error: locating keys is the costly part of loading).
    fn value_text(&mut self, value: Value, index: Option<usize>, key: &str) -> Option<String> {
        match value {
            Value::String(s) => {
                let s = text::nfc(s.trim());
                (!s.is_empty()).then_some(s)
            }
            Value::Number(n) => Some(n.to_string()),
            other => {
                let position = match index {
                    Some(index) => self.item_position(key, index),
                    None => self.key_position(key),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        self.file,
                        position,
                        crate::msg!("field-not-text", key, found = describe(&other)),
                    )
                    .with_hint(crate::msg!("field-not-text-hint", key)),
                );
                None
            }
        }
    }

    /// A required text field: reports its absence.
    pub fn required_text(&mut self, key: &str, example: &str) -> Option<String> {
        let value = self.text(key);
        if value.is_none() {
            let position = self.locator.position(&self.path);
            self.diagnostics.push(
                Diagnostic::error(self.file, position, crate::msg!("field-required", key)).with_hint(crate::msg!(
                    "field-required-hint",
                    key,
                    example
                )),
            );
        }
        value
    }

    /// A phone number. YAML reads `0942200232` as a number and drops the leading 0, so an
    /// unquoted number is refused rather than silently published wrong.
    pub fn phone(&mut self, key: &str) -> Option<String> {
        if let Some(Value::Number(n)) = self.map.get(key) {
            let written = n.to_string();
            self.error(
                key,
                crate::msg!("phone-read-as-number", written),
                crate::msg!("phone-read-as-number-hint", key),
            );
            self.map.remove(key);
            return None;
        }
        let phone = self.text(key)?;
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone.chars().all(|c| c.is_ascii_digit() || " .-()+".contains(c));
        if !allowed || !(8..=15).contains(&digits) {
            self.error(key, crate::msg!("phone-invalid", phone), crate::msg!("phone-invalid-hint"));
            return None;
        }
        Some(phone)
    }

    /// An e-mail address, checked for the shape `name@domain.tld`.
    pub fn email(&mut self, key: &str) -> Option<String> {
        let email = self.text(key)?;
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
                && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        });
        if !valid {
            self.error(key, crate::msg!("email-invalid", email), crate::msg!("email-invalid-hint"));
            return None;
        }
        Some(email)
    }

    pub fn bool(&mut self, key: &str) -> bool {
        match self.take(key) {
            None => false,
            Some(Value::Bool(b)) => b,
            Some(other) => {
                self.error(
                    key,
                    crate::msg!("field-not-bool", key, found = describe(&other)),
                    crate::msg!("field-not-bool-hint", key),
                );
                false
            }
        }
    }

    /// A date written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn date(&mut self, key: &str) -> Option<Spanned<PartialDate>> {
        let text = self.text(key)?;
        let position = self.key_position(key);
        match PartialDate::parse(&text) {
            Ok(value) => Some(Spanned { value, position }),
            Err(error) => {
                self.diagnostics.push(
                    Diagnostic::error(self.file, position, crate::msg!("date-impossible", key, problem = error.0))
                        .with_hint(crate::msg!("date-impossible-hint")),
                );
                None
            }
        }
    }

    /// A date with an optional time, `2023-05-20T17:00` (Vietnam time).
    pub fn datetime(&mut self, key: &str) -> Option<Spanned<DateTime>> {
        let text = self.text(key)?;
        let position = self.key_position(key);
        match DateTime::parse(&text) {
            Ok(value) => Some(Spanned { value, position }),
            Err(error) => {
                self.diagnostics.push(
                    Diagnostic::error(self.file, position, crate::msg!("date-impossible", key, problem = error.0))
                        .with_hint(crate::msg!("datetime-impossible-hint")),
                );
                None
            }
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(value) = self.take(key) else { return Vec::new() };
        match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .filter_map(|(index, item)| {
                    let value = self.value_text(item, Some(index), key)?;
                    Some(Spanned { value, position: self.item_position(key, index) })
                })
                .collect(),
            single => match self.value_text(single, None, key) {
                Some(value) => vec![Spanned { value, position: self.key_position(key) }],
                None => Vec::new(),
            },
        }
    }

    /// A list of refs to other files by slug.
    pub fn refs(&mut self, key: &str) -> Vec<Ref> {
        self.text_list(key)
    }

    pub fn one_ref(&mut self, key: &str) -> Option<Ref> {
        let value = self.text(key)?;
        Some(Spanned { value, position: self.key_position(key) })
    }

    /// A list of mappings, each read by `read_item` with its own known fields.
    pub fn items<T>(
        &mut self,
        key: &str,
        known: &'static [&'static str],
        mut read_item: impl FnMut(&mut Fields<'_>) -> Option<T>,
    ) -> Vec<T> {
        let Some(value) = self.take(key) else { return Vec::new() };
        let Value::Array(items) = value else {
            self.error(key, crate::msg!("field-not-list", key), crate::msg!("field-not-list-hint", key));
            return Vec::new();
        };
        let mut results = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let mut path = self.path.clone();
            path.push(Segment::Key(key.to_owned()));
            path.push(Segment::Index(index));
            let mut item_fields = Fields::new(item, self.locator, path, self.file, known, self.diagnostics);
            if let Some(result) = read_item(&mut item_fields) {
                results.push(result);
            }
        }
        results
    }

    /// Refs or mappings, or a list mixing them: `key: slug`, `key: {number: …}` or
    /// `key: [slug, {number: …}]`. Each mapping is read by `read_item` with its own fields.
    pub fn refs_or_items<T>(
        &mut self,
        key: &str,
        known: &'static [&'static str],
        mut read_item: impl FnMut(&mut Fields<'_>) -> Option<T>,
    ) -> Vec<Result<Ref, T>> {
        let Some(value) = self.take(key) else { return Vec::new() };
        let (items, listed) = match value {
            Value::Array(items) => (items, true),
            single => (vec![single], false),
        };
        let mut results = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let mut path = self.path.clone();
            path.push(Segment::Key(key.to_owned()));
            if listed {
                path.push(Segment::Index(index));
            }
            if let Value::Object(_) = item {
                let mut item_fields = Fields::new(item, self.locator, path, self.file, known, self.diagnostics);
                results.extend(read_item(&mut item_fields).map(Err));
            } else if let Some(value) = self.value_text(item, listed.then_some(index), key) {
                results.push(Ok(Spanned { value, position: self.locator.position(&path) }));
            }
        }
        results
    }

    /// Whether `key` is a list holding at least one mapping (else a list of texts).
    pub fn items_or_texts(&self, key: &str) -> bool {
        matches!(self.map.get(key), Some(Value::Array(items)) if items.iter().any(Value::is_object))
    }

    /// A nested mapping read by `read`.
    pub fn group<T>(
        &mut self,
        key: &str,
        known: &'static [&'static str],
        read: impl FnOnce(&mut Fields<'_>) -> T,
    ) -> Option<T> {
        let value = self.take(key)?;
        let mut path = self.path.clone();
        path.push(Segment::Key(key.to_owned()));
        let mut group = Fields::new(value, self.locator, path, self.file, known, self.diagnostics);
        Some(read(&mut group))
    }

    /// One of a fixed set of values, with a did-you-mean for typos.
    pub fn choice(&mut self, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        let value = self.text(key)?;
        let wanted = text::slugify(&value);
        if let Some(found) = allowed.iter().find(|a| **a == wanted) {
            return Some(found);
        }
        let hint = match did_you_mean(&value, allowed.iter().copied()) {
            Some(suggestion) => crate::msg!("choice-did-you-mean", suggestion, allowed = allowed.join(", ")),
            None => crate::msg!("choice-allowed", allowed = allowed.join(", ")),
        };
        self.error(key, crate::msg!("choice-invalid", value, key), hint);
        None
    }

    /// Keys present in the mapping, for checks that look at the whole set.
    pub fn keys(&self) -> BTreeSet<String> {
        self.map.keys().cloned().collect()
    }
}

/// What a value is, for messages; rendered in the language of the message it goes into.
fn describe(value: &Value) -> crate::diag::Text {
    match value {
        Value::Null => crate::msg!("value-nothing"),
        Value::Bool(b) => crate::msg!("value-bool", value = b),
        Value::Number(n) => crate::msg!("value-number", value = n),
        Value::String(s) => crate::msg!("value-text", value = s),
        Value::Array(_) => crate::msg!("value-list"),
        Value::Object(_) => crate::msg!("value-group"),
    }
}
