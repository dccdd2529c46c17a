// The search page (search/?q=…&place=…&level=…&status=…&area=…&tier=…&instrument=…&has=amount):
// fills the form from the address, and only then, if there is something to search for, loads Pagefind
// (site/pagefind/) and lists one result per provision, 20 at a time. Nothing is fetched on other pages or
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
  var FILTERS = ["place", "level", "status", "area", "tier", "instrument"];
  var PAGE = 20;
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

  function item(data) {
    var meta = data.meta || {};
    var li = element("li", null, "zjtx-search-result");
    li.setAttribute("data-provision", meta.provision || "");
    var badge = element("p", (english ? meta.place_en : meta.place) + " · " + (english ? meta.level_en : meta.level) + " · ",
                        "zjtx-search-badge");
    badge.appendChild(element("span", statusLabels[meta.status] || meta.status || "", "zjtx-status zjtx-status-" + meta.status));
    li.appendChild(badge);
    var heading = element("h2", null, "zjtx-search-title");
    var link = element("a", english ? meta.title_en : meta.title);
    link.href = new URL(edition + (meta.url || ""), root).href;
    heading.appendChild(link);
    li.appendChild(heading);
    if (data.excerpt) li.appendChild(excerpt(data.excerpt));
    var facts = english ? meta.facts_en : meta.facts;
    if (facts) li.appendChild(element("p", facts, "zjtx-search-facts"));
    return li;
  }

  var results = [];
  var shown = 0;

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      data.forEach(function (d) { list.appendChild(item(d)); });
      more.hidden = shown >= results.length;
    });
  }

  function run(current) {
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
      return pagefind.search(current.q || null, { filters: current.filters });
    }).then(function (search) {
      results = search.results;
      shown = 0;
      list.textContent = "";
      status.textContent = results.length
        ? t("共 " + results.length + " 项条款", results.length + (results.length === 1 ? " provision" : " provisions"))
        : t("没有找到条款。可以减少关键词或筛选条件。", "No provision found. Try fewer words or filters.");
      return showMore();
    }).then(function () {
      box.setAttribute("data-state", "done");  // tests and tools wait for this
    }).catch(function () {
      status.textContent = t("搜索索引无法载入。", "The search index could not be loaded.");
      box.setAttribute("data-state", "error");
    });
  }

  more.addEventListener("click", function () { showMore(); });
  var current = state();
  fill(current);
  run(current);
})();
