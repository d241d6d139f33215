/**
 * `/assets/importeren.js`: progressive enhancement of the upload form (the form works without
 * it). Files can be dropped on a zone, and the upload shows its progress; the server's answer
 * replaces the page's main part, as a plain submit would. A static file, because the CSP
 * allows no inline script.
 */
export const IMPORTEREN_SCRIPT = `(() => {
  'use strict';
  function init(root) {
    var form = root.querySelector('form[data-upload]');
    if (!form) return;
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('[data-drop]');
    var bar = form.querySelector('progress');
    var status = form.querySelector('[data-status]');
    var say = function (text) { if (status) status.textContent = text; };
    var chosen = function () {
      var n = input.files ? input.files.length : 0;
      say(n === 0 ? '' : n === 1 ? '1 bestand gekozen' : n + ' bestanden gekozen');
    };
    input.addEventListener('change', chosen);
    if (zone) {
      zone.hidden = false;
      ['dragenter', 'dragover'].forEach(function (t) {
        zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.remove('over'); });
      });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; chosen(); }
      });
    }
    form.addEventListener('submit', function (e) {
      if (!window.FormData || !window.XMLHttpRequest || !input.files || input.files.length === 0) return;
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.addEventListener('progress', function (p) {
        if (!p.lengthComputable) return;
        var pct = Math.round((p.loaded / p.total) * 100);
        if (bar) { bar.hidden = false; bar.value = pct; }
        say(pct < 100 ? 'Uploaden: ' + pct + '%' : 'Verwerken…');
      });
      xhr.addEventListener('load', function () {
        var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        var next = doc.querySelector('main');
        var main = document.querySelector('main');
        if (!next || !main) { say('Onverwacht antwoord van de server (HTTP ' + xhr.status + ').'); return; }
        main.replaceWith(next);
        init(next);
      });
      xhr.addEventListener('error', function () { say('De upload is mislukt: geen verbinding met de server.'); });
      say('Uploaden: 0%');
      xhr.send(new FormData(form));
    });
  }
  init(document);
})();
`;
