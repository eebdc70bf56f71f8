/* Bulk check (verification/liste/): each pasted line (SIREN, SIRET, certificate number or
   name) is matched against the register embedded in the page; no request is made. */
(function () {
  "use strict";
  var form = document.getElementById("liste-form");
  var source = document.getElementById("liste-donnees");
  if (!form || !source) { return; }
  var data = JSON.parse(source.textContent);
  var rows = data.rows.map(function (values) {
    var row = {};
    data.fields.forEach(function (name, i) { row[name] = values[i]; });
    return row;
  });
  var companies = form.getAttribute("data-companies");
  var FORMULA = /^[=+\-@\t\r\n]/;
  var lastResult = [];

  var plain = window.RefpubCommun.folded;
  function nameKey(text) { return plain(text).replace(/[^a-z0-9]+/g, ""); }
  function numberKey(text) { return plain(text).replace(/[\s.\u00a0\u202f-]+/g, ""); }

  /* Each row filed once under each key a line may give: a list of 10,000 lines against a
     register of 10,000 certificates is 10,000 lookups, not 100 million comparisons. */
  function indexBy(keysOf) {
    var index = Object.create(null); /* no inherited key: a line « constructor » is a name */
    rows.forEach(function (row) {
      keysOf(row).forEach(function (key) { (index[key] = index[key] || []).push(row); });
    });
    return index;
  }
  var bySiren = indexBy(function (r) { return r.siren ? [r.siren] : []; });
  var bySiret = indexBy(function (r) { return r.sirets; });
  var byNumber = indexBy(function (r) { return [numberKey(r.certificate)]; });
  var byName = indexBy(function (r) { return [nameKey(r.name)]; });
  var names = Object.keys(byName);

  function matches(line) {
    var digits = line.replace(/[\s.\u00a0\u202f]/g, "");
    if (/^\d{9}$/.test(digits)) {
      return { how: "SIREN", found: bySiren[digits] || [] };
    }
    if (/^\d{14}$/.test(digits)) {
      if (bySiret[digits]) { return { how: "SIRET", found: bySiret[digits] }; }
      return { how: "SIREN du SIRET", found: bySiren[digits.slice(0, 9)] || [] };
    }
    var number = byNumber[numberKey(line)];
    if (number) { return { how: "numéro de certificat", found: number }; }
    var key = nameKey(line);
    if (byName[key] || key.length < 4) { return { how: "nom", found: byName[key] || [] }; }
    var found = [];
    names.forEach(function (name) {
      if (name.indexOf(key) >= 0) { found = found.concat(byName[name]); }
    });
    return { how: "nom (correspondance partielle)", found: found };
  }

  var common = window.RefpubCommun;
  var day = common.frenchDate;
  /* an element with its text (never markup) and attributes */
  function cell(tag, text, attrs) {
    return common.element(tag, attrs || {}, text === undefined || text === null ? [] : [String(text)]);
  }
  function pageOf(row) { return companies + row.company + "/"; }

  function check(text) {
    var lines = text.split(/\r?\n/).map(function (l) { return l.trim(); })
      .filter(function (l) { return l.length > 0; });
    return lines.map(function (line, i) {
      var result = matches(line);
      return { number: i + 1, line: line, how: result.how, found: result.found };
    });
  }

  function table(results) {
    var wrap = document.getElementById("liste-resultat");
    wrap.textContent = "";
    if (!results.length) { return; }
    var t = cell("table");
    t.appendChild(cell("caption", "Certificats trouvés pour chaque ligne, au " + data.as_of_label));
    var head = cell("tr");
    ["Ligne", "Recherche", "Entreprise", "Référentiel", "N° de certificat", "Statut",
      "Valide jusqu'au"].forEach(function (title) { head.appendChild(cell("th", title, { scope: "col" })); });
    t.appendChild(cell("thead")).appendChild(head);
    var body = t.appendChild(cell("tbody"));
    results.forEach(function (result) {
      var found = result.found.length ? result.found : [null];
      found.forEach(function (row) {
        var tr = body.appendChild(cell("tr"));
        tr.appendChild(cell("th", String(result.number), { scope: "row" }));
        tr.appendChild(cell("td", result.line + (row ? " (" + result.how + ")" : "")));
        if (!row) {
          tr.className = "refpub-failed";
          var none = cell("td", "Aucun certificat trouvé dans le registre", { colspan: "5" });
          tr.appendChild(none);
          return;
        }
        var link = cell("a", row.name, { href: pageOf(row) });
        tr.appendChild(cell("td")).appendChild(link);
        tr.appendChild(cell("td", row.referentiel + (row.level ? ", niveau " + row.level : "")));
        tr.appendChild(cell("td", row.certificate));
        var status = cell("td", row.status_label, { "data-status": row.status });
        if (row.status !== "valid") { tr.className = "refpub-failed"; }
        tr.appendChild(status);
        tr.appendChild(cell("td", day(row.valid_until)));
      });
    });
    wrap.appendChild(t);
  }

  function summary(results) {
    var box = document.getElementById("liste-resume");
    box.textContent = "";
    var valid = results.filter(function (r) {
      return r.found.some(function (row) { return row.status === "valid"; });
    }).length;
    var missing = results.filter(function (r) { return !r.found.length; }).length;
    var text = results.length
      ? results.length + " ligne" + (results.length > 1 ? "s" : "") + " vérifiée" +
        (results.length > 1 ? "s" : "") + " au " + data.as_of_label + " : " + valid +
        " avec un certificat valide, " + missing + " sans certificat trouvé."
      : "La liste est vide : collez une entreprise par ligne.";
    box.appendChild(cell("p", text));
  }

  function csvCell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (FORMULA.test(text)) { text = "'" + text; }
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function csv(results) {
    var header = ["ligne", "recherche", "correspondance", "entreprise", "siren", "referentiel",
      "niveau", "certificat", "statut", "valide_jusqu_au", "page", "registre_au"];
    var lines = [header.map(csvCell).join(",")];
    results.forEach(function (result) {
      var found = result.found.length ? result.found : [null];
      found.forEach(function (row) {
        lines.push([
          result.number, result.line, row ? result.how : "aucun certificat trouvé",
          row ? row.name : "", row ? row.siren : "", row ? row.referentiel : "",
          row ? row.level : "", row ? row.certificate : "", row ? row.status : "",
          row ? row.valid_until : "", row ? new URL(pageOf(row), document.baseURI).href : "",
          data.as_of
        ].map(csvCell).join(","));
      });
    });
    return lines.join("\r\n") + "\r\n";
  }

  var download = document.getElementById("liste-csv");
  download.addEventListener("click", function () {
    var blob = new Blob(["\ufeff" + csv(lastResult)], { type: "text/csv;charset=utf-8" });
    var link = cell("a", null, { href: URL.createObjectURL(blob), download: "verification-" + data.as_of + ".csv" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  function run(text) {
    lastResult = check(text);
    summary(lastResult);
    table(lastResult);
    download.hidden = !lastResult.length;
    var heading = document.getElementById("resultat");
    heading.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(document.getElementById("liste-texte").value);
  });
  document.getElementById("liste-fichier").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) { return; }
    file.text().then(function (text) {
      var first = text.split(/\r?\n/).map(function (line) {
        return /[;\t]/.test(line) ? line.split(/[;\t]/)[0].replace(/^"|"$/g, "") : line;
      }).join("\n");
      document.getElementById("liste-texte").value = first;
      run(first);
    });
  });
}());
