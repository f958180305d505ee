// For host pages: resizes loa embeds (<iframe data-loa-embed>) to their content. It accepts
// only messages of type "loa:resize" from the frame's own origin and window, and touches
// nothing but the iframe's height.
(function () {
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-loa-embed]"));
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "loa:resize" || typeof data.height !== "number") return;
    frames().forEach(function (frame) {
      var origin;
      try { origin = new URL(frame.src, location.href).origin; } catch (e) { return; }
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var height = Math.max(60, Math.min(5000, Math.round(data.height)));
      frame.style.height = height + "px";
      frame.setAttribute("scrolling", "no");
    });
  });
})();
