#!/usr/bin/env bash
# The long fuzz run: each property of tests/fuzz/ alone with LOA_FUZZ_CASES cases
# (default 1,000,000), printing the count and the time per parser.
#
#   benches/fuzz.sh                      every property, 1,000,000 cases each
#   LOA_FUZZ_CASES=100000 benches/fuzz.sh import::import_text content::markdown
#
# A failing case prints its input (proptest's minimized bytes and the decoded text); a
# case that hangs for a minute prints its input and aborts the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export LOA_FUZZ_CASES="${LOA_FUZZ_CASES:-1000000}"
# The file-system properties write a scratch portal per case: on a disk shared with builds
# they wait on writeback most of the time, so scratch goes to tmpfs when there is one.
if [ -z "${TMPDIR:-}" ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
properties=("$@")
if [ ${#properties[@]} -eq 0 ]; then
    properties=(
        import::import_text import::import_text_bytes import::import_docx import::import_docx_bytes
        content::front_matter content::markdown content::content_file_load content::site_yaml_load
        portal::registry portal::short_links
    )
fi
cargo test --release --test fuzz --no-run
status=0
for property in "${properties[@]}"; do
    start=$(date +%s)
    set +e
    cargo test --release --test fuzz -- --exact "$property" --nocapture 2>&1 |
        grep -a -E "^fuzz |panicked|Test failed|minimal failing|hung"
    code=${PIPESTATUS[0]}
    set -e
    printf '%-28s %9s cases  %6ss  %s\n' "$property" "$LOA_FUZZ_CASES" "$(( $(date +%s) - start ))" \
        "$([ "$code" -eq 0 ] && echo ok || echo FAILED)"
    [ "$code" -eq 0 ] || status=1
done
exit $status
