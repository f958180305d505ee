// "Tải mã QR (PNG)": draws the short link's QR code as a PNG from its SVG, in the browser,
// when asked. The portal writes one file per code (the SVG, which pages and posters show
// and print shops take); a PNG for documents and messages that take no SVG is made here,
// at the same size the build would have drawn (qr_module_px pixels per module), so the
// output holds no second image of every code. Without JavaScript the SVG stays offered.
(function () {
  'use strict';
  if (!window.HTMLCanvasElement || !window.URL || !URL.createObjectURL) return;

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

  function draw(link) {
    var px = parseInt(link.getAttribute('data-module-px'), 10) || 16;
    fetch(link.href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (svg) {
        // viewBox "0 0 N N": N modules, quiet zone included; whole pixels per module keep
        // every edge sharp for scanners.
        var box = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
        var side = (box ? parseInt(box[1], 10) : 41) * px;
        // Drawn from its own address: the page's policy allows images from the portal
        // only (not blob: URLs), and a same-origin image leaves the canvas readable.
        var image = new Image();
        image.onload = function () {
          var canvas = document.createElement('canvas');
          canvas.width = side;
          canvas.height = side;
          var g = canvas.getContext('2d');
          g.fillStyle = '#fff';
          g.fillRect(0, 0, side, side);
          g.drawImage(image, 0, 0, side, side);
          canvas.toBlob(function (png) {
            if (png) save(png, link.getAttribute('download'));
          }, 'image/png');
        };
        image.src = link.href;
      })
      .catch(function () {
        // Offline or gone: the SVG itself, which the link names.
        window.location.href = link.href;
      });
  }

  document.querySelectorAll('[data-qr-png]').forEach(function (item) {
    var link = item.querySelector('a[data-module-px]');
    if (!link) return;
    item.hidden = false;
    link.addEventListener('click', function (event) {
      event.preventDefault();
      draw(link);
    });
  });
})();
