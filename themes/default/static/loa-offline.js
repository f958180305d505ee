// Registers loa's service worker (sw.js at the site root), which keeps opened pages readable
// offline. Only over HTTPS or on this computer (localhost), where browsers allow it, and not
// in `loa serve`'s live preview. Without it the portal works the same, online only.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !('serviceWorker' in navigator)) return;
  var host = location.hostname;
  var local = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  if (location.protocol !== 'https:' && !local) return;
  var scope = script.getAttribute('data-scope') || '/';
  function register() {
    if (document.querySelector('script[data-loa-serve]')) {
      // The live preview rebuilds on every edit: no saved copies there.
      navigator.serviceWorker.getRegistrations().then(function (all) {
        all.forEach(function (registration) {
          registration.unregister();
        });
      });
      return;
    }
    navigator.serviceWorker.register(scope + 'sw.js', { scope: scope }).catch(function () {
      // Offline reading is a bonus: the page works without it.
    });
  }
  // After the page has loaded, so installing never competes with the page on a slow line.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
})();
