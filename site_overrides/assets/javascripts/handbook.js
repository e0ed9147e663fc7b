// Print every collapsed section (flowchart, variants) and close them again afterwards.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (el) {
      el.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
})();

// A table wider than the screen scrolls inside itself: say so above it (and only while it is too wide).
(function () {
  function cue() {
    document.querySelectorAll(".md-typeset__scrollwrap, .hb-flow__chart").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      var note = wrap.previousElementSibling;
      if (!(note && note.classList.contains("hb-scroll-cue"))) {
        if (!wide) return;
        note = document.createElement("p");
        note.className = "hb-scroll-cue";
        note.textContent = wrap.classList.contains("hb-flow__chart") ? "流程图较宽，可左右滑动查看 →" : "表格较宽，可左右滑动查看 →";
        wrap.parentNode.insertBefore(note, wrap);
      }
      note.hidden = !wide;
    });
  }
  window.addEventListener("load", cue);
  window.addEventListener("resize", cue);
  setTimeout(cue, 300);
})();

// A flowchart is drawn at its own size (generator/render/flowchart): when wider than the screen,
// start at its middle, where the flow begins, and say that it scrolls.
(function () {
  document.querySelectorAll(".hb-flow__chart").forEach(function (chart) {
    chart.scrollLeft = (chart.scrollWidth - chart.clientWidth) / 2;
  });
})();

// The theme searches on keyup only: text that arrives without one (pasted from a phone's menu,
// dictated, an input method's commit) would leave 「键入以开始搜索」. Every input of the search box
// counts as a keyup; the theme ignores a value it has already searched.
document.addEventListener("input", function (event) {
  var box = event.target;
  if (box instanceof HTMLInputElement && box.classList.contains("md-search__input")) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
});
