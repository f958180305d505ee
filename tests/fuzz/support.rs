//! What every fuzz property shares: the number of cases, the per-case time and memory
//! bounds, and a few string generators.
//!
//! `LOA_FUZZ_CASES=N` runs N cases of every property instead of its small CI default
//! (`benches/fuzz.sh` runs each property alone with 1,000,000).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::Config;

/// The slowest a single case may be. Generous: the machine is shared while the tests run.
pub const MAX_CASE_TIME: Duration = Duration::from_secs(2);
/// The memory a case may hold at once beyond `MEMORY_PER_INPUT_BYTE` × its input size.
pub const MEMORY_FLOOR: usize = 64 * 1024 * 1024;
pub const MEMORY_PER_INPUT_BYTE: usize = 200;

/// The proptest configuration of a property: `default` cases unless `LOA_FUZZ_CASES` says
/// otherwise. Failures are not persisted to files: a failure prints its minimized input,
/// which becomes a unit test beside the code it breaks.
pub fn config(default: u32) -> Config {
    Config { cases: cases(default), failure_persistence: None, max_shrink_iters: 4096, ..Config::default() }
}

pub fn cases(default: u32) -> u32 {
    std::env::var("LOA_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// Prints how many cases a property ran and how long it took, for the long run's report.
pub struct Report {
    name: &'static str,
    cases: u32,
    start: Instant,
}

impl Report {
    pub fn start(name: &'static str, config: &Config) -> Report {
        Report { name, cases: config.cases, start: Instant::now() }
    }
}

impl Drop for Report {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            eprintln!("fuzz {}: {} cases in {:.1} s", self.name, self.cases, self.start.elapsed().as_secs_f64());
        }
    }
}

// Memory: each thread counts the bytes it holds, so a case's peak is measured even while
// other tests run on other threads (bytes freed by another thread are rare and only make
// the count lower).
thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

pub struct CountingAllocator;

fn count(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counters are
// const-initialized thread locals without destructors, so they never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs one case on `input`, failing it when it takes longer than `MAX_CASE_TIME` or holds
/// more memory than its bound at any moment. A case that hangs is caught by the watchdog.
pub fn bounded<T>(input: &[u8], case: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    let input_len = input.len();
    let base = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(base));
    let start = Instant::now();
    watchdog::enter(input);
    let result = case();
    watchdog::leave();
    let elapsed = start.elapsed();
    let peak = (PEAK.with(Cell::get) - base).max(0) as usize;
    let memory_bound = MEMORY_FLOOR + MEMORY_PER_INPUT_BYTE * input_len;
    let shown = || abbreviated(input);
    prop_assert!(elapsed <= MAX_CASE_TIME, "one case of {input_len} bytes took {elapsed:?}: {}", shown());
    prop_assert!(
        peak <= memory_bound,
        "one case of {input_len} bytes held {peak} bytes (bound {memory_bound}): {}",
        shown()
    );
    Ok(result)
}

/// The start and end of an input, for a failure message.
pub fn abbreviated(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(input);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 400 {
        return format!("{text:?}");
    }
    let head: String = chars[..200].iter().collect();
    let tail: String = chars[chars.len() - 200..].iter().collect();
    format!("{head:?} … ({} chars) … {tail:?}", chars.len())
}

/// A case still running after `HANG` never returns the failure `bounded` would report:
/// a thread watches the running cases, prints the input of a hung one and aborts.
mod watchdog {
    use std::collections::HashMap;
    use std::sync::{Mutex, Once};
    use std::thread::ThreadId;
    use std::time::{Duration, Instant};

    const HANG: Duration = Duration::from_secs(60);

    /// Each running case: when it started and its input.
    type Running = HashMap<ThreadId, (Instant, Vec<u8>)>;

    static RUNNING: Mutex<Option<Running>> = Mutex::new(None);
    static START: Once = Once::new();

    pub fn enter(input: &[u8]) {
        START.call_once(|| {
            std::thread::spawn(watch);
        });
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.get_or_insert_with(HashMap::new).insert(std::thread::current().id(), (Instant::now(), input.to_vec()));
    }

    pub fn leave() {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        running.get_or_insert_with(HashMap::new).remove(&std::thread::current().id());
    }

    fn watch() {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
            for (started, input) in running.iter().flat_map(|r| r.values()) {
                if started.elapsed() > HANG {
                    eprintln!(
                        "a fuzz case hung for {:?} on this input ({} bytes):\n{:?}",
                        started.elapsed(),
                        input.len(),
                        String::from_utf8_lossy(input)
                    );
                    std::process::abort();
                }
            }
        }
    }
}

/// The longest repetition in generated text: 16 KB by default, and `LOA_FUZZ_REPEAT_KB`
/// for hunting super-linear behaviour (over 2 s for 64 KB is known in `loa import`'s
/// attachment mentions and in unclosed Markdown containers; see the fuzz report).
fn max_repeat_bytes() -> usize {
    static KB: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    1024 * *KB.get_or_init(|| std::env::var("LOA_FUZZ_REPEAT_KB").ok().and_then(|n| n.parse().ok()).unwrap_or(16))
}

/// The input of every property: random bytes that `Entropy` turns into structured input.
/// Generating bytes is cheap and proptest shrinks them well, so a million cases spend
/// their time in the parser rather than in the generator.
pub fn entropy(max_len: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max_len)
}

/// Reads choices out of random bytes; past the end every choice is 0.
pub struct Entropy<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Entropy<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Entropy { bytes, at: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn byte(&mut self) -> u8 {
        let byte = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        byte
    }

    /// A number in `0..n` (n > 0), from one byte, or two when n is over 256.
    pub fn below(&mut self, n: usize) -> usize {
        let raw = if n > 256 { usize::from(self.byte()) << 8 | usize::from(self.byte()) } else { self.byte().into() };
        raw % n
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Whether an event of probability `k`/256 happens.
    pub fn chance(&mut self, k: u8) -> bool {
        self.byte() < k
    }

    /// Any char: mostly Vietnamese letters and ASCII, sometimes controls, separators,
    /// combining marks and the edges of Unicode.
    pub fn char(&mut self) -> char {
        const ODD: &[char] = &[
            '\0',
            '\u{1}',
            '\u{7}',
            '\u{8}',
            '\u{b}',
            '\u{c}',
            '\r',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9f}',
            '\u{a0}',
            '\u{ad}',
            '\u{300}',
            '\u{301}',
            '\u{323}',
            '\u{200b}',
            '\u{200d}',
            '\u{202e}',
            '\u{2028}',
            '\u{2029}',
            '\u{feff}',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1f600}',
            '\u{10ffff}',
            'İ',
            'ß',
            'ﬃ',
        ];
        match self.byte() % 8 {
            0..=3 => char::from(b' ' + self.byte() % 95),
            4 | 5 => self
                .pick(&['ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'Đ', 'Ư', 'ạ', 'ế', 'ữ', 'ỳ', 'Ổ', 'ậ', '“', '”', '…', '–']),
            6 => self.pick(ODD),
            _ => char::from_u32(u32::from(self.byte()) << 8 | u32::from(self.byte())).unwrap_or('\u{fffd}'),
        }
    }

    /// Text joined from pieces: hand-picked fragments that steer a parser into its paths,
    /// mixed with arbitrary characters, whitespace, and now and then a long repetition.
    pub fn text(&mut self, fragments: &[&str], max_pieces: usize) -> String {
        let mut out = String::new();
        for _ in 0..max_pieces {
            if self.is_empty() {
                break;
            }
            match self.byte() % 16 {
                0..=8 => out.push_str(self.pick(fragments)),
                9 | 10 => out.push(self.pick(&[' ', ' ', '\n', '\n', '\t', ' '])),
                11..=13 => {
                    for _ in 0..1 + self.below(4) {
                        out.push(self.char());
                    }
                }
                14 => out.push_str("\n\n"),
                _ => {
                    let fragment = self.pick(fragments);
                    let long = self.chance(32);
                    let times = 2 + self.below(if long { 20_000 } else { 200 });
                    out.push_str(&fragment.repeat(times.min(max_repeat_bytes() / fragment.len().max(1))));
                }
            }
        }
        out
    }

    /// A seed changed by a few random edits: fragments inserted, ranges deleted, duplicated
    /// or cut off (always on char boundaries).
    pub fn mutate(&mut self, seed: &str, fragments: &[&str]) -> String {
        let mut text = seed.to_owned();
        for _ in 0..self.below(8) {
            let len = text.len();
            let mut x = self.below(len + 1);
            while !text.is_char_boundary(x) {
                x -= 1;
            }
            let mut y = (x + self.below(300)).min(len);
            while !text.is_char_boundary(y) {
                y -= 1;
            }
            match self.byte() % 4 {
                0 => {
                    let fragment = self.text(fragments, 3);
                    text.insert_str(x, &fragment)
                }
                1 => text.replace_range(x..y, ""),
                2 => {
                    let copy = text[x..y].to_owned();
                    text.insert_str(y, &copy);
                }
                _ => text.truncate(y),
            }
        }
        text
    }
}
