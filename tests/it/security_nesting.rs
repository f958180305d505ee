//! Nesting that cost the build time out of proportion to the text (issue #17): directive
//! blocks opened thousands deep in a Markdown body.

use std::time::Instant;

use crate::support::{TestSite, assert_error, assert_in_proportion};

#[test]
fn unclosed_blocks_nested_thousands_deep_are_one_quick_error() {
    // 133 KB of unclosed `:::warning` lines took 2.7 s and gave an error per line.
    let site = TestSite::from_fixture("minimal");
    site.write("content/guides/canh-bao.md", &format!("---\ntitle: Cảnh báo\n---\n{}", ":::warning\n".repeat(12_000)));
    let started = Instant::now();
    let errors = site.build_errors();
    let elapsed = started.elapsed();
    assert_error(
        &errors,
        "content/guides/canh-bao.md:36:1: error: this `:::` block opens inside more than 32 others",
        "close the blocks above",
    );
    let count = errors.iter().filter(|e| e.starts_with("content/guides/canh-bao.md")).count();
    assert!(count <= 33, "{count} errors for one file");
    assert_in_proportion(elapsed, "minimal", "the build");
}
