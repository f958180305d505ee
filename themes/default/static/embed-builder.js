// The embed snippet builder on portal pages: the options under each snippet (plain style,
// compact list, accent colour) rewrite the embed address in the code a webmaster copies.
// Without JavaScript the options stay hidden and the default snippet is shown.
(function () {
  var DEFAULT_ACCENT = "#a3161a";
  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  }
  Array.prototype.forEach.call(document.querySelectorAll(".embed-snippet"), function (box) {
    var options = box.querySelector(".embed-options");
    var code = box.querySelector("pre code");
    if (!options || !code || !options.getAttribute("data-src")) return;
    var preview = box.querySelector('a[href="' + options.getAttribute("data-src") + '"]');
    var template = code.textContent;
    function update() {
      var url = new URL(options.getAttribute("data-src"));
      if (options.elements.plain.checked) url.searchParams.set("plain", "1");
      if (options.elements.compact.checked) url.searchParams.set("compact", "1");
      var accent = options.elements.accent.value;
      if (/^#[0-9a-fA-F]{6}$/.test(accent) && accent.toLowerCase() !== DEFAULT_ACCENT) {
        url.searchParams.set("accent", accent.slice(1));
      }
      code.textContent = template.replace(/data-loa-embed="[^"]*"/, 'data-loa-embed="' + escapeAttribute(url.href) + '"');
      if (preview) preview.href = url.href;
    }
    options.hidden = false;
    options.addEventListener("input", update);
    options.addEventListener("change", update);
  });
})();
