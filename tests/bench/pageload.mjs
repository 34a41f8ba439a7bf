// The page-load benchmark's driver (run by scripts/bench, which builds what it needs first).
//
// Given a release build of the site made for http://127.0.0.1:PORT/ (scripts/bench builds
// one into target/bench/pageload-site), it
//   1. writes static.html next to index.html: the prerendered home page with every <script>
//      and every modulepreload/preload link removed (the same content and CSS, no JavaScript);
//   2. serves the folder with `site serve` at the address the build's canonical links name;
//   3. runs Lighthouse (its default mobile config: Moto G Power emulation, simulated
//      throttling) on the app's home page, a category page, a library page and static.html,
//      3 runs each,
//      each run in a new headless Chromium with a fresh profile (no service worker, cache or
//      storage carries over), the URLs taking turns so that drift hits them alike;
//   4. measures what Lighthouse cannot see: the app starts at the visitor's first input, so
//      with the same throttling as Lighthouse's (applied by DevTools: 150 ms RTT, 1.6 Mbps,
//      4× CPU) it clicks a tag chip on `/` as a visitor's first act, cold (a fresh
//      profile) and warm (the same profile again), and times the click to the app running
//      and to the chip's filter applied;
//   5. prints markdown to stdout: the median run per URL (by performance score, then FCP),
//      the FCP ratio app/static, the first input, `site sizes`, the targets, and every audit
//      of the app's runs that scored below 1 (progress goes to stderr).
// The report is also written to target/bench/pageload.md, every run's Lighthouse result to
// target/bench/pageload/*.json, and the median runs' HTML reports next to them.
//
// Usage: node tests/bench/pageload.mjs [DIR] [--quick]
//   DIR      the built site (default target/bench/pageload-site)
//   --quick  one run per URL instead of 3, for trying changes to the benchmark

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, SITE_TOOL, at, log, machineWithChromium, mark, serve, stopServers, table } from './common.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const SITE_DIR = path.resolve(ROOT, args.find((a) => !a.startsWith('--')) ?? 'target/bench/pageload-site');
const OUT_DIR = at('target/bench/pageload');
const REPORT = at('target/bench/pageload.md');
const RUNS = QUICK ? 1 : 3;
/** A bound on one Lighthouse run (a run takes 10-20 s on 2 cores). */
const RUN_TIMEOUT_MS = 180_000;

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_FLAGS = [
  // The flags that work on these machines (see /work/shared/TOOLCHAIN.md); chrome-launcher
  // adds --remote-debugging-port, --user-data-dir (a fresh one per run, below) and its own
  // defaults, which turn off more background services (keep its --disable-features: Chromium
  // honours only the last one given).
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Nothing but the local server can be reached anyway; this makes every other host fail at once.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CATEGORY_TITLES = { performance: 'Performance', accessibility: 'Accessibility', 'best-practices': 'Best practices', seo: 'SEO' };
/** The pages measured; `app` marks the app's own pages (their failing audits are listed). */
const PAGES = [
  { name: 'home', path: '/', label: 'the app: home page `/`', app: true },
  { name: 'category', path: '/category/web-development/', label: 'the app: category page `/category/web-development/`', app: true },
  { name: 'library', path: '/library/django/', label: 'the app: library page `/library/django/`', app: true },
  { name: 'static', path: '/static.html', label: 'static twin of `/`: `/static.html` (no JavaScript)', app: false },
];
/** The issue's targets. */
const TARGETS = { score: 1, cls: 0, fcpRatio: 1.1, gzipKb: 180 };


// ---------------------------------------------------------------------------------------
// Formatting

const score = (x) => (x === null || x === undefined ? 'n/a' : `${Math.round(x * 100)}`);
const msText = (x) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : 'n/a');
const clsText = (x) => (Number.isFinite(x) ? (x === 0 ? '0' : x.toFixed(3)) : 'n/a');
/** Kilobytes of 1000 bytes, as `site sizes` prints them. */
const kbText = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} KB` : 'n/a');
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------
// The static twin and the server

/** The home page with every <script> element and every modulepreload/preload link removed. */
function staticTwin(html) {
  let scripts = 0;
  let preloads = 0;
  let out = html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, () => {
    scripts += 1;
    return '';
  });
  // rel as the minifier leaves it: quoted or not, possibly among other values.
  const preloadRel = /\srel\s*=\s*(?:"[^"]*\b(?:modulepreload|preload)\b[^"]*"|'[^']*\b(?:modulepreload|preload)\b[^']*'|(?:modulepreload|preload)(?=[\s/>]))/i;
  out = out.replace(/<link\b[^>]*>/gi, (tag) => {
    if (!preloadRel.test(tag)) return tag;
    preloads += 1;
    return '';
  });
  if (/<script\b/i.test(out) || /<link\b[^>]*\bpreload\b/i.test(out)) {
    throw new Error('static.html still has a <script> or a preload link: the page markup changed, update staticTwin()');
  }
  return { html: out, scripts, preloads };
}

/** The address the build's canonical links name: the server must listen there. */
function siteAddress(indexHtml) {
  const canonical = indexHtml.match(/<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i)?.[0]?.match(/\bhref=["']?([^"'\s>]+)/i)?.[1];
  if (!canonical) throw new Error(`${SITE_DIR}/index.html has no canonical link: was it built by \`site postbuild\`?`);
  const url = new URL(canonical);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || !url.port || url.pathname !== '/') {
    throw new Error(`the site was built for ${canonical}; build it for http://127.0.0.1:PORT/ `
      + '(PYUSES_SITE_URL, as scripts/bench does) so that its canonical links point at the benchmark\'s server');
  }
  return { origin: url.origin, port: Number(url.port) };
}

/** The Chromium processes Lighthouse runs in, so that an interrupted run leaves none. */
const chromes = new Set();

function stopAll() {
  for (const chrome of chromes) {
    try { chrome.kill(); } catch {}
  }
  chromes.clear();
  stopServers();
}

// ---------------------------------------------------------------------------------------
// Lighthouse

async function loadLighthouse() {
  try {
    const [{ default: lighthouse, generateReport }, { launch }] = await Promise.all([
      import('lighthouse'),
      import('chrome-launcher'),
    ]);
    const version = JSON.parse(readFileSync(at('tests/node_modules/lighthouse/package.json'), 'utf8')).version;
    return { lighthouse, generateReport, launch, version };
  } catch (error) {
    throw new Error(`cannot load Lighthouse from tests/node_modules (${error.message}): run scripts/bench, which installs it`);
  }
}

/** One Lighthouse run in a new Chromium with a fresh profile; resolves to the result (lhr). */
async function lighthouseRun(lh, url) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'pageload-chromium-'));
  let chrome = null;
  let timer = null;
  try {
    chrome = await lh.launch({
      chromePath: CHROME_PATH,
      chromeFlags: CHROME_FLAGS,
      userDataDir,
      handleSIGINT: false,
      logLevel: 'silent',
      connectionPollInterval: 250,
      maxConnectionRetries: 120,
    });
    chromes.add(chrome);
    const run = lh.lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      enableErrorReporting: false,
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Lighthouse took more than ${RUN_TIMEOUT_MS / 1000} s on ${url}`)), RUN_TIMEOUT_MS);
    });
    const result = await Promise.race([run, timeout]);
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return lhr;
  } finally {
    clearTimeout(timer);
    if (chrome) {
      chromes.delete(chrome);
      try { chrome.kill(); } catch {}
    }
    // Chromium may still be writing into its profile for a moment after it is told to quit.
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** What the report needs from one run. */
function digest(lhr) {
  const num = (id) => lhr.audits[id]?.numericValue;
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null]));
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  return {
    scores,
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    si: num('speed-index'),
    bytes: num('total-byte-weight'),
    requests: requests.length,
    urls: requests.map((r) => r.url),
    warnings: lhr.runWarnings ?? [],
    lcpElement: lcpElement(lhr),
  };
}

/** The LCP element and how long after the document it rendered, from the LCP breakdown. */
function lcpElement(lhr) {
  const parts = lhr.audits['lcp-breakdown-insight']?.details?.items ?? [];
  const node = parts.find((p) => p?.type === 'node');
  const subparts = parts.find((p) => p?.type === 'table')?.items ?? [];
  return {
    selector: node?.selector ?? null,
    label: node?.nodeLabel ?? '',
    renderDelay: subparts.find((p) => p.subpart === 'elementRenderDelay')?.duration,
  };
}

/** The median run: ordered by performance score, then FCP (lower is better). */
function medianIndex(runs) {
  const order = runs
    .map((run, i) => ({ i, perf: run.scores.performance ?? -1, fcp: run.fcp }))
    .sort((a, b) => b.perf - a.perf || a.fcp - b.fcp);
  return order[Math.floor((order.length - 1) / 2)].i;
}

/** The first few items an audit names (URLs relative to the site, or element snippets). */
function auditItems(audit, origin) {
  const items = audit.details?.items;
  if (!Array.isArray(items)) return '';
  const names = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const url = item.url ?? item.source?.url;
    let name = null;
    if (typeof url === 'string') name = url.startsWith(origin) ? url.slice(origin.length) || '/' : url;
    else if (item.node?.snippet) name = item.node.snippet.length > 80 ? `${item.node.snippet.slice(0, 77)}…` : item.node.snippet;
    else if (typeof item.label === 'string') name = item.label;
    else if (typeof item.reason === 'string') name = item.failureType ? `${item.reason} (${item.failureType})` : item.reason;
    if (name && !names.includes(name)) names.push(name);
  }
  if (!names.length) return '';
  const shown = names.slice(0, 3).map((n) => `\`${n.replace(/`/g, "'")}\``).join(', ');
  return names.length > 3 ? `${shown}, … (${names.length})` : shown;
}

/**
 * Every audit of a page's runs that scored below 1 in one of the four categories, in any
 * run (score null means informative or not applicable, and is left out).
 */
function failingAudits(lhrs, median, origin) {
  const refs = new Map();
  for (const c of CATEGORIES) {
    for (const ref of lhrs[median].categories[c]?.auditRefs ?? []) {
      if (!refs.has(ref.id)) refs.set(ref.id, []);
      refs.get(ref.id).push({ category: c, weight: ref.weight });
    }
  }
  const rows = [];
  for (const [id, inCategories] of refs) {
    const perRun = lhrs.map((lhr) => lhr.audits[id]?.score);
    if (!perRun.some((s) => typeof s === 'number' && s < 1)) continue;
    const audit = lhrs[median].audits[id] ?? lhrs.find((lhr) => lhr.audits[id])?.audits[id];
    rows.push({
      id,
      title: audit.title,
      categories: inCategories,
      weight: Math.max(...inCategories.map((c) => c.weight)),
      scores: perRun,
      display: audit.displayValue ?? '',
      explanation: audit.explanation ?? '',
      items: auditItems(audit, origin),
    });
  }
  const categoryOrder = (row) => CATEGORIES.indexOf(row.categories[0].category);
  return rows.sort((a, b) => categoryOrder(a) - categoryOrder(b) || b.weight - a.weight || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------
// The machine and the tools

/** `site sizes DIR`: its table, and the first-load totals in KB (as it prints them). */
function siteSizes(dir) {
  const text = execFileSync(SITE_TOOL, ['sizes', dir], { cwd: ROOT, encoding: 'utf8' }).trim();
  const total = text.match(/^\|\s*\*\*first load, before any input\*\*\s*\|\s*\*\*([\d.]+) KB\*\*\s*\|\s*\*\*([\d.]+) KB\*\*\s*\|\s*\*\*([\d.]+) KB\*\*\s*\|$/m);
  if (!total) throw new Error(`cannot read the totals in \`site sizes\`' output:\n${text}`);
  return { text, raw: Number(total[1]), gzip: Number(total[2]), brotli: Number(total[3]) };
}

// ---------------------------------------------------------------------------------------
// The first input

/** The chip the visitor presses first, and what pressing it shows once the app runs. */
const FIRST_CHIP = '.filters .chip-tag[aria-pressed="false"]';

/**
 * Opens `/` throttled as Lighthouse's mobile config is (but by DevTools, so for real), waits
 * for the load, then clicks the first tag chip with the mouse: the move and press start the
 * app, and the click is held until it runs. Returns, in ms from the press: the app running
 * (`data-app="ready"`) and the chip pressed (its filter applied); plus what the page fetched
 * before the input.
 */
async function firstInput(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1638.4 * 1000) / 8, uploadThroughput: (750 * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__first = {};
    addEventListener('pointerdown', (e) => { window.__first.press ??= e.timeStamp; }, true);
    new MutationObserver(() => {
      const t = performance.now();
      if (document.documentElement.dataset.app === 'ready') window.__first.ready ??= t;
      const pressed = [...document.querySelectorAll('.filters .chip-tag[aria-pressed="true"]')];
      if (pressed.some((b) => b.textContent !== 'All')) window.__first.pressed ??= t;
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app', 'aria-pressed'] });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()));
  await page.click(FIRST_CHIP);
  await page.waitForFunction(() => window.__first.ready && window.__first.pressed, null, { timeout: 120_000 });
  const t = await page.evaluate(() => window.__first);
  await page.close();
  return { ready: t.ready - t.press, pressed: t.pressed - t.press, before };
}

/** `runs` rounds of a cold first input (a fresh browser context) and a warm one (the same again). */
async function firstInputs(origin, runs) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')), headless: true });
  try {
    const cold = [];
    const warm = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: false });
      cold.push(await firstInput(context, `${origin}/`));
      warm.push(await firstInput(context, `${origin}/`));
      await context.close();
      log(`first input ${i + 1}/${runs}: cold ready ${msText(cold[i].ready)}, pressed ${msText(cold[i].pressed)}; `
        + `warm ready ${msText(warm[i].ready)}, pressed ${msText(warm[i].pressed)}`);
    }
    return { cold, warm };
  } finally {
    await browser.close();
  }
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// ---------------------------------------------------------------------------------------
// The report

function report({ env, lhVersion, started, elapsedMin, origin, twin, results, sizes, inputs }) {
  const lines = [];
  const say = (text = '') => lines.push(text);
  const first = results.home.lhrs[0];
  const t = first.configSettings.throttling;
  const med = (name) => results[name].runs[results[name].median];

  say('## Page-load benchmark');
  say();
  say(`- Machine: ${env.cpu}, ${env.cores} cores, ${env.ram} RAM, ${env.os}; load average ${env.load} at the start; `
    + `Lighthouse's benchmark index ${results.home.lhrs.map((l) => l.environment.benchmarkIndex).join(', ')} (home page runs)`);
  say(`- Browser: ${env.chromium}, headless (\`--headless=new\`), a new browser with a fresh profile for every run; Node ${env.node}`);
  say(`- Lighthouse ${lhVersion} (npm, tests/package-lock.json), Node API: default mobile config (${first.configSettings.formFactor}, `
    + `${first.configSettings.screenEmulation.width}×${first.configSettings.screenEmulation.height} at ${first.configSettings.screenEmulation.deviceScaleFactor}×), `
    + `${first.configSettings.throttlingMethod}d throttling (${t.rttMs} ms RTT, ${(t.throughputKbps / 1000).toFixed(1)} Mbps down, ${t.cpuSlowdownMultiplier}× CPU slowdown); `
    + `categories ${CATEGORIES.join(', ')}`);
  say(`- Date: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC; ${RUNS} run${RUNS > 1 ? 's' : ''} per URL, `
    + `the URLs taking turns; the median run by performance score, then FCP${QUICK ? ' (--quick)' : ''}; took ${elapsedMin.toFixed(1)} min`);
  say(`- Server: \`site serve\` at ${origin}/ (brotli or gzip on the fly, \`_headers\` applied), the release build made for that address `
    + `(\`PYUSES_SITE_URL\`). \`/static.html\` is \`index.html\` with its ${twin.scripts} \`<script>\` elements and ${twin.preloads} `
    + 'modulepreload/preload links removed: the same prerendered content and CSS, no JavaScript.');
  const external = [...new Set(Object.values(results).flatMap((r) => r.runs.flatMap((run) => run.urls)))]
    .filter((u) => /^https?:/.test(u) && !u.startsWith(`${origin}/`));
  say(`- Requests to anything but the local server, in all runs: ${external.length ? external.map((u) => `\`${u}\``).join(', ') : 'none'}`);
  const warnings = [...new Set(Object.values(results).flatMap((r) => r.runs.flatMap((run) => run.warnings)))];
  if (warnings.length) say(`- Lighthouse warnings: ${warnings.map(cell).join('; ')}`);
  say();

  say('### Lighthouse, median run per URL');
  say();
  say(table(['URL', 'Perf.', 'A11y', 'Best pr.', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'Speed Index', 'transfer'],
    PAGES.map((p) => {
      const m = med(p.name);
      return [`\`${p.path}\``, ...CATEGORIES.map((c) => score(m.scores[c])), msText(m.fcp), msText(m.lcp), msText(m.tbt),
        clsText(m.cls), msText(m.si), kbText(m.bytes)];
    }), ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  say();

  for (const p of PAGES) {
    const r = results[p.name];
    say(`#### ${p.label}`);
    say();
    const runCols = r.runs.map((_, i) => `run ${i + 1}${i === r.median ? ' (median)' : ''}`);
    const row = (name, f) => [name, `**${f(r.runs[r.median])}**`, ...r.runs.map(f)];
    say(table(['measure', 'median run', ...runCols], [
      ...CATEGORIES.map((c) => row(`${CATEGORY_TITLES[c]} score`, (run) => score(run.scores[c]))),
      row('First Contentful Paint', (run) => msText(run.fcp)),
      row('Largest Contentful Paint', (run) => msText(run.lcp)),
      row('Total Blocking Time', (run) => msText(run.tbt)),
      row('Cumulative Layout Shift', (run) => clsText(run.cls)),
      row('Speed Index', (run) => msText(run.si)),
      row('Total transfer (Lighthouse total-byte-weight)', (run) => `${kbText(run.bytes)} (${run.requests} requests)`),
    ], ['l', ...r.runs.map(() => 'r'), 'r']));
    say();
    const elements = [...new Set(r.runs.map((run) => run.lcpElement.selector))];
    const m = r.runs[r.median].lcpElement;
    say(`LCP element: ${elements.map((e) => `\`${e}\``).join(' or ')}${m.label ? ` (“${cell(m.label)}”)` : ''}; `
      + `element render delay (observed, unthrottled) per run: ${r.runs.map((run) => msText(run.lcpElement.renderDelay)).join(', ')}.`);
    say();
    if (!p.app) {
      const lost = r.failing.filter((a) => a.weight > 0);
      say(`Loses points on: ${lost.length ? lost.map((a) => `\`${a.id}\` (${a.categories.map((c) => CATEGORY_TITLES[c.category]).join(', ')}: `
        + `${cell(a.title)}${a.explanation ? `; ${cell(a.explanation)}` : ''})`).join('; ') : 'nothing'}.`);
      say();
    }
  }

  const appFcp = med('home').fcp;
  const staticFcp = med('static').fcp;
  const ratio = appFcp / staticFcp;
  say('### FCP: the app compared with its static twin');
  say();
  say(`\`/\` ${msText(appFcp)} ÷ \`/static.html\` ${msText(staticFcp)} = **${ratio.toFixed(3)}×** (median runs; `
    + `all runs: app ${results.home.runs.map((run) => msText(run.fcp)).join(', ')}; static ${results.static.runs.map((run) => msText(run.fcp)).join(', ')}).`);
  say();

  say('### The first input');
  say();
  say('Lighthouse loads the page and never touches it, so it measures the prerendered page alone: the app starts at the '
    + `visitor's first input. Here the first input is a click on the first unpressed tag chip (“Web”) of \`/\` (\`${FIRST_CHIP}\`), `
    + 'with DevTools throttling of 150 ms RTT, 1.6 Mbps down and 4× CPU. Cold is a fresh profile; warm is the same profile '
    + 'loading `/` again, with the app in the HTTP cache (no service worker: each profile is fresh, and the worker takes '
    + `over only after its first install). ${inputs.cold.length} run${inputs.cold.length > 1 ? 's' : ''} each, median.`);
  say();
  const inputRow = (name, f) => [name, `**${msText(median(inputs.cold.map(f)))}**`, `**${msText(median(inputs.warm.map(f)))}**`,
    inputs.cold.map((r) => msText(f(r))).join(', '), inputs.warm.map((r) => msText(f(r))).join(', ')];
  say(table(['from the press to', 'cold', 'warm', 'cold runs', 'warm runs'], [
    inputRow('the app running (`data-app="ready"`)', (r) => r.ready),
    inputRow('the chip pressed, its filter applied', (r) => r.pressed),
  ], ['l', 'r', 'r', 'r', 'r']));
  say();
  const fetched = [...new Set(inputs.cold.flatMap((r) => r.before))];
  say(`Fetched before the input, cold: ${fetched.map((f) => `\`${f.replace(/-[0-9a-f]{16,}/, '-…')}\``).join(', ')}.`);
  say();

  say('### First-load transfer');
  say();
  say(`\`site sizes\` (the home page and the files it references, on load and at the first input, each compressed at the highest level; KB = 1000 bytes):`);
  say();
  say(sizes.text);
  say();
  say(`Lighthouse's total transfer for \`/\` (${kbText(med('home').bytes)}) is what \`site serve\` actually sent: every request of the load, `
    + 'compressed on the fly (brotli at the server\'s default quality, not the highest), plus headers.');
  say();

  const targetRows = [];
  for (const p of PAGES.filter((page) => page.app)) {
    const m = med(p.name);
    targetRows.push([`Lighthouse 100/100/100/100 on \`${p.path}\``, CATEGORIES.map((c) => score(m.scores[c])).join('/'),
      mark(CATEGORIES.every((c) => m.scores[c] >= TARGETS.score))]);
  }
  for (const p of PAGES.filter((page) => page.app)) {
    const m = med(p.name);
    const all = results[p.name].runs.map((run) => clsText(run.cls)).join(', ');
    targetRows.push([`CLS 0 on \`${p.path}\``, `${clsText(m.cls)} (runs: ${all})`, mark(m.cls === TARGETS.cls)]);
  }
  targetRows.push([`FCP of \`/\` ≤ ${TARGETS.fcpRatio} × the static page's`, `${msText(appFcp)} vs ${msText(staticFcp)}: ${ratio.toFixed(3)}×`,
    mark(ratio <= TARGETS.fcpRatio)]);
  targetRows.push([`First load of \`/\` ≤ ${TARGETS.gzipKb} KB gzip`, `${sizes.gzip.toFixed(1)} KB gzip (brotli ${sizes.brotli.toFixed(1)} KB)`,
    mark(sizes.gzip <= TARGETS.gzipKb)]);
  say('### Targets');
  say();
  say(table(['target', 'measured', 'met'], targetRows));
  say();

  say('### What the app\'s runs lose points on');
  say();
  say('Every audit that scored below 1 in any run of the app\'s pages, in one of the four categories. The weight is the audit\'s '
    + 'share of its category\'s score (0: shown in the report, not counted); the value and items are from the median run.');
  for (const p of PAGES.filter((page) => page.app)) {
    const rows = results[p.name].failing;
    say();
    say(`#### \`${p.path}\``);
    say();
    if (!rows.length) {
      say('None.');
      continue;
    }
    say(table(['category (weight)', 'audit', 'title', 'score per run', 'value', 'items'], rows.map((a) => [
      a.categories.map((c) => `${CATEGORY_TITLES[c.category]} (${c.weight})`).join(', '),
      `\`${a.id}\``,
      cell(a.title),
      a.scores.map((s) => (typeof s === 'number' ? s.toFixed(2) : 'n/a')).join(', '),
      cell(a.display) || '—',
      cell(a.items) || '—',
    ])));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const indexPath = path.join(SITE_DIR, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: run scripts/bench pageload, which builds it`);
  if (!existsSync(SITE_TOOL)) throw new Error(`${SITE_TOOL} is missing: run scripts/bench pageload, which builds it`);
  if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH}: set CHROME_PATH`);
  const env = machineWithChromium(CHROME_PATH);
  const lh = await loadLighthouse();
  const index = readFileSync(indexPath, 'utf8');
  const { origin, port } = siteAddress(index);
  const twin = staticTwin(index);
  writeFileSync(path.join(SITE_DIR, 'static.html'), twin.html);
  log(`static.html written (${twin.scripts} scripts and ${twin.preloads} preload links removed)`);
  const sizes = siteSizes(SITE_DIR);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });

  const served = await serve(SITE_DIR, `127.0.0.1:${port}`);
  log(`serving ${path.relative(ROOT, SITE_DIR)} at ${served}; ${env.chromium}; Lighthouse ${lh.version}`);
  const results = Object.fromEntries(PAGES.map((p) => [p.name, { lhrs: [], runs: [] }]));
  for (let i = 0; i < RUNS; i++) {
    for (const p of PAGES) {
      const t0 = Date.now();
      const lhr = await lighthouseRun(lh, `${origin}${p.path}`);
      writeFileSync(path.join(OUT_DIR, `${p.name}-${i + 1}.json`), JSON.stringify(lhr));
      const run = digest(lhr);
      results[p.name].lhrs.push(lhr);
      results[p.name].runs.push(run);
      log(`run ${i + 1}/${RUNS} ${p.path}: performance ${score(run.scores.performance)}, FCP ${msText(run.fcp)}, `
        + `LCP ${msText(run.lcp)}, TBT ${msText(run.tbt)}, CLS ${clsText(run.cls)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  const inputs = await firstInputs(origin, RUNS);
  stopAll();

  for (const p of PAGES) {
    const r = results[p.name];
    r.median = medianIndex(r.runs);
    r.failing = failingAudits(r.lhrs, r.median, origin);
    writeFileSync(path.join(OUT_DIR, `${p.name}-median.html`), lh.generateReport(r.lhrs[r.median], 'html'));
  }
  const elapsedMin = (Date.now() - started) / 60000;
  const text = report({ env, lhVersion: lh.version, started, elapsedMin, origin, twin, results, sizes, inputs });
  writeFileSync(REPORT, `${text}\n`);
  console.log(text);
  log(`(also written to ${path.relative(ROOT, REPORT)}; Lighthouse results in ${path.relative(ROOT, OUT_DIR)}/)`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

main().catch((error) => {
  console.error(`error: ${error.stack || error}`);
  stopAll();
  process.exitCode = 1;
});
