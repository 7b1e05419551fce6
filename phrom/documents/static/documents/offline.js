// The pocket cards page (issue 15, offline): register the service worker (served at /sw.js so
// that it controls the whole site) and, on "save for offline", put this page, its style and
// scripts, the cards PDF and the approved plan's PDF in the cache the worker answers from.
(function () {
  "use strict";
  var CACHE = "phrom-offline";
  var button = document.querySelector("[data-offline-save]");
  var status = document.getElementById("offline-status");
  var note = document.getElementById("offline-note");

  function showConnection() {
    if (note) note.hidden = navigator.onLine;
  }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();

  if (!("serviceWorker" in navigator) || !window.caches) {
    if (button) button.disabled = true;
    if (status && button) status.textContent = button.dataset.unsupported;
    return;
  }
  var ready = navigator.serviceWorker.register(button ? button.dataset.worker : "/sw.js", { scope: "/" })
    .then(function () { return navigator.serviceWorker.ready; });

  if (!button) return;
  button.addEventListener("click", function () {
    var urls = JSON.parse(button.dataset.offlineSave);
    urls.push(window.location.pathname);
    document.querySelectorAll("link[rel=stylesheet], script[src]").forEach(function (el) {
      urls.push(el.getAttribute("href") || el.getAttribute("src"));
    });
    button.disabled = true;
    status.textContent = button.dataset.saving;
    ready
      .then(function () { return caches.open(CACHE); })
      .then(function (cache) { return cache.addAll(urls); })
      .then(function () { status.textContent = button.dataset.saved; })
      .catch(function () { status.textContent = button.dataset.failed; })
      .then(function () { button.disabled = false; });
  });
})();
