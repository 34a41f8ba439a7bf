// The 404 page's root finder (`site postbuild` fills in the placeholders): a known route
// shape in the address marks the site root, else it is "/". It sets <base>, then adds the
// shell's head from its template; scripts are created anew, since copied ones would not run.
(function () {
  var match = location.pathname.match(/^(.*?\/)(?:__ROUTE_FOLDERS__)(\/|$)/);
  var base = document.createElement("base");
  base.href = match ? match[1] : "/";
  document.head.appendChild(base);
  document.getElementById("__SHELL_HEAD_ID__").content.childNodes.forEach(function (node) {
    var copy;
    if (node.nodeName === "SCRIPT") {
      copy = document.createElement("script");
      for (var i = 0; i < node.attributes.length; i++) {
        copy.setAttribute(node.attributes[i].name, node.attributes[i].value);
      }
      copy.textContent = node.textContent;
    } else {
      copy = document.importNode(node, true);
    }
    document.head.appendChild(copy);
  });
})();
