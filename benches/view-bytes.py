#!/usr/bin/env python3
"""Bytes per view: what a first visit of each kind of page fetches, gzip level 6.

    benches/view-bytes.py [LABEL=]SITE [[LABEL=]SITE ...]

SITE is a built output folder (`loa build --out SITE`), e.g. the same corpus
(`target/release/examples/corpus --directives 10000 --seed 42`) built by two binaries.
Prints, per view type, the average over every page of that type of

  - the HTML, gzipped (level 6, as `gzip -6` of a pipe: no file name in the header);
  - plus the same-site subresources the page loads that the home page does not load
    (stylesheets, scripts, images, and what it preloads: `preload`, `modulepreload`). Those the home page loads (`loa.css`, `loa-live.js`,
    `loa-offline.js`, the icon) are in the browser's cache, or the service worker's shell,
    for any reader who has seen the portal, so they are left out; what a view type loads of
    its own (`embed.css` and `embed-frame.js` for an embed, `poster.css` for a print page,
    `loa-qr-png.js` for a campaign) is counted on every view, as on a first visit.
  - `loading="lazy"` images count only in the row "... (lazy images reached)": a reader who
    never scrolls to them does not fetch them (the QR box of a campaign page before the
    code was drawn inline).

The assets counted are listed under the table. Views:
  campaign, guide, directive: pages whose <body> has the class page-campaign, page-guide,
      page-directive (every one);
  embed card: nhung/phong-trao/<slug>/index.html; embed directives: its van-ban/ page where
      that is a page of its own, else the same file (`?xem=van-ban` shows the other half);
  print A4: <campaign or guide>/ap-phich/; print A5: its to-roi/ where that is a page of
      its own, else ap-phich/ (`#a5`);
  list: every page-list page, and the first pages of the lists of directives and campaigns;
  home, search: index.html, tim-kiem/index.html.
"""

import gzip
import html.parser
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class Refs(html.parser.HTMLParser):
    """Collects the subresources a page loads: (url, lazy)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []
        self.body_class = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        # A preloaded file (the search engine's module, an index file) is fetched on every view.
        if tag == "link" and rel and rel[0] in ("stylesheet", "preload", "modulepreload") and a.get("href"):
            self.refs.append((a["href"], False))
        elif tag == "script" and a.get("src"):
            self.refs.append((a["src"], False))
        elif tag == "img" and a.get("src"):
            self.refs.append((a["src"], a.get("loading") == "lazy"))
        elif tag == "body":
            self.body_class = a.get("class")


class Site:
    def __init__(self, label, root):
        self.label, self.root = label, Path(root)
        self.cache = {}
        self.origin = self.find_origin()
        self.shared = {url for url, _ in self.parse(self.root / "index.html").refs}

    def find_origin(self):
        text = (self.root / "index.html").read_text(encoding="utf-8")
        m = re.search(r'<link rel="canonical" href="(https?://[^/"]+)', text)
        return m.group(1) if m else ""

    def parse(self, path):
        if path not in self.cache:
            p = Refs()
            p.feed(path.read_text(encoding="utf-8"))
            self.cache[path] = p
        return self.cache[path]

    def file_of(self, url, page):
        if self.origin and url.startswith(self.origin):
            url = url[len(self.origin):]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None  # another site's
        path = parts.path
        if not path.startswith("/"):
            path = "/" + str(page.parent.relative_to(self.root)) + "/" + path
        target = self.root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        return target if target.is_file() else None

    def view(self, page):
        """(html gz, eager assets gz, lazy assets gz, names of the assets counted)."""
        refs = self.parse(page).refs
        html_gz = gz(page.read_bytes())
        eager = lazy = 0
        names = set()
        for url, is_lazy in refs:
            if url in self.shared:
                continue
            f = self.file_of(url, page)
            if f is None:
                continue
            size = gz(f.read_bytes())
            names.add(("lazy " if is_lazy else "") + re.sub(r"^.*/", "", str(f)))
            if is_lazy:
                lazy += size
            else:
                eager += size
        return html_gz, eager, lazy, names

    def is_page(self, path):
        return path.is_file() and self.parse(path).body_class is not None

    def pages(self):
        out = {}
        for dirpath, _, files in os.walk(self.root):
            if "index.html" in files:
                p = Path(dirpath) / "index.html"
                cls = self.parse(p).body_class
                if cls:
                    out.setdefault(cls, []).append(p)
        return out

    def views(self):
        by_class = self.pages()
        r = self.root
        views = {}
        for kind in ("campaign", "guide", "directive"):
            views[kind] = by_class.get(f"page-{kind}", [])
        embeds = sorted(r.glob("nhung/phong-trao/*/index.html"))
        views["embed card"] = embeds
        views["embed directives"] = [
            e.parent / "van-ban/index.html" if self.is_page(e.parent / "van-ban/index.html") else e for e in embeds
        ]
        posters = sorted(
            p for cls, ps in by_class.items() if cls.split()[0] == "poster" for p in ps if p.parent.name == "ap-phich"
        )
        views["print A4"] = posters
        views["print A5"] = [
            p.parent.parent / "to-roi/index.html" if self.is_page(p.parent.parent / "to-roi/index.html") else p
            for p in posters
        ]
        views["list (every page-list)"] = by_class.get("page-list", [])
        views["list of directives"] = [r / "van-ban/index.html"]
        views["list of campaigns"] = [r / "phong-trao/index.html"]
        views["home"] = [r / "index.html"]
        views["search"] = [r / "tim-kiem/index.html"]
        return views


def measure(site):
    rows = {}
    for kind, pages in site.views().items():
        if not pages:
            continue
        totals = [0, 0, 0]
        names = set()
        for p in pages:
            h, e, lz, n = site.view(p)
            totals[0] += h
            totals[1] += e
            totals[2] += lz
            names |= n
        n = len(pages)
        rows[kind] = (n, totals[0] / n, totals[1] / n, totals[2] / n, names)
    return rows


def main(args):
    if not args:
        sys.exit(__doc__)
    sites = []
    for a in args:
        label, _, path = a.rpartition("=")
        sites.append(Site(label or Path(path).name, path))
    results = [measure(s) for s in sites]
    kinds = list(results[0])
    head = ["view", *[f"{s.label}: pages, HTML, +assets = B" for s in sites]]
    if len(sites) > 1:
        head.append(f"{sites[-1].label} − {sites[0].label}")
    print("| " + " | ".join(head) + " |")
    print("| --- " + "| ---: " * (len(head) - 1) + "|")

    def line(kind, with_lazy):
        cells, totals = [], []
        for res in results:
            if kind not in res:
                cells.append("–")
                totals.append(None)
                continue
            n, h, e, lz, _ = res[kind]
            total = h + e + (lz if with_lazy else 0)
            cells.append(f"{n}, {h:,.0f}, +{e + (lz if with_lazy else 0):,.0f} = **{total:,.0f}**")
            totals.append(total)
        name = kind + (" (lazy images reached)" if with_lazy else "")
        if len(sites) > 1:
            a, b = totals[0], totals[-1]
            cells.append("–" if a is None or b is None else f"{b - a:+,.0f}")
        print(f"| {name} | " + " | ".join(cells) + " |")

    for kind in kinds:
        line(kind, False)
        if any(kind in res and res[kind][3] for res in results):
            line(kind, True)
    print()
    for s, res in zip(sites, results):
        print(f"{s.label}: assets counted (not loaded by the home page):")
        for kind, (_, _, _, _, names) in res.items():
            if names:
                print(f"  {kind}: {', '.join(sorted(names))}")


if __name__ == "__main__":
    main(sys.argv[1:])
