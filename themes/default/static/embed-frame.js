// Inside an embed: apply ?accent= and tell the host page our height, nothing else.
(function () {
  var params = new URLSearchParams(location.search);
  var accent = params.get("accent");
  // Only a plain hex colour is accepted: the parameter comes from another site.
  if (accent && /^#?[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accent)) {
    document.documentElement.style.setProperty("--accent", accent.charAt(0) === "#" ? accent : "#" + accent);
  }
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The host's origin is not known in advance; the message holds only a height.
    window.parent.postMessage({ type: "loa:resize", height: height, href: location.href }, "*");
  }
  report();
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener("load", report);
})();
