// Phrom's service worker (issue 15, offline): the pages and files a member saved with "save for
// offline" (static/documents/offline.js) are answered from the cache when the network or Phrom is
// down; everything else goes to the network as usual. Logging out empties the cache: it holds
// contact data, and a phone may be shared.
const CACHE = "phrom-offline";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/accounts/logout/") {
    event.respondWith(caches.delete(CACHE).then(() => fetch(request)));
    return;
  }
  if (request.method !== "GET") return;
  event.respondWith(
    fetch(request)
      .then((response) => (response.status >= 500 ? fromCache(request, response) : response))
      .catch(() => fromCache(request, null)),
  );
});

// The saved copy if there is one; a page not saved opens the last saved pocket cards page instead
// (the installed app starts at the list of plans); else what the network gave, or a network error.
function fromCache(request, response) {
  return caches.open(CACHE).then((cache) =>
    cache.match(request, { ignoreVary: true }).then((saved) => {
      if (saved || request.mode !== "navigate") return saved;
      return cache.keys().then((keys) => {
        const pages = keys.filter((key) => new URL(key.url).pathname.endsWith("/pocket-cards/"));
        return pages.length ? cache.match(pages[pages.length - 1]) : undefined;
      });
    }),
  ).then((saved) => saved || response || Response.error());
}
