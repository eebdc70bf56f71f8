// Self-assessment of the livre blanc « La relation client, levier de performance collective »:
// the average of the 8 themes, the maturity level and the radar, computed in the page (no
// library, no network request). The scores live in the address (?s=5,7,8,...) so a result
// can be bookmarked, shared and printed. Without JavaScript the page stays a paper form.
(function () {
  "use strict";
  var form = document.getElementById("ae-form");
  var status = document.getElementById("ae-statut");
  var svg = document.getElementById("ae-radar");
  if (!form || !status) { return; }

  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=number]"));
  var levels = Array.prototype.slice.call(document.querySelectorAll(".ae-niveau[data-seuil]"))
    .map(function (element) {
      var text = element.querySelector("p");
      return {
        element: element,
        threshold: Number(element.getAttribute("data-seuil")),
        name: element.getAttribute("data-nom"),
        text: text ? text.textContent.trim() : ""
      };
    })
    .sort(function (a, b) { return a.threshold - b.threshold; });
  var shareLink = document.getElementById("ae-lien");

  // A score is an integer from 0 to 10; anything else is "invalid", an empty box "missing".
  function readScore(input) {
    var raw = input.value.trim();
    if (raw === "" && !(input.validity && input.validity.badInput)) { return null; }
    if (!/^\d{1,2}$/.test(raw)) { return NaN; }
    var value = Number(raw);
    return value <= 10 ? value : NaN;
  }

  // Between bands: below 7 "à consolider", from 7 to below 9 "maîtrisée", 9 and above
  // "Excellence". The thresholds are read from the page (data-seuil of each level).
  function levelFor(average) {
    var found = null;
    levels.forEach(function (level) {
      if (average >= level.threshold) { found = level; }
    });
    return found;
  }

  // sum / 8 has at most three decimals and is exact in binary: printed as is, French comma.
  var frenchNumber = window.RefpubCommun.frenchNumber;

  function element(name, attributes, text) {
    return window.RefpubCommun.svgElement(name, attributes, text ? [text] : []);
  }

  function html(tag, className, content) {
    return window.RefpubCommun.element(tag, className ? { "class": className } : {},
      typeof content === "string" ? [content] : content);
  }

  function drawRadar(scores) {
    if (!svg) { return; }
    var layer = svg.querySelector(".radar-donnees");
    if (!layer) { return; }
    while (layer.firstChild) { layer.removeChild(layer.firstChild); }
    var cx = Number(svg.getAttribute("data-cx"));
    var cy = Number(svg.getAttribute("data-cy"));
    var radius = Number(svg.getAttribute("data-r"));
    var count = scores.length;
    var points = scores.map(function (score, index) {
      var angle = -Math.PI / 2 + index * 2 * Math.PI / count;
      var r = radius * (typeof score === "number" && !isNaN(score) ? score : 0) / 10;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    });
    var given = scores.filter(function (score) { return typeof score === "number" && !isNaN(score); });
    if (!given.length) {
      svg.setAttribute("data-notes", "");
      return;
    }
    svg.setAttribute("data-notes", scores.map(function (s) {
      return typeof s === "number" && !isNaN(s) ? s : "";
    }).join(","));
    layer.appendChild(element("polygon", {
      "class": "radar-surface",
      points: points.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join(" "),
      fill: "#3f51b5", "fill-opacity": "0.25", stroke: "#3f51b5", "stroke-width": "2.5"
    }));
    points.forEach(function (point, index) {
      var score = scores[index];
      if (typeof score !== "number" || isNaN(score)) { return; }
      layer.appendChild(element("circle", {
        "class": "radar-point", cx: point[0].toFixed(2), cy: point[1].toFixed(2), r: "4.5",
        fill: "#3f51b5"
      }));
    });
  }

  function describeRadar(scores) {
    var description = svg && svg.querySelector("desc");
    if (!description) { return; }
    var parts = scores.map(function (score, index) {
      var shown = typeof score === "number" && !isNaN(score) ? score + " sur 10" : "non notée";
      return "thématique " + (index + 1) + " : " + shown;
    });
    description.textContent = "Notes reportées sur le radar, " + parts.join(" ; ") + ".";
  }

  function currentAddress(scores) {
    var base = window.location.pathname;
    var hash = window.location.hash || "";
    if (scores.every(function (score) { return score === null; })) { return base + hash; }
    return base + "?s=" + scores.map(function (score) {
      return score === null || isNaN(score) ? "" : String(score);
    }).join(",") + hash;
  }

  function showResult(scores) {
    var missing = scores.filter(function (score) { return score === null; }).length;
    var invalid = [];
    scores.forEach(function (score, index) {
      if (typeof score === "number" && isNaN(score)) { invalid.push(index + 1); }
    });
    inputs.forEach(function (input, index) {
      if (typeof scores[index] === "number" && isNaN(scores[index])) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
    });
    levels.forEach(function (level) { level.element.classList.remove("ae-niveau--actuel"); });

    var parts = [];
    if (invalid.length) {
      parts.push(html("p", "ae-erreur", (invalid.length > 1 ? "Les notes des thématiques " +
        invalid.join(", ") + " doivent être" : "La note de la thématique " + invalid[0] +
        " doit être") + " un nombre entier de 0 à 10."));
    } else if (missing === scores.length) {
      parts.push(html("p", null, "Notez chacune des 8 thématiques de 0 à 10 : votre note " +
        "moyenne et votre niveau de maturité s'affichent ici."));
    } else if (missing) {
      var given = scores.length - missing;
      parts.push(html("p", null, given + (given > 1 ? " thématiques notées" :
        " thématique notée") + " sur 8 : " + (missing > 1 ? "notez les " + missing +
        " autres" : "notez la dernière") + " pour obtenir votre note moyenne et votre " +
        "niveau de maturité."));
    } else {
      var sum = scores.reduce(function (total, score) { return total + score; }, 0);
      var average = sum / scores.length;
      var level = levelFor(average);
      parts.push(html("p", "ae-moyenne", ["Votre note moyenne : ",
        html("strong", null, frenchNumber(average) + " sur 10"),
        " (total " + sum + " sur 80)."]));
      if (level) {
        level.element.classList.add("ae-niveau--actuel");
        parts.push(html("p", "ae-niveau-resultat", ["Votre niveau de maturité : ",
          html("strong", null, level.name), "."]));
        parts.push(html("p", "ae-niveau-texte", level.text));
      }
    }
    while (status.firstChild) { status.removeChild(status.firstChild); }
    parts.forEach(function (part) { status.appendChild(part); });
  }

  function update(replaceAddress) {
    var scores = inputs.map(readScore);
    showResult(scores);
    drawRadar(scores);
    describeRadar(scores);
    var address = currentAddress(scores);
    window.RefpubOutils.showAddress(address, replaceAddress, shareLink);
  }

  // Restores ?s=... : each of the 8 entries is an integer 0–10 or empty; others are ignored.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("s")) { return; }
    var values = params.get("s").split(",");
    inputs.forEach(function (input, index) {
      var value = (values[index] || "").trim();
      if (/^\d{1,2}$/.test(value) && Number(value) <= 10) { input.value = String(Number(value)); }
    });
  }

  form.addEventListener("input", function () { update(true); });
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { update(true); }, 0);
  });

  document.documentElement.classList.add("ae-js");
  window.RefpubOutils.wireControls("ae");

  restore();
  update(false);
}());
