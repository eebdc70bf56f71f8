// The header search of every page, answered by the site's Pagefind index (pagefind/).
// Pagefind is loaded on first use only; a query fetches the few index chunks and result
// fragments it needs. Everything shown is put in the page as text nodes: a company name
// such as `X<img src=x onerror=…>` is displayed, never interpreted.
(function () {
  "use strict";
  var root = document.querySelector("[data-refpub-search]");
  if (!root) { return; }
  var toggle = document.getElementById("__search");
  var input = root.querySelector("input[name=query]");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var MAX_RESULTS = 10;
  var pagefind = null;
  var latest = 0;
  var timer = null;

  function absolute(path) { return new URL(path, document.baseURI).href; }

  function load() {
    if (!pagefind) {
      var base = new URL(root.getAttribute("data-base") || ".", document.baseURI).pathname;
      pagefind = import(absolute(root.getAttribute("data-pagefind"))).then(function (module) {
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
    var paragraph = document.createElement("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") { return true; }
      if (piece === "</mark>") { return false; }
      if (piece) {
        var text = document.createTextNode(decoded(piece));
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(text);
          paragraph.appendChild(mark);
        } else {
          paragraph.appendChild(text);
        }
      }
      return marked;
    }, false);
    return paragraph;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    article.appendChild(excerpt(data.excerpt || ""));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function count(total) {
    if (total === 0) { return root.getAttribute("data-none"); }
    if (total === 1) { return root.getAttribute("data-one"); }
    return root.getAttribute("data-other").replace("#", String(total));
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
      meta.textContent = root.getAttribute("data-placeholder");
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
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) { window.location.href = first.href; }
  });
  root.querySelector("form").addEventListener("reset", function () {
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
