// The Pagefind-twin benchmark's driver (run by scripts/bench twin).
//
// Given a release build of the site (dist/ by default), it
//   1. builds a twin of the site that searches with Pagefind instead of the app: a copy of
//      the build in target/bench/twin-site/ with every page's scripts (the app's loader,
//      its inline scripts) and preload links removed, its Content-Security-Policy <meta>
//      removed (the policy names the app's inline scripts only) and its service worker
//      (sw.js) deleted; Pagefind (npm, pinned by tests/package-lock.json) indexes the field
//      and library pages, and the twin's home page gets Pagefind's default UI in place of
//      the app's search form. The twin runs Pagefind's JavaScript and nothing of the app's;
//   2. serves each site from a small static server of its own (below), gzip-compressed as
//      a host would serve it, and counts at the server every request and every byte
//      written to the socket (headers and compressed body): a service worker's downloads
//      do not show up in the page's own network events, but they reach the server;
//   3. runs two scenarios, each in a new headless Chromium (a fresh profile) with a slow
//      phone's profile applied through CDP (150 ms latency, 1.6 Mbps down, 750 kbps up, 4×
//      CPU slowdown), the app and the twin taking turns:
//        a. cold first search: load `/`, wait 2 s, click the search box, type `django` at
//           120 ms a key, and time the first key to the first result shown;
//        a′. the same with the network shaped at the server instead of by DevTools: the
//           app's service worker takes over the page's downloads (the wasm, the data) and
//           a service worker's fetches escape DevTools throttling, so a alone flatters
//           the app (see startServer);
//        b. casual visit: load `/`, move the pointer over the page, search `django` once,
//           open a field from the results, stay 20 s; count what the whole visit fetched;
//   4. prints markdown to stdout (progress goes to stderr): the machine, a table of both
//      sites side by side with their ratios, the targets, and what the first search
//      downloaded, file by file. The report is also written to target/bench/twin.md.
//
// It is a measurement, not a test: nothing fails on a slow result.
//
// Usage: node tests/bench/twin.mjs [DIST] [--quick]
//   DIST     the release build (default dist)
//   --quick  one run per scenario and site instead of 3, for trying changes to the benchmark

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

import { ROOT, at, log, machineWithChromium, mark, table } from './common.mjs';

const args = process.argv.slice(2);
for (const arg of args) {
  if (arg.startsWith('--') && arg !== '--quick') {
    console.error(`error: unknown option \`${arg}\`: use node tests/bench/twin.mjs [DIST] [--quick]`);
    process.exit(2);
  }
}
const QUICK = args.includes('--quick');
const DIST = path.resolve(ROOT, args.find((a) => !a.startsWith('--')) ?? 'dist');
const TWIN_DIR = at('target/bench/twin-site');
const REPORT = at('target/bench/twin.md');
const RUNS = QUICK ? 1 : 3;
const PAGEFIND = at('tests/node_modules/.bin/pagefind');
/** What Pagefind indexes: the field and library pages (the home page lists them all). */
const PAGEFIND_GLOB = '{category,library}/**/index.html';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
/** The flags that work on these machines (see /work/shared/TOOLCHAIN.md); Playwright adds --headless. */
const CHROME_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Nothing but the local servers can be reached anyway; this makes every other host fail at once.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];
/** The slow phone (TOOLCHAIN.md): DevTools throttling of the page's network and CPU. */
const SLOW_PHONE = {
  latency: 150,
  downloadThroughput: 1_600_000 / 8, // 1.6 Mbps: 200,000 bytes/s
  uploadThroughput: 750_000 / 8,
  cpuRate: 4,
};
/** A phone-sized window, as in pageload.mjs. */
const DEVICE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: false };

const QUERY = 'django';
const KEY_DELAY_MS = 120;
const SETTLE_BEFORE_CLICK_MS = 2000;
const STAY_MS = 20_000;
/** A bound on waiting for results (the app's first search on the slow phone takes seconds). */
const RESULT_TIMEOUT_MS = 60_000;

/** The issue's targets: ratios the app ÷ the twin. */
const TARGETS = { timeRatio: 1.0, firstBytesRatio: 1.0, casualBytesRatio: 1.5 };

// ---------------------------------------------------------------------------------------
// Formatting

const msText = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : x === Infinity ? 'never' : 'n/a');
/** Kilobytes of 1000 bytes. */
const kbText = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} KB` : 'n/a');
const ratioText = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : x === Infinity ? '∞' : 'n/a');
/** A path with Trunk's and the site's content hashes (8-16 hex digits) shortened, for reading. */
const shortPath = (p) => p.replace(/-[0-9a-f]{8,16}(?=[._])/g, '-…');
/** The median (the lower one of an even count); a run that never got there (Infinity) is the slowest. */
const median = (xs) => {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

// ---------------------------------------------------------------------------------------
// The twin

/** Every file below `dir`, relative to it, with `/` separators. */
function walk(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Script types that run JavaScript (anything else, such as JSON-LD, is data and stays). */
const RUNS_JS = /^\s*(?:|module|text\/javascript|application\/javascript|text\/ecmascript)\s*$/i;

/**
 * A page of the app without the app: every <script> that runs JavaScript, every
 * modulepreload/preload link (Trunk's, or the loader's data preloads) and the
 * Content-Security-Policy <meta> (its hashes allow the app's inline scripts only) removed.
 */
function withoutApp(html) {
  const counts = { scripts: 0, preloads: 0, csp: 0 };
  let out = html.replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (tag, attrs) => {
    const type = attrs.match(/\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
    if (!RUNS_JS.test(type ? (type[1] ?? type[2] ?? type[3]) : '')) return tag;
    counts.scripts += 1;
    return '';
  });
  out = out.replace(/<link\b[^>]*>/gi, (tag) => {
    if (!/\brel\s*=\s*["']?[^"'>]*\b(?:modulepreload|preload)\b/i.test(tag)) return tag;
    counts.preloads += 1;
    return '';
  });
  out = out.replace(/<meta\b[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy\b[^>]*>/gi, () => {
    counts.csp += 1;
    return '';
  });
  return { html: out, ...counts };
}

/**
 * The twin's home page: the app's search form (the prerendered `<form role=search>`) gives
 * way to Pagefind's default UI, which the page loads (deferred) and starts.
 */
function withPagefindUi(html) {
  const forms = html.match(/<form\b[^>]*\brole\s*=\s*["']?search\b[^>]*>[\s\S]*?<\/form\s*>/gi) ?? [];
  if (forms.length !== 1) {
    throw new Error(`the home page has ${forms.length} <form role=search> elements, not one: the page markup changed, update withPagefindUi()`);
  }
  if (!/<\/head>/i.test(html) || !/<\/body>/i.test(html)) throw new Error('the home page has no </head> or </body>');
  return html
    .replace(forms[0], '<div id=search></div>')
    .replace(/<\/head>/i, '<link href=./pagefind/pagefind-ui.css rel=stylesheet>'
      + '<script src=./pagefind/pagefind-ui.js defer></script>'
      + '<script>addEventListener("DOMContentLoaded",()=>{new PagefindUI({ element: "#search" })})</script></head>');
}

/** Builds the twin from the release build `dist` into TWIN_DIR; returns what it did. */
function buildTwin(dist) {
  rmSync(TWIN_DIR, { recursive: true, force: true });
  mkdirSync(path.dirname(TWIN_DIR), { recursive: true });
  cpSync(dist, TWIN_DIR, { recursive: true });
  const files = walk(TWIN_DIR);

  // No service worker: the file goes, so no registration (from the page or the app) can succeed.
  const workers = files.filter((f) => /(^|\/)sw\.js$/.test(f));
  for (const f of workers) rmSync(path.join(TWIN_DIR, f));

  const stripped = { pages: 0, scripts: 0, preloads: 0, csp: 0 };
  for (const f of files.filter((name) => name.endsWith('.html'))) {
    const file = path.join(TWIN_DIR, f);
    const page = withoutApp(readFileSync(file, 'utf8'));
    writeFileSync(file, page.html);
    stripped.pages += 1;
    stripped.scripts += page.scripts;
    stripped.preloads += page.preloads;
    stripped.csp += page.csp;
    if (/\bsw\.js\b/.test(page.html)) throw new Error(`the twin's ${f} still names sw.js after its scripts went: update withoutApp()`);
  }

  const t0 = Date.now();
  let output;
  try {
    output = execFileSync(PAGEFIND, ['--site', TWIN_DIR, '--glob', PAGEFIND_GLOB], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`Pagefind failed (${PAGEFIND}; scripts/bench installs it):\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
  const seconds = (Date.now() - t0) / 1000;
  const indexed = Number(output.match(/Indexed (\d+) pages?/)?.[1]);
  const words = Number(output.match(/Indexed (\d+) words?/)?.[1]);
  if (!indexed) throw new Error(`Pagefind indexed no page:\n${output}`);

  const home = path.join(TWIN_DIR, 'index.html');
  writeFileSync(home, withPagefindUi(readFileSync(home, 'utf8')));
  const version = JSON.parse(readFileSync(at('tests/node_modules/pagefind/package.json'), 'utf8')).version;
  const bundle = walk(path.join(TWIN_DIR, 'pagefind'));
  return { workers, stripped, indexed, words, seconds, version, bundle };
}

// ---------------------------------------------------------------------------------------
// The server: gzip as a host would, and every byte counted

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  // Pagefind's own files, written gzip-compressed already (Pagefind inflates them itself).
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};
/** Extensions Pagefind writes compressed: served as they are, never compressed again. */
const PRECOMPRESSED = new Set(['.pf_meta', '.pf_fragment', '.pf_index', '.pf_filter', '.pagefind']);
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|manifest\+json|xml|wasm|octet-stream)|image\/svg\+xml)/;

/**
 * Serves `dir` on 127.0.0.1 at a free port. Resolves to { url, stats, reset, shaping, close }:
 * `stats.log` has one entry per response ({ path, status, bytes on the wire, body bytes,
 * from: page | worker | service worker, at: when the request arrived (Date.now()) }).
 *
 * With `shaping.on`, the server is the slow phone's network itself, for every request alike
 * (the page's, a worker's and a service worker's, which the page's DevTools emulation does
 * not slow): each response waits SLOW_PHONE.latency after its request arrived, then takes
 * its turn on one shared downlink of SLOW_PHONE.downloadThroughput bytes/s, and is sent
 * whole when its last byte would have arrived.
 */
function startServer(dir) {
  const cache = new Map();
  const stats = { log: [] };
  const reset = () => { stats.log = []; };
  const shaping = { on: false };
  const link = { free: 0 };
  /** Runs `send` when a response of `bytes` would have crossed the shaped link. */
  const later = (bytes, send) => {
    if (!shaping.on) return send();
    const now = Date.now();
    const start = Math.max(now + SLOW_PHONE.latency, link.free);
    link.free = start + (bytes / SLOW_PHONE.downloadThroughput) * 1000;
    setTimeout(send, link.free - now);
  };
  /** About what a response's status line and headers take. */
  const HEAD_BYTES = 250;

  /** The file's response, compressed once and kept. */
  const load = (file) => {
    if (cache.has(file)) return cache.get(file);
    const ext = path.extname(file).toLowerCase();
    const raw = readFileSync(file);
    const type = TYPES[ext] ?? 'application/octet-stream';
    const gzip = !PRECOMPRESSED.has(ext) && COMPRESSIBLE.test(type) ? zlib.gzipSync(raw, { level: 6 }) : null;
    const entry = { raw, gzip, type, etag: `"${createHash('sha256').update(raw).digest('hex').slice(0, 16)}"` };
    cache.set(file, entry);
    return entry;
  };

  /** Who asked: a service worker's and a worker's requests name their script as referrer. */
  const from = (req) => {
    const referer = req.headers.referer ?? '';
    if (req.headers['sec-fetch-dest'] === 'serviceworker' || /\/sw\.js(?:$|\?)/.test(referer)) return 'service worker';
    if (req.headers['sec-fetch-dest'] === 'worker' || /worker[^/]*\.js(?:$|\?)/.test(referer)) return 'worker';
    return 'page';
  };

  const server = http.createServer((req, res) => {
    const socket = req.socket;
    const before = socket.bytesWritten;
    const arrived = Date.now();
    const url = new URL(req.url, 'http://127.0.0.1');
    let body = 0;
    // 'close' comes after the response is sent, and also when the browser drops the request.
    res.on('close', () => {
      stats.log.push({ path: url.pathname, status: res.statusCode, bytes: socket.bytesWritten - before, body, from: from(req), at: arrived });
    });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      later(HEAD_BYTES, () => res.writeHead(405, { allow: 'GET, HEAD' }).end());
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/\0';
    }
    let file = path.join(dir, path.normalize(`/${pathname}`));
    let status = 200;
    const isDir = existsSync(file) && statSync(file).isDirectory();
    if (isDir && !pathname.endsWith('/')) {
      later(HEAD_BYTES, () => res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end());
      return;
    }
    if (isDir) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || pathname.includes('\0') || !existsSync(file) || statSync(file).isDirectory()) {
      status = 404;
      file = path.join(dir, '404.html');
      if (!existsSync(file)) {
        later(HEAD_BYTES, () => res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found'));
        return;
      }
    }
    const entry = load(file);
    if (status === 200 && req.headers['if-none-match'] === entry.etag) {
      later(HEAD_BYTES, () => res.writeHead(304, { etag: entry.etag, 'cache-control': 'no-cache' }).end());
      return;
    }
    const gzip = entry.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const payload = gzip ? entry.gzip : entry.raw;
    const headers = { 'content-type': entry.type, 'content-length': payload.length, 'cache-control': 'no-cache', etag: entry.etag };
    if (entry.gzip) headers.vary = 'Accept-Encoding';
    if (gzip) headers['content-encoding'] = 'gzip';
    if (req.method === 'HEAD') {
      later(HEAD_BYTES, () => res.writeHead(status, headers).end());
      return;
    }
    body = payload.length;
    later(HEAD_BYTES + payload.length, () => res.writeHead(status, headers).end(payload));
  });
  servers.add(server);
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        stats,
        reset,
        shaping,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

const servers = new Set();

/** Sums a server log: bytes on the wire and requests, in total and by who asked. */
function sum(entries) {
  const out = { bytes: 0, requests: 0, by: {} };
  for (const e of entries) {
    out.bytes += e.bytes;
    out.requests += 1;
    const by = (out.by[e.from] ??= { bytes: 0, requests: 0 });
    by.bytes += e.bytes;
    by.requests += 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The browser

let playwright = null;
const browsers = new Set();

/**
 * A new headless Chromium with the slow phone's CPU, and its network through DevTools on the
 * page unless `pageNetwork` is false (when the server shapes the network instead).
 */
async function launch({ pageNetwork = true } = {}) {
  if (!playwright) {
    try {
      playwright = await import('playwright-core');
    } catch (error) {
      throw new Error(`cannot load playwright-core from tests/node_modules (${error.message}): run scripts/bench, which installs it`);
    }
  }
  // A new browser, and with it a new temporary profile: no cache, storage or service worker
  // carries over from one scenario to the next.
  const browser = await playwright.chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS, headless: true });
  browsers.add(browser);
  const context = await browser.newContext(DEVICE);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (pageNetwork) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_PHONE.latency,
      downloadThroughput: SLOW_PHONE.downloadThroughput,
      uploadThroughput: SLOW_PHONE.uploadThroughput,
    });
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuRate });
  const close = async () => {
    browsers.delete(browser);
    await browser.close().catch(() => {});
  };
  return { browser, context, page, cdp, close };
}

/** The two sites: how to find the search box and what counts as the first result shown. */
const SITES = {
  app: {
    label: 'the app',
    input: '#search-input',
    /** The first field card's title link in the results (not a library or section card). */
    field: '#results > li[data-slug]:not(.card-section):not([hidden]) .card-title a.card-link',
  },
  twin: {
    label: 'Pagefind twin',
    input: '.pagefind-ui__search-input',
    field: '.pagefind-ui__result-link',
  },
};

/**
 * Watches the page from its first script on (an init script): records the press on the
 * search box and its first keydown (their timeStamps, when the input happened, however
 * late the page handles it) and every change of
 * what the results show, as a timeline of { t, wall, key, status, value }:
 *  - the app: `key` is the first visible card of the results grid `#results` (a library
 *    card `li[data-library]`, listed before the fields, or a field/section card
 *    `li[data-slug]`), `status` the status line, which names the query in quotes once the
 *    grid is ranked for it;
 *  - the twin: `key` is the first `.pagefind-ui__result`'s link (null while Pagefind shows
 *    the result's placeholder, before its fragment with the title and link arrives).
 */
function watchResults() {
  const state = { press: null, firstKey: null, firstKeyWall: null, timeline: [] };
  window.__twinBench = state;
  const isSearchBox = (el) => el instanceof HTMLInputElement
    && (el.id === 'search-input' || el.classList.contains('pagefind-ui__search-input'));
  addEventListener('pointerdown', (ev) => {
    if (state.press === null && isSearchBox(ev.target)) state.press = ev.timeStamp;
  }, true);
  addEventListener('keydown', (ev) => {
    if (state.firstKey !== null || !isSearchBox(ev.target)) return;
    state.firstKey = ev.timeStamp;
    state.controlled = Boolean(navigator.serviceWorker?.controller);
    state.firstKeyWall = Date.now();
  }, true);
  const probe = () => {
    const pf = document.querySelector('.pagefind-ui__result');
    if (pf || document.querySelector('.pagefind-ui')) {
      const link = pf?.querySelector('.pagefind-ui__result-link');
      return { key: link ? new URL(link.href).pathname : null, status: document.querySelector('.pagefind-ui__message')?.textContent ?? '' };
    }
    const first = document.querySelector('#results > li:not([hidden])');
    const key = first ? (first.dataset.library ? `library:${first.dataset.library}` : `card:${first.dataset.slug ?? '?'}`) : null;
    return { key, status: document.querySelector('.status')?.textContent ?? '' };
  };
  let last = null;
  const check = () => {
    const now = probe();
    const input = document.querySelector('#search-input, .pagefind-ui__search-input');
    if (last && now.key === last.key && now.status === last.status) return;
    last = now;
    state.timeline.push({ t: performance.now(), wall: Date.now(), ...now, value: input?.value ?? '' });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeFilter: ['hidden', 'class', 'href'] });
}

/** Whether the app's status line names `query` in quotes (the grid is ranked for it). */
const namesQuery = (status, query) => status.includes(`“${query}”`);

/**
 * The first result shown, from the page's timeline. For the app: the first moment, after
 * the first key, at which the first visible card of `#results` is `expected`, the card the
 * query `django` ranks first (found by `appFirstCard` on the unthrottled app: the Django
 * library card, which the app lists before the fields), and the status line names a query
 * in quotes (the grid is ranked by a query, not in its default order, nor waiting for the
 * search data). For the twin:
 * the first moment a `.pagefind-ui__result` is in the page with its title link (Pagefind
 * first shows a placeholder, then fills it in when the result's fragment has arrived).
 */
function firstResult(site, state, expected) {
  const after = state.timeline.filter((e) => e.t >= state.firstKey);
  if (site === 'twin') return after.find((e) => e.key !== null) ?? null;
  return after.find((e) => e.key === expected && /“.+”/.test(e.status) && !/^Searching/.test(e.status)) ?? null;
}

/** The key (as `watchResults` writes it) of the app's first card for QUERY, unthrottled. */
async function appFirstCard(server) {
  const { page, cdp, close } = await launch();
  try {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.mouse.move(5, 5);
    await page.waitForSelector('html[data-app="ready"]', { timeout: RESULT_TIMEOUT_MS });
    await page.click(SITES.app.input);
    await page.keyboard.type(QUERY);
    await resultsShown(page, 'app');
    if ((await page.inputValue(SITES.app.input)) !== QUERY) throw new Error('the app lost keys even with no throttling');
    return await page.evaluate(() => {
      const first = document.querySelector('#results > li:not([hidden])');
      return first.dataset.library ? `library:${first.dataset.library}` : `card:${first.dataset.slug ?? '?'}`;
    });
  } finally {
    await close();
  }
}

/**
 * Waits until the page's results are settled for what its search box holds once every key
 * was delivered (QUERY, unless the page lost keys).
 */
async function waitForResults(page, site) {
  try {
    await resultsShown(page, site);
  } catch (error) {
    const seen = await page.evaluate(() => ({
      typed: document.querySelector('#search-input, .pagefind-ui__search-input')?.value,
      focused: document.activeElement?.outerHTML?.slice(0, 120),
      app: document.documentElement.dataset.app,
      last: window.__twinBench?.timeline.slice(-3),
    })).catch(() => null);
    throw new Error(`${site}: no results for “${QUERY}” (${error.message.split('\n')[0]}); the page: ${JSON.stringify(seen)}`);
  }
  // Let any late change land (the timeline records it).
  await page.waitForTimeout(500);
}

async function resultsShown(page, site) {
  if (site === 'twin') {
    await page.waitForSelector('.pagefind-ui__result', { timeout: RESULT_TIMEOUT_MS });
  } else {
    // The status line says “Searching for “…”…” until the search data is in, then names the
    // query the grid is ranked for.
    await page.waitForFunction(() => {
      const typed = document.querySelector('#search-input')?.value.trim() ?? '';
      const status = document.querySelector('.status')?.textContent ?? '';
      return typed && document.documentElement.dataset.app === 'ready' && status.includes(`“${typed}”`)
        && !/^Searching/.test(status) && document.querySelector('#results > li:not([hidden])');
    }, null, { timeout: RESULT_TIMEOUT_MS, polling: 100 });
  }
}

/**
 * Clicks the search box and types QUERY as a person does: the press, then a key every
 * KEY_DELAY_MS by the clock (the first one KEY_DELAY_MS after the press), whether or not the
 * page has handled the previous input. Playwright's `click` and `keyboard.type` wait for the
 * page to handle each input first, so a page whose main thread is busy (the app starting at
 * the press) would get its keys later and slower than a person types them. Here the input
 * events go through CDP unawaited, in order; each is stamped when it is sent and queues in
 * the page as a real press would.
 */
async function clickAndType(page, cdp, selector) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const sent = [];
  const mouse = (type) => cdp.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 });
  await mouse('mouseMoved');
  const start = Date.now();
  sent.push(mouse('mousePressed'), mouse('mouseReleased'));
  for (const [i, ch] of [...QUERY].entries()) {
    const wait = start + (i + 1) * KEY_DELAY_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const upper = ch.toUpperCase();
    const key = { key: ch, code: /[a-z]/i.test(ch) ? `Key${upper}` : '', windowsVirtualKeyCode: upper.charCodeAt(0) };
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch, ...key }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
  }
  await Promise.all(sent);
}

/** Clicks the search box once it shows, types QUERY, and waits for its results. */
async function search(page, cdp, siteName) {
  const site = SITES[siteName];
  await page.waitForSelector(site.input, { state: 'visible', timeout: RESULT_TIMEOUT_MS });
  await page.locator(site.input).scrollIntoViewIfNeeded();
  await clickAndType(page, cdp, site.input);
  await waitForResults(page, siteName);
}

/** Scenario a: one cold first search. */
async function coldSearch(siteName, server, expected, network = 'page') {
  const { page, cdp, close } = await launch({ pageNetwork: network === 'page' });
  server.shaping.on = network === 'server';
  try {
    await page.addInitScript(watchResults);
    server.reset();
    await page.goto(server.url, { waitUntil: 'load', timeout: RESULT_TIMEOUT_MS });
    await page.waitForTimeout(SETTLE_BEFORE_CLICK_MS);
    const clickWall = Date.now();
    await search(page, cdp, siteName);
    const state = await page.evaluate(() => window.__twinBench);
    const typed = await page.inputValue(SITES[siteName].input);
    const settled = state.timeline[state.timeline.length - 1];
    // Keys the page lost (the box holds something else than QUERY) are reported. Such a run
    // may still show the expected first result (a near miss matches Django too); if it never
    // does, it counts as never, with its bytes counted until its results settled.
    const lost = typed !== QUERY ? typed : null;
    const result = firstResult(siteName, state, expected);
    if (lost === null && !result) throw new Error(`${siteName}: no first result found in the timeline: ${JSON.stringify(state.timeline.slice(-5))}`);
    const cut = result ?? settled;
    const log = [...server.stats.log];
    const until = log.filter((e) => e.at <= cut.wall);
    // For checking by eye: the results as they settled, the first of them in view.
    await page.locator(siteName === 'app' ? '.status' : '#search').scrollIntoViewIfNeeded();
    await page.screenshot({ path: at(`target/bench/twin/${siteName}-first-result${network === 'page' ? '' : '-shaped'}.png`) });
    return {
      ms: result ? result.t - state.firstKey : Infinity,
      fromPress: result ? result.t - state.press : Infinity,
      lost,
      controlled: state.controlled,
      result: result ?? settled,
      settled,
      total: sum(until),
      files: until.map((e) => ({ ...e, phase: e.at < clickWall ? 'load' : 'search' })),
      after: sum(log.filter((e) => e.at > cut.wall)),
      timeline: state.timeline,
    };
  } finally {
    server.shaping.on = false;
    await close();
  }
}

/** Scenario b: a casual visit. */
async function casualVisit(siteName, server) {
  const site = SITES[siteName];
  const { page, cdp, close } = await launch();
  try {
    await page.addInitScript(watchResults);
    server.reset();
    await page.goto(server.url, { waitUntil: 'load', timeout: RESULT_TIMEOUT_MS });
    // The pointer wanders over the page, as a visitor reading it.
    for (const [x, y] of [[60, 120], [200, 300], [320, 500], [180, 700], [100, 400]]) {
      await page.mouse.move(x, y, { steps: 8 });
      await page.waitForTimeout(200);
    }
    await search(page, cdp, siteName);
    const typed = await page.inputValue(site.input);
    const link = page.locator(site.field).first();
    const href = await link.getAttribute('href');
    const opened = new URL(href, page.url()).pathname;
    await link.click();
    await page.waitForURL((u) => u.pathname === opened, { timeout: RESULT_TIMEOUT_MS });
    await page.waitForTimeout(STAY_MS);
    return { total: sum([...server.stats.log]), opened, lost: typed !== QUERY ? typed : null };
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------
// The report

/** The files of one cold run, grouped by path (a file fetched twice shows its count). */
function fileRows(files) {
  const rows = new Map();
  for (const f of files) {
    const key = `${f.phase}\0${f.from}\0${f.path}\0${f.status}`;
    const row = rows.get(key) ?? { ...f, bytes: 0, count: 0 };
    row.bytes += f.bytes;
    row.count += 1;
    rows.set(key, row);
  }
  return [...rows.values()];
}

function fileTable(run) {
  const rows = fileRows(run.files);
  // A service worker that precaches the site fetches hundreds of files: then those are
  // summed by folder.
  const fold = rows.filter((r) => r.from === 'service worker').length > 12;
  const shown = [];
  const folded = new Map();
  for (const r of rows) {
    if (fold && r.from === 'service worker' && r.path !== '/sw.js') {
      const folder = r.path.replace(/[^/]+\/index\.html$|[^/]+\/$|[^/]*$/, '').replace(/^\/(category|library|data\/field)\/.*/, '/$1/');
      const key = `${r.phase}\0${folder}`;
      const f = folded.get(key) ?? { phase: r.phase, from: r.from, path: `${folder}… (${r.from})`, status: '', bytes: 0, count: 0 };
      f.bytes += r.bytes;
      f.count += r.count;
      folded.set(key, f);
    } else {
      shown.push(r);
    }
  }
  const all = [...shown, ...folded.values()];
  return table(['phase', 'from', 'file', 'requests', 'bytes on the wire'], all.map((r) => [
    r.phase, r.from, `\`${shortPath(r.path)}\`${r.status && r.status !== 200 ? ` (${r.status})` : ''}`, `${r.count}`, kbText(r.bytes),
  ]), ['l', 'l', 'l', 'r', 'r']);
}

const byText = (total) => Object.entries(total.by).map(([who, s]) => `${who} ${kbText(s.bytes)} / ${s.requests}`).join('; ');

function report({ env, started, elapsedMin, twin, urls, cold, shaped, casual, expected }) {
  const lines = [];
  const say = (text = '') => lines.push(text);
  const med = (runs, f) => median(runs.map(f));

  say('## Pagefind-twin benchmark');
  say();
  say(`- Machine: ${env.cpu}, ${env.cores} cores, ${env.ram} RAM, ${env.os}; load average ${env.load} at the start`);
  say(`- Browser: ${env.chromium}, headless, driven by playwright-core; a new browser (a fresh profile) for every run; Node ${env.node}`);
  say(`- Date: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC; ${RUNS} run${RUNS > 1 ? 's' : ''} per scenario and site, `
    + `the sites taking turns; medians${QUICK ? ' (--quick)' : ''}; took ${elapsedMin.toFixed(1)} min`);
  say(`- Slow phone, applied to the page through CDP: ${SLOW_PHONE.latency} ms latency, ${(SLOW_PHONE.downloadThroughput * 8 / 1e6).toFixed(1)} Mbps down `
    + `(${SLOW_PHONE.downloadThroughput.toLocaleString('en-US')} bytes/s), ${SLOW_PHONE.uploadThroughput * 8 / 1000} kbps up `
    + `(\`Network.emulateNetworkConditions\`), ${SLOW_PHONE.cpuRate}× CPU slowdown (\`Emulation.setCPUThrottlingRate\`); `
    + `a ${DEVICE.viewport.width}×${DEVICE.viewport.height} mobile viewport`);
  const controlled = cold.app.filter((r) => r.controlled).length;
  say('- **What DevTools throttling misses** (checked on Chromium 156 with a 1 MB download and a fixed loop): a service '
    + 'worker\'s fetches bypass the page\'s network emulation (1 MB in 30 ms instead of 5.2 s; `Network.emulateNetworkConditions` '
    + 'sent to the worker\'s own target is accepted and changes nothing). The app\'s page registers its worker when idle after '
    + `the load, the worker claims the page, and from then on the page's own downloads (the wasm, the data) go through the worker: `
    + `at the first key the page was controlled by it in ${controlled} of ${cold.app.length} runs of a. So in a the app's `
    + 'downloads are mostly not slowed at all; a′ shapes the network at the server instead (150 ms, then one shared 200,000 '
    + 'bytes/s downlink, for every request whoever makes it; no upload limit), with the same 4× CPU. A dedicated worker\'s '
    + 'downloads are throttled like the page\'s, but its CPU is not slowed (`Emulation.setCPUThrottlingRate` is refused on '
    + 'worker targets: "only supported for pages"), so Pagefind\'s search, which runs in its web worker, runs at the full '
    + 'speed of this machine while the app\'s WebAssembly runs on the 4× slowed main thread.');
  say(`- Servers: one small Node server per site on 127.0.0.1 (the app: ${urls.app}, the twin: ${urls.twin}), gzip level 6 `
    + 'for text, JavaScript, JSON, wasm and the app\'s `.bin` data; Pagefind\'s files as Pagefind wrote them (already gzip); '
    + '`Cache-Control: no-cache` with ETags. Bytes are counted at the server: every byte written to the socket (headers '
    + 'and compressed body), per request, whoever asked (page, worker or service worker).');
  say(`- The app: the release build in \`${path.relative(ROOT, DIST) || '.'}\`. The twin: a copy in \`${path.relative(ROOT, TWIN_DIR)}\` `
    + `with ${twin.stripped.scripts} scripts, ${twin.stripped.preloads} preload links and ${twin.stripped.csp} CSP \`<meta>\` `
    + `removed from its ${twin.stripped.pages} pages, ${twin.workers.length ? twin.workers.map((w) => `\`${w}\``).join(', ') : 'no service worker'} deleted, `
    + `and Pagefind ${twin.version} (npm) over \`${PAGEFIND_GLOB}\` (${twin.indexed} pages, ${twin.words.toLocaleString('en-US')} words, `
    + `${twin.seconds.toFixed(1)} s); its home page shows Pagefind's default UI (\`new PagefindUI({ element: "#search" })\`) where `
    + 'the app\'s search form was.');
  say();

  const t = (r) => r.ms;
  const b = (r) => r.total.bytes;
  const q = (r) => r.total.requests;
  const appMs = med(cold.app, t);
  const twinMs = med(cold.twin, t);
  const appShapedMs = med(shaped.app, t);
  const twinShapedMs = med(shaped.twin, t);
  const appFirst = med(cold.app, b);
  const twinFirst = med(cold.twin, b);
  const appCasual = med(casual.app, b);
  const twinCasual = med(casual.twin, b);
  const runs = (xs, f, fmt) => xs.map((r) => `${fmt(f(r))}${r.lost != null ? ` (kept “${r.lost}”)` : ''}`).join(', ');

  say('### The app and its Pagefind twin, side by side');
  say();
  say(table(['measure', 'the app', 'Pagefind twin', 'ratio (app ÷ twin)'], [
    [`a. cold first search: first key → first result shown (median; runs: app ${runs(cold.app, t, msText)}; twin ${runs(cold.twin, t, msText)})`,
      `**${msText(appMs)}**`, `**${msText(twinMs)}**`, ratioText(appMs / twinMs)],
    [`a. the same from the press in the search box (runs: app ${runs(cold.app, (r) => r.fromPress, msText)}; twin ${runs(cold.twin, (r) => r.fromPress, msText)})`,
      msText(med(cold.app, (r) => r.fromPress)), msText(med(cold.twin, (r) => r.fromPress)), ratioText(med(cold.app, (r) => r.fromPress) / med(cold.twin, (r) => r.fromPress))],
    [`a′. the same with the network shaped at the server, for page, workers and service worker alike: first key → first result (runs: app ${runs(shaped.app, t, msText)}; twin ${runs(shaped.twin, t, msText)})`,
      `**${msText(appShapedMs)}**`, `**${msText(twinShapedMs)}**`, ratioText(appShapedMs / twinShapedMs)],
    [`a′. the same from the press in the search box (runs: app ${runs(shaped.app, (r) => r.fromPress, msText)}; twin ${runs(shaped.twin, (r) => r.fromPress, msText)})`,
      msText(med(shaped.app, (r) => r.fromPress)), msText(med(shaped.twin, (r) => r.fromPress)), ratioText(med(shaped.app, (r) => r.fromPress) / med(shaped.twin, (r) => r.fromPress))],
    ['a. bytes at the server, page load → first result', kbText(appFirst), kbText(twinFirst), ratioText(appFirst / twinFirst)],
    ['a. requests, page load → first result', `${med(cold.app, q)}`, `${med(cold.twin, q)}`, ratioText(med(cold.app, q) / med(cold.twin, q))],
    ['b. casual visit: bytes at the server, the whole visit', kbText(appCasual), kbText(twinCasual), ratioText(appCasual / twinCasual)],
    ['b. casual visit: requests', `${med(casual.app, q)}`, `${med(casual.twin, q)}`, ratioText(med(casual.app, q) / med(casual.twin, q))],
  ], ['l', 'r', 'r', 'r']));
  say();
  const firstShown = (site) => cold[site].map((r) => (Number.isFinite(r.ms)
    ? `\`${r.result.key}\` at “${r.result.value}”`
    : `none (the box kept “${r.lost}”; its results settled on \`${r.settled.key}\`)`)).join(', ');
  say(`First result shown (run by run): the app ${firstShown('app')}; the twin ${firstShown('twin')}. `
    + 'For the app it is the first moment after the first key when the first visible card of `#results` is the card '
    + `“${QUERY}” ranks first (\`${expected}\`, found on the unthrottled app before the runs) and the status line names a query; `
    + 'for the twin, the first `.pagefind-ui__result` in the page with its title link, not its loading placeholder '
    + '(both seen by a MutationObserver, before paint).');
  say();
  const lostRuns = [...cold.app, ...cold.twin, ...shaped.app, ...shaped.twin, ...casual.app, ...casual.twin].filter((r) => r.lost != null);
  if (lostRuns.length) {
    const where = (site) => [...cold[site].map((r, i) => (r.lost != null ? `cold run ${i + 1} (kept “${r.lost}”)` : null)),
      ...shaped[site].map((r, i) => (r.lost != null ? `cold run ${i + 1}, shaped at the server (kept “${r.lost}”)` : null)),
      ...casual[site].map((r, i) => (r.lost != null ? `casual run ${i + 1} (kept “${r.lost}”)` : null))].filter(Boolean);
    say(`**Keys lost.** Typed at ${KEY_DELAY_MS} ms a key from the press on, as a person types, the search box did not keep `
      + `“${QUERY}” in ${lostRuns.length} of ${cold.app.length * 6} runs: the app ${where('app').join(', ') || 'never'}; the twin `
      + `${where('twin').join(', ') || 'never'}. Such a run still counts its first result if the expected card showed (a near miss `
      + 'can rank Django first too); if it never did, the run counts as never (the slowest), with its bytes counted until its '
      + 'results settled for what the box kept.');
    say();
  }
  say('Bytes / requests by who asked for them, run by run (the table above has the medians of the totals):');
  say();
  for (const site of ['app', 'twin']) {
    say(`- ${SITES[site].label}, cold until the first result: ${cold[site].map((r) => byText(r.total)).join(' | ')}; `
      + `after the first result until the page closed: ${cold[site].map((r) => `${kbText(r.after.bytes)} / ${r.after.requests}`).join(', ')}`);
    say(`- ${SITES[site].label}, casual visit (opened ${[...new Set(casual[site].map((r) => `\`${r.opened}\``))].join(', ')}): `
      + `${casual[site].map((r) => byText(r.total)).join(' | ')}`);
  }
  say();

  say('### Targets');
  say();
  say(table(['target', 'measured', 'met'], [
    [`cold first search time, app ÷ twin ≤ ${TARGETS.timeRatio.toFixed(1)} (network by DevTools on the page, as specified)`,
      `${msText(appMs)} ÷ ${msText(twinMs)} = ${ratioText(appMs / twinMs)}`, mark(appMs / twinMs <= TARGETS.timeRatio)],
    [`cold first search time, app ÷ twin ≤ ${TARGETS.timeRatio.toFixed(1)} (network shaped at the server, the service worker's fetches too)`,
      `${msText(appShapedMs)} ÷ ${msText(twinShapedMs)} = ${ratioText(appShapedMs / twinShapedMs)}`, mark(appShapedMs / twinShapedMs <= TARGETS.timeRatio)],
    [`bytes until the first result, app ÷ twin ≤ ${TARGETS.firstBytesRatio.toFixed(1)}`, `${kbText(appFirst)} ÷ ${kbText(twinFirst)} = ${ratioText(appFirst / twinFirst)}`,
      mark(appFirst / twinFirst <= TARGETS.firstBytesRatio)],
    [`casual visit bytes, app ÷ twin ≤ ${TARGETS.casualBytesRatio.toFixed(1)}`, `${kbText(appCasual)} ÷ ${kbText(twinCasual)} = ${ratioText(appCasual / twinCasual)}`,
      mark(appCasual / twinCasual <= TARGETS.casualBytesRatio)],
  ]));
  say();

  say('### What the first search downloaded');
  say();
  say('The median run of scenario a, every request the server answered from the page load (`load`) and from the click in '
    + 'the search box (`search`) until the first result shown, and who asked for it (the page, a web worker or the service worker, '
    + 'told apart by the referrer: a file the service worker fetches for the page, as the app\'s worker does once it controls '
    + 'the page, carries the page\'s referrer and shows as the page\'s).');
  for (const site of ['app', 'twin']) {
    const runsOf = cold[site];
    const order = runsOf.map((r, i) => [r.ms, i]).sort((x, y) => x[0] - y[0]);
    const r = runsOf[order[Math.floor((order.length - 1) / 2)][1]];
    say();
    say(`#### ${SITES[site].label}: ${msText(r.ms)}, ${kbText(r.total.bytes)} in ${r.total.requests} requests`);
    say();
    say(fileTable(r));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build the release site (scripts/bench twin does)`);
  if (!existsSync(PAGEFIND)) throw new Error(`${PAGEFIND} is missing: run scripts/bench, which installs the test packages`);
  if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH}: set CHROME_PATH`);
  const env = machineWithChromium(CHROME_PATH);
  const twin = buildTwin(DIST);
  log(`twin built in ${path.relative(ROOT, TWIN_DIR)}: ${twin.stripped.scripts} scripts removed from ${twin.stripped.pages} pages; `
    + `Pagefind ${twin.version} indexed ${twin.indexed} pages in ${twin.seconds.toFixed(1)} s`);
  mkdirSync(at('target/bench/twin'), { recursive: true });

  const sites = { app: await startServer(DIST), twin: await startServer(TWIN_DIR) };
  log(`serving the app at ${sites.app.url} and the twin at ${sites.twin.url}; ${env.chromium}`);
  const expected = await appFirstCard(sites.app);
  log(`the app ranks \`${expected}\` first for “${QUERY}” (unthrottled)`);
  const cold = { app: [], twin: [] };
  const shaped = { app: [], twin: [] };
  const casual = { app: [], twin: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [network, into] of [['page', cold], ['server', shaped]]) {
      for (const site of ['app', 'twin']) {
        const r = await coldSearch(site, sites[site], expected, network);
        into[site].push(r);
        log(`run ${i + 1}/${RUNS} cold first search (network shaped by ${network === 'page' ? 'DevTools on the page' : 'the server'}), `
          + `${SITES[site].label}: ${msText(r.ms)} to \`${r.result.key}\` (typed “${r.result.value}”), `
          + `${kbText(r.total.bytes)} in ${r.total.requests} requests until then${r.lost != null ? `; KEYS LOST: the box kept “${r.lost}”` : ''}`);
      }
    }
    for (const site of ['app', 'twin']) {
      const r = await casualVisit(site, sites[site]);
      casual[site].push(r);
      log(`run ${i + 1}/${RUNS} casual visit, ${SITES[site].label}: ${kbText(r.total.bytes)} in ${r.total.requests} requests (opened ${r.opened})`
        + `${r.lost != null ? `; KEYS LOST: the box kept “${r.lost}”` : ''}`);
    }
  }
  // The twin must run Pagefind and nothing of the app's.
  const appFiles = [...cold.twin.flatMap((r) => r.files)].filter((f) => /\.wasm$|\/sw\.js$/.test(f.path));
  if (appFiles.length) throw new Error(`the twin fetched the app's files: ${appFiles.map((f) => f.path).join(', ')}`);
  await Promise.all(Object.values(sites).map((s) => s.close()));

  const elapsedMin = (Date.now() - started) / 60000;
  const text = report({ env, started, elapsedMin, twin, urls: { app: sites.app.url, twin: sites.twin.url }, cold, shaped, casual, expected });
  writeFileSync(REPORT, `${text}\n`);
  console.log(text);
  log(`(also written to ${path.relative(ROOT, REPORT)}; screenshots of the first results in target/bench/twin/)`);
}

async function stopAll() {
  await Promise.all([...browsers].map((b) => b.close().catch(() => {})));
  for (const s of servers) s.close();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll().finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  console.error(`error: ${error.stack || error}`);
  await stopAll();
  process.exitCode = 1;
});
