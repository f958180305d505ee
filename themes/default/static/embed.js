// For host pages: turns loa embed links (<a data-loa-embed="EMBED URL">) into iframes, and
// resizes them to their content.
//
// The link comes first: the iframe is added hidden and shown, in place of the link, only when
// its document reports its height, which it can do only where the portal's frame policy
// (frame-ancestors) lets it load. A host outside the portal's allow-list, or one without
// JavaScript, keeps the readable link instead of a browser error. It accepts only messages
// of type "loa:resize" from the frame's own origin and window, and touches nothing but the
// embeds' links and iframes. Iframes pasted by older snippets (<iframe data-loa-embed>) are
// resized as before.
// A page that pastes several snippets runs this script several times: the state lives in the
// page (data-loa-upgraded, the link before its frame), so each link gets one frame.
(function () {
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-loa-embed]"));
  }
  function upgrade(link) {
    if (link.hasAttribute("data-loa-upgraded") || link.tagName !== "A") return;
    var src;
    try { src = new URL(link.getAttribute("data-loa-embed"), location.href); } catch (e) { return; }
    if (src.protocol !== "https:" && src.protocol !== "http:") return;
    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = link.textContent.trim();
    frame.setAttribute("width", "100%");
    frame.setAttribute("data-loa-embed", "");
    frame.setAttribute("data-loa-waiting", "");
    // Out of sight and out of the tab order until it has shown that it loaded.
    frame.setAttribute("tabindex", "-1");
    frame.setAttribute("aria-hidden", "true");
    frame.style.cssText = "border:0;display:block;width:100%;height:0;visibility:hidden";
    link.setAttribute("data-loa-upgraded", "");
    link.insertAdjacentElement("afterend", frame);
  }
  function reveal(frame) {
    if (!frame.hasAttribute("data-loa-waiting")) return;
    frame.removeAttribute("data-loa-waiting");
    frame.removeAttribute("tabindex");
    frame.removeAttribute("aria-hidden");
    frame.style.visibility = "";
    var link = frame.previousElementSibling;
    if (link && link.hasAttribute("data-loa-upgraded")) link.hidden = true;
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
      reveal(frame);
    });
  });
  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-loa-embed]"), upgrade);
  }
  scan();
  // The script is loaded async: links after it in the page may not be parsed yet.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
