#!/usr/bin/env bash
# Before/after check for refactors: builds the sample portal and a generated corpus with two
# loa binaries and diffs the outputs byte for byte.
#
#   benches/same-output.sh BEFORE_LOA [AFTER_LOA]
#       AFTER_LOA defaults to target/release/loa. Make BEFORE_LOA from the commit you
#       started from, e.g.:
#         git worktree add /tmp/before main && (cd /tmp/before && cargo build --release)
#   DIRECTIVES=10000 benches/same-output.sh …   corpus size (default 10000; 0 skips it)
#
# Prints each differing or missing file (the first 40) and exits 1 if any differ. Both
# builds run on copies of each portal made the same way, so the short-link registry and
# the attachment-hash cache each build writes back start equal. The repository's themes/ is left
# out of the copies: each binary builds with the theme compiled into it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BEFORE=$(realpath "${1:?usage: benches/same-output.sh BEFORE_LOA [AFTER_LOA]}")
AFTER=$(realpath "${2:-target/release/loa}")
DIRECTIVES=${DIRECTIVES:-10000}
WORK=$(mktemp -d /tmp/loa-same-output.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

portals=("sample:$ROOT")
if [ "$DIRECTIVES" -gt 0 ]; then
    corpus="$ROOT/target/bench/same-output-$DIRECTIVES"
    if [ ! -f "$corpus/site.yaml" ]; then
        cargo build --release --quiet --example corpus
        target/release/examples/corpus --directives "$DIRECTIVES" --out "$corpus" --seed 42 >/dev/null
    fi
    portals+=("corpus:$corpus")
fi

status=0
for entry in "${portals[@]}"; do
    name=${entry%%:*}
    source=${entry#*:}
    for side in before after; do
        mkdir -p "$WORK/$name-$side"
        rsync -a --exclude /public --exclude /target --exclude /node_modules --exclude '/.git' \
            --exclude '/.public.loa-*' --exclude /themes "$source/" "$WORK/$name-$side/portal/"
    done
    "$BEFORE" build --root "$WORK/$name-before/portal" --out "$WORK/$name-before/out" >/dev/null
    "$AFTER" build --root "$WORK/$name-after/portal" --out "$WORK/$name-after/out" >/dev/null
    count=$(find "$WORK/$name-after/out" -type f | wc -l)
    if differences=$(diff -rq "$WORK/$name-before/out" "$WORK/$name-after/out"); then
        echo "$name: $count files, byte-identical"
    else
        echo "$name: $(printf '%s\n' "$differences" | wc -l) of $count files differ:"
        printf '%s\n' "$differences" | sed "s|$WORK/||g" | head -n 40
        status=1
    fi
    if ! diff -q "$WORK/$name-before/portal/short-links.yaml" "$WORK/$name-after/portal/short-links.yaml" \
        >/dev/null 2>&1; then
        echo "$name: the short-link registry written back differs"
        status=1
    fi
done
exit $status
