//! The choice of a QR code's mask, as the `qrcode` crate makes it, at a fraction of its cost.
//!
//! `QrCode::with_error_correction_level` scores each of the 8 masks with the four penalty
//! rules through per-module lookups (and a boxed closure per position for the finder rule);
//! at a build's thousands of codes that was the largest single cost. Here the crate still
//! builds the codewords, the canvas and each masked grid (its public `bits`, `ec` and
//! `canvas` API), and only the score is computed on a plain grid. The score is the crate's,
//! not the standard's, down to its departures (an unrounded balance rule, its own finder
//! rule, `u16` sums), and ties go to the first mask as the crate's `min_by_key` gives them,
//! so every code is the crate's code bit for bit (the tests below compare them on random inputs).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::QrResult;
use qrcode::{Color, EcLevel};

/// The masks of a normal (not micro) code, in the crate's order of preference on ties.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of `data`'s code at `ec_level` in the smallest version that fits, left to
/// right then top to bottom, and the code's width in modules.
pub(super) fn modules(data: &[u8], ec_level: EcLevel) -> QrResult<(Vec<Color>, usize)> {
    let bits = qrcode::bits::encode_auto(data, ec_level)?;
    let version = bits.version();
    let (codewords, ec_codewords) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec_level)?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec_codewords);
    let width = version.width() as usize;
    let best = MASKS
        .iter()
        .map(|&pattern| {
            let mut masked = canvas.clone();
            masked.apply_mask(pattern);
            masked.into_colors()
        })
        .min_by_key(|colors| penalty(colors, width))
        .expect("eight masks");
    Ok((best, width))
}

/// The crate's penalty of one masked code (`Canvas::compute_total_penalty_scores` for a
/// normal code): lower is better.
fn penalty(colors: &[Color], width: usize) -> u16 {
    let rows: Vec<u8> = colors.iter().map(|&c| u8::from(c == Color::Dark)).collect();
    let mut columns = vec![0; rows.len()];
    for (y, row) in rows.chunks_exact(width).enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            columns[x * width + y] = dark;
        }
    }
    let lines = |grid: &[u8]| grid.chunks_exact(width).map(line_penalty).sum::<u32>();
    let total = lines(&rows) + lines(&columns) + blocks(&rows, width) + balance(&rows);
    // The crate takes 360 off each direction's finder score (the three finder patterns'
    // own rows) and sums in `u16`: wrapping keeps the same value where it would overflow.
    total.wrapping_sub(2 * 360) as u16
}

/// Rules 1 and 3 on one row or column (1 = dark), in one pass.
/// Rule 1: each run of 5 + n modules of one colour costs 3 + n.
/// Rule 3, as the crate reads it: each dark-light-dark-dark-dark-light-dark pattern costs 40
/// unless a dark module lies within 4 modules on both of its sides (outside the code counts
/// as light).
fn line_penalty(line: &[u8]) -> u32 {
    const FINDER: u32 = 0b101_1101;
    let run_cost = |run: u32| if run >= 5 { run - 2 } else { 0 };
    let (mut score, mut run, mut last, mut window) = (0, 0, u8::MAX, 0u32);
    for (x, &dark) in line.iter().enumerate() {
        if dark == last {
            run += 1;
        } else {
            score += run_cost(run);
            (run, last) = (1, dark);
        }
        // The last seven modules, the newest in the lowest bit.
        window = (window << 1 | u32::from(dark)) & 0x7f;
        if x >= 6 && window == FINDER {
            let start = x - 6;
            let dark_in = |from: usize, to: usize| line[from..to.min(line.len())].contains(&1);
            if !(dark_in(start.saturating_sub(4), start) && dark_in(x + 1, x + 5)) {
                score += 40;
            }
        }
    }
    score + run_cost(run)
}

/// Rule 2: each 2×2 block of one colour (overlaps counted) costs 3.
fn blocks(grid: &[u8], width: usize) -> u32 {
    let pairs = grid.chunks_exact(width).zip(grid.chunks_exact(width).skip(1));
    let same = pairs
        .map(|(row, below)| {
            (0..width - 1)
                .map(|x| row[x] + row[x + 1] + below[x] + below[x + 1])
                .filter(|&dark| dark == 0 || dark == 4)
                .count() as u32
        })
        .sum::<u32>();
    3 * same
}

/// Rule 4, unrounded as in the crate: the distance of the dark share from 50 %, in steps of
/// 0.5 %.
fn balance(grid: &[u8]) -> u32 {
    let dark = grid.iter().map(|&d| usize::from(d)).sum::<usize>();
    (dark * 200 / grid.len()).abs_diff(100) as u32
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const LEVELS: [EcLevel; 4] = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H];

    /// The crate's own code for `data`, or its error.
    fn crate_code(data: &[u8], ec_level: EcLevel) -> Result<(Vec<Color>, usize), qrcode::types::QrError> {
        qrcode::QrCode::with_error_correction_level(data, ec_level).map(|code| (code.to_colors(), code.width()))
    }

    /// Text that the crate splits into numeric, alphanumeric and byte segments.
    fn mixed_text(max: usize) -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..max),
            proptest::string::string_regex(&format!("[0-9]{{0,{max}}}")).unwrap().prop_map(String::into_bytes),
            proptest::string::string_regex(&format!("[0-9A-Z $%*+./:-]{{0,{max}}}"))
                .unwrap()
                .prop_map(String::into_bytes),
            proptest::string::string_regex(&format!("https://[a-z0-9.-]{{1,30}}/[A-Za-z0-9/?=_-]{{0,{max}}}"))
                .unwrap()
                .prop_map(String::into_bytes),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn small_codes_are_the_crates_codes(data in mixed_text(300), level in 0..4usize) {
            prop_assert_eq!(modules(&data, LEVELS[level]), crate_code(&data, LEVELS[level]));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]
        #[test]
        fn large_codes_are_the_crates_codes(data in mixed_text(3000), level in 0..4usize) {
            prop_assert_eq!(modules(&data, LEVELS[level]), crate_code(&data, LEVELS[level]));
        }
    }

    #[test]
    fn every_version_and_level_is_the_crates_code() {
        // Byte-mode lengths that step through all 40 versions at every level, with bytes
        // that vary from code to code.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for level in LEVELS {
            let mut versions = std::collections::BTreeSet::new();
            for length in (0..3000).step_by(7) {
                let data: Vec<u8> = (0..length)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed as u8
                    })
                    .collect();
                let expected = crate_code(&data, level);
                if let Ok((_, width)) = &expected {
                    versions.insert(*width);
                }
                assert_eq!(modules(&data, level), expected, "{length} bytes at {level:?}");
            }
            assert_eq!(versions.len(), 40, "every version at {level:?}");
        }
    }
}
