//! Calendar dates as official documents write them: often with the day left blank
//! ("ngày … tháng 9 năm 2022"), so a date may be partial.

use std::fmt;

/// A date whose day, or month and day, may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A deadline: a date with an optional local time (Vietnam time, UTC+7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct DateTime {
    pub date: PartialDate,
    pub time: Option<(u32, u32)>,
}

/// Why a date string was refused, in words for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub crate::diag::Text);

impl PartialDate {
    pub fn full(year: i32, month: u32, day: u32) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }

    /// Parses `2024-06-25`, `2024-06` or `2024`, refusing impossible dates such as `2023-02-29`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize, what: &str| -> Result<u32, DateError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError(match what {
                    "year" => crate::msg!("date-year-digits", text, width),
                    "month" => crate::msg!("date-month-digits", text, width),
                    _ => crate::msg!("date-day-digits", text, width),
                }));
            }
            Ok(part.parse().expect("digits"))
        };
        let year = number(parts[0], 4, "year")? as i32;
        let date = match parts.len() {
            1 => PartialDate { year, month: None, day: None },
            2 => PartialDate { year, month: Some(number(parts[1], 2, "month")?), day: None },
            3 => {
                PartialDate { year, month: Some(number(parts[1], 2, "month")?), day: Some(number(parts[2], 2, "day")?) }
            }
            _ => return Err(DateError(crate::msg!("date-not-a-date", text))),
        };
        date.check()?;
        Ok(date)
    }

    fn check(&self) -> Result<(), DateError> {
        if let Some(month) = self.month {
            if !(1..=12).contains(&month) {
                return Err(DateError(crate::msg!("date-no-such-month", month)));
            }
            if let Some(day) = self.day {
                let last = days_in_month(self.year, month);
                if day < 1 || day > last {
                    return Err(DateError(crate::msg!(
                        "date-no-such-day",
                        month = format_args!("{:04}-{month:02}", self.year),
                        day,
                        last
                    )));
                }
            }
        }
        Ok(())
    }

    /// The first day this date could mean: `2024-06` → 1 June 2024.
    pub fn first_day(&self) -> PartialDate {
        PartialDate::full(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date could mean: `2025-12` → 31 December 2025.
    pub fn last_day(&self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        PartialDate::full(self.year, month, self.day.unwrap_or_else(|| days_in_month(self.year, month)))
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// Days since 1970-01-01 of the first day this date could mean.
    pub fn days_since_epoch(&self) -> i64 {
        let d = self.first_day();
        days_from_civil(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let (year, month, day) = civil_from_days(days);
        PartialDate::full(year, month, day)
    }

    /// Today in Vietnam (UTC+7), from the system clock.
    pub fn today_in_vietnam() -> Self {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        Self::from_days_since_epoch((seconds + 7 * 3600).div_euclid(86_400))
    }
}

impl PartialDate {
    /// RFC 3339 at midnight Vietnam time of the first day: `2024-06-25T00:00:00+07:00`.
    pub fn rfc3339(&self) -> String {
        format!("{}T00:00:00+07:00", self.first_day())
    }

    /// RFC 822 (RSS) at midnight Vietnam time: `Tue, 25 Jun 2024 00:00:00 +0700`.
    pub fn rfc822(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let day = self.first_day();
        let weekday = DAYS[self.days_since_epoch().rem_euclid(7) as usize];
        let month = MONTHS[day.month.unwrap_or(1) as usize - 1];
        format!("{weekday}, {:02} {month} {} 00:00:00 +0700", day.day.unwrap_or(1), day.year)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl DateTime {
    /// Parses `2023-05-20` or `2023-05-20T17:00` (local Vietnam time).
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (date_part, time_part) = match text.split_once(['T', ' ']) {
            Some((date, time)) => (date, Some(time)),
            None => (text, None),
        };
        let date = PartialDate::parse(date_part)?;
        let time = match time_part {
            None => None,
            Some(time) => {
                if !date.is_full() {
                    return Err(DateError(crate::msg!("date-time-needs-full-date", text)));
                }
                Some(parse_time(time)?)
            }
        };
        Ok(DateTime { date, time })
    }
}

impl DateTime {
    /// Parses a moment: `2026-12-08` (00:00 Vietnam time), `2026-12-08T08:00` (Vietnam time)
    /// or `2026-12-08T01:00Z` / `2026-12-08T08:00+07:00` (another offset, converted to
    /// Vietnam time). Always a full date with a time.
    pub fn parse_moment(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (local, offset_minutes) = split_offset(text)?;
        let parsed = DateTime::parse(local)?;
        if !parsed.date.is_full() {
            return Err(DateError(crate::msg!("date-needs-full-date", text)));
        }
        if offset_minutes.is_some() && parsed.time.is_none() {
            return Err(DateError(crate::msg!("date-offset-needs-time", text)));
        }
        let moment = DateTime { date: parsed.date, time: Some(parsed.time.unwrap_or((0, 0))) };
        Ok(match offset_minutes {
            Some(offset) => DateTime::from_vietnam_minutes(moment.vietnam_minutes() - offset + VIETNAM_OFFSET_MINUTES),
            None => moment,
        })
    }

    /// Minutes since 1970-01-01T00:00 on Vietnam's wall clock (a partial date counts from its
    /// first day, a missing time from 00:00): moments compare by this number.
    pub fn vietnam_minutes(&self) -> i64 {
        let (hour, minute) = self.time.unwrap_or((0, 0));
        self.date.days_since_epoch() * 1440 + i64::from(hour * 60 + minute)
    }

    /// The moment `minutes` after 1970-01-01T00:00 on Vietnam's wall clock.
    pub fn from_vietnam_minutes(minutes: i64) -> Self {
        let day = minutes.div_euclid(1440);
        let rest = minutes.rem_euclid(1440) as u32;
        DateTime { date: PartialDate::from_days_since_epoch(day), time: Some((rest / 60, rest % 60)) }
    }

    /// Now in Vietnam (UTC+7), to the minute, from the system clock.
    pub fn now_in_vietnam() -> Self {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        Self::from_vietnam_minutes(seconds.div_euclid(60) + VIETNAM_OFFSET_MINUTES)
    }
}

/// Vietnam's offset from UTC: +07:00, with no daylight saving time.
const VIETNAM_OFFSET_MINUTES: i64 = 7 * 60;

/// Splits a trailing `Z` or `±HH:MM` offset off a date-time; the offset in minutes east of UTC.
fn split_offset(text: &str) -> Result<(&str, Option<i64>), DateError> {
    let Some((_, time)) = text.split_once(['T', ' ']) else { return Ok((text, None)) };
    let start = text.len() - time.len();
    if let Some(local) = text.strip_suffix(['Z', 'z']) {
        return Ok((local, Some(0)));
    }
    let Some(sign_at) = time.rfind(['+', '-']) else { return Ok((text, None)) };
    let (local, offset) = text.split_at(start + sign_at);
    let bad = || DateError(crate::msg!("date-bad-offset", offset));
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let (hours, minutes) = offset[1..].split_once(':').ok_or_else(bad)?;
    let digits = |part: &str| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<i64>().ok()).flatten()
    };
    let (Some(hours), Some(minutes)) = (digits(hours), digits(minutes)) else { return Err(bad()) };
    if hours > 14 || minutes > 59 {
        return Err(bad());
    }
    Ok((local, Some(sign * (hours * 60 + minutes))))
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some((hour, minute)) = self.time {
            write!(f, "T{hour:02}:{minute:02}")?;
        }
        Ok(())
    }
}

fn parse_time(text: &str) -> Result<(u32, u32), DateError> {
    let bad = || DateError(crate::msg!("date-bad-time", text));
    let (hour, rest) = text.split_once(':').ok_or_else(bad)?;
    let minute = rest.split(':').next().ok_or_else(bad)?;
    let hour: u32 = hour.parse().map_err(|_| bad())?;
    let minute: u32 = minute.parse().map_err(|_| bad())?;
    if hour > 23 || minute > 59 {
        return Err(bad());
    }
    Ok((hour, minute))
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_partial_dates() {
        assert_eq!(PartialDate::parse("2024-06-25").unwrap(), PartialDate::full(2024, 6, 25));
        assert_eq!(PartialDate::parse("2022-09").unwrap(), PartialDate { year: 2022, month: Some(9), day: None });
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(PartialDate::parse("2023-02-29").unwrap_err().0.contains("no day 29"));
        assert!(PartialDate::parse("2024-13-01").unwrap_err().0.contains("month 13"));
        assert!(PartialDate::parse("25/6/2024").is_err());
    }

    #[test]
    fn partial_dates_span_their_month() {
        let december = PartialDate::parse("2025-12").unwrap();
        assert_eq!(december.first_day(), PartialDate::full(2025, 12, 1));
        assert_eq!(december.last_day(), PartialDate::full(2025, 12, 31));
    }

    #[test]
    fn converts_to_and_from_epoch_days() {
        let date = PartialDate::full(2024, 6, 25);
        assert_eq!(PartialDate::from_days_since_epoch(date.days_since_epoch()), date);
        assert_eq!(PartialDate::full(1970, 1, 1).days_since_epoch(), 0);
    }

    #[test]
    fn formats_feed_dates() {
        let date = PartialDate::full(2024, 6, 25);
        assert_eq!(date.rfc822(), "Tue, 25 Jun 2024 00:00:00 +0700");
        assert_eq!(PartialDate::parse("2022-09").unwrap().rfc3339(), "2022-09-01T00:00:00+07:00");
    }

    #[test]
    fn parses_deadlines_with_a_time() {
        let deadline = DateTime::parse("2023-05-20T17:00").unwrap();
        assert_eq!(deadline.time, Some((17, 0)));
        assert_eq!(deadline.to_string(), "2023-05-20T17:00");
        assert!(DateTime::parse("2023-05-20T25:00").is_err());
    }

    #[test]
    fn parses_publication_moments_in_vietnam_time() {
        let at = |text: &str| DateTime::parse_moment(text).map(|m| m.to_string());
        assert_eq!(at("2026-12-08").unwrap(), "2026-12-08T00:00");
        assert_eq!(at("2026-12-08T08:00").unwrap(), "2026-12-08T08:00");
        assert_eq!(at("2026-12-08T08:00+07:00").unwrap(), "2026-12-08T08:00");
        assert_eq!(at("2026-12-08T01:00Z").unwrap(), "2026-12-08T08:00");
        assert_eq!(at("2026-12-31T20:30-05:00").unwrap(), "2027-01-01T08:30");
        assert!(at("2026-12").is_err(), "a month is not a moment");
        assert!(at("2026-12-08+07:00").is_err());
        assert!(at("2026-12-08T08:00+7").is_err());
        assert!(at("2026-02-30T08:00").is_err());
    }

    proptest::proptest! {
        #[test]
        fn a_moment_written_with_any_offset_is_the_same_instant(minutes in 0i64..40_000_000, offset in -720i64..=840) {
            let vietnam = DateTime::from_vietnam_minutes(minutes);
            let local = DateTime::from_vietnam_minutes(minutes - VIETNAM_OFFSET_MINUTES + offset);
            let sign = if offset < 0 { '-' } else { '+' };
            let written = format!("{local}{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60);
            proptest::prop_assert_eq!(DateTime::parse_moment(&written).unwrap(), vietnam);
            proptest::prop_assert_eq!(DateTime::parse_moment(&vietnam.to_string()).unwrap(), vietnam);
        }
    }
}
