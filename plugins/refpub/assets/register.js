// Filters the certificate register in the page: no server, no library. Without JavaScript
// the form stays hidden and the full table is readable as it is.
(function () {
  "use strict";
  var form = document.getElementById("refpub-filters");
  var table = document.getElementById("refpub-register");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = form.querySelector(".refpub-filter-count");
  var params = new URLSearchParams(window.location.search);
  ["q", "referentiel", "status"].forEach(function (name) {
    if (params.has(name)) { form.elements[name].value = params.get(name); }
  });

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function apply() {
    var words = normalise(form.elements.q.value).split(/\s+/).filter(Boolean);
    var referentiel = form.elements.referentiel.value;
    var status = form.elements.status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var text = normalise(row.getAttribute("data-search"));
      var visible = (!referentiel || row.getAttribute("data-referentiel") === referentiel) &&
        (!status || row.getAttribute("data-status") === status) &&
        words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = shown + " certificat" + (shown > 1 ? "s" : "") + " sur " + rows.length;
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
}());
