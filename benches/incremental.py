#!/usr/bin/env python3
"""Time from saving one directive to its rebuilt page on disk, under `loa serve`.

Usage: benches/incremental.py PORTAL_DIR [--loa target/release/loa] [--edits 5] [--edit KIND[,KIND…]|all]

KIND is what each save changes in one directive (in the middle of the portal's order):
  body        its Markdown body (the common case)
  title       its title (lists, feeds and the home page show it too)
  tag         its tags, swapped with another directive's (it moves between tag lists)
  date        its date, moved a year back (it moves between year lists and in every list)
  campaign    its campaigns, swapped with another directive's
  issuer      its issuer, swapped with another directive's
  type        its document type
  deadline    the date of its first deadline (or a deadline added)
  number      its number (số, ký hiệu)
  attachment  a second attachment added (a file of content/attachments/; without one, the
              first attachment's title changed)
  new         a new directive file (a copy under another name), removed after each save
  delete-published
              the directive's file deleted and its line in published-pages.yaml made a
              redirect, in one save (as deleting a published page must); both put back after
              each save. Timed until the redirect page is at the deleted page's address.
  delete-unrecorded
              a page not in the record deleted: a new directive file (a copy under another
              name) is made and served first, unmeasured; then its deletion is timed until
              its page is gone from disk
  all         every kind in turn, then a Markdown table of the medians

A portal without published-pages.yaml is built once first (`loa build`, into a temporary
folder), so that the record lists its pages and `delete-published` deletes a recorded page;
the record is removed again at the end, as the portal had none.

Starts `loa serve` on the portal (a copy is NOT made: the script restores every file it
edits), waits for the first full build, then for each save measures the time until the
directive's page on disk changed (written, or removed for `delete`), until the server reported
every page on disk (its `rebuild:` line, after the portal-wide files) and until the search
index followed, and reports what the server says it rebuilt. The even saves make the change, the odd ones undo it, so every save
changes the file. Each save waits for the search index of the one before, as a person's
next save would; a `new` or `delete` save is undone after it, unmeasured.
"""
import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

KINDS = ["body", "title", "tag", "date", "campaign", "issuer", "type", "deadline", "number", "attachment",
         "new", "delete-published", "delete-unrecorded"]
# The kinds that make a new file for each save (removed again after it).
COPIES = {"new": "loa-bench-new", "delete-unrecorded": "loa-bench-gone"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("portal")
    parser.add_argument("--loa", default="target/release/loa")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--edit", type=kinds_of, default="body",
                        help="what each save changes (see the module's doc); `all` runs every kind in turn, "
                             "`attachment,new,delete-published` those kinds with one server")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for one save's page")
    args = parser.parse_args()
    # Killed from outside (a timeout), still put the edited files back: `finally` runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated; the edited files are restored"))

    directives = sorted(glob.glob(os.path.join(args.portal, "content/directives/**/*.md"), recursive=True))
    directive = directives[len(directives) // 2]
    # Others to take a tag, campaign or issuer line from: from a third of the way on.
    others = directives[len(directives) // 3:] + directives[:len(directives) // 3]
    recorded = record_pages(args.loa, args.portal)
    out = tempfile.mkdtemp(prefix="loa-incremental-")
    server = Server(args.loa, args.portal, out)
    print(f"first build: {server.first.strip()}")
    original = read(directive)
    kinds = KINDS if args.edit == "all" else args.edit.split(",")
    results = {}
    try:
        for kind in kinds:
            try:
                results[kind] = run_kind(server, kind, directive, others, out, args)
            except Skip as reason:
                print(f"{kind}: not measured: {reason}")
                results[kind] = None
    finally:
        write(directive, original)
        for prefix in COPIES.values():
            for path in glob.glob(os.path.join(os.path.dirname(directive), f"{prefix}-*")):
                os.remove(path)
        time.sleep(0.5)
        server.stop()
        shutil.rmtree(out, ignore_errors=True)
        if recorded:
            os.remove(os.path.join(args.portal, RECORD))
    if len(kinds) > 1:
        print()
        print(table(results, args.edits))


def record_pages(loa, portal):
    """Builds a portal that has no record of published pages once, so that it has one (its
    pages are then published, as in a portal in use); returns whether it did."""
    if os.path.exists(os.path.join(portal, RECORD)):
        return False
    out = tempfile.mkdtemp(prefix="loa-incremental-build-")
    try:
        subprocess.run([loa, "--lang", "en", "build", "--root", portal, "--out", out], check=True,
                       stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return True


def kinds_of(value):
    """`--edit`: one kind, `all`, or kinds separated by commas."""
    if value != "all" and any(kind not in KINDS for kind in value.split(",")):
        raise argparse.ArgumentTypeError(f"kinds are {', '.join(KINDS)} or all")
    return value


def table(results, edits):
    """A Markdown table by edit kind: save → edited page on disk (median and slowest of
    `edits` saves), → every page, → search index (medians), what the server rendered, and
    the server's own stages (`LOA_TIMINGS=1`, ms since the save) of the median save."""
    rows = [f"| edit | save → edited page on disk, median of {edits} | slowest | save → every page | "
            "save → search index | server: pages rendered (last save) | server stages, median save (ms since the save) |",
            "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for kind, result in results.items():
        if result is None:
            rows.append(f"| {kind} | not measured | | | | | |")
            continue
        times, report = result
        pages = sorted(t[0] for t in times)
        middle = sorted(times, key=lambda t: t[0])[len(times) // 2]
        stages = " · ".join(f"{name} {ms}" for name, ms in middle[3].items())
        rows.append(f"| {kind} | {median(times, 0):.0f} ms | {pages[-1]:.0f} ms | {median(times, 1):.0f} ms "
                    f"| {median(times, 2):.0f} ms | {report} | {stages} |")
    return "\n".join(rows)


def median(times, column):
    """The median of one column of (page, every page, search index) times."""
    values = sorted(t[column] for t in times)
    return values[len(values) // 2]


def run_kind(server, kind, directive, others, out, args):
    """Saves `args.edits` edits of one kind; returns the times and the last server report."""
    original = read(directive)
    slug = slug_of(directive)
    times, report = [], ""
    record = read_record(args.portal)
    for n in range(args.edits):
        change = n % 2 == 0 or kind in ("body", "title", "new", "delete-published", "delete-unrecorded")
        target_slug = slug
        if kind in COPIES:
            target_slug = f"{COPIES[kind]}-{n}"
            path = os.path.join(os.path.dirname(directive), f"{target_slug}.md")
            if os.path.basename(directive) == "index.md":
                path = os.path.join(os.path.dirname(os.path.dirname(directive)), f"{target_slug}.md")
            text = renumber(original, n, "8" if kind == "new" else "7")
        page = os.path.join(out, "van-ban", target_slug, "index.html")
        if kind == "delete-unrecorded":
            # The page to delete, made and served first (serve never writes the record).
            write(path, text)
            server.settle()
            if stamp(page) is None:
                raise Skip("the new page to delete was not written")
        if kind == "delete-published" and not re.search(rf"^/van-ban/{re.escape(slug)}/: ", record or "", re.M):
            raise Skip("the directive is not in published-pages.yaml")
        before = stamp(page)
        started = time.perf_counter()
        if kind == "new":
            write(path, text)
        elif kind == "delete-unrecorded":
            os.remove(path)
        elif kind == "delete-published":
            retire(args.portal, target_slug)
            os.remove(directive)
        else:
            write(directive, edit(kind, original, others, n, args.portal) if change else original)
        while stamp(page) == before:
            problem = server.failure()
            if problem:
                # Put back before the script stops, so the portal is as it was.
                if kind in COPIES:
                    if os.path.exists(path):
                        os.remove(path)
                else:
                    write(directive, original)
                    unretire(args.portal, record)
                server.wait_for("rebuild:", failures=True)
                server.wait_for("search index:", failures=True)
                raise Skip(f"the rebuild failed: {problem}")
            if time.perf_counter() - started > args.timeout:
                raise Skip(f"the page did not change within {args.timeout:.0f} s")
            time.sleep(0.001)
        elapsed = (time.perf_counter() - started) * 1000
        stages = {}
        report = server.wait_for("rebuild:", stages).strip()
        settled = (time.perf_counter() - started) * 1000
        server.wait_for("search index:")
        indexed = (time.perf_counter() - started) * 1000
        times.append((elapsed, settled, indexed, stages))
        print(f"{kind} save {n + 1}: page on disk after {elapsed:.0f} ms, every page after {settled:.0f} ms, "
              f"search index after {indexed:.0f} ms; server: {report}")
        # Undone, unmeasured: the next save starts from the original portal.
        if kind == "new":
            os.remove(path)
            server.settle()
        elif kind == "delete-published":
            write(directive, original)
            unretire(args.portal, record)
            server.settle()
        time.sleep(0.3)
    if read(directive) != original:
        write(directive, original)
        server.settle()
    print(f"{kind}: median save → page {median(times, 0):.0f} ms, → every page {median(times, 1):.0f} ms, "
          f"→ search index {median(times, 2):.0f} ms over {len(times)} saves (directive {slug})")
    return times, re.sub(r"^\S+ rebuild: ", "", report).split(";")[0]


RECORD = "published-pages.yaml"


def read_record(portal):
    """The record of published pages as it was, or None where the portal has none yet."""
    path = os.path.join(portal, RECORD)
    return read(path) if os.path.exists(path) else None


def retire(portal, slug):
    """Deletes a published page as staff must: its record line names where readers go
    (`{redirect: /van-ban/}`), written just before the file is removed, as one commit would."""
    record = read_record(portal)
    if record is None:
        return
    line = re.compile(rf"^/van-ban/{re.escape(slug)}/: .*$", flags=re.M)
    write(os.path.join(portal, RECORD), line.sub(f"/van-ban/{slug}/: {{redirect: /van-ban/}}", record))


def unretire(portal, record):
    if record is not None:
        write(os.path.join(portal, RECORD), record)


class Skip(Exception):
    """An edit kind this portal cannot make."""


def edit(kind, text, others, n, portal):
    """The directive's text with one field changed; `others` are the portal's directives."""
    marker = f"Đã sửa lần {n} {time.time_ns()}"
    if kind == "body":
        return text + f"\n\n{marker}\n"
    if kind == "title":
        return re.sub(r"^title: \"?", lambda m: m.group(0) + marker + " ", text, count=1, flags=re.M)
    if kind in ("tag", "campaign", "issuer"):
        key = {"tag": "tags", "campaign": "campaigns", "issuer": "issuer"}[kind]
        mine = field_line(text, key)
        for other in others:
            theirs = field_line(read(other), key)
            if theirs is not None and theirs != mine:
                return set_line(text, key, theirs)
        raise Skip(f"no other directive has a different `{key}:` line")
    if kind == "date":
        year = int(re.search(r"^date: (\d{4})", text, flags=re.M).group(1))
        return set_line(text, "date", f"date: {year - 1}-03-15")
    if kind == "type":
        current = field_line(text, "doc_type")
        return set_line(text, "doc_type", "doc_type: thong-bao" if "thong-bao" not in current else "doc_type: cong-van")
    if kind == "deadline":
        if re.search(r"^deadlines:\n  - date: ", text, flags=re.M):
            return re.sub(r"^(deadlines:\n  - date: )\S+", r"\g<1>2031-12-24", text, count=1, flags=re.M)
        return add_before(text, "signer:", "deadlines:\n  - date: 2031-12-24\n    what: \"Gửi báo cáo\"\n")
    if kind == "number":
        return re.sub(r"^number: \"?", lambda m: m.group(0) + "9", text, count=1, flags=re.M)
    if kind == "attachment":
        shared = os.path.join(portal, "content/attachments")
        files = sorted(os.listdir(shared)) if os.path.isdir(shared) else []
        if not files:
            # No shared file to add: the first attachment's title changes instead.
            if not re.search(r"^attachments:\n  - file: .*\n    title: ", text, flags=re.M):
                raise Skip("the portal has no content/attachments/ and the directive no attachment")
            return re.sub(r"^(attachments:\n  - file: .*\n    title: \"?)", r"\g<1>Phụ lục ", text, count=1,
                          flags=re.M)
        use = f"  - file: {files[0]}\n    title: \"Phụ lục\"\n"
        if re.search(r"^attachments:\n", text, flags=re.M):
            return re.sub(r"^attachments:\n", "attachments:\n" + use, text, count=1, flags=re.M)
        return add_before(text, "signer:", "attachments:\n" + use)
    raise ValueError(kind)


def renumber(text, n, prefix):
    """A copy of a directive under another number (numbers are unique in a portal)."""
    return re.sub(r"^number: \"?", lambda m: m.group(0) + f"{prefix}{n}", text, count=1, flags=re.M)


def field_line(text, key):
    found = re.search(rf"^{key}: .*$", text, flags=re.M)
    return found.group(0) if found else None


def set_line(text, key, line):
    return re.sub(rf"^{key}: .*$", lambda _: line, text, count=1, flags=re.M)


def add_before(text, key, block):
    if re.search(rf"^{key}", text, flags=re.M):
        return re.sub(rf"^{key}", lambda m: block + m.group(0), text, count=1, flags=re.M)
    # At the end of the front matter.
    return re.sub(r"\n---\n", lambda m: "\n" + block + "---\n", text, count=1)


def slug_of(path):
    if os.path.basename(path) == "index.md":
        return os.path.basename(os.path.dirname(path))
    return os.path.basename(path)[:-3]


def stamp(path):
    """What tells a rewrite of `path` apart: its modification time, or None when it is gone."""
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


class Server:
    """`loa serve` with its output read on a thread of its own, so an error is seen while a
    save's page is awaited (a failed rebuild writes no page: the save is then reported, not
    waited for until the time limit)."""

    def __init__(self, loa, portal, out):
        # English messages: the script recognizes the failure line by its words.
        self.process = subprocess.Popen(
            [loa, "--lang", "en", "serve", "--root", portal, "--out", out, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.lines = []
        self.read = 0
        self.changed = threading.Condition()
        threading.Thread(target=self._reader, daemon=True).start()
        self.first = self.wait_for("full rebuild")
        self.wait_for("Serving")
        # The watcher starts after the address is printed: a save before it would be missed.
        self.wait_for("search index:")
        time.sleep(1)

    def _reader(self):
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.lines.append(None)
            self.changed.notify_all()

    def failure(self):
        """The first error line printed since the last line taken, if any: taken, with
        every line before it."""
        with self.changed:
            for at, line in enumerate(self.lines[self.read:], start=self.read):
                if line is not None and failed(line):
                    self.read = at + 1
                    return line.strip()
        return None

    def wait_for(self, text, timings=None, failures=False):
        """Takes lines until one holds `text`; `timings` (a dict) collects the `LOA_TIMINGS`
        stages on the way, by name, in ms. An error line stops the script, unless `failures`
        (the lines of a failed rebuild still being printed)."""
        while True:
            with self.changed:
                while self.read >= len(self.lines):
                    self.changed.wait()
                line = self.lines[self.read]
                self.read += 1
            if line is None:
                sys.exit(f"loa serve stopped before printing {text!r}")
            if failed(line) and not failures:
                sys.exit(f"loa serve reported an error: {line.strip()}")
            stage = re.match(r"timing: (.+?) done at (\d+) ms", line)
            if stage and timings is not None:
                timings[stage.group(1)] = int(stage.group(2))
            if line.startswith("timing:") and os.environ.get("LOA_TIMINGS"):
                print("  " + line.strip())
            if text in line:
                return line

    def settle(self):
        """Waits for the rebuild of an unmeasured save and its search index."""
        self.wait_for("rebuild:")
        self.wait_for("search index:")

    def stop(self):
        self.process.terminate()
        self.process.wait()


def failed(line):
    return "build failed" in line or ": error: " in line or line.startswith("error")


if __name__ == "__main__":
    main()
