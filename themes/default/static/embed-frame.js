// Inside an embed: apply the snippet's options (?accent=, ?plain=1, ?compact=1, and
// ?xem=van-ban: a campaign's directives without its card) and tell the host page our
// height, nothing else.
(function () {
  var params = new URLSearchParams(location.search);
  var root = document.documentElement;
  var accent = params.get("accent");
  // Only a plain hex colour is accepted: the parameter comes from another site.
  if (accent && /^#?[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accent)) {
    root.style.setProperty("--accent", accent.charAt(0) === "#" ? accent : "#" + accent);
  }
  // Plain: no colour stripe and no heading of its own (the host's box has one).
  if (params.get("plain") === "1") root.classList.add("embed-plain");
  if (params.get("compact") === "1") root.classList.add("embed-compact");
  if (params.get("xem") === "van-ban") root.classList.add("embed-directives-only");
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The host's origin is not known in advance; the message holds only a height.
    window.parent.postMessage({ type: "loa:resize", height: height, href: location.href }, "*");
  }
  report();
  if (window.ResizeObserver) new ResizeObserver(report).observe(root);
  window.addEventListener("load", report);
})();
