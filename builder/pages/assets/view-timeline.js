// The timeline (views/timeline.py): appended to dossier.js at build time.

// A timeline opens on its latest events, at every scale; without
// JavaScript it opens at the left end and scrolls as well.
(function () {
  function toEnd() {
    document.querySelectorAll(".dossier-timeline > .dossier-scroll").forEach(function (el) {
      var right = 0;  // where the latest mark ends, in the picture's pixels
      el.querySelectorAll("a.item > circle, a.item > rect").forEach(function (mark) {
        var box = mark.getBBox();
        right = Math.max(right, box.x + box.width);
      });
      el.scrollLeft = Math.max(0, right - el.clientWidth * 0.6);
    });
  }
  document.querySelectorAll(".dossier-timeline > input").forEach(function (input) {
    input.addEventListener("change", toEnd);
  });
  toEnd();
})();
