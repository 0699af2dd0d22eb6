// Search for large dossiers (builder/searchshards.py writes the index): a query loads only
// the index pieces its words need, as script files, so it works from file:// as well as
// from a server, and never asks the network for anything. Results are built with DOM
// text nodes only: nothing from the index becomes markup.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = new URL("../", script.src);  // this file is assets/dossier-search.js
  var loaded = {}, waiting = {};
  var data = { manifest: null, keys: null, shards: {}, pages: {} };

  function arrived(id) {
    loaded[id] = true;
    (waiting[id] || []).forEach(function (resolve) { resolve(); });
    delete waiting[id];
  }
  window.dossierSearch = {
    manifest: function (m) { data.manifest = m; data.keys = new Set(m.keys); arrived("manifest"); },
    shard: function (key, terms) { data.shards[key] = terms; arrived("s:" + key); },
    pages: function (n, list) { data.pages[n] = list; arrived("p:" + n); }
  };

  function load(id, path) {
    if (loaded[id]) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      if (waiting[id]) { waiting[id].push(resolve); return; }
      waiting[id] = [resolve];
      var tag = document.createElement("script");
      tag.src = new URL(path, root).href;
      tag.async = true;
      tag.onerror = function () { delete waiting[id]; reject(new Error("cannot load " + path)); };
      document.head.appendChild(tag);
    });
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }
  function shardOf(term) {  // the longest key that starts the term
    for (var n = Math.min(term.length, data.manifest.maxKey); n > 0; n--) {
      if (data.keys.has(term.slice(0, n))) return term.slice(0, n);
    }
    return null;
  }
  var MAX_EXTRA_SHARDS = 8;
  function shardsFor(term, prefix) {
    var keys = [], own = shardOf(term);
    if (own) keys.push(own);
    if (prefix) {
      var longer = data.manifest.keys.filter(function (k) {
        return k.length > term.length && k.startsWith(term);
      });
      if (longer.length <= MAX_EXTRA_SHARDS) keys = keys.concat(longer);
    }
    return keys;
  }
  // Typos: a word of 5 letters or more that matches nothing is matched with one edit (a
  // letter added, dropped, changed, or two swapped), from 8 letters with two ("kadyroff"
  // finds "kadyrov"), among the words of its own index piece: the first letters that choose
  // the piece must be right. Such matches score half.
  function edits(a, b, most) {  // optimal string alignment distance, or most + 1 beyond it
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        next.push(d);
        least = Math.min(least, d);
      }
      if (least > most) return most + 1;
      before = row; row = next;
    }
    return row[b.length];
  }
  function postingsOf(term, prefix, keys) {  // {page: [score, section]}
    var found = new Map();
    function add(terms, t, weight) {
      var list = terms[t];
      for (var i = 0; i < list.length; i += 3) {
        var page = list[i], score = list[i + 1] * weight, section = list[i + 2];
        var had = found.get(page);
        if (!had || score > had[0]) found.set(page, [score, section]);
      }
    }
    keys.forEach(function (key) {
      var terms = data.shards[key] || {};
      var matching = prefix ? Object.keys(terms).filter(function (t) { return t.startsWith(term); })
        : (terms[term] ? [term] : []);
      matching.forEach(function (t) { add(terms, t, 1); });
    });
    if (!found.size && term.length >= 5) {
      var most = term.length >= 8 ? 2 : 1;
      keys.forEach(function (key) {
        var terms = data.shards[key] || {};
        Object.keys(terms).forEach(function (t) {
          if (edits(term, prefix ? t.slice(0, term.length) : t, most) <= most) add(terms, t, 0.5);
        });
      });
    }
    return found;
  }

  // All words must match; the last one as a prefix while it is being typed.
  function search(query) {
    var terms = words(query);
    if (!terms.length) return Promise.resolve([]);
    var typing = !/\s$/.test(query);
    return load("manifest", "search/manifest.js").then(function () {
      var plan = terms.map(function (term, i) {
        var prefix = typing && i === terms.length - 1 && term.length >= 2;
        return { term: term, prefix: prefix, keys: shardsFor(term, prefix) };
      });
      var needed = new Set();
      plan.forEach(function (p) { p.keys.forEach(function (k) { needed.add(k); }); });
      return Promise.all(Array.from(needed, function (key) {
        return load("s:" + key, "search/shards/" + hex(key) + ".js");
      })).then(function () {
        var total = null;
        plan.forEach(function (p) {
          var found = postingsOf(p.term, p.prefix, p.keys);
          if (total === null) { total = found; return; }
          var next = new Map();
          total.forEach(function (value, page) {
            var other = found.get(page);
            if (other) next.set(page, [value[0] + other[0], value[0] >= other[0] ? value[1] : other[1]]);
          });
          total = next;
        });
        var ranked = Array.from(total || [], function (e) { return [e[0], e[1][0], e[1][1]]; });
        ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return ranked;
      });
    });
  }

  function details(ranked, count) {
    var top = ranked.slice(0, count), chunk = data.manifest.chunk;
    var needed = new Set(top.map(function (r) { return Math.floor(r[0] / chunk); }));
    return Promise.all(Array.from(needed, function (n) {
      return load("p:" + n, "search/pages/" + n + ".js");
    })).then(function () {
      return top.map(function (r) {
        var page = data.pages[Math.floor(r[0] / chunk)][r[0] % chunk];
        var section = r[2] > 0 ? page[3][r[2] - 1] : null;
        return { url: page[0], title: page[1], snippet: section ? section[2] : page[2],
                 sectionUrl: section && section[0], sectionTitle: section && section[1] };
      });
    });
  }

  // The box: in the theme's header where there is one, else at the top of the page.
  var box = document.createElement("div");
  box.className = "dossier-search";
  var input = document.createElement("input");
  input.type = "search";
  input.className = "dossier-search__input";
  input.placeholder = "Search";
  input.setAttribute("aria-label", "Search");
  input.autocomplete = "off";
  input.spellcheck = false;
  var status = document.createElement("p");
  status.className = "dossier-search__status";
  status.setAttribute("aria-live", "polite");
  var list = document.createElement("ol");
  list.className = "dossier-search__results";
  var panel = document.createElement("div");
  panel.className = "dossier-search__panel";
  panel.hidden = true;
  panel.appendChild(status);
  panel.appendChild(list);
  box.appendChild(input);
  box.appendChild(panel);
  var header = document.querySelector(".md-header__inner");
  if (header) {
    header.insertBefore(box, header.querySelector(".md-header__source"));
  } else {
    box.classList.add("dossier-search--page");
    document.body.insertBefore(box, document.body.firstChild);
  }

  function marked(text, terms) {  // text with the query's words in <mark>, as text nodes
    var out = document.createDocumentFragment(), folded = fold(text);
    var hits = [];
    terms.forEach(function (t) {
      var at = 0;
      while (t && (at = folded.indexOf(t, at)) >= 0 && hits.length < 50) { hits.push([at, at + t.length]); at += t.length; }
    });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    hits.forEach(function (h) {
      if (h[0] < pos || folded.length !== text.length) return;  // folding changed lengths: no marks
      out.appendChild(document.createTextNode(text.slice(pos, h[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(h[0], h[1]);
      out.appendChild(m);
      pos = h[1];
    });
    out.appendChild(document.createTextNode(text.slice(pos)));
    return out;
  }

  var SHOWN = 12, asked = 0;
  function show(query) {
    var ticket = ++asked;
    if (!words(query).length) { panel.hidden = true; list.textContent = ""; return; }
    search(query).then(function (ranked) {
      if (ticket !== asked) return null;
      return details(ranked, SHOWN).then(function (items) {
        if (ticket !== asked) return;
        var terms = words(query);
        list.textContent = "";
        items.forEach(function (item) {
          var li = document.createElement("li");
          li.className = "dossier-search__item";
          var a = document.createElement("a");
          a.href = new URL(item.sectionUrl || item.url, root).href;
          var title = document.createElement("strong");
          title.appendChild(marked(item.title, terms));
          a.appendChild(title);
          if (item.sectionTitle) {
            var section = document.createElement("span");
            section.className = "dossier-search__section";
            section.appendChild(marked(item.sectionTitle, terms));
            a.appendChild(section);
          }
          if (item.snippet) {
            var p = document.createElement("span");
            p.className = "dossier-search__snippet";
            p.appendChild(marked(item.snippet, terms));
            a.appendChild(p);
          }
          li.appendChild(a);
          list.appendChild(li);
        });
        status.textContent = ranked.length === 0 ? "No matching pages"
          : ranked.length > SHOWN ? SHOWN + " of " + ranked.length + " matching pages"
          : ranked.length + (ranked.length === 1 ? " matching page" : " matching pages");
        panel.hidden = false;
      });
    }).catch(function (error) {
      status.textContent = "Search is not available: " + error.message;
      panel.hidden = false;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 50);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.click(); }
    } else if (event.key === "Escape") {
      input.value = "";
      panel.hidden = true;
    } else if (event.key === "ArrowDown") {
      var link = list.querySelector("a");
      if (link) { event.preventDefault(); link.focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.from(list.querySelectorAll("a")), at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === "Escape") { panel.hidden = true; input.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) panel.hidden = true;
  });
  input.addEventListener("focus", function () {
    if (list.firstChild) panel.hidden = false;
  });
})();
