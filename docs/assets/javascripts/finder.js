// The finder (finder/): reads the site's own JSON, one file per document (finder/data/<id>.json, only those of
// the places chosen, at most data-limit of them; with no place chosen, all while there are no more), keeps its
// state in the address (?place=…&tier=…&area=…&instrument=…&function=…, codelist codes) and lists, per place, the
// provisions that apply. Every string from the data is inserted as text (textContent), never as HTML.
(function () {
  "use strict";
  var box = document.querySelector(".zjtx-finder-results");
  var form = document.querySelector(".zjtx-finder-form");
  if (!box || !form) return;
  var english = box.getAttribute("data-lang") === "en";
  function t(zh, en) { return english ? en : zh; }

  function element(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function state() {
    var params = new URLSearchParams(location.search);
    return { places: params.getAll("place").filter(Boolean), tier: params.get("tier") || "",
             area: params.get("area") || "", instrument: params.get("instrument") || "",
             function: params.get("function") || "" };
  }

  function fill(current) {
    Array.prototype.forEach.call(form.elements.place.options, function (o) { o.selected = current.places.indexOf(o.value) >= 0; });
    form.elements.tier.value = current.tier;
    form.elements.area.value = current.area;
    form.elements.instrument.value = current.instrument;
    form.elements["function"].value = current["function"];
  }

  function matches(p, current) {
    if (current.places.length && current.places.indexOf(p.document) < 0) return false;
    if (current.tier && p.tiers.indexOf(current.tier) < 0) return false;
    if (current.area && p.area !== current.area) return false;
    if (current.instrument && p.instruments.indexOf(current.instrument) < 0) return false;
    if (current["function"] && p.functions.indexOf(current["function"]) < 0) return false;
    return p.kind === "measure" || p.kind === "safeguard" || p.tiers.length > 0;
  }

  var template = box.getAttribute("data-finder");
  var limit = parseInt(box.getAttribute("data-limit"), 10);
  var everyPlace = Array.prototype.map.call(form.elements.place.options, function (o) { return o.value; })
    .filter(Boolean);
  var loaded = {};  // document id -> the promise of its provisions
  var shown = 0;  // the latest request: an earlier one that answers later draws nothing

  function provisionsOf(docs) {
    return Promise.all(docs.map(function (doc) {
      if (!loaded[doc]) {
        loaded[doc] = fetch(template.replace("{id}", encodeURIComponent(doc))).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        }).then(function (data) { return data.provisions; }, function (error) {
          delete loaded[doc];  // tried again next time
          throw error;
        });
      }
      return loaded[doc];
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function show(current) {
    var request = ++shown;
    box.textContent = "";
    if (!current.places.length && !current.tier && !current.area && !current.instrument && !current["function"]) {
      box.appendChild(element("p", t("请选择至少一项。", "Choose at least one of the above.")));
      return;
    }
    // in the order of the place list: by province, then in the documents' order
    var docs = everyPlace.filter(function (doc) {
      return !current.places.length || current.places.indexOf(doc) >= 0;
    });
    if (docs.length > limit) {
      box.appendChild(element("p", t("请选择不超过 " + limit + " 个地区(共 " + everyPlace.length + " 个),或使用搜索。",
        "Choose at most " + limit + " places (of " + everyPlace.length + "), or use the search."), "zjtx-count"));
      return;
    }
    box.appendChild(element("p", t("正在载入…", "Loading…")));
    provisionsOf(docs).then(function (provisions) {
      if (request === shown) draw({ provisions: provisions }, current);
    }, function () {
      if (request !== shown) return;
      box.textContent = "";
      box.appendChild(element("p", t("无法载入数据,请刷新页面。", "The data could not be loaded; reload the page.")));
    });
  }

  function draw(data, current) {
    box.textContent = "";
    var found = data.provisions.filter(function (p) { return matches(p, current); });
    box.appendChild(element("p", t("共 " + found.length + " 个条款", found.length + " provisions"), "zjtx-count"));
    var list = element("div");
    list.setAttribute("data-finder-results", "");
    var byPlace = {};
    found.forEach(function (p) { (byPlace[p.document] = byPlace[p.document] || []).push(p); });
    Object.keys(byPlace).forEach(function (doc) {
      var section = element("section", null, "zjtx-finder-place");
      section.appendChild(element("h2", byPlace[doc][0].badge));
      var items = element("ul");
      byPlace[doc].forEach(function (p) {
        var item = element("li");
        item.setAttribute("data-provision", p.id);
        var link = element("a", p.label);
        link.href = p.href;
        item.appendChild(link);
        [[p.amounts, t("金额", "Money")], [p.targets, t("目标", "Targets")], [p.units, t("责任单位", "Responsible")]].forEach(function (pair) {
          if (!pair[0].length) return;
          item.appendChild(element("div", pair[1] + ": " + pair[0].join("; "), "zjtx-small"));
        });
        items.appendChild(item);
      });
      section.appendChild(items);
      list.appendChild(section);
    });
    box.appendChild(list);
    if (current.tier) {
      box.appendChild(element("p", t("未写明企业层级的条款适用于所有专精特新企业:选择一个领域即可看到。",
        "Provisions that name no tier apply to all SRDI firms: choose a policy area to see them."), "zjtx-small"));
    }
  }

  var first = state();
  fill(first);
  show(first);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements.place.selectedOptions, function (o) { if (o.value) params.append("place", o.value); });
    ["tier", "area", "instrument", "function"].forEach(function (name) { if (form.elements[name].value) params.set(name, form.elements[name].value); });
    history.pushState(null, "", location.pathname + (params.toString() ? "?" + params.toString() : ""));
    show(state());
  });
  window.addEventListener("popstate", function () { var s = state(); fill(s); show(s); });
})();
