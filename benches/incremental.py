#!/usr/bin/env python3
"""Time from saving one directive to its rebuilt page on disk, under `loa serve`.

Usage: benches/incremental.py PORTAL_DIR [--loa target/release/loa] [--edits 5] [--edit body|title]

Starts `loa serve` on the portal (a copy is NOT made: the script restores the file it
edits), waits for the first full build, then edits one directive's body several times and
measures, for each save, the time until the directive's page on disk holds the new text,
and reports the files the server says it rewrote. Each save waits for the search index of
the one before, as a person's next save would.
"""
import argparse
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("portal")
    parser.add_argument("--loa", default="target/release/loa")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--edit", choices=["body", "title"], default="body",
                        help="what each save changes: the body (the common case) or the title in the "
                             "front matter (which lists, feeds and the home page show too)")
    args = parser.parse_args()
    # Killed from outside (a timeout), still put the edited directive back: `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated; the edited directive is restored"))

    out = tempfile.mkdtemp(prefix="loa-incremental-")
    server = subprocess.Popen(
        [args.loa, "serve", "--root", args.portal, "--out", out, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )
    first = wait_for(server, "full rebuild")
    wait_for(server, "Serving")
    print(f"first build: {first.strip()}")

    directive = sorted(glob.glob(os.path.join(args.portal, "content/directives/**/*.md"), recursive=True))[len(
        glob.glob(os.path.join(args.portal, "content/directives/**/*.md"), recursive=True)) // 2]
    slug = os.path.basename(os.path.dirname(directive)) if directive.endswith("index.md") else os.path.basename(directive)[:-3]
    page = os.path.join(out, "van-ban", slug, "index.html")
    original = open(directive, encoding="utf-8").read()
    times = []
    try:
        for n in range(args.edits):
            marker = f"Đã sửa lần {n} {time.time_ns()}"
            started = time.perf_counter()
            with open(directive, "w", encoding="utf-8") as f:
                if args.edit == "body":
                    f.write(original + f"\n\n{marker}\n")
                else:
                    f.write(re.sub(r"^title: ", f"title: {marker} ", original, count=1, flags=re.M))
            while True:
                try:
                    if marker in open(page, encoding="utf-8").read():
                        break
                except FileNotFoundError:
                    pass
                time.sleep(0.001)
            elapsed = (time.perf_counter() - started) * 1000
            report = wait_for(server, "rebuild:")
            times.append(elapsed)
            print(f"save {n + 1}: page on disk after {elapsed:.0f} ms; server: {report.strip()}")
            # As a person saves, looks and saves again: the next save comes after the search
            # index of this one is written (its worker would otherwise share the 2 CPUs with
            # the next rebuild).
            wait_for(server, "search index:")
            time.sleep(0.3)
    finally:
        with open(directive, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(0.5)
        server.terminate()
    times.sort()
    print(f"median save-to-disk: {times[len(times) // 2]:.0f} ms over {len(times)} saves (directive {slug})")


def wait_for(server, text):
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit(f"loa serve stopped before printing {text!r}")
        if text in line:
            return line


if __name__ == "__main__":
    main()
