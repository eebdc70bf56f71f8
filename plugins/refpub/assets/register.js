// Filters the certificate register in the page: no server, no library. Without JavaScript
// the form stays hidden and the register reads page by page. The filters search the whole
// register: its compact data (registre.json) is fetched once, when a reader enters the form,
// and at most LIMIT matching certificates are shown. Every text is put in as a text node.
(function () {
  "use strict";
  var form = document.getElementById("refpub-filters");
  var table = document.getElementById("refpub-register");
  if (!form || !table) { return; }
  var LIMIT = 100;
  var LABELS = { valid: "Valide", suspended: "Suspendu", withdrawn: "Retiré", expired: "Expiré" };
  var body = table.tBodies[0];
  var pageRows = Array.prototype.slice.call(body.rows);
  var paged = Array.prototype.slice.call(document.querySelectorAll(
    ".refpub-pages, .refpub-listing-range"));
  var count = form.querySelector(".refpub-filter-count");
  var companies = new URL(form.getAttribute("data-companies"), document.baseURI);
  var data = null;
  var latest = 0;
  var params = new URLSearchParams(window.location.search);
  ["q", "referentiel", "status"].forEach(function (name) {
    if (params.has(name)) { form.elements[name].value = params.get(name); }
  });

  var normalise = window.RefpubCommun.folded;

  function load() {
    if (!data) {
      data = fetch(form.getAttribute("data-source")).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (register) {
        var at = {};
        register.columns.forEach(function (name, index) { at[name] = index; });
        return register.rows.map(function (row) {
          var cert = {};
          Object.keys(at).forEach(function (name) { cert[name] = row[at[name]]; });
          cert.referentiel_title = register.referentiels[cert.referentiel] || cert.referentiel;
          cert.text = normalise([cert.name, cert.city, cert.certificate,
            cert.referentiel_title].join(" "));
          return cert;
        });
      });
    }
    return data;
  }

  var day = window.RefpubCommun.frenchDate;
  var element = window.RefpubCommun.element;

  function validity(cert) {
    if (cert.status === "valid") { return "jusqu'au " + day(cert.valid_until); }
    var since = { suspended: "suspendu", withdrawn: "retiré", expired: "expiré" }[cert.status];
    return since + " depuis le " + day(cert.status_since);
  }

  function cell(row, className, text) {
    var td = row.insertCell();
    td.className = className;
    if (text !== undefined) { td.textContent = text; }
    return td;
  }

  function render(cert) {
    var row = element("tr");
    var link = element("a", { href: new URL(cert.company + "/", companies).href }, [cert.name]);
    cell(row, "refpub-r-name").appendChild(link);
    cell(row, "refpub-r-city", cert.city);
    cell(row, "refpub-r-ref", cert.referentiel_title +
      (cert.level ? " (niveau " + cert.level + ")" : ""));
    if (cert.scope) {
      row.lastChild.appendChild(element("br"));
      row.lastChild.appendChild(element("small", { "class": "refpub-r-scope" }, [cert.scope]));
    }
    cell(row, "refpub-r-number", cert.certificate);
    var pill = element("span", { "class": "refpub-status refpub-status-" + cert.status },
      [LABELS[cert.status] || cert.status]);
    cell(row, "refpub-r-status").appendChild(pill);
    cell(row, "refpub-r-date", validity(cert));
    return row;
  }

  function show(rows, filtering) {
    body.textContent = "";
    rows.forEach(function (row) { body.appendChild(row); });
    paged.forEach(function (element) { element.hidden = filtering; });
  }

  function remember() {
    var query = new URLSearchParams();
    ["q", "referentiel", "status"].forEach(function (name) {
      if (form.elements[name].value) { query.set(name, form.elements[name].value); }
    });
    var search = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") +
      window.location.hash);
  }

  function apply() {
    var words = normalise(form.elements.q.value).split(/\s+/).filter(Boolean);
    var referentiel = form.elements.referentiel.value;
    var status = form.elements.status.value;
    var ticket = ++latest;
    remember();
    if (!words.length && !referentiel && !status) {
      show(pageRows, false);
      count.textContent = "";
      return;
    }
    load().then(function (certificates) {
      if (ticket !== latest) { return; }
      var found = certificates.filter(function (cert) {
        return (!referentiel || cert.referentiel === referentiel) &&
          (!status || cert.status === status) &&
          words.every(function (word) { return cert.text.indexOf(word) !== -1; });
      });
      show(found.slice(0, LIMIT).map(render), true);
      var text = found.length + " certificat" + (found.length > 1 ? "s" : "") + " sur " +
        certificates.length;
      if (found.length > LIMIT) {
        text += " ; les " + LIMIT + " premiers sont affichés, précisez la recherche";
      }
      count.textContent = text;
      table.setAttribute("data-filtered", String(found.length));
    }).catch(function () {
      count.textContent = "Le filtre est indisponible (données du registre inaccessibles).";
    });
  }

  form.hidden = false;
  // the data comes while the reader is still typing: fetched as soon as the form is entered
  form.addEventListener("focusin", function () { load().catch(function () {}); });
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
}());
