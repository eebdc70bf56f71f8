// NPS calculator: the number of answers per score (0 to 10) gives the share of promoters
// (9–10), passives (7–8) and detractors (0–6) and the index, % promoters − % detractors,
// from −100 to +100. Computed in the page, no library, no network request. The counts live
// in the address (?r=n0,n1,...,n10) so a result can be bookmarked, shared and printed.
(function () {
  "use strict";
  var form = document.getElementById("nps-form");
  var status = document.getElementById("nps-statut");
  if (!form || !status) { return; }
  var inputs = [];
  for (var score = 0; score <= 10; score += 1) {
    inputs.push(document.getElementById("nps-n" + score));
  }
  if (inputs.some(function (input) { return !input; })) { return; }
  var groups = [
    { key: "detracteurs", from: 0, to: 6 },
    { key: "neutres", from: 7, to: 8 },
    { key: "promoteurs", from: 9, to: 10 }
  ];
  var shareLink = document.getElementById("nps-lien");

  // A count is a whole number (0 or more); an empty box counts as 0.
  function readCount(input) {
    var raw = input.value.trim();
    if (raw === "" && !(input.validity && input.validity.badInput)) { return 0; }
    if (!/^\d{1,9}$/.test(raw)) { return NaN; }
    return Number(raw);
  }

  // One decimal at most, French comma, explicit sign (U+2212 for minus).
  function formatNumber(value, signed) {
    var rounded = Math.round(Math.abs(value) * 10) / 10;
    var text = window.RefpubCommun.frenchNumber(rounded);
    if (rounded === 0) { return "0"; }
    if (value < 0) { return "\u2212" + text; }
    return signed ? "+" + text : text;
  }

  function plural(count, singular, pluralForm) {
    return count + " " + (count > 1 ? pluralForm : singular);
  }

  var paragraph = window.RefpubOutils.paragraph;

  function update(replaceAddress) {
    var counts = inputs.map(readCount);
    var invalid = [];
    counts.forEach(function (count, index) {
      if (isNaN(count)) { invalid.push(index); }
      if (isNaN(count)) {
        inputs[index].setAttribute("aria-invalid", "true");
      } else {
        inputs[index].removeAttribute("aria-invalid");
      }
    });
    var totals = {};
    groups.forEach(function (group) {
      var total = 0;
      for (var s = group.from; s <= group.to; s += 1) { total += isNaN(counts[s]) ? 0 : counts[s]; }
      totals[group.key] = total;
      var output = document.getElementById("nps-total-" + group.key);
      if (output) { output.textContent = String(total); }
    });
    var answers = totals.detracteurs + totals.neutres + totals.promoteurs;
    var parts = [];
    if (invalid.length) {
      parts.push(paragraph("nps-erreur", [(invalid.length > 1 ? "Les nombres de réponses " +
        "des notes " + invalid.join(", ") + " doivent être" : "Le nombre de réponses de la " +
        "note " + invalid[0] + " doit être") + " un nombre entier, 0 ou plus."]));
    } else if (!answers) {
      parts.push(paragraph(null, ["Saisissez le nombre de réponses obtenu pour chaque note : " +
        "l'indice NPS s'affiche ici."]));
    } else {
      var promoters = 100 * totals.promoteurs / answers;
      var passives = 100 * totals.neutres / answers;
      var detractors = 100 * totals.detracteurs / answers;
      var index = promoters - detractors;
      parts.push(paragraph("nps-indice", ["Indice NPS : ", { strong: formatNumber(index, true) }]));
      parts.push(paragraph(null, [plural(answers, "réponse", "réponses") + " : " +
        plural(totals.promoteurs, "promoteur", "promoteurs") + " (" +
        formatNumber(promoters) + " %), " + plural(totals.neutres, "neutre", "neutres") +
        " (" + formatNumber(passives) + " %), " +
        plural(totals.detracteurs, "détracteur", "détracteurs") + " (" +
        formatNumber(detractors) + " %)."]));
      var rounded = Math.round(index * 10) / 10;
      parts.push(paragraph(null, [rounded > 0 ? "L'indice est positif : il y a plus de " +
        "promoteurs que de détracteurs." : rounded < 0 ? "L'indice est négatif : il y a " +
        "plus de détracteurs que de promoteurs." : "L'indice est nul : il y a autant de " +
        "promoteurs que de détracteurs."]));
    }
    while (status.firstChild) { status.removeChild(status.firstChild); }
    parts.forEach(function (part) { status.appendChild(part); });

    var base = window.location.pathname;
    var hash = window.location.hash || "";
    var filled = inputs.some(function (input) { return input.value.trim() !== ""; });
    var address = filled ? base + "?r=" + inputs.map(function (input, i) {
      return isNaN(counts[i]) || input.value.trim() === "" ? "" : String(counts[i]);
    }).join(",") + hash : base + hash;
    window.RefpubOutils.showAddress(address, replaceAddress, shareLink);
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("r")) { return; }
    var values = params.get("r").split(",");
    inputs.forEach(function (input, index) {
      var value = (values[index] || "").trim();
      if (/^\d{1,9}$/.test(value)) { input.value = String(Number(value)); }
    });
  }

  form.addEventListener("input", function () { update(true); });
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { update(true); }, 0);
  });
  Array.prototype.slice.call(document.querySelectorAll(".nps-avec-js")).forEach(function (node) {
    node.hidden = false;
  });
  Array.prototype.slice.call(document.querySelectorAll(".nps-sans-js")).forEach(function (node) {
    node.hidden = true;
  });
  var printButton = document.getElementById("nps-imprimer");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }

  restore();
  update(false);
}());
