// The theme's search panel has role="dialog" but no name; screen readers announce it
// nameless. Give it the (translated) label of its search field.
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();

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
