/* What is Python used for? — the embed loader (dist/embed.js, not hashed, no build step).
 *
 * On your page:
 *   <div data-pyuses data-categories="web-development,automation" data-theme="dark"></div>
 *   <script src="https://HOST/embed.js" async></script>
 *
 * Each [data-pyuses] element becomes an iframe of the explorer's embed view that grows and
 * shrinks with its content. Options, all optional: data-categories (comma-separated
 * slugs), data-q, data-theme (light, dark or auto), data-search (on or off), data-libraries (on or off), data-layout
 * (grid or list), data-limit, data-title (the iframe's title), data-height (the height in
 * pixels before the widget reports its own). Changing data-theme later changes the
 * widget's theme live.
 *
 * Messages are only ever exchanged with the explorer's own origin, and a resize is only
 * accepted from the very iframe it resizes.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var site = new URL(".", script.src);
  var PARAMS = ["categories", "q", "theme", "search", "libraries", "layout", "limit"];
  var frames = [];

  function widgetUrl(element) {
    var url = new URL("embed/", site);
    PARAMS.forEach(function (name) {
      var value = element.getAttribute("data-" + name);
      if (value) url.searchParams.set(name, value);
    });
    // The widget posts its height to this origin and accepts settings from it alone.
    url.searchParams.set("origin", location.origin);
    return url.href;
  }

  function mount(element) {
    if (element.querySelector("iframe[data-pyuses-frame]")) return;
    var frame = document.createElement("iframe");
    frame.setAttribute("data-pyuses-frame", "");
    frame.src = widgetUrl(element);
    frame.title = element.getAttribute("data-title") || "What is Python used for? An explorer of the fields where Python is used";
    frame.loading = "lazy";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
    var height = parseInt(element.getAttribute("data-height"), 10);
    frame.style.cssText = "display:block;width:100%;border:0;height:" + (height > 0 ? height : 480) + "px";
    element.appendChild(frame);
    frames.push(frame);
    new MutationObserver(function () {
      if (frame.contentWindow) {
        frame.contentWindow.postMessage({ type: "pyuses:config", theme: element.getAttribute("data-theme") || "auto" }, site.origin);
      }
    }).observe(element, { attributes: true, attributeFilter: ["data-theme"] });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== site.origin || !data || data.type !== "pyuses:resize") return;
    var height = Number(data.height);
    if (!(height > 0 && height < 100000)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(height) + "px";
    }
  });

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pyuses]"), mount);
  }
  mountAll();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
})();
