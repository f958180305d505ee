//! One nginx access-log line: the snippet's `loa-scans-1` format, or the common or
//! combined format. A line either parses whole or not at all: nothing is guessed.

use crate::content::shortlinks::{check_code, check_placement};
use crate::date::DateTime;

/// What `loa scans` keeps of a log line (personal fields reduced as they are read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The moment, Vietnam time (to the hour in the snippet's format).
    pub time: DateTime,
    /// Seconds past `time`'s minute (0 in the snippet's format).
    pub second: u32,
    /// GET, HEAD…; None when the format has none or the request line was not HTTP.
    pub method: Option<String>,
    /// The request target: path and query.
    pub target: String,
    pub status: u16,
    /// The client address, only in the common and combined formats; hashed at once by the caller.
    pub client: Option<String>,
    /// Whether the user agent (combined format) is a bot's.
    pub bot: bool,
}

impl Line {
    /// `YYYY-MM-DDTHH`, Vietnam time.
    pub fn hour(&self) -> String {
        format!("{}T{:02}", self.time.date, self.time.time.map_or(0, |t| t.0))
    }

    /// `YYYY-MM-DD`, Vietnam time.
    pub fn day(&self) -> String {
        self.time.date.to_string()
    }

    /// Seconds since 1970 on Vietnam's wall clock, for the repeat window.
    pub fn seconds(&self) -> i64 {
        self.time.vietnam_minutes() * 60 + i64::from(self.second)
    }
}

/// A scan: a request for a short link, with its placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub code: String,
    pub placement: Option<String>,
}

/// Parses a line in any of the three formats.
pub fn parse_line(raw: &str) -> Option<Line> {
    let raw = raw.trim_end_matches(['\r', '\n']);
    match raw.strip_prefix("loa-scans-1 ") {
        Some(rest) => parse_snippet(rest),
        None => parse_common(raw),
    }
}

/// `<YYYY-MM-DDTHH:00±HH:MM> <METHOD> "<target>" <status>`.
fn parse_snippet(rest: &str) -> Option<Line> {
    let (hour, rest) = rest.split_once(' ')?;
    let (method, rest) = rest.split_once(' ')?;
    let (target, rest) = quoted(rest)?;
    let status = parse_status(rest.strip_prefix(' ')?.trim_end())?;
    // The hour always carries its offset (`$time_iso8601`): without one the day is unknown.
    if hour.len() <= 16 || !hour.is_char_boundary(16) || !method_like(method) {
        return None;
    }
    let time = DateTime::parse_moment(hour).ok()?;
    Some(Line { time, second: 0, method: Some(method.into()), target, status, client: None, bot: false })
}

/// `<addr> <ident> <user> [dd/Mon/yyyy:HH:MM:SS ±hhmm] "<request>" <status> <bytes>`, then
/// optionally ` "<referrer>" "<user agent>"` (combined) and anything after (ignored).
fn parse_common(raw: &str) -> Option<Line> {
    let (client, rest) = raw.split_once(' ')?;
    let (_ident, rest) = rest.split_once(' ')?;
    let (_user, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (stamp, rest) = rest.split_once("] ")?;
    let (time, second) = parse_clf_time(stamp)?;
    let (request, rest) = quoted(rest)?;
    let mut parts = rest.strip_prefix(' ')?.splitn(3, ' ');
    let status = parse_status(parts.next()?)?;
    let bytes = parts.next()?;
    if !(bytes == "-" || (!bytes.is_empty() && bytes.bytes().all(|b| b.is_ascii_digit()))) {
        return None;
    }
    let bot = match parts.next() {
        None | Some("") => false,
        Some(after) => {
            let (_referrer, after) = quoted(after)?;
            let (agent, _) = quoted(after.strip_prefix(' ')?)?;
            is_bot(&agent)
        }
    };
    let mut words = request.split(' ');
    let (method, target) = match (words.next(), words.next()) {
        (Some(m), Some(t)) if method_like(m) => (Some(m.to_owned()), t.to_owned()),
        _ => (None, String::new()),
    };
    if client.is_empty() {
        return None;
    }
    Some(Line { time, second, method, target, status, client: Some(client.to_owned()), bot })
}

fn method_like(word: &str) -> bool {
    !word.is_empty() && word.len() <= 16 && word.bytes().all(|b| b.is_ascii_uppercase())
}

fn parse_status(word: &str) -> Option<u16> {
    (word.len() == 3 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten()
}

/// A double-quoted field (nginx writes `"` inside as `\x22`; a `\"` escape is skipped too):
/// its text and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some((body[..i].to_owned(), &body[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `05/Dec/2026:13:45:10 +0700` → the moment in Vietnam time and its seconds.
fn parse_clf_time(stamp: &str) -> Option<(DateTime, u32)> {
    let (local, zone) = stamp.split_once(' ')?;
    let (date, clock) = local.split_once(':')?;
    let mut date_parts = date.split('/');
    let (day, month, year) = (date_parts.next()?, date_parts.next()?, date_parts.next()?);
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let mut clock_parts = clock.split(':');
    let (hour, minute, second) = (clock_parts.next()?, clock_parts.next()?, clock_parts.next()?);
    let two =
        |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    let second = two(second)?;
    if second > 60 || date_parts.next().is_some() || clock_parts.next().is_some() {
        return None;
    }
    let (sign, offset) = zone.split_at_checked(1)?;
    if !matches!(sign, "+" | "-") || offset.len() != 4 || !offset.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let iso = format!("{year}-{month:02}-{day}T{hour}:{minute}{sign}{}:{}", &offset[..2], &offset[2..],);
    if year.len() != 4 || two(day).is_none() || two(hour).is_none() || two(minute).is_none() {
        return None;
    }
    let time = DateTime::parse_moment(&iso).ok()?;
    Some((time, second))
}

/// User agents of crawlers, link previews, monitors and scripts: not people scanning.
const BOT_MARKS: &[&str] = &[
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "preview",
    "monitor",
    "headless",
    "lighthouse",
    "curl/",
    "wget/",
    "python-",
    "python/",
    "go-http-client",
    "java/",
    "okhttp",
    "httpclient",
    "libwww",
    "scrapy",
];

/// Whether a user agent is a bot's (case-insensitive marks).
pub(super) fn is_bot(agent: &str) -> bool {
    let agent = agent.to_ascii_lowercase();
    BOT_MARKS.iter().any(|mark| agent.contains(mark))
}

/// The scan a line records: a successful GET of `…/q/<CODE>` or `…/q/<CODE>/`, with its
/// placement from `?n=` (case-insensitive; a value that is no placement slug counts as none).
pub fn scan_of(line: &Line) -> Option<Scan> {
    if line.status >= 400 || line.method.as_deref().is_some_and(|m| m != "GET") {
        return None;
    }
    let (path, query) = match line.target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (line.target.as_str(), None),
    };
    let path = path.strip_suffix('/').unwrap_or(path);
    let (rest, code) = path.rsplit_once('/')?;
    if !(rest.ends_with("/q") || rest.ends_with("/Q")) || check_code(code).is_err() {
        return None;
    }
    let placement =
        query.and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("n=").or_else(|| pair.strip_prefix("N="))));
    let placement = placement.map(str::to_ascii_lowercase).filter(|p| check_placement(p).is_ok());
    Some(Scan { code: code.to_ascii_uppercase(), placement })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_formats_parse_and_keep_nothing_personal_beyond_the_address() {
        let snippet = parse_line("loa-scans-1 2026-12-05T13:00+07:00 GET \"/q/STKT5/?n=cho-huyen\" 301").unwrap();
        assert_eq!((snippet.hour(), snippet.status, snippet.client.clone()), ("2026-12-05T13".into(), 301, None));
        assert_eq!(scan_of(&snippet), Some(Scan { code: "STKT5".into(), placement: Some("cho-huyen".into()) }));
        let common =
            parse_line("203.0.113.9 - - [05/Dec/2026:06:45:10 +0000] \"GET /thidua/q/stkt5 HTTP/1.1\" 200 512")
                .unwrap();
        assert_eq!(common.hour(), "2026-12-05T13", "converted to Vietnam time");
        assert_eq!(common.client.as_deref(), Some("203.0.113.9"));
        assert_eq!(scan_of(&common), Some(Scan { code: "STKT5".into(), placement: None }));
        let combined = parse_line(
            "::1 - - [05/Dec/2026:23:59:59 +0700] \"GET /q/AB3/?n=CHO HTTP/2.0\" 301 0 \"-\" \"Mozilla/5.0 (compatible; Googlebot/2.1)\"",
        )
        .unwrap();
        assert!(combined.bot);
        assert_eq!(combined.day(), "2026-12-05");
        assert_eq!(scan_of(&combined).unwrap().placement.as_deref(), Some("cho"));
    }

    #[test]
    fn broken_lines_do_not_parse_and_other_requests_are_no_scans() {
        for broken in [
            "",
            "loa-scans-1 2026-12-05T13:00+07:00 GET \"/q/STKT5/ 301",
            "loa-scans-1 yesterday GET \"/q/STKT5/\" 301",
            "1.2.3.4 - - [05/Dec/2026:13:45:10] \"GET /q/A/ HTTP/1.1\" 200 1",
            "1.2.3.4 - - [32/Foo/2026:13:45:10 +0700] \"GET /q/ABC/ HTTP/1.1\" 200 1",
            "1.2.3.4 - - [05/Dec/2026:13:45:10 +0700] \"GET /q/ABC/ HTTP/1.1\" 2000 1",
        ] {
            assert_eq!(parse_line(broken), None, "{broken:?}");
        }
        let line = |target: &str, status: u16| Line {
            time: DateTime::parse("2026-12-05T13:00").unwrap(),
            second: 0,
            method: Some("GET".into()),
            target: target.into(),
            status,
            client: None,
            bot: false,
        };
        assert_eq!(scan_of(&line("/q/ABC/qr.png", 200)), None);
        assert_eq!(scan_of(&line("/q/ABC/", 404)), None);
        assert_eq!(scan_of(&line("/van-ban/", 200)), None);
        assert_eq!(scan_of(&line("/q/A-B/", 200)), None);
        assert_eq!(scan_of(&line("/q/ABC/?n=Chợ", 200)).unwrap().placement, None);
    }

    fn clf(minutes: i64, offset: i64) -> String {
        let local = DateTime::from_vietnam_minutes(minutes - 7 * 60 + offset);
        let (hour, minute) = local.time.unwrap();
        let d = local.date;
        let sign = if offset < 0 { '-' } else { '+' };
        format!(
            "{:02}/{}/{}:{hour:02}:{minute:02}:07 {sign}{:02}{:02}",
            d.day.unwrap(),
            MONTHS[d.month.unwrap() as usize - 1],
            d.year,
            offset.abs() / 60,
            offset.abs() % 60
        )
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_not_without_panicking(raw in "\\PC{0,200}") {
            let _ = parse_line(&raw);
            let _ = parse_line(&format!("loa-scans-1 {raw}"));
            let _ = parse_line(&format!("1.2.3.4 - - [{raw}"));
        }

        #[test]
        fn a_combined_line_gives_back_its_moment_target_status_and_bot_mark(
            minutes in 20_000_000i64..40_000_000,
            offset in -720i64..=840,
            code in "[A-Z2-9]{3,12}",
            placement in proptest::option::of("[a-z0-9]{1,10}"),
            status in 100u16..600,
            agent in "[ -!#-\\[\\]-~]{0,60}",
            client in "[0-9a-f:.]{1,39}",
        ) {
            let target = match &placement {
                Some(p) => format!("/q/{code}/?n={p}"),
                None => format!("/q/{code}/"),
            };
            let raw = format!("{client} - - [{}] \"GET {target} HTTP/1.1\" {status} 123 \"https://x.vn/\" \"{agent}\"", clf(minutes, offset));
            let line = parse_line(&raw).expect(&raw);
            let vietnam = DateTime::from_vietnam_minutes(minutes);
            proptest::prop_assert_eq!(line.time, vietnam);
            proptest::prop_assert_eq!(line.second, 7);
            proptest::prop_assert_eq!(&line.target, &target);
            proptest::prop_assert_eq!(line.status, status);
            proptest::prop_assert_eq!(line.client.as_deref(), Some(client.as_str()));
            proptest::prop_assert_eq!(line.bot, is_bot(&agent));
            let scan = scan_of(&line);
            if status < 400 {
                proptest::prop_assert_eq!(scan, Some(Scan { code, placement }));
            } else {
                proptest::prop_assert_eq!(scan, None);
            }
        }

        #[test]
        fn a_snippet_line_keeps_no_client_and_its_hour(minutes in 20_000_000i64..40_000_000, status in 100u16..600, code in "[a-zA-Z2-9]{3,12}") {
            let vietnam = DateTime::from_vietnam_minutes(minutes - minutes % 60);
            let raw = format!("loa-scans-1 {vietnam}+07:00 GET \"/q/{code}\" {status}");
            let line = parse_line(&raw).expect(&raw);
            proptest::prop_assert_eq!(line.time, vietnam);
            proptest::prop_assert_eq!(&line.client, &None);
            proptest::prop_assert_eq!(scan_of(&line).is_some(), status < 400);
        }

        #[test]
        fn a_line_cut_short_never_parses(minutes in 20_000_000i64..40_000_000, cut in 1usize..60) {
            let raw = format!("10.0.0.1 - - [{}] \"GET /q/ABC/ HTTP/1.1\" 200 5", clf(minutes, 420));
            let cut = raw.len().saturating_sub(cut).max(1);
            // Cutting inside the byte count leaves a shorter valid count: only other cuts fail.
            if cut < raw.len() - 2 {
                proptest::prop_assert_eq!(parse_line(&raw[..cut]), None, "{}", &raw[..cut]);
            }
        }
    }
}
