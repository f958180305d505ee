// The search page: results as you type, facets, the query kept in the URL.
import { SearchIndex, fold, highlight, snippet } from "./loa-search.js";

const PAGE = 20;
const PARAMS = { type: "loai", year: "nam", issuer: "co-quan", campaign: "phong-trao", status: "trang-thai", fields: "linh-vuc" };

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const help = document.getElementById("search-help");
const notice = document.getElementById("search-notice");
// `meta.js`, a deferred script before this module, leaves the index's meta.json here.
const index = new SearchIndex(form.dataset.index, undefined, {
  longForms: JSON.parse(form.dataset.abbreviations || "[]"),
  meta: self.loaSearchMeta,
});
// Messages in the page's language: the search page of a language edition carries them as
// data-t-* attributes; the Vietnamese page uses these defaults.
const MESSAGES = {
  noResults: "Không tìm thấy kết quả cho “{query}”.",
  tryUnaccented: "Thử tìm không dấu: ",
  advice: "Kiểm tra chính tả, bỏ bớt từ hoặc bỏ bộ lọc; hoặc duyệt theo danh mục bên dưới.",
  none: "Không có kết quả.",
  partial: " (không trang nào có đủ mọi từ; hiện các trang có một phần)",
  found: "Tìm thấy {total} kết quả{partial}.",
  decoded: "Đang hiển thị kết quả cho {decoded}. Tìm chính xác: ",
  suggest: "Có phải bạn muốn tìm: ",
  noNumber: "Không có văn bản số {number} trên cổng này.",
};
const t = (key, values = {}) =>
  (form.dataset[`t${key[0].toUpperCase()}${key.slice(1)}`] ?? MESSAGES[key]).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
let shown = 0;
let current = null;
let run = 0;

/** Facet codes of the chosen filters: each <option> carries its code (1 + position in the
 * index's facet table), so the index need not ship the lists the page already has. */
function filters() {
  const codes = {};
  for (const [field, name] of Object.entries(PARAMS)) {
    const select = form.elements[name];
    const option = select?.options[select.selectedIndex];
    if (option?.value) codes[field] = Number(option.dataset.code);
  }
  return codes;
}

// The "Lọc" control says how many filters are chosen, so a folded filter is not forgotten.
const filterCount = form.querySelector(".filter-count");
function showFilterCount() {
  if (!filterCount) return;
  const active = Object.values(PARAMS).filter((name) => form.elements[name]?.value).length;
  filterCount.textContent = active ? ` (${active} ${filterCount.dataset.label})` : "";
}

// "?chinh-xac=1": the words as typed, without reading them as Telex/VNI or correcting them.
let exact = new URLSearchParams(location.search).get("chinh-xac") === "1";

function keepInUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  if (exact) params.set("chinh-xac", "1");
  for (const name of Object.values(PARAMS)) {
    const v = form.elements[name]?.value;
    if (v) params.set(name, v);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function appendHighlighted(parent, text, words) {
  for (const part of highlight(text, words)) {
    parent.append(part.hit ? element("mark", "", part.text) : document.createTextNode(part.text));
  }
}

async function showMore(count = PAGE) {
  if (!current) return;
  const shownFor = current;
  const meta = await index.meta();
  const batch = current.ids.slice(shown, shown + count);
  const fragments = await Promise.all(batch.map((id) => index.fragment(id)));
  if (shownFor.words !== current?.words) return;
  for (const doc of fragments) {
    if (!doc) continue;
    const item = element("li", "result");
    const link = element("a", "result-title");
    link.href = doc.u;
    appendHighlighted(link, doc.t, current.words);
    // A guide's line already starts with its kind: "Hướng dẫn", not "Hướng dẫn · Hướng dẫn".
    const kind = meta.kinds[doc.k];
    const line = doc.m && kind && doc.m.split(" · ")[0] === kind ? [doc.m] : [kind, doc.m];
    const info = element("p", "result-meta", line.filter(Boolean).join(" · "));
    item.append(link, info);
    const text = snippet(doc.x, current.words);
    if (text) {
      const p = element("p", "result-snippet");
      appendHighlighted(p, text, current.words);
      item.append(p);
    }
    list.append(item);
  }
  shown += batch.length;
  more.hidden = shown >= current.ids.length;
}

/** The facet lists' options wait in a <template> beside each <select>: laid out with the page,
 * hundreds of campaign titles held its first frame (and so the search) back. They move in when
 * the filters open, when the URL chooses one, after the first results are drawn, or when the
 * page has nothing else to do. */
function fillFacets() {
  for (const waiting of form.querySelectorAll("template[data-options-for]")) {
    document.getElementById(waiting.dataset.optionsFor)?.append(waiting.content);
    waiting.remove();
  }
}

/** A facet list's options, in its <select> or still waiting in its <template>. */
function facetOptions(select) {
  const waiting = form.querySelector(`template[data-options-for="${select.id}"]`);
  return waiting ? waiting.content.querySelectorAll("option") : select.options;
}

function updateFacetCounts(counts) {
  for (const [field, name] of Object.entries(PARAMS)) {
    const select = form.elements[name];
    if (!select) continue;
    for (const option of facetOptions(select)) {
      if (!option.value) continue;
      option.dataset.label ||= option.textContent;
      const code = Number(option.dataset.code);
      const count = counts[field]?.get(code) || 0;
      option.textContent = `${option.dataset.label} (${count})`;
    }
  }
}

function noResults(query) {
  const help = element("div", "no-results");
  help.append(element("p", "", t("noResults", { query })));
  const folded = fold(query);
  if (folded !== query.toLowerCase()) {
    const p = element("p", "", t("tryUnaccented"));
    const a = element("a", "", folded);
    a.href = `?q=${encodeURIComponent(folded)}`;
    p.append(a);
    help.append(p);
  }
  help.append(element("p", "", t("advice")));
  return help;
}

/** A link that searches `query`, exactly as typed when `literal`. */
function queryLink(query, literal) {
  const a = element("a", "", query);
  const params = new URLSearchParams({ q: query });
  if (literal) params.set("chinh-xac", "1");
  a.href = `?${params}`;
  a.addEventListener("click", (event) => {
    event.preventDefault();
    exact = literal;
    input.value = query;
    search();
  });
  return a;
}

/** "Text {name} text" with `value` in <strong> where {name} is. */
function withStrong(message, name, value) {
  const p = element("p");
  const [before, after = ""] = message.split(`{${name}}`);
  p.append(before);
  if (message.includes(`{${name}}`)) p.append(element("strong", "", value), after);
  return p;
}

/** What the results are for, when it is not the query as typed. */
function showNotices(result, query) {
  notice.replaceChildren();
  if (result.number && !result.number.found) {
    notice.append(withStrong(t("noNumber", { number: "{number}" }), "number", result.number.text));
  }
  if (result.decoded) {
    const p = withStrong(t("decoded", { decoded: "{decoded}" }), "decoded", result.decoded);
    p.append(queryLink(query, true));
    notice.append(p);
  }
  if (result.suggestion) {
    const p = element("p", "", t("suggest"));
    p.append(queryLink(result.suggestion, false));
    notice.append(p);
  }
}

/** Resolves after the browser has drawn what the page shows now. */
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function search(typing = false) {
  const mine = ++run;
  const started = performance.now();
  const query = input.value;
  keepInUrl();
  help.replaceChildren();
  notice.replaceChildren();
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    current = null;
    return;
  }
  // "No such number" shows as soon as the number index answers, before the words are read.
  index
    .number(query)
    .then((number) => {
      if (mine === run && number && !number.found && !notice.hasChildNodes()) showNotices({ number }, query.trim());
    })
    .catch(() => {});
  let result = await index.search(query, filters(), { complete: typing === true, exact });
  if (mine !== run) return;
  current = result;
  showNotices(result, query.trim());
  shown = 0;
  list.replaceChildren();
  // The first page may come from the index's top tiers alone; the count follows with the rest
  // (until then the status line is empty, not the previous query's count).
  if (result.total === null) status.textContent = "";
  if (result.ids.length) await showMore();
  if (mine !== run) return;
  list.dataset.ms = String(Math.round(performance.now() - started));
  // The rest (the count, later pages, the facet lists and counts) waits until the first page
  // is drawn.
  await afterPaint();
  if (mine !== run) return;
  fillFacets();
  result = await result.complete();
  if (mine !== run) return;
  current = result;
  // A first page shorter than a page (the pages with a searched number) is filled up.
  if (shown < PAGE && shown < current.ids.length) await showMore(PAGE - shown);
  if (mine !== run) return;
  more.hidden = shown >= current.ids.length;
  if (result.total === 0) {
    status.textContent = t("none");
    help.append(noResults(query.trim()));
    more.hidden = true;
  } else {
    const partial = result.all ? "" : t("partial");
    status.textContent = t("found", { total: result.total, partial });
  }
  // The filter counts follow the first results (they may need the facet table).
  const counts = await result.facets();
  if (mine !== run) return;
  updateFacetCounts(counts);
  list.dataset.query = query;
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  exact = false;
  timer = setTimeout(() => search(true), 120);
});
form.addEventListener("change", (event) => {
  showFilterCount();
  if (event.target !== input) search(false);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  search(false);
});
more.addEventListener("click", () => showMore());
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown") {
    const first = list.querySelector("a");
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }
});

form.querySelector(".search-filters > summary")?.addEventListener("click", fillFacets);
form.querySelector(".search-filters")?.addEventListener("toggle", fillFacets);

// Restore a linked search: ?q=...&nam=...
const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
if (Object.values(PARAMS).some((name) => params.get(name))) fillFacets();
for (const name of Object.values(PARAMS)) {
  if (form.elements[name] && params.get(name)) form.elements[name].value = params.get(name);
}
showFilterCount();
form.classList.add("js-ready");
// The facet lists come after the first results, or once the page is idle when there are none
// to wait for (on a wide screen the filters are always open).
if (input.value) search(false).finally(fillFacets);
else if (window.requestIdleCallback) requestIdleCallback(fillFacets, { timeout: 2000 });
else setTimeout(fillFacets, 200);
