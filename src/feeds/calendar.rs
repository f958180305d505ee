//! iCalendar (RFC 5545) files: a campaign's phases and deadlines, one directive's deadlines,
//! and the whole portal's. Dates without a time are all-day events (`VALUE=DATE`, end
//! exclusive); deadlines with a time are Vietnam time (UTC+7), written in UTC so no
//! VTIMEZONE is needed. Lines end in CRLF and fold at 75 octets, never inside a character.

use crate::date::{DateTime, PartialDate};

/// One calendar event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across builds: the same event keeps its UID.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub url: String,
    pub when: When,
    /// The event no longer applies (its directive was withdrawn): written with
    /// `STATUS:CANCELLED` and a higher `SEQUENCE` under the same UID, so calendar apps that
    /// imported or subscribed to it remove it.
    pub cancelled: bool,
    /// The event's revision (`SEQUENCE`): 0 as first published, one more for each change
    /// under the same UID (a deadline moved by an extension, a cancellation).
    pub sequence: u32,
    /// The extensions (gia hạn) that moved a deadline, oldest first; empty for other events.
    pub extended: Vec<Moved>,
}

/// One extension of a deadline, as the API lists it beside the event.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Moved {
    /// The date before this extension (`YYYY-MM-DD`, or with `THH:MM`).
    pub was: String,
    /// The date this extension set.
    pub now: String,
    /// The extending directive's slug.
    pub by: String,
}

#[derive(Debug, Clone, Copy)]
pub enum When {
    /// All-day from `start` to `end` inclusive.
    Days { start: PartialDate, end: PartialDate },
    /// A moment in Vietnam time.
    At(DateTime),
}

/// A whole `.ics` file. `stamp` is the build date (DTSTAMP), so builds are reproducible.
pub fn calendar(name: &str, events: &[Event], stamp: PartialDate) -> String {
    // One buffer for the whole file: the portal's calendar has an event per campaign and per
    // deadline, tens of thousands of lines.
    let mut out = String::with_capacity(256 + events.len() * 320);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//loa//Cong thong tin thi dua//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("X-WR-CALNAME:{}", escape(name)),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ] {
        fold_into(&mut out, line);
    }
    let stamp = format!("DTSTAMP:{}T000000Z", compact(&stamp.first_day()));
    for event in events {
        fold_into(&mut out, "BEGIN:VEVENT");
        fold_into(&mut out, &format!("UID:{}", escape(&event.uid)));
        fold_into(&mut out, &stamp);
        match event.when {
            When::Days { start, end } => {
                fold_into(&mut out, &format!("DTSTART;VALUE=DATE:{}", compact(&start.first_day())));
                let after = PartialDate::from_days_since_epoch(end.last_day().days_since_epoch() + 1);
                fold_into(&mut out, &format!("DTEND;VALUE=DATE:{}", compact(&after)));
            }
            // A moment: no DTEND, which RFC 5545 §3.6.1 reads as an instant (DTEND may not
            // equal DTSTART).
            When::At(moment) => fold_into(&mut out, &format!("DTSTART:{}", to_utc(moment))),
        }
        fold_into(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            fold_into(&mut out, &format!("DESCRIPTION:{}", escape(&event.description)));
        }
        fold_into(&mut out, &format!("URL:{}", escape_uri(&event.url)));
        // An event is published at SEQUENCE 0 (the default); each later change raises it, so
        // calendar apps replace what they imported under the same UID.
        if event.sequence > 0 {
            fold_into(&mut out, &format!("SEQUENCE:{}", event.sequence));
        }
        if event.cancelled {
            fold_into(&mut out, "STATUS:CANCELLED");
        }
        fold_into(&mut out, "TRANSP:TRANSPARENT");
        fold_into(&mut out, "END:VEVENT");
    }
    fold_into(&mut out, "END:VCALENDAR");
    out
}

fn compact(date: &PartialDate) -> String {
    date.to_string().replace('-', "")
}

/// `2023-05-20T17:00` in Vietnam → `20230520T100000Z`.
fn to_utc(moment: DateTime) -> String {
    let (hour, minute) = moment.time.unwrap_or((0, 0));
    let minutes = moment.date.days_since_epoch() * 1440 + i64::from(hour) * 60 + i64::from(minute) - 7 * 60;
    let day = PartialDate::from_days_since_epoch(minutes.div_euclid(1440));
    let rest = minutes.rem_euclid(1440);
    format!("{}T{:02}{:02}00Z", compact(&day), rest / 60, rest % 60)
}

/// TEXT escaping of RFC 5545 §3.3.11, also the TEXT of vCards (RFC 6350 §3.4): a line
/// break of any kind (CRLF, a lone CR or LF) becomes `\n`, so no field can start a line of
/// its own; other control characters (which TEXT does not allow) are dropped, tabs kept.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\\', ';', ',']) && !text.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A URI value (the `URL:` lines of .ics and .vcf files): characters a URI may not hold
/// (controls, space, `"`, `<`, `>`, `\`, `^`, backquote, `{`, `|`, `}`, non-ASCII) are
/// percent-encoded, so the value stays one token on its line. Already-encoded `%XX` and the
/// URI's own delimiters are kept.
pub fn escape_uri(uri: &str) -> std::borrow::Cow<'_, str> {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const NOT_IN_URI: &AsciiSet =
        &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'\\').add(b'^').add(b'`').add(b'{').add(b'|').add(b'}');
    utf8_percent_encode(uri, NOT_IN_URI).into()
}

/// Content lines of a vCard or iCalendar file from text with one property per line: each
/// line folded at 75 octets and ended in CRLF, as RFC 5545 §3.1 and RFC 6350 §3.2 ask.
pub fn content_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.lines() {
        fold_into(&mut out, line);
    }
    out
}

/// Folds a content line at 75 octets (continuations start with a space) and ends it in CRLF.
#[cfg(test)]
fn fold(line: &str) -> String {
    let mut out = String::new();
    fold_into(&mut out, line);
    out
}

/// Appends `line` to `out`, folded at 75 octets and ended in CRLF.
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_at_75_octets_without_splitting_characters() {
        let folded = fold(&format!("SUMMARY:{}", "Hội thi Sáng tạo kỹ thuật ".repeat(6)));
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(folded.ends_with("\r\n"));
    }

    #[test]
    fn writes_all_day_events_with_an_exclusive_end_and_timed_ones_in_utc() {
        let day = PartialDate::full(2023, 5, 20);
        let events = [
            Event {
                uid: "a@x".into(),
                summary: "Hạn gửi, báo cáo".into(),
                description: String::new(),
                url: "https://x/".into(),
                when: When::Days { start: day, end: day },
                cancelled: false,
                sequence: 0,
                extended: Vec::new(),
            },
            Event {
                uid: "b@x".into(),
                summary: "B".into(),
                description: "d".into(),
                url: "https://x/".into(),
                when: When::At(DateTime::parse("2023-05-20T17:00").unwrap()),
                cancelled: true,
                sequence: 1,
                extended: Vec::new(),
            },
        ];
        let ics = calendar("Lịch", &events, PartialDate::full(2024, 7, 1));
        assert!(ics.contains("DTSTART;VALUE=DATE:20230520\r\nDTEND;VALUE=DATE:20230521\r\n"));
        assert!(ics.contains("DTSTART:20230520T100000Z\r\nSUMMARY:B\r\n"), "a moment has no DTEND");
        assert!(ics.contains("SUMMARY:Hạn gửi\\, báo cáo\r\n"));
        assert!(ics.contains("DTSTAMP:20240701T000000Z\r\n"));
        let (first, second) = ics.split_once("END:VEVENT").unwrap();
        assert!(!first.contains("STATUS:") && !first.contains("SEQUENCE:"), "a live event is as it always was");
        assert!(second.contains("SEQUENCE:1\r\nSTATUS:CANCELLED\r\n"), "{second}");
    }

    #[test]
    fn line_breaks_of_every_kind_are_folded_out_of_text() {
        assert_eq!(escape("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
        assert_eq!(escape("a\u{7}b\tc"), "ab\tc");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn uris_stay_one_token() {
        assert_eq!(escape_uri("https://x/a b\r\n\"c\"/"), "https://x/a%20b%0D%0A%22c%22/");
        assert_eq!(escape_uri("https://x/phong-trao/a/?q=1#f"), "https://x/phong-trao/a/?q=1#f");
    }

    #[test]
    fn converts_early_morning_vietnam_time_to_the_previous_utc_day() {
        assert_eq!(to_utc(DateTime::parse("2024-01-01T06:30").unwrap()), "20231231T233000Z");
    }
}
