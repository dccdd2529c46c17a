// The search page (search/?q=…&place=…&level=…&status=…&area=…&tier=…&instrument=…&has=amount):
// fills the form from the address, and only then, if there is something to search for, loads Pagefind
// (site/pagefind/) and lists one result per provision, 10 at a time. Nothing is fetched on other pages or
// before a search. Every string from the index is inserted as text; Pagefind's excerpt is rebuilt from its
// text and its <mark> elements only, so no markup from the data can reach the page. The box's data-state
// (idle | searching | done | error) says when the results are complete.
(function () {
  "use strict";
  var box = document.querySelector(".zjtx-search");
  var form = document.querySelector(".zjtx-search-form");
  if (!box || !form) return;
  var english = box.getAttribute("data-lang") === "en";
  var root = new URL(box.getAttribute("data-root"), location.href);
  var edition = box.getAttribute("data-edition") || "";
  var statusLabels = JSON.parse(box.getAttribute("data-status-labels") || "{}");
  var list = box.querySelector("[data-search-results]");
  var status = box.querySelector(".zjtx-search-status");
  var more = box.querySelector(".zjtx-search-more");
  // The filters' names come from the page (search_records.FILTERS); "has" takes several values.
  var FILTERS = (box.getAttribute("data-filters") || "").split(" ").filter(function (n) { return n && n !== "has"; });
  var ITEM_FILTERS = (box.getAttribute("data-item-filters") || "").split(" ").filter(Boolean);
  var PAGE = 10;   // results shown at a time
  var BATCH = 8;   // records loaded at a time (each holds up to six provisions: search_records.GROUP_SIZE)
  function t(zh, en) { return english ? en : zh; }

  function element(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function state() {
    var params = new URLSearchParams(location.search);
    var out = { q: (params.get("q") || "").trim(), filters: {} };
    FILTERS.forEach(function (name) { if (params.get(name)) out.filters[name] = params.get(name); });
    var has = params.getAll("has").filter(Boolean);
    if (has.length) out.filters.has = has;
    return out;
  }

  function fill(current) {
    form.elements.q.value = current.q;
    FILTERS.forEach(function (name) { form.elements[name].value = current.filters[name] || ""; });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=has]"), function (input) {
      input.checked = (current.filters.has || []).indexOf(input.value) >= 0;
    });
  }

  // Pagefind's excerpt is HTML: parse it inertly (a <template> runs nothing and loads nothing) and keep
  // only its text and its <mark> elements. Pagefind starts it at a word, and a closing bracket or a comma is a
  // word to it ("(六)加强…" came out as ")加强…"): the passage starts after such punctuation.
  var CLOSING = /^[\s)）\]】」』”’、,，.。;；:：!！?？]+/;
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = element("p", null, "zjtx-search-snippet");
    var start = true;
    template.content.childNodes.forEach(function (node) {
      var marked = node.nodeType === 1 && node.tagName === "MARK";
      var text = start && !marked ? node.textContent.replace(CLOSING, "") : node.textContent;
      if (start && (marked || text)) start = false;
      if (marked) out.appendChild(element("mark", text));
      else if (text) out.appendChild(document.createTextNode(text));
    });
    return out;
  }

  // A passage of a provision's text around the first word searched, for the English page: at most SNIPPET
  // characters, cut between words (English) or between characters (Chinese, whose words are not spaced),
  // with "…" where it is cut and the searched words marked. Inserted as text.
  var SNIPPET = { en: 220, zh: 90 };
  function snippet(text, terms, lang) {
    var chars = Array.from(text);  // code points: a cut never splits a character
    var lower = text.toLowerCase();
    var limit = SNIPPET[lang];
    var hits = terms.map(function (t) { return lower.indexOf(t); }).filter(function (i) { return i >= 0; });
    var first = hits.length ? Array.from(text.slice(0, Math.min.apply(null, hits))).length : 0;
    var start = Math.max(0, Math.min(first - Math.floor(limit / 3), chars.length - limit));
    var end = Math.min(chars.length, start + limit);
    if (lang === "en") {  // move both cuts to the nearest space inside the passage
      if (start > 0) { while (start < end && chars[start - 1] !== " ") start++; }
      if (end < chars.length) {
        var back = end;
        while (back > start && chars[back] !== " ") back--;
        if (back > start) end = back;
      }
    }
    var passage = chars.slice(start, end).join("").trim();
    var out = element("p", null, "zjtx-search-snippet");
    out.setAttribute("lang", lang);
    if (start > 0) out.appendChild(document.createTextNode("… "));
    mark(out, passage, terms);
    if (end < chars.length) out.appendChild(document.createTextNode(" …"));
    return out;
  }

  // The passage as text nodes, each searched word (case-insensitive) in a <mark>.
  function mark(node, passage, terms) {
    var lower = passage.toLowerCase();
    var at = 0;
    while (at < passage.length) {
      var next = -1, length = 0;
      terms.forEach(function (t) {
        var i = lower.indexOf(t, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && t.length > length))) { next = i; length = t.length; }
      });
      if (next < 0) break;
      if (next > at) node.appendChild(document.createTextNode(passage.slice(at, next)));
      node.appendChild(element("mark", passage.slice(next, next + length)));
      at = next + length;
    }
    if (at < passage.length) node.appendChild(document.createTextNode(passage.slice(at)));
  }

  // A record of the index holds several consecutive provisions of one document, each under its own heading
  // (whose id is the provision's permalink anchor); Pagefind gives one sub-result per heading that matches,
  // and the record's "items" meta says what each provision's result shows and is filtered by.
  function itemsOf(data) {
    try { return JSON.parse((data.meta || {}).items || "[]"); } catch (e) { return []; }
  }

  function keeps(info, filters) {
    return ITEM_FILTERS.every(function (name) {
      var wanted = filters[name];
      if (!wanted) return true;
      var values = [].concat(info[name] || []);
      return [].concat(wanted).every(function (v) { return values.indexOf(v) >= 0; });
    });
  }

  // The words of a query as the index has them. Pagefind's indexer segmented the records' Chinese with its
  // own dictionary, in context (用工, 展会, 产学研 are single words there; 小巨人 is one word in some
  // sentences and 小 / 巨人 in others), while the browser's Intl.Segmenter splits differently (用 / 工). So the
  // page searches two forms of the query: the words as typed (split at spaces only) and the words the browser's
  // segmenter makes (小巨人奖励 -> 小巨人 奖励, R&D -> R & D), and takes the records each finds in turn. It is
  // the same on both editions: Pagefind is started without a language of its own (below).
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  function clean(word) { return word.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, ""); }
  function typed(q) { return q.split(/\s+/).map(clean).filter(Boolean); }
  function segmented(q) {
    if (!segmenter) return typed(q);
    return Array.from(segmenter.segment(q), function (s) { return clean(s.segment); }).filter(Boolean);
  }

  // Pagefind segments a query itself when the page's <html lang> is Chinese (it reads the attribute when it
  // starts); started while the attribute says "und", it takes the words it is given. The attribute is put
  // back at once, in the same task, so nothing else ever sees it.
  function started(pagefind) {
    var html = document.documentElement;
    var lang = html.getAttribute("lang");
    html.setAttribute("lang", "und");
    try { pagefind.init(); } finally { html.setAttribute("lang", lang); }
    return pagefind;
  }

  // The records to rank, each with the words of the search that found it: with filters alone, every record
  // they keep; with words, first the records every form of the query found (in the first form's order), then
  // the others of each form in turn (first of one, first of the other, ...), each once. A record counts only where the words are in its text: Pagefind also matches its metadata
  // (the titles a result shows), which has no place in the text to point a provision at.
  function find(pagefind, current) {
    if (!current.q) {
      return pagefind.search(null, { filters: current.filters }).then(function (search) {
        return search.results.map(function (r) { return { record: r, words: [] }; });
      });
    }
    var forms = [typed(current.q), segmented(current.q)].filter(function (words, i, all) {
      return words.length && (i === 0 || words.join(" ") !== all[0].join(" "));
    });
    if (!forms.length) return Promise.resolve([]);  // a query of punctuation only: nothing to look for
    var found = [];
    return forms.reduce(function (done, words) {
      return done.then(function () {
        return pagefind.search(words.join(" "), { filters: current.filters }).then(function (search) {
          found.push(search.results.filter(function (r) { return r.words && r.words.length; })
                     .map(function (r) { return { record: r, words: words }; }));
        });
      });
    }, Promise.resolve()).then(function () {
      var seen = {}, merged = [];
      var count = {};
      found.forEach(function (list) { list.forEach(function (hit) { count[hit.record.id] = (count[hit.record.id] || 0) + 1; }); });
      found[0].forEach(function (hit) {  // found by every form first, in the first form's order
        if (count[hit.record.id] === found.length) { seen[hit.record.id] = true; merged.push(hit); }
      });
      var longest = Math.max.apply(null, found.map(function (list) { return list.length; }).concat([0]));
      for (var i = 0; i < longest; i++) {
        found.forEach(function (list) {
          var hit = list[i];
          if (hit && !seen[hit.record.id]) { seen[hit.record.id] = true; merged.push(hit); }
        });
      }
      return merged;
    });
  }

  // The share of the searched words a sub-result has (a provision with both 小巨人 and 奖励 outranks one that
  // has 奖励 many times): Pagefind's locations count the words of the record's text, split as it splits them;
  // a word counts in full when it is the searched word, half when it only starts with it (Pagefind matches the
  // last word of a query as a prefix).
  // The words a snippet marks: the query's words as typed and as the browser segments them, longest first.
  function searched(q) {
    var all = typed(q).concat(segmented(q));
    return all.filter(function (w, i) { return w && all.indexOf(w) === i; })
      .sort(function (a, b) { return b.length - a.length; });
  }

  function termsMatched(words, locations, wanted) {
    if (!wanted.length) return 0;
    var got = {};
    locations.forEach(function (l) { got[clean(words[l] || "")] = true; });
    return wanted.reduce(function (sum, term) {
      if (got[term]) return sum + 1;
      return sum + (Object.keys(got).some(function (w) { return w.indexOf(term) === 0; }) ? 0.5 : 0);
    }, 0) / wanted.length;
  }

  // A provision's own Chinese text and its English translation as the record holds them: the words between
  // the empty markers search_records.py puts at each end ("p-1-2:en" ... "p-1-2:/en"), whose places Pagefind
  // gives as anchors. Pagefind's words are the text split by U+200B, with "<" and ">" escaped.
  function parts(data) {
    var words = (data.raw_content || "").split("\u200B");
    var at = {};
    (data.anchors || []).forEach(function (a) { at[a.id] = a.location; });
    return function (id, part) {
      var from = at[id + ":" + part], to = at[id + ":/" + part];
      if (from === undefined || to === undefined) return "";
      return words.slice(from, to).join("").replace(/&lt;/g, "<").replace(/&gt;/g, ">").trim();
    };
  }

  function entries(data, rank, current, wanted) {
    var byId = {};
    var part = parts(data);
    itemsOf(data).forEach(function (info, order) {
      info.order = order;
      if (english) { info.text = part(info.id, "zh"); info.text_en = part(info.id, "en"); }
      byId[info.id] = info;
    });
    var out = [];
    if (!current.q) {  // filters alone: every provision of the record that they keep, in the text's order
      Object.keys(byId).forEach(function (id) {
        out.push({ info: byId[id], data: data, excerpt: "", terms: [], words: 0, score: 0, rank: rank });
      });
    } else {
      var words = (data.raw_content || "").split("\u200B");
      var phrases = typed(current.q);
      var starts = (data.anchors || []).filter(function (a) { return /^h\d$/i.test(a.element); })
        .map(function (a) { return a.location; }).sort(function (x, y) { return x - y; });
      (data.sub_results || []).forEach(function (sub) {
        var info = sub.anchor && byId[sub.anchor.id];
        if (!info) return;
        var score = (sub.weighted_locations || []).reduce(function (s, l) { return s + (l.balanced_score || 0); }, 0);
        // the provision's own text (its words up to the next heading): does it hold what was typed, as typed?
        var from = sub.anchor.location;
        var to = starts.filter(function (x) { return x > from; })[0];
        var text = clean(words.slice(from, to).join(""));
        var literal = phrases.filter(function (p) { return text.indexOf(p) >= 0; }).length / (phrases.length || 1);
        out.push({ info: info, data: data, excerpt: sub.excerpt, literal: literal, terms: searched(current.q),
                   words: termsMatched(words, sub.locations || [], wanted), score: score, rank: rank });
      });
    }
    return out.filter(function (e) { return keeps(e.info, current.filters); });
  }

  function better(a, b) {
    return ((b.literal || 0) - (a.literal || 0)) || (b.words - a.words) || (b.score - a.score) || (a.rank - b.rank) ||
      (a.info.order - b.info.order);
  }

  function item(entry) {
    var meta = entry.data.meta || {};
    var info = entry.info;
    var li = element("li", null, "zjtx-search-result");
    li.setAttribute("data-provision", info.provision || "");
    var badge = element("p", (english ? meta.place_en : meta.place) + " · " + (english ? meta.level_en : meta.level) + " · ",
                        "zjtx-search-badge");
    badge.appendChild(element("span", statusLabels[meta.status] || meta.status || "", "zjtx-status zjtx-status-" + meta.status));
    li.appendChild(badge);
    var heading = element("h2", null, "zjtx-search-title");
    var link = element("a", english ? info.title_en : info.title);
    link.href = new URL(edition + (meta.url || "") + "#" + info.id, root).href;
    heading.appendChild(link);
    li.appendChild(heading);
    if (english && (info.text_en || info.text)) {  // the English text first, the Chinese beneath
      if (info.text_en) li.appendChild(snippet(info.text_en, entry.terms, "en"));
      if (info.text) li.appendChild(snippet(info.text, entry.terms, "zh"));
    } else if (entry.excerpt) li.appendChild(excerpt(entry.excerpt));
    var facts = english ? info.facts_en : info.facts;
    if (facts) li.appendChild(element("p", facts, "zjtx-search-facts"));
    return li;
  }

  var records = [];  // the records to rank ({record, words}), in the order find() gives them
  var loaded = 0;    // records whose text has been loaded
  var pending = [];  // provisions found and not yet shown, best first
  var shown = 0;
  var current = state();

  function describe() {
    var all = loaded >= records.length && pending.length === 0;
    if (!shown) return t("没有找到条款。可以减少关键词或筛选条件。", "No provision found. Try fewer words or filters.");
    if (all) return t("共 " + shown + " 项条款", shown + (shown === 1 ? " provision" : " provisions"));
    return t("已列出 " + shown + " 项条款,还有更多", shown + " provisions listed, more below");
  }

  // Load the next records (each one file of Pagefind's: BATCH of them, or as many as are still missing for a
  // full page, since a record may hold one match only), add their provisions to those not yet shown, and show
  // the best PAGE of them; the ranking is over what has been loaded.
  function showMore() {
    more.hidden = true;
    var batch = records.slice(loaded, loaded + (pending.length ? Math.min(BATCH, PAGE - pending.length) : BATCH));
    var first = loaded;
    loaded += batch.length;
    return Promise.all(batch.map(function (r) { return r.record.data(); })).then(function (data) {
      data.forEach(function (d, i) { pending = pending.concat(entries(d, first + i, current, batch[i].words)); });
      pending.sort(better);
      if (pending.length < PAGE && loaded < records.length) return showMore();
      pending.splice(0, PAGE).forEach(function (entry) { list.appendChild(item(entry)); shown += 1; });
      more.hidden = pending.length === 0 && loaded >= records.length;
      status.textContent = describe();
    });
  }

  function run() {
    var filtered = Object.keys(current.filters).length > 0;
    if (!current.q && !filtered) {
      status.textContent = t("输入关键词,或选择筛选条件。", "Type words, or choose filters.");
      box.setAttribute("data-state", "idle");
      form.elements.q.focus();
      return;
    }
    status.textContent = t("正在搜索…", "Searching…");
    box.setAttribute("data-state", "searching");
    import(new URL(box.getAttribute("data-pagefind"), location.href).href).then(function (pagefind) {
      return find(started(pagefind), current);
    }).then(function (found) {
      records = found;
      loaded = 0;
      pending = [];
      shown = 0;
      list.textContent = "";
      return showMore();
    }).then(function () {
      box.setAttribute("data-state", "done");  // tests and tools wait for this
    }).catch(function () {
      status.textContent = t("搜索索引无法载入。", "The search index could not be loaded.");
      box.setAttribute("data-state", "error");
    });
  }

  more.addEventListener("click", function () {
    box.setAttribute("data-state", "searching");
    showMore().then(function () { box.setAttribute("data-state", "done"); });
  });
  fill(current);
  run();
})();
