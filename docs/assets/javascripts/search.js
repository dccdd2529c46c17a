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
  // only its text and its <mark> elements.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = element("p", null, "zjtx-search-snippet");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") out.appendChild(element("mark", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
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

  // The words of a query as the index has them: the records were indexed as Chinese, so the query is split
  // as Chinese on both editions (R&D is R, &, D to the index; 小巨人奖励 is 小巨人 奖励), and an English query
  // finds on the English page what it finds on the Chinese one.
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  function clean(word) { return word.toLowerCase().replace(/[^\p{L}\p{N}&]+/gu, ""); }
  function terms(q) {
    var parts = segmenter ? Array.from(segmenter.segment(q), function (s) { return s.segment; }) : q.split(/\s+/);
    return parts.map(clean).filter(Boolean);
  }

  // How many of the query's words a sub-result has (a provision with both words of "小巨人 奖励" outranks
  // one that has 奖励 many times): Pagefind's locations count the words of the record's text, split as it
  // splits them; a word counts in full when it is the query's word, half when it only starts with it (Pagefind
  // matches the last word of a query as a prefix).
  function termsMatched(words, locations, wanted) {
    var got = {};
    locations.forEach(function (l) { got[clean(words[l] || "")] = true; });
    return wanted.reduce(function (sum, term) {
      if (got[term]) return sum + 1;
      return sum + (Object.keys(got).some(function (w) { return w.indexOf(term) === 0; }) ? 0.5 : 0);
    }, 0);
  }

  function entries(data, rank, current) {
    var byId = {};
    itemsOf(data).forEach(function (info, order) { info.order = order; byId[info.id] = info; });
    var out = [];
    if (!current.q) {  // filters alone: every provision of the record that they keep, in the text's order
      Object.keys(byId).forEach(function (id) {
        out.push({ info: byId[id], data: data, excerpt: "", words: 0, score: 0, rank: rank });
      });
    } else {
      var words = (data.raw_content || "").split("\u200B");
      var wanted = terms(current.q);
      (data.sub_results || []).forEach(function (sub) {
        var info = sub.anchor && byId[sub.anchor.id];
        if (!info) return;
        var score = (sub.weighted_locations || []).reduce(function (s, l) { return s + (l.balanced_score || 0); }, 0);
        out.push({ info: info, data: data, excerpt: sub.excerpt, words: termsMatched(words, sub.locations || [], wanted),
                   score: score, rank: rank });
      });
    }
    return out.filter(function (e) { return keeps(e.info, current.filters); });
  }

  function better(a, b) {
    return (b.words - a.words) || (b.score - a.score) || (a.rank - b.rank) || (a.info.order - b.info.order);
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
    if (entry.excerpt) li.appendChild(excerpt(entry.excerpt));
    var facts = english ? info.facts_en : info.facts;
    if (facts) li.appendChild(element("p", facts, "zjtx-search-facts"));
    return li;
  }

  var records = [];  // Pagefind's results: records in its rank order
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
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      data.forEach(function (d, i) { pending = pending.concat(entries(d, first + i, current)); });
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
      return pagefind.search(current.q ? terms(current.q).join(" ") || current.q : null,
                             { filters: current.filters });
    }).then(function (search) {
      records = search.results;
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
