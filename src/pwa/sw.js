// The service worker. `site postbuild` writes it to dist/sw.js from this template,
// filling in the build id and the list of every file of the site with its size.
//
// A visit costs what it uses: the worker keeps what the visit used, not the whole site.
// - Every page registers it when the browser is idle. The page then hands over the
//   addresses it already loaded ({type: "KEEP"}), and from then on every file of the site
//   that passes through the worker is kept as it arrives, and every page when it is
//   visited. Those pages work offline.
// - Every page works offline when asked: {type: "SAVE_OFFLINE"} (the footer's control, or
//   the installed app) downloads every file of the list, telling the pages its progress,
//   and remembers the choice, so that the next build is saved whole too.
//   {type: "REMOVE_OFFLINE"} forgets it. {type: "OFFLINE_STATUS"} asks where things stand.
// - A new build installs beside the old one with the new version of what the old one
//   kept (the same pages, and the code and data files of the same names), or everything
//   if offline use was asked for; content-hashed files an older cache holds are copied
//   instead of downloaded. It waits until the page asks for it ({type: "SKIP_WAITING"}), so
//   a page never mixes one build's HTML with another build's wasm.
// - Navigations are answered with the kept page for the address (query ignored), then the
//   network; offline, an unknown address gets the kept 404 page, and a page that was not
//   kept a short note that says so.

const BUILD = "__BUILD__";
// [path relative to the site root, content-hashed name?, bytes a compressing host sends]
const FILES = __FILES__;

const SCOPE = new URL("./", self.location.href).href;
const SCOPE_PATH = new URL(SCOPE).pathname;
// Several builds of several sites can share an origin: the prefix names this site.
const PREFIX = `pyuses ${SCOPE} `;
const CACHE = PREFIX + BUILD;
// Where the visitor's choice of offline use is kept, apart from the builds' caches.
const CHOICE = `pyuses-offline ${SCOPE}`;
// What downloading `files` costs on the wire.
const bytesOf = (files) => files.reduce((sum, [, , bytes]) => sum + bytes, 0);
const TOTAL = bytesOf(FILES);
const LISTED = new Map(FILES.map((file) => [file[0], file]));
// Folders that have a page: "" for the home page, "category/web-development/", ...
const PAGES = new Set(
  FILES.map(([path]) => path).filter((path) => path === "index.html" || path.endsWith("/index.html"))
    .map((path) => path.slice(0, -"index.html".length)),
);
// Downloads at once while saving the whole site.
const PARALLEL = 6;

const at = (path) => new URL(path, SCOPE).href;
const relative = (url) => decodeURIComponent(new URL(url).pathname.slice(SCOPE_PATH.length));
// A file's name without its content hash: what stays the same from one build to the next.
const stem = (path) => path.replace(/-[0-9a-f]{8,16}(_bg)?(\.[a-z0-9]+)$/, "$1$2");

let saving = null;

self.addEventListener("install", (event) => {
  event.waitUntil(install());
});

async function install() {
  if (await wantsEverything()) return save(() => {});
  // The new version of what earlier builds kept.
  const kept = new Set();
  for (const name of await olderCaches()) {
    for (const request of await (await caches.open(name)).keys()) kept.add(stem(relative(request.url)));
  }
  const cache = await caches.open(CACHE);
  await Promise.all(FILES.filter(([path]) => kept.has(stem(path))).map((file) => fetchInto(cache, file)));
}

async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

async function wantsEverything() {
  return Boolean(await (await caches.open(CHOICE)).match(at("offline")));
}

// Puts one listed file into `cache`: copied from an older build's cache when its name
// carries its content's hash, else downloaded from `from` (by default its own address; a
// page the visitor loaded as its folder is asked for as it was loaded, so the browser's
// cache answers). Returns its size on the wire.
async function fetchInto(cache, [path, hashed, bytes], from = at(path)) {
  const key = new Request(at(path));
  const request = new Request(from, { cache: hashed ? "default" : "no-cache" });
  if (hashed) {
    for (const name of await olderCaches()) {
      const kept = await (await caches.open(name)).match(key);
      if (kept) {
        await cache.put(key, kept);
        return bytes;
      }
    }
  }
  const response = await fetch(request);
  if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
  await cache.put(key, response);
  return bytes;
}

// Downloads every listed file not kept yet, telling `progress(done, total)` as it goes.
async function save(progress) {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((request) => relative(request.url)));
  let done = bytesOf(FILES.filter(([path]) => have.has(path)));
  const queue = FILES.filter(([path]) => !have.has(path));
  progress(done, TOTAL);
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      done += await fetchInto(cache, file);
      progress(done, TOTAL);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await (await caches.open(CHOICE)).put(at("offline"), new Response("1"));
}

async function tell(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage(message);
}

function status(saved) {
  return { type: "OFFLINE_STATUS", total: TOTAL, saved, saving: saving !== null };
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
  const message = event.data || {};
  if (message.type === "SKIP_WAITING") self.skipWaiting();
  else if (message.type === "KEEP") event.waitUntil(keep(message.urls || []));
  else if (message.type === "OFFLINE_STATUS") {
    event.waitUntil(wantsEverything().then(status).then((m) => event.source.postMessage(m)));
  } else if (message.type === "SAVE_OFFLINE") {
    saving = saving || save((done, total) => tell({ type: "OFFLINE_PROGRESS", done, total }))
      .then(() => tell({ type: "OFFLINE_DONE", saved: true }))
      .catch((error) => tell({ type: "OFFLINE_DONE", saved: false, error: error.message }))
      .finally(() => { saving = null; });
    event.waitUntil(saving);
  } else if (message.type === "REMOVE_OFFLINE") {
    event.waitUntil(
      (async () => {
        await caches.delete(CHOICE);
        await caches.delete(CACHE);
        await tell({ type: "OFFLINE_DONE", saved: false });
      })(),
    );
  }
});

// Keeps the files a page loaded before the worker controlled it (most come from the
// browser's HTTP cache).
async function keep(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.filter((url) => url.startsWith(SCOPE)).map(async (url) => {
      const path = relative(url);
      const file = LISTED.get(path) || (PAGES.has(path) && LISTED.get(path + "index.html"));
      if (!file || (await cache.match(at(file[0])))) return;
      try {
        await fetchInto(cache, file, url);
      } catch {
        // Offline already, or the build changed under the page: kept on its next use.
      }
    }),
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (relative(request.url) === "sw.js") return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

// A navigation: the page for the address, whatever its query string.
async function page(request) {
  const url = new URL(request.url);
  const path = relative(request.url);
  const cache = await caches.open(CACHE);
  if (PAGES.has(path)) {
    const key = at(path + "index.html");
    const hit = await cache.match(key);
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(key, response.clone());
      return response;
    } catch {
      return notSaved(url);
    }
  }
  if (PAGES.has(path + "/")) {
    // A folder without its slash: redirect, as static hosts do, so relative URLs resolve.
    return Response.redirect(at(path + "/") + url.search + url.hash, 301);
  }
  try {
    return await fetch(request);
  } catch {
    const missing = await cache.match(at("404.html"));
    if (missing) {
      return new Response(missing.body, { status: 404, statusText: "Not Found", headers: missing.headers });
    }
    return notSaved(url);
  }
}

// Offline, at a page of the site that was never kept.
function notSaved(url) {
  const text = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title>
<link rel="icon" href="data:,">
<body style="font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1>You are offline</h1><p>This page (${text(url.pathname)}) was not saved on this device.
Pages you opened before still work. To keep every page, use “Save for offline use” at the
bottom of any page when you are online.</p><p><a href="${text(SCOPE)}">Home</a></p>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Any other file: the kept copy, else the network, kept as it arrives.
async function file(request) {
  const hit = await caches.match(request, { cacheName: CACHE });
  if (hit) return hit;
  const response = await fetch(request);
  const listed = LISTED.get(relative(request.url));
  if (response.ok && listed && new URL(request.url).search === "") {
    const cache = await caches.open(CACHE);
    await cache.put(at(listed[0]), response.clone());
  }
  return response;
}
