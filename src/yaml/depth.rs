//! A linear pre-scan of YAML nesting depth, run before `serde_yaml` sees the text.
//!
//! `serde_yaml` (through libyaml) takes time that grows faster than the input with deep
//! nesting (figures in the README's threat model). No front matter, site.yaml or registry
//! needs more than a few levels, so anything deeper than `MAX_YAML_DEPTH` is refused here,
//! in one pass, before the parser runs.

use super::SyntaxError;
use crate::diag::Position;

/// The deepest nesting of YAML collections accepted, counting flow collections (`[`, `{`)
/// and block levels (indentation and compact `- - -` items) together.
pub const MAX_YAML_DEPTH: usize = 32;

/// Where the scanner is inside a line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// The scanner's state across lines.
struct Scan {
    /// Open flow collections (`[` and `{` not yet closed).
    flow: usize,
    quote: Quote,
    /// The columns of the open block levels, shallowest first.
    blocks: Vec<usize>,
    /// The indentation of the line that opened a block scalar (`|` or `>`), whose deeper
    /// lines are text, not structure.
    block_scalar: Option<usize>,
}

/// Refuses YAML nested deeper than `MAX_YAML_DEPTH`, at the line and column where the
/// limit is crossed (`yaml_first_line` is the file line of the YAML's first line).
pub(super) fn check(yaml: &str, yaml_first_line: usize) -> Result<(), SyntaxError> {
    let mut scan = Scan { flow: 0, quote: Quote::None, blocks: Vec::new(), block_scalar: None };
    for (index, line) in yaml.lines().enumerate() {
        if let Some(col) = scan.line(line) {
            return Err(too_deep(Position::new(yaml_first_line + index, col + 1)));
        }
    }
    Ok(())
}

fn too_deep(position: Position) -> SyntaxError {
    SyntaxError {
        position,
        message: crate::msg!("yaml-too-deep", levels = MAX_YAML_DEPTH),
        hint: crate::msg!("yaml-too-deep-hint"),
    }
}

impl Scan {
    /// Scans one line; returns the 0-based character column where the limit is crossed.
    fn line(&mut self, line: &str) -> Option<usize> {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = indent == chars.len() || chars[indent] == '#';
        if let Some(opener) = self.block_scalar {
            if blank || indent > opener {
                return None;
            }
            self.block_scalar = None;
        }
        let mut start = indent;
        if self.flow == 0 && self.quote == Quote::None && !blank {
            start = match self.block_levels(&chars, indent) {
                Ok(start) => start,
                Err(crossed) => return Some(crossed),
            };
        }
        self.inline(&chars, start, indent)
    }

    /// Updates the block levels for a line whose content starts at `indent`, counting its
    /// compact `- ` items; returns where the items' content starts, or the column where
    /// the limit is crossed.
    fn block_levels(&mut self, chars: &[char], indent: usize) -> Result<usize, usize> {
        while self.blocks.last().is_some_and(|&col| col > indent) {
            self.blocks.pop();
        }
        let mut col = indent;
        loop {
            if self.blocks.last() != Some(&col) {
                self.blocks.push(col);
            }
            if self.blocks.len() > MAX_YAML_DEPTH {
                return Err(col);
            }
            let dash = chars.get(col) == Some(&'-') && chars.get(col + 1) == Some(&' ');
            if !dash {
                return Ok(col);
            }
            col += 1;
            while chars.get(col) == Some(&' ') {
                col += 1;
            }
            if col == chars.len() {
                return Ok(col);
            }
        }
    }

    /// Follows quotes, comments and flow brackets from `start` to the end of the line;
    /// returns the column of a bracket that crosses the limit.
    fn inline(&mut self, chars: &[char], start: usize, indent: usize) -> Option<usize> {
        // The last character that is not a space, on this line: a quote or bracket opens
        // something only where a value starts, not inside plain text like `don't [x`.
        let mut previous: Option<char> = None;
        let mut index = start;
        while index < chars.len() {
            let c = chars[index];
            match self.quote {
                Quote::Double => match c {
                    '\\' => index += 1,
                    '"' => self.quote = Quote::None,
                    _ => {}
                },
                Quote::Single if c == '\'' => {
                    if chars.get(index + 1) == Some(&'\'') {
                        index += 1;
                    } else {
                        self.quote = Quote::None;
                    }
                }
                Quote::Single => {}
                Quote::None => {
                    let value_start = previous.is_none_or(|p| matches!(p, ':' | ',' | '[' | '{' | '-' | '?'));
                    match c {
                        '#' if index == 0 || chars[index - 1] == ' ' || chars[index - 1] == '\t' => return None,
                        '"' if value_start => self.quote = Quote::Double,
                        '\'' if value_start => self.quote = Quote::Single,
                        '[' | '{' if value_start || self.flow > 0 => {
                            self.flow += 1;
                            if self.flow + self.blocks.len() > MAX_YAML_DEPTH {
                                return Some(index);
                            }
                        }
                        ']' | '}' if self.flow > 0 => self.flow -= 1,
                        '|' | '>' if value_start && self.flow == 0 => {
                            self.block_scalar = Some(indent);
                            return None;
                        }
                        _ => {}
                    }
                }
            }
            if c != ' ' && c != '\t' {
                previous = Some(c);
            }
            index += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossed(yaml: &str) -> Option<(usize, usize)> {
        check(yaml, 2).err().map(|e| (e.position.line, e.position.col))
    }

    #[test]
    fn ordinary_front_matter_passes() {
        let yaml = "title: \"Hạn [nộp\"\ntags: [a, {b: [c]}]\nsummary: it's [not a list\nbody: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nlist:\n  - a: 1\n    b: [2]\n  - - x\n";
        assert_eq!(crossed(yaml), None);
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_the_limit_is_crossed() {
        let yaml = format!("tags: {}", "[".repeat(18_000));
        assert_eq!(crossed(&yaml), Some((2, 6 + MAX_YAML_DEPTH)));
        let yaml = format!("a:\n  b: {}", "{x: ".repeat(9_000));
        assert!(crossed(&yaml).is_some());
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let many = "[".repeat(100);
        assert_eq!(crossed(&format!("a: \"{many}\"\nb: '{many}'\nc: 1 # {many}\n")), None);
        assert_eq!(crossed(&format!("a: \"x\\\"{many}\"\n")), None);
        assert_eq!(crossed(&format!("a: 'it''s {many}'\n")), None);
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let compact = format!("a:\n  {}x\n", "- ".repeat(100));
        assert!(crossed(&compact).is_some());
        let stairs: String = (0..100).map(|level| format!("{}k{level}:\n", " ".repeat(level))).collect();
        assert_eq!(crossed(&stairs), Some((2 + MAX_YAML_DEPTH, MAX_YAML_DEPTH + 1)));
    }

    /// The fastest of five scans of `yaml`: the least disturbed by other work on the machine.
    fn fastest_scan(yaml: &str) -> std::time::Duration {
        (0..5)
            .map(|_| {
                let start = std::time::Instant::now();
                std::hint::black_box(check(std::hint::black_box(yaml), 2)).ok();
                start.elapsed()
            })
            .min()
            .expect("five scans")
    }

    /// Hostile input four times as large takes about four times as long, never sixteen (a
    /// quadratic scan): a proportion, not a wall-clock bound, so it holds on a slow or busy
    /// machine and fails on a quadratic scan on a fast one. Every shape the scan follows is
    /// in the input: many lines, deep block levels, long runs of brackets and quotes.
    #[test]
    fn the_scan_is_linear() {
        let hostile = |n: usize| {
            let stairs: String = (0..n / 1_000).map(|level| format!("{}k:\n", " ".repeat(level % 30))).collect();
            "a: [1]\n".repeat(n) + &stairs + &"'x' \"y\" ".repeat(n) + "\n" + &"[".repeat(4 * n)
        };
        let (small, large) = (hostile(100_000), hostile(400_000));
        let (once, four_times) = (fastest_scan(&small), fastest_scan(&large));
        assert!(
            four_times < once * 10,
            "a scan of four times the input took {four_times:?}, of the input {once:?}: not linear"
        );
    }
}

#[cfg(test)]
mod alias_tests {
    /// A "billion laughs": nine levels of ten aliases each would expand to 10^9 strings.
    /// serde_yaml refuses it by its repetition limit; this proves it does so quickly.
    #[test]
    fn alias_expansion_is_refused_quickly() {
        let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for level in 1..10 {
            let previous = format!("*a{}", level - 1);
            let items = vec![previous; 10].join(", ");
            yaml.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        let start = std::time::Instant::now();
        let error = super::super::parse_yaml(&yaml, 2).unwrap_err();
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "took {:?}", start.elapsed());
        assert!(error.message.contains("repetition limit"), "{}", error.message);
    }
}
