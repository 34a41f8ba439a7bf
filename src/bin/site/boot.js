// The page's own script, inline in every prerendered page: `site postbuild` writes it in
// place of Trunk's loader (see startup.rs), filling in the __NAMES__ below and dropping
// these comments. It does three things, none of which needs the app:
//
// 1. Starts the app at the visitor's first sign of use (INTENTS), not on load. A button of
//    the prerendered page pressed before the app runs is held and pressed again once the
//    app has hydrated (`data-app="ready"`); a page hidden until the app renders it (the
//    PENDING class) starts at once; a failed start lets the next input try again.
// 2. Registers the service worker when the browser is idle (or 3 s after load at the latest),
//    on every page of the site but the embed view, whether or not the app ever starts.
// 3. Drives the footer's "Save for offline use" control: asks the worker what saving every
//    page would download, saves or removes the offline copy on request with its progress,
//    and asks for it on its own when the site runs as an installed app.
const h = document.documentElement, intents = __INTENTS__;
const prerendered = new WeakSet(document.querySelectorAll("button:not([__BOOT_ATTR__])"));
let started = false, held = null;
const ready = () => h.getAttribute("__APP_ATTR__") === "__APP_READY__";
const hold = (e) => {
  const b = !ready() && e.target.closest && e.target.closest("button");
  if (b && prerendered.has(b)) { e.preventDefault(); e.stopImmediatePropagation(); held = b; go(); }
};
const arm = () => { for (const t of intents) addEventListener(t, go, { capture: true, passive: true }); };
const start = async () => {
  for (const m of document.querySelectorAll("meta[name=__PRELOAD_META__]")) {
    const l = document.createElement("link");
    l.rel = "preload"; l.as = "fetch"; l.crossOrigin = "anonymous"; l.href = m.content;
    document.head.append(l);
  }
  const bindings = await import(__JS__);
  const wasm = await bindings.default({ module_or_path: __WASM__ });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
};
const go = () => {
  if (started) return;
  started = true;
  for (const t of intents) removeEventListener(t, go, true);
  h.classList.add("__STARTING_CLASS__");
  start().catch(() => { started = false; held = null; h.classList.remove("__STARTING_CLASS__"); arm(); });
};
new MutationObserver((_, o) => {
  if (!ready()) return;
  o.disconnect();
  removeEventListener("click", hold, true);
  h.classList.remove("__STARTING_CLASS__");
  const b = held; held = null;
  if (b && b.isConnected) b.click();
}).observe(h, { attributes: true, attributeFilter: ["__APP_ATTR__"] });
addEventListener("click", hold, true);
if (h.classList.contains("__PENDING_CLASS__")) go(); else arm();

// The service worker and the offline copy, in release builds only (a development build is
// never served from a cache). Where service workers are unavailable (an insecure context,
// some private modes, a sandboxed frame) the control stays hidden.
const sw = __REGISTER__ && navigator.serviceWorker;
const route = document.querySelector("meta[name=__ROUTE_META__]");
const rootMeta = document.querySelector("meta[name=__ROOT_META__]");
if (sw && rootMeta && !(route && route.content === "__EMBED_ROUTE__")) {
  const root = new URL(rootMeta.content, document.baseURI).href;
  const box = document.querySelector("[__OFFLINE_ATTR__]");
  const button = box && box.querySelector("button");
  const label = box && box.querySelector("[__OFFLINE_LABEL_ATTR__]");
  const status = box && box.querySelector("[__OFFLINE_STATUS_ATTR__]");
  // Running as an installed app (in a window of its own), or just installed.
  let installed = matchMedia("(display-mode: standalone)").matches;
  let total = 0, saved = false, saving = false;
  const mb = (bytes) => (bytes / 1e6).toFixed(1) + " MB";
  const show = () => {
    if (!box) return;
    box.hidden = false;
    button.disabled = saving;
    button.setAttribute("aria-pressed", String(saved));
    label.textContent = saved ? "Available offline" : saving ? "Saving for offline use…" : "Save for offline use";
    button.title = saved ? "Remove the copy saved on this device" : "Download every page to this device";
    if (!saving) status.textContent = saved ? "Every page works without a connection. Press again to remove the copy." : "Every page, " + mb(total) + ".";
  };
  const tell = (message) => sw.ready.then((r) => r.active && r.active.postMessage(message));
  const saveAll = () => { saving = true; show(); tell({ type: "SAVE_OFFLINE" }); };
  sw.addEventListener("message", (e) => {
    const m = e.data || {};
    if (m.type === "OFFLINE_STATUS") {
      total = m.total; saved = m.saved; saving = m.saving;
      if (installed && !saved && !saving) saveAll(); else show();
    } else if (m.type === "OFFLINE_PROGRESS" && box) {
      saving = true; show();
      // In steps of 10%: the status line is announced, and a file's worth is too often.
      const text = 10 * Math.floor((10 * m.done) / m.total) + "% of " + mb(m.total);
      if (status.textContent !== text) status.textContent = text;
    } else if (m.type === "OFFLINE_DONE") {
      saving = false; saved = m.saved; show();
      if (m.error && status) status.textContent = "Saving stopped: " + m.error + ". Try again when online.";
    }
  });
  addEventListener("appinstalled", () => {
    installed = true;
    if (!saved && !saving) saveAll();
  });
  sw.startMessages();
  if (button) button.addEventListener("click", () => (saved ? tell({ type: "REMOVE_OFFLINE" }) : saveAll()));
  const register = () => sw.register(root + "__SERVICE_WORKER_FILE__", { scope: root }).then(() => {
    // What this page already loaded is kept: the page itself and every file of the site it used.
    const used = [location.href.split(/[?#]/)[0]].concat(
      performance.getEntriesByType("resource").map((r) => r.name).filter((u) => u.startsWith(root)));
    tell({ type: "KEEP", urls: used });
    tell({ type: "OFFLINE_STATUS" });
  }, () => {});
  // An idle period can be long in coming (a busy machine, a throttled tab): after a few
  // seconds the worker is registered anyway, or the page would never work offline.
  const idle = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 3000 }) : setTimeout(f, 1));
  if (document.readyState === "complete") idle(register);
  else addEventListener("load", () => idle(register), { once: true });
}
