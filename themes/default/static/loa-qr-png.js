// "Tải mã QR (PNG)" and "Tải mã QR (SVG)": make the short link's QR code files from the
// code drawn inline in the page, in the browser, when asked. The portal writes no image
// file per code (the page and its print pages draw it inline); a PNG for documents and
// messages that take no SVG is drawn at the size the build would have drawn
// (qr_module_px pixels per module), and the SVG is the drawing itself as a file.
// Without JavaScript both links stay hidden: the code is on the page and on its posters.
(function () {
  'use strict';
  if (!window.HTMLCanvasElement || !window.Path2D || !window.URL || !URL.createObjectURL) return;

  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
    }, 10000);
  }

  // The inline drawing as a standalone SVG file.
  function svgFile(svg) {
    var copy = svg.cloneNode(true);
    copy.removeAttribute('aria-hidden');
    copy.setAttribute('role', 'img');
    return new Blob([new XMLSerializer().serializeToString(copy) + '\n'], { type: 'image/svg+xml' });
  }

  // The drawing on a canvas, whole pixels per module: every edge stays sharp for scanners.
  // Drawn from its path (one stroked line per run of dark modules), not loaded as an image:
  // the page's policy allows images from the portal only (not blob: or data: URLs).
  function png(svg, px, name) {
    var modules = svg.viewBox.baseVal.width || 41;
    var side = modules * px;
    var canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    var g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, side, side);
    g.scale(px, px);
    g.strokeStyle = '#000';
    g.lineWidth = 1;
    var path = svg.querySelector('path');
    if (path) g.stroke(new Path2D(path.getAttribute('d')));
    canvas.toBlob(function (blob) {
      if (blob) save(blob, name);
    }, 'image/png');
  }

  document.querySelectorAll('.qr-downloads').forEach(function (box) {
    var svg = box.querySelector('.qr-img svg');
    if (!svg) return;
    box.querySelectorAll('[data-qr-png], [data-qr-svg]').forEach(function (item) {
      var link = item.querySelector('a');
      if (!link) return;
      item.hidden = false;
      link.addEventListener('click', function (event) {
        event.preventDefault();
        if (item.hasAttribute('data-qr-png')) {
          png(svg, parseInt(link.getAttribute('data-module-px'), 10) || 16, link.getAttribute('download'));
        } else {
          save(svgFile(svg), link.getAttribute('download'));
        }
      });
    });
  });
})();
