// The service worker. `site postbuild` writes it to dist/sw.js from this template,
// filling in the build id and the list of every file the app needs.
//
// - Install downloads the whole list into a cache named after the build; content-hashed
//   files an older cache already holds are copied instead of downloaded.
// - Activate deletes this site's older caches and takes control of open pages.
// - Navigations are answered with the cached page for the address (query ignored), or the
//   cached 404 page; other files in scope come from the cache first.
// - A new build waits until the page asks for it ({type: "SKIP_WAITING"}), so a page never
//   mixes one build's HTML with another build's wasm.

const BUILD = "__BUILD__";
// [path relative to the site root, content-hashed name?]
const FILES = __FILES__;

const SCOPE = new URL("./", self.location.href).href;
const SCOPE_PATH = new URL(SCOPE).pathname;
// Several builds of several sites can share an origin: the prefix names this site.
const PREFIX = `pyuses ${SCOPE} `;
const CACHE = PREFIX + BUILD;
// Folders that have a page: "" for the home page, "category/web-development/", ...
const PAGES = new Set(
  FILES.map(([path]) => path).filter((path) => path === "index.html" || path.endsWith("/index.html"))
    .map((path) => path.slice(0, -"index.html".length)),
);

const at = (path) => new URL(path, SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE);
  const older = await olderCaches();
  await Promise.all(
    FILES.map(async ([path, hashed]) => {
      const request = new Request(at(path), { cache: hashed ? "default" : "no-cache" });
      if (hashed) {
        for (const name of older) {
          const kept = await (await caches.open(name)).match(request);
          if (kept) return cache.put(request, kept);
        }
      }
      const response = await fetch(request);
      if (!response.ok) throw new Error(`cannot cache ${path}: HTTP ${response.status}`);
      return cache.put(request, response);
    }),
  );
}

async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all((await olderCaches()).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

// A navigation: the page for the address, whatever its query string.
async function page(request) {
  const url = new URL(request.url);
  const path = decodeURIComponent(url.pathname.slice(SCOPE_PATH.length));
  const cache = await caches.open(CACHE);
  if (PAGES.has(path)) {
    const hit = await cache.match(at(path + "index.html"));
    if (hit) return hit;
  } else if (PAGES.has(path + "/")) {
    // A folder without its slash: redirect, as static hosts do, so relative URLs resolve.
    return Response.redirect(at(path + "/") + url.search + url.hash, 301);
  } else {
    const missing = await cache.match(at("404.html"));
    if (missing) {
      return new Response(missing.body, { status: 404, statusText: "Not Found", headers: missing.headers });
    }
  }
  return fetch(request);
}

// Any other file: the cached copy, else the network.
async function file(request) {
  const hit = await caches.match(request, { cacheName: CACHE });
  return hit || fetch(request);
}
