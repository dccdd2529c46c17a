// The finder (finder/): reads the site's own JSON (finder/data.json), keeps its state in the address
// (?place=…&tier=…&area=…&instrument=…, codelist codes) and lists, per place, the provisions that apply.
// Every string from the data is inserted as text (textContent), never as HTML.
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
             area: params.get("area") || "", instrument: params.get("instrument") || "" };
  }

  function fill(current) {
    Array.prototype.forEach.call(form.elements.place.options, function (o) { o.selected = current.places.indexOf(o.value) >= 0; });
    form.elements.tier.value = current.tier;
    form.elements.area.value = current.area;
    form.elements.instrument.value = current.instrument;
  }

  function matches(p, current) {
    if (current.places.length && current.places.indexOf(p.document) < 0) return false;
    if (current.tier && p.tiers.indexOf(current.tier) < 0) return false;
    if (current.area && p.area !== current.area) return false;
    if (current.instrument && p.instruments.indexOf(current.instrument) < 0) return false;
    return p.kind === "measure" || p.kind === "safeguard" || p.tiers.length > 0;
  }

  function show(data, current) {
    box.textContent = "";
    if (!current.places.length && !current.tier && !current.area && !current.instrument) {
      box.appendChild(element("p", t("请选择至少一项。", "Choose at least one of the above.")));
      return;
    }
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

  fetch(box.getAttribute("data-finder")).then(function (r) { return r.json(); }).then(function (data) {
    var current = state();
    fill(current);
    show(data, current);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      Array.prototype.forEach.call(form.elements.place.selectedOptions, function (o) { if (o.value) params.append("place", o.value); });
      ["tier", "area", "instrument"].forEach(function (name) { if (form.elements[name].value) params.set(name, form.elements[name].value); });
      history.pushState(null, "", location.pathname + (params.toString() ? "?" + params.toString() : ""));
      show(data, state());
    });
    window.addEventListener("popstate", function () { var s = state(); fill(s); show(data, s); });
  });
})();
