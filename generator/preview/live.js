// handbook serve: reload the page after each good build; show the findings over it until fixed.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = Number(me.getAttribute("data-build"));
  var version = -1;
  var box = null;
  function overlay(state) {
    if (!state.errors.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "handbook-findings";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:10000;" +
        "background:#fff5f5;color:#611;border-top:4px solid #c62828;padding:12px 16px;" +
        "font:14px/1.5 monospace;box-shadow:0 -4px 16px rgba(0,0,0,.25);white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = state.title;
    box.appendChild(head);
    state.errors.forEach(function (text) {
      var line = document.createElement("div");
      line.className = "handbook-finding";
      line.style.marginTop = "6px";
      line.textContent = text;  // text only: a message never becomes markup
      box.appendChild(line);
    });
  }
  function poll() {
    fetch("/__handbook/state?since=" + version + "&page=" + encodeURIComponent(location.pathname), {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (state) {
        version = state.version;
        if (state.build !== build && !state.errors.length) { location.reload(); return; }
        overlay(state);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });  // server stopped or restarting
  }
  poll();
})();
