// The header search of every page, answered by the site's Pagefind index (pagefind/).
// Pagefind is loaded on first use only; a query fetches the few index chunks and result
// fragments it needs. Everything shown is put in the page as text nodes: a company name
// such as `X<img src=x onerror=…>` is displayed, never interpreted.
(function () {
  "use strict";
  var root = document.querySelector("[data-refpub-search]");
  if (!root) { return; }
  // The theme's words for the search, written in by the build (site/search.py), once for
  // the whole site rather than in every page.
  var TEXTS = __REFPUB_SEARCH_TEXTS__;
  // This script is assets/refpub/search.js: the site's root is two folders up.
  var SITE = new URL("../../", document.currentScript.src);
  // Material's icons (magnify, arrow-left, close), 24 x 24
  var ICONS = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 " +
      "1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 " +
      "3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 " +
      "17.59 19 19 17.59 13.41 12z"
  };

  var element = window.RefpubCommun.element;
  var svgElement = window.RefpubCommun.svgElement;

  function icon(name) {
    return svgElement("svg", { viewBox: "0 0 24 24", "aria-hidden": "true" }, [
      svgElement("path", { d: ICONS[name] })
    ]);
  }

  // Material's search markup, so that its stylesheet lays it out (header, phone overlay)
  var label = TEXTS.label;
  var input = element("input", {
    type: "text", "class": "md-search__input", name: "query", "aria-label": label,
    placeholder: label, autocapitalize: "off", autocorrect: "off", autocomplete: "off",
    spellcheck: "false", "aria-controls": "refpub-search-results"
  });
  var reset = element("button", {
    type: "reset", "class": "md-search__icon md-icon", title: TEXTS.reset,
    "aria-label": TEXTS.reset, tabindex: "-1"
  }, [icon("close")]);
  var form = element("form", { "class": "md-search__form", name: "search" }, [
    input,
    element("label", { "class": "md-search__icon md-icon", "for": "__search" },
      [icon("magnify"), icon("back")]),
    element("nav", { "class": "md-search__options", "aria-label": root.getAttribute(
      "aria-label") }, [reset])
  ]);
  var meta = element("div", { "class": "md-search-result__meta", "aria-live": "polite" });
  meta.textContent = TEXTS.placeholder;
  var list = element("ol", { "class": "md-search-result__list" });
  root.appendChild(element("label", { "class": "md-search__overlay", "for": "__search" }));
  root.appendChild(element("div", { "class": "md-search__inner", role: "search" }, [
    form,
    element("div", { "class": "md-search__output" }, [
      element("div", { "class": "md-search__scrollwrap", tabindex: "0" }, [
        element("div", { "class": "md-search-result", id: "refpub-search-results" },
          [meta, list])
      ])
    ])
  ]));
  var toggle = document.getElementById("__search");
  var MAX_RESULTS = 10;
  var pagefind = null;
  var latest = 0;
  var timer = null;

  function load() {
    if (!pagefind) {
      var base = SITE.pathname;
      pagefind = import(new URL("pagefind/pagefind.js", SITE).href).then(function (module) {
        return module.options({ baseUrl: base }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  // Pagefind builds excerpts from the page text with "<" and ">" escaped and <mark> around
  // the matched words: only those marks become elements, every other piece is added as text.
  function decoded(escaped) {
    return escaped.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  function excerpt(html) {
    var paragraph = element("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") { return true; }
      if (piece === "</mark>") { return false; }
      if (piece) {
        var text = decoded(piece);
        paragraph.appendChild(marked ? element("mark", {}, [text]) : document.createTextNode(text));
      }
      return marked;
    }, false);
    return paragraph;
  }

  function item(data) {
    var title = element("h1", {}, [(data.meta && data.meta.title) || data.url]);
    var article = element("article", { "class": "md-search-result__article md-typeset" },
      [title, excerpt(data.excerpt || "")]);
    var link = element("a", { "class": "md-search-result__link", href: data.url }, [article]);
    return element("li", { "class": "md-search-result__item" }, [link]);
  }

  function count(total) {
    if (total === 0) { return TEXTS.none; }
    if (total === 1) { return TEXTS.one; }
    return TEXTS.other.replace("#", String(total));
  }

  function show(query, search, results) {
    list.textContent = "";
    results.forEach(function (data) { list.appendChild(item(data)); });
    meta.textContent = count(search.results.length);
    root.setAttribute("data-query", query);
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      meta.textContent = TEXTS.placeholder;
      return;
    }
    load().then(function (module) { return module.search(query); }).then(function (search) {
      if (ticket !== latest || !search) { return null; }
      return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (result) {
        return result.data();
      })).then(function (results) {
        if (ticket === latest) { show(query, search, results); }
      });
    }).catch(function () {
      meta.textContent = "La recherche est indisponible (index absent ou page ouverte sans serveur).";
    });
  }

  input.addEventListener("focus", function () {
    if (toggle) { toggle.checked = true; }
    load();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (toggle) { toggle.checked = false; }
      input.blur();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) { window.location.href = first.href; }
  });
  form.addEventListener("reset", function () {
    setTimeout(run, 0);
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) { input.focus(); }
    });
  }
  // Material's shortcuts for its search: "f", "s" or "/" anywhere but in a form field.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "f" || event.key === "s" || event.key === "/") {
      event.preventDefault();
      input.focus();
    }
  });
}());
