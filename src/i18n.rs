//! Languages and UI strings. The theme ships one file of strings per language
//! (`themes/default/i18n/vi.yaml`, `en.yaml`); a portal overrides any of them key by key with
//! its own `i18n/<lang>.yaml`. Templates read them as `t.<key>`, views through `Strings`.
//! Content translations (`index.en.md`) are loaded by `content::load`; this module only
//! knows codes and strings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::date::{DateTime, PartialDate};
use crate::diag::{Diagnostic, Position};
use crate::text;

/// The language every original content file is written in, the first of `languages`.
pub(crate) const DEFAULT_LANGUAGE: &str = "vi";

/// ISO 639-1 codes: what `languages` accepts, and which `.xx.md` suffixes are read as a
/// language (a file named `bao-cao.v2.md` is not a translation).
pub(crate) const LANGUAGE_CODES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo",
    "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo",
    "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi",
    "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
    "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn",
    "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur",
    "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

pub(crate) fn is_language_code(code: &str) -> bool {
    LANGUAGE_CODES.binary_search(&code).is_ok()
}

/// The UI strings of one language, complete (every key of the default language's set).
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub lang: String,
    map: BTreeMap<String, String>,
    /// Month names for dates ("25 June 2024"); empty for Vietnamese, which has its own forms.
    months: Vec<String>,
}

impl Strings {
    /// A set with no strings (every key shows as itself).
    pub fn empty(lang: &str) -> Strings {
        Strings { lang: lang.to_owned(), ..Strings::default() }
    }

    /// The string of `key` (the key itself if absent: `load` refuses incomplete sets, so this
    /// only happens for a key the theme does not ship).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string of `key`, if the set has it.
    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// An optional key (`site_title`): None when the language file does not set it.
    pub fn optional(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str).filter(|s| !s.is_empty())
    }

    /// The string of `key` with `{name}` placeholders filled: "Từ {start} đến {end}".
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    pub fn is_default(&self) -> bool {
        self.lang == DEFAULT_LANGUAGE
    }

    /// A date as this language writes it: "ngày 25 tháng 6 năm 2024", "25 June 2024".
    pub fn date(&self, date: &PartialDate) -> String {
        if self.is_default() {
            text::vi_date(date)
        } else if self.months.len() == 12 {
            text::date_with_months(date, &self.months)
        } else {
            text::en_date(date)
        }
    }

    /// A deadline with its optional time.
    pub fn datetime(&self, value: &DateTime) -> String {
        if self.is_default() {
            return text::vi_datetime(value);
        }
        match value.time {
            Some((hour, minute)) => format!("{hour:02}:{minute:02}, {}", self.date(&value.date)),
            None => self.date(&value.date),
        }
    }

    /// Every string, for templates (`t.<key>`).
    pub fn to_value(&self) -> Value {
        let mut map: serde_json::Map<String, Value> =
            self.map.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        map.insert("lang".into(), Value::String(self.lang.clone()));
        Value::Object(map)
    }
}

/// One language file as read: its strings, month names and where it came from.
struct LanguageFile {
    strings: BTreeMap<String, String>,
    months: Vec<String>,
    origin: PathBuf,
}

/// One file of UI strings and where it came from (for error messages).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layer<'a> {
    pub origin: &'a Path,
    pub bytes: &'a [u8],
}

/// Reads the UI strings of every configured language. `layers(lang)` gives a language's files
/// in order, from the built-in theme to the portal's own `i18n/<lang>.yaml`, each overriding
/// the keys it sets, or None when no file has the language (the theme gathers them; this
/// module only reads bytes). A key of the default language's set missing from another
/// language is an error naming that language's file and the key: a page half in one
/// language and half in another is not published.
pub(crate) fn load<'a>(
    languages: &[String],
    layers: impl Fn(&str) -> Option<Vec<Layer<'a>>>,
) -> Result<Vec<Strings>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut read = |lang: &str| -> Option<LanguageFile> {
        let diagnostics = &mut problems;
        let layers = layers(lang)?;
        let mut merged = LanguageFile { strings: BTreeMap::new(), months: Vec::new(), origin: PathBuf::new() };
        for file in layers {
            merged.origin = file.origin.to_path_buf();
            let limit = crate::config::MAX_SETTINGS_BYTES;
            if file.bytes.len() as u64 > limit {
                let error = crate::content::load::ReadError::TooLarge(file.bytes.len() as u64);
                diagnostics.push(error.diagnostic(file.origin, limit, crate::msg!("i18n-too-large-hint")));
                continue;
            }
            let Ok(text) = std::str::from_utf8(file.bytes) else {
                diagnostics.push(Diagnostic::error(file.origin, Position::new(1, 1), crate::msg!("file-not-utf8")));
                continue;
            };
            let text = text.replace("\r\n", "\n");
            let value = match crate::yaml::parse_yaml(text.trim_start_matches('\u{feff}'), 1) {
                Ok(value) => value,
                Err(e) => {
                    diagnostics.push(Diagnostic::error(file.origin, e.position, e.message).with_hint(e.hint));
                    continue;
                }
            };
            let locator = crate::yaml::Locator::new(&text, 1);
            let Value::Object(map) = value else {
                diagnostics.push(
                    Diagnostic::error(file.origin, Position::new(1, 1), crate::msg!("i18n-not-a-map"))
                        .with_hint(crate::msg!("i18n-not-a-map-hint")),
                );
                continue;
            };
            for (key, value) in map {
                let position = || locator.key_position(&[crate::yaml::Segment::Key(key.clone())]);
                match value {
                    Value::String(s) => {
                        merged.strings.insert(key, text::nfc(&s));
                    }
                    Value::Number(n) => {
                        merged.strings.insert(key, n.to_string());
                    }
                    Value::Array(items) if key == "months" => {
                        merged.months = items.iter().filter_map(|v| v.as_str().map(text::nfc)).collect();
                        if merged.months.len() != 12 {
                            diagnostics.push(
                                Diagnostic::error(file.origin, position(), crate::msg!("i18n-months"))
                                    .with_hint(crate::msg!("i18n-months-hint")),
                            );
                        }
                    }
                    _ => diagnostics.push(
                        Diagnostic::error(file.origin, position(), crate::msg!("i18n-not-text", key))
                            .with_hint(crate::msg!("field-not-text-hint", key)),
                    ),
                }
            }
        }
        Some(merged)
    };
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for lang in languages {
        match read(lang) {
            Some(file) => files.push((lang.clone(), file)),
            None => missing.push(
                Diagnostic::error("site.yaml", Position::new(1, 1), crate::msg!("i18n-missing-language", lang))
                    .with_hint(crate::msg!("i18n-missing-language-hint", lang)),
            ),
        }
    }
    let mut diagnostics = problems;
    diagnostics.extend(missing);
    if let Some((_, reference)) = files.iter().find(|(lang, _)| lang == DEFAULT_LANGUAGE) {
        let keys: Vec<String> = reference.strings.keys().cloned().collect();
        for (lang, file) in &files {
            for key in keys.iter().filter(|k| !file.strings.contains_key(*k)) {
                diagnostics.push(
                    Diagnostic::error(&file.origin, Position::new(1, 1), crate::msg!("i18n-missing-key", key))
                        .with_hint(crate::msg!("i18n-missing-key-hint", key, lang)),
                );
            }
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(files.into_iter().map(|(lang, file)| Strings { lang, map: file.strings, months: file.months }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_for_binary_search() {
        assert!(LANGUAGE_CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(is_language_code("en") && is_language_code("vi") && !is_language_code("v2"));
    }

    #[test]
    fn placeholders_are_filled() {
        let mut strings = Strings { lang: "en".into(), ..Strings::default() };
        strings.map.insert("period".into(), "From {start} to {end}".into());
        assert_eq!(strings.fill("period", &[("start", "1 May"), ("end", "2 June")]), "From 1 May to 2 June");
        assert_eq!(strings.date(&PartialDate::full(2024, 6, 25)), "25 June 2024");
    }
}
