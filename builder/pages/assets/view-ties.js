// Ties (views/graph.py): appended to dossier.js at build time.

// Hovering or focusing a mark of a graph of ties dims every other mark and tie but its own
// ties and its neighbours (view-ties.css: .dossier-lit, .lit). Each tie names the numbers of
// its ends (data-a, data-b), each mark its own (data-n). Without JavaScript the picture
// stays whole, and each mark names itself on hover (its <title>).
(function () {
  document.querySelectorAll("svg.dossier-graph-svg").forEach(function (svg) {
    var marks = {}, ties = {}, lit = [];
    svg.querySelectorAll("a.node[data-n]").forEach(function (a) { marks[a.getAttribute("data-n")] = a; });
    svg.querySelectorAll("line.edge[data-a]").forEach(function (line) {
      [line.getAttribute("data-a"), line.getAttribute("data-b")].forEach(function (n) {
        (ties[n] = ties[n] || []).push(line);
      });
    });
    function light(el) {
      el.classList.add("lit");
      lit.push(el);
    }
    function clear() {
      lit.forEach(function (el) { el.classList.remove("lit"); });
      lit = [];
      svg.classList.remove("dossier-lit");
    }
    function show(n) {
      clear();
      light(marks[n]);
      (ties[n] || []).forEach(function (line) {
        light(line);
        var other = marks[line.getAttribute(line.getAttribute("data-a") === n ? "data-b" : "data-a")];
        if (other) light(other);
      });
      svg.classList.add("dossier-lit");
    }
    Object.keys(marks).forEach(function (n) {
      marks[n].addEventListener("mouseenter", function () { show(n); });
      marks[n].addEventListener("focus", function () { show(n); });
      marks[n].addEventListener("mouseleave", clear);
      marks[n].addEventListener("blur", clear);
    });
  });
})();
