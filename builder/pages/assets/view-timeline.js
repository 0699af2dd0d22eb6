// The timeline (views/timeline.py): appended to dossier.js at build time.

// Switching the scale keeps the same time at the left edge of the view. Without
// JavaScript each scale opens at its left end, the earliest event, as every scale
// does on load with it: nothing here moves the picture before the reader does.
// Times are "fractional years" read from the year strip's blocks (data-y, data-z).
(function () {
  function blocks(view) {
    return view.querySelectorAll(".tl-years > [data-y]");
  }
  function timeAt(view) {  // the fractional year at the view's left edge, or null
    var x = view.scrollLeft, list = blocks(view);
    for (var i = 0; i < list.length; i++) {
      var b = list[i], left = b.offsetLeft, width = b.offsetWidth;
      if (x < left + width || i === list.length - 1) {
        var y = +b.dataset.y, z = +b.dataset.z;
        return y + Math.max(0, Math.min(1, (x - left) / (width || 1))) * (z - y);
      }
    }
    return null;
  }
  function scrollTo(view, t) {
    var list = blocks(view);
    for (var i = 0; i < list.length; i++) {
      var b = list[i], y = +b.dataset.y, z = +b.dataset.z;
      if (t < z || i === list.length - 1) {
        view.scrollLeft = t <= y ? b.offsetLeft : b.offsetLeft + (t - y) / (z - y) * b.offsetWidth;
        return;
      }
    }
  }
  document.querySelectorAll(".dossier-timeline").forEach(function (timeline) {
    var shown = null;  // the fractional year last seen at the left edge
    timeline.querySelectorAll(":scope > .dossier-scroll").forEach(function (view) {
      view.addEventListener("scroll", function () { shown = timeAt(view); }, {passive: true});
    });
    timeline.querySelectorAll(":scope > input").forEach(function (input) {
      input.addEventListener("change", function () {
        var view = timeline.querySelector(":scope > .view-" + input.className.replace("zoom-", ""));
        if (view && shown !== null) scrollTo(view, shown);
      });
    });
  });
})();
