//! The message catalog: every text a diagnostic shows, in Vietnamese (`locales/vi/loa.ftl`)
//! and English (`locales/en/loa.ftl`), as Project Fluent messages. A message is built with
//! [`msg!`](crate::msg) from its id and named arguments, and rendered when it is printed, in
//! the language the command line chose ([`set_language`]). Field names and values are
//! arguments, so they stay as the staff wrote them in either language.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The Vietnamese catalog, the default language of every command.
pub const VI: &str = include_str!("../../locales/vi/loa.ftl");
/// The English catalog, chosen with `--lang en` or an English `LANG`.
pub const EN: &str = include_str!("../../locales/en/loa.ftl");

/// A language diagnostics are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// The language named by `--lang` or a locale variable (`vi`, `en_US.UTF-8`…); None for
    /// any other.
    pub fn parse(name: &str) -> Option<Lang> {
        let lower = name.trim().to_ascii_lowercase();
        if lower.starts_with("en") {
            Some(Lang::En)
        } else if lower.starts_with("vi") {
            Some(Lang::Vi)
        } else {
            None
        }
    }

    /// The language a command speaks when `--lang` is not given: English when `LC_ALL`,
    /// `LC_MESSAGES` or `LANG` (the first one set, as POSIX orders them) starts with `en`,
    /// Vietnamese otherwise, because the staff who read the messages are Vietnamese.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        let first = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(|name| var(name).filter(|v| !v.is_empty()));
        match first {
            Some(value) if value.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

/// The language `Display` renders messages in. The library's default is English (what the
/// code's tests read); the binary sets the user's language once at start.
static LANGUAGE: AtomicU8 = AtomicU8::new(1);

/// Chooses the language every message is shown in from now on. Only the command line
/// (main.rs) calls this.
pub fn set_language(lang: Lang) {
    LANGUAGE.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are shown in.
pub fn language() -> Lang {
    if LANGUAGE.load(Ordering::Relaxed) == Lang::Vi as u8 { Lang::Vi } else { Lang::En }
}

/// A message for staff: a catalog id with its arguments. There is no conversion from a
/// `String` or `&str`, so a text built earlier cannot become a message unless it is one.
///
/// A message is written `msg!("field-unknown", key = key)`, and the same id goes into both
/// `locales/*/loa.ftl` (`field-unknown = unknown field `{ $key }``, and its Vietnamese text).
/// Arguments are written as `name = expression` or just `name` for a variable of that name:
/// a `Text` argument (a piece of prose: "this document", "and 3 more") is rendered in the
/// message's language, any other `Display` value as written. `tests/it/messages.rs` fails on
/// ids or placeables missing from one language and on prose passed as a plain argument.
///
/// It reads as its English text (`Deref<Target = str>`), so code and tests that look into a
/// message (`contains`, `starts_with`) work in every language the binary prints.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Box<Inner>);

/// Boxed so that a `Diagnostic` (and the errors that carry a `Text`) stays small.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Inner {
    english: String,
    id: Option<&'static str>,
    args: Vec<(&'static str, Arg)>,
}

/// A message argument: a value shown as written (a field name, a date, a count), or a
/// nested catalog text (a format's name, "and 3 more") rendered in the language its
/// message is shown in, so the English copy of a message never holds Vietnamese pieces.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Plain(String),
    Text(Text),
    /// Pieces shown one after the other, separated by ", " (nothing for none).
    List(Vec<Arg>),
}

impl From<Text> for Arg {
    fn from(text: Text) -> Arg {
        Arg::Text(text)
    }
}

impl Arg {
    fn in_lang(&self, lang: Lang) -> String {
        match self {
            Arg::Plain(value) => value.clone(),
            Arg::Text(text) => text.in_lang(lang),
            Arg::List(items) => items.iter().map(|item| item.in_lang(lang)).collect::<Vec<_>>().join(", "),
        }
    }
}

/// How `msg!` turns an argument into an [`Arg`]: a `Text` or `&Text` stays a text, an
/// `Option<Text>` is that text or nothing, a `Vec<Arg>` a list ([`ArgFromText`]); any other
/// `Display` value is shown as written ([`ArgFromDisplay`]). Method lookup tries the by-value
/// impl before the auto-referenced one, which picks the first when it applies.
#[doc(hidden)]
pub struct ArgOf<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait ArgFromText {
    fn arg(&self) -> Arg;
}

impl ArgFromText for ArgOf<'_, Text> {
    fn arg(&self) -> Arg {
        Arg::Text(self.0.clone())
    }
}

impl ArgFromText for ArgOf<'_, &Text> {
    fn arg(&self) -> Arg {
        Arg::Text((*self.0).clone())
    }
}

impl ArgFromText for ArgOf<'_, Option<Text>> {
    fn arg(&self) -> Arg {
        Arg::List(self.0.iter().cloned().map(Arg::Text).collect())
    }
}

impl ArgFromText for ArgOf<'_, Arg> {
    fn arg(&self) -> Arg {
        self.0.clone()
    }
}

impl ArgFromText for ArgOf<'_, Vec<Arg>> {
    fn arg(&self) -> Arg {
        Arg::List(self.0.clone())
    }
}

#[doc(hidden)]
pub trait ArgFromDisplay {
    fn arg(&self) -> Arg;
}

impl<T: fmt::Display + ?Sized> ArgFromDisplay for &ArgOf<'_, T> {
    fn arg(&self) -> Arg {
        Arg::Plain(self.0.to_string())
    }
}

impl Text {
    /// The message `id` of the catalog with `args` (name, value).
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Text {
        let english = format(Lang::En, id, &args);
        Text(Box::new(Inner { english, id: Some(id), args }))
    }

    /// A text shown as written in every language. Only tests use it: a message for staff is a
    /// catalog `msg!` (tests/it/messages.rs refuses this call in `src/`).
    pub fn untranslated(text: impl Into<String>) -> Text {
        Text(Box::new(Inner { english: text.into(), id: None, args: Vec::new() }))
    }

    /// The catalog id, a stable code for tools (`loa check --format json`); None for an
    /// untranslated text.
    pub fn id(&self) -> Option<&'static str> {
        self.0.id
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        match (self.0.id, lang) {
            (Some(id), Lang::Vi) => format(Lang::Vi, id, &self.0.args),
            _ => self.0.english.clone(),
        }
    }

    /// The English text.
    pub fn as_str(&self) -> &str {
        &self.0.english
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.english
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match language() {
            Lang::En => f.write_str(&self.0.english),
            lang => f.write_str(&self.in_lang(lang)),
        }
    }
}

/// A `Text` can be the message of an `io::Error` (a refused file), shown in the chosen
/// language like any diagnostic.
impl std::error::Error for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0.english, f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Debug for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Plain(value) => fmt::Debug::fmt(value, f),
            Arg::Text(text) => fmt::Debug::fmt(text, f),
            Arg::List(items) => fmt::Debug::fmt(items, f),
        }
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0.english == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0.english == *other
    }
}

/// Builds a catalog [`Text`](crate::diag::Text): `msg!("id", name = value, other)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::diag::Text::new($id, vec![$((stringify!($name), $crate::msg!(@value $name $(= $value)?))),*])
    };
    (@value $name:ident = $value:expr) => {{
        #[allow(unused_imports)]
        use $crate::diag::{ArgFromDisplay as _, ArgFromText as _};
        (&$crate::diag::ArgOf(&$value)).arg()
    }};
    (@value $name:ident) => { $crate::msg!(@value $name = $name) };
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static VI_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, source, tag) = match lang {
        Lang::Vi => (&VI_BUNDLE, VI, "vi"),
        Lang::En => (&EN_BUNDLE, EN, "en"),
    };
    cell.get_or_init(|| {
        // A catalog that does not parse fails tests/it/messages.rs; here the messages that
        // did parse are still used.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
        let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("language tag")]);
        // Isolation marks around arguments would reach terminals and JSON as invisible
        // characters.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// Renders `id` in `lang`. An id missing from the catalog shows as the id and its arguments,
/// so nothing is lost (tests/it/messages.rs keeps the catalogs complete).
fn format(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        let shown: Vec<String> = args.iter().map(|(k, v)| format!("{k}={}", v.in_lang(lang))).collect();
        return format!("{id} {}", shown.join(" "));
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, argument(&value.in_lang(lang)));
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// A whole number is passed as a number (so plural forms can select on it) only when it
/// prints back the same: "05" or "1.0" stay text.
fn argument(value: &str) -> FluentValue<'static> {
    match value.parse::<i64>() {
        Ok(number) if number.to_string() == value => FluentValue::from(number),
        _ => FluentValue::from(value.to_string()),
    }
}

/// Every message id of a catalog's source, for the completeness test.
pub fn ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let starts = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            (starts && !line.starts_with(' ') && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .then(|| id.to_string())
        })
        .collect()
}

/// Whether `source` parses as Fluent without errors (a list of them otherwise).
pub fn parse_errors(source: &str) -> Vec<String> {
    match FluentResource::try_new(source.to_string()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// Unit tests build diagnostics from literals; the library itself cannot (a message for staff
/// is a catalog `msg!`), so these conversions exist only in test builds.
#[cfg(test)]
mod literals {
    use super::Text;

    impl From<&str> for Text {
        fn from(text: &str) -> Text {
            Text::untranslated(text)
        }
    }

    impl From<String> for Text {
        fn from(text: String) -> Text {
            Text::untranslated(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_english_only_when_the_locale_says_so() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_env(env(&[])), Lang::Vi);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::from_env(env(&[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "en_US")])), Lang::Vi);
        assert_eq!(Lang::from_env(env(&[("LC_MESSAGES", "en_GB"), ("LANG", "vi_VN")])), Lang::En);
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn whole_numbers_select_plurals_and_other_digits_stay_text() {
        assert!(matches!(argument("3"), FluentValue::Number(_)));
        assert!(matches!(argument("05"), FluentValue::String(_)));
        assert!(matches!(argument("1.0"), FluentValue::String(_)));
    }
}
