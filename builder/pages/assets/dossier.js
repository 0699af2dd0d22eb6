// The theme's search panel has role="dialog" but no name; screen readers announce it
// nameless. Give it the (translated) label of its search field.
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();

// Previews: hovering or focusing a link to an entity shows a card with its name, kind,
// description and key dates. The cards are JSON data in the page (render.cards); they
// are shown with textContent only, never as HTML.
(function () {
  var cards = {};
  document.querySelectorAll("script.dossier-cards").forEach(function (script) {
    var list;
    try { list = JSON.parse(script.textContent); } catch (e) { return; }
    list.forEach(function (card) { cards[new URL(card.href, location.href).href] = card; });
  });
  if (!Object.keys(cards).length) return;
  var box = document.createElement("div");
  box.className = "dossier-card";
  box.setAttribute("role", "tooltip");
  box.id = "dossier-card";
  box.hidden = true;
  document.body.appendChild(box);
  function line(cls, text) {
    var el = document.createElement("div");
    el.className = cls;
    el.textContent = text;
    box.appendChild(el);
  }
  function show(link) {
    if (typeof link.href !== "string") return;  // an SVG mark: it has its own <title>
    var card = cards[link.href];
    if (!card) return;
    box.replaceChildren();
    line("dossier-card-kind", card.kind);
    line("dossier-card-name", card.name);
    card.facts.forEach(function (fact) { line("dossier-card-fact", fact); });
    line("dossier-card-description", card.description);
    var rect = link.getBoundingClientRect();
    box.hidden = false;
    var left = Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
    box.style.left = Math.max(8, left) + "px";
    box.style.top = (rect.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", "dossier-card");
  }
  function hide() { box.hidden = true; }
  var content = document.querySelector(".md-content") || document.body;
  content.addEventListener("mouseover", function (e) {
    var link = e.target.closest && e.target.closest("a[href]");
    if (link) show(link);
  });
  content.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest("a[href]")) hide();
  });
  content.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("a[href]")) show(e.target);
  });
  content.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();

// Search that forgives a typo, in the theme's search (the sharded search of large dossiers,
// dossier-search.js, does the same itself). The theme hands each query to its search worker
// (lunr); the query is passed on with each word of 5 letters or more added again with lunr's
// edit distance: one edit from 5 letters, two from 8 ("Kadyroff" finds "Kadyrov"). Words
// found as typed still rank first. A query in lunr's own syntax (~ ^ : + - * ") is left alone.
(function () {
  if (typeof Worker === "undefined" || !Worker.prototype || !Worker.prototype.postMessage) return;
  var post = Worker.prototype.postMessage;
  function forgiving(query) {
    if (/[~^:+\-*"]/.test(query)) return query;
    var extra = query.trim().split(/\s+/).filter(function (w) { return w.length >= 5; })
      .map(function (w) { return w + "~" + (w.length >= 8 ? 2 : 1); });
    return extra.length ? query + " " + extra.join(" ") : query;
  }
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === 2 && typeof message.data === "string") {  // the theme's query
      args[0] = { type: 2, data: forgiving(message.data) };
    }
    return post.apply(this, args);
  };
})();

// A link to something inside a closed <details> (a reference mark, a mention) opens it, in
// browsers that do not do so themselves.
(function () {
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var d = target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();

// Citing a claim: its link mark (¶) goes to its address, and shows the claim's citation
// below it, to copy. The citations are JSON data in the page (pages/citing.py), shown as
// text only; without a site_url in mkdocs.yml the address is the one the page was read at.
(function () {
  var script = document.querySelector("script.dossier-cite");
  if (!script) return;
  var texts;
  try { texts = JSON.parse(script.textContent); } catch (e) { return; }
  var box = null;
  function show(mark) {
    var anchor = mark.getAttribute("href").slice(1);
    var text = texts[anchor];
    if (!text) return;
    if (text.indexOf("://") < 0) text += " " + location.href.split("#")[0] + "#" + anchor;
    if (box) box.remove();
    box = document.createElement("span");
    box.className = "dossier-cite-box";
    box.setAttribute("role", "note");
    var words = document.createElement("span");
    words.textContent = text;
    box.appendChild(words);
    if (navigator.clipboard) {
      var copy = document.createElement("button");
      copy.type = "button";
      copy.textContent = "Copy";
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(text).then(function () { copy.textContent = "Copied"; });
      });
      box.appendChild(copy);
    }
    mark.after(box);
  }
  document.querySelectorAll("a.dossier-permalink").forEach(function (mark) {
    mark.addEventListener("click", function () { show(mark); });
  });
  var page = document.querySelector(".dossier-cite-text");
  if (page && texts[""] && texts[""].indexOf("://") < 0) {
    page.textContent = texts[""] + " " + location.href.split("#")[0];
  }
})();
