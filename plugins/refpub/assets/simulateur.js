// Pre-audit simulator of the RADAR model. Every rule (element coefficients, grade scale,
// sub-criterion weights, totals, minimums, tolerance) is read from the JSON document the site
// wrote from the référentiel (#sim-modele); the arithmetic follows core/evaluation/radar.py
// step by step, in the same order, so the page and `refpub score` give the same numbers.
(function () {
  "use strict";
  var form = document.getElementById("sim-form");
  var status = document.getElementById("sim-statut");
  var source = document.getElementById("sim-modele");
  if (!form || !status || !source) { return; }
  var model = JSON.parse(source.textContent);
  var top = Math.max.apply(null, model.grades.map(function (g) { return g.value; }));
  var possible = model.elements.reduce(function (sum, e) { return sum + e.coefficient * top; }, 0);
  var paragraph = window.RefpubOutils.paragraph;  // assets/refpub/outils.js, loaded first
  var allowed = {};
  model.grades.forEach(function (g) { allowed[String(g.value)] = g.value; });

  // French number, 2 decimals at most, trailing zeros dropped (as radar.py's _pct).
  function pct(value) {
    return window.RefpubCommun.frenchNumber(value, 2) + " %";
  }

  function select(scId, elementId) {
    return document.getElementById("sim-" + scId + "-" + elementId);
  }

  // The grades of one sub-criterion, or null while one of its elements is not graded.
  function gradesOf(scId) {
    var grades = {};
    for (var i = 0; i < model.elements.length; i += 1) {
      var field = select(scId, model.elements[i].id);
      if (!field || !Object.prototype.hasOwnProperty.call(allowed, field.value)) { return null; }
      grades[model.elements[i].id] = allowed[field.value];
    }
    return grades;
  }

  // radar.note: weighted sum of the grades over its maximum, in percent.
  function note(grades) {
    var earned = model.elements.reduce(function (sum, e) {
      return sum + e.coefficient * grades[e.id];
    }, 0);
    return 100 * earned / possible;
  }

  function show(id, value, text) {
    var node = document.getElementById(id);
    if (!node) { return; }
    node.textContent = value === null ? "\u00a0" : text;
    node.setAttribute("data-value", value === null ? "" : String(value));
  }

  function compute() {
    var scores = {};
    var complete = 0;
    model.subcriteria.forEach(function (sc) {
      var grades = gradesOf(sc.id);
      var score = null;
      if (grades) {
        var value = note(grades);
        score = { note: value, result: value * sc.weight / 100,
                  passed: value + model.epsilon >= model.minimum_note };
        complete += 1;
      }
      scores[sc.id] = score;
      show("sim-note-" + sc.id, score && score.note, score && pct(score.note));
      show("sim-resultat-" + sc.id, score && score.result, score && pct(score.result));
      show("sim-detail-note-" + sc.id, score && score.note, score && pct(score.note));
      show("sim-detail-resultat-" + sc.id, score && score.result, score && pct(score.result));
    });
    var totals = model.totals.map(function (total) {
      var ready = total.subcriteria.every(function (id) { return scores[id]; });
      var value = null;
      if (ready) {
        value = total.subcriteria.reduce(function (sum, id) { return sum + scores[id].result; }, 0);
      }
      show("sim-total-" + total.id, value, value === null ? "" : pct(value));
      return { total: total, value: value,
               passed: value !== null && (total.minimum === null ||
                                          value + model.epsilon >= total.minimum) };
    });
    var done = complete === model.subcriteria.length;
    var overall = null;
    if (done) {
      overall = model.subcriteria.reduce(function (sum, sc) { return sum + scores[sc.id].result; }, 0);
    }
    show("sim-total-overall", overall, overall === null ? "" : pct(overall));
    render(scores, totals, overall, complete);
  }

  function render(scores, totals, overall, complete) {
    var count = model.subcriteria.length;
    var label = model.requirement_label.toLowerCase();
    status.textContent = "";
    if (overall === null) {
      status.appendChild(paragraph(null, [complete + " " + label + (complete > 1 ? "s" : "") +
        " entièrement noté" + (complete > 1 ? "s" : "") + " sur " + count +
        " : notez tous les éléments pour obtenir la " + model.overall_label + "."]));
      status.setAttribute("data-eligible", "");
      status.setAttribute("data-failures", "");
      status.setAttribute("data-overall", "");
      return;
    }
    var failures = [];
    var failureIds = [];
    model.subcriteria.forEach(function (sc) {
      if (!scores[sc.id].passed) {
        failureIds.push(sc.id);
        failures.push(sc.label + " : note " + pct(scores[sc.id].note) +
                      " inférieure au minimum de " + pct(model.minimum_note));
      }
    });
    totals.forEach(function (t) {
      if (!t.passed) {
        failureIds.push(t.total.id);
        failures.push(t.total.label + " : total " + pct(t.value) + " inférieur au minimum de " +
                      pct(t.total.minimum));
      }
    });
    status.appendChild(paragraph(null, [model.overall_label + " : ", { strong: pct(overall) },
      "."]));
    totals.forEach(function (t) {
      status.appendChild(paragraph(null, [t.total.label + " : " + pct(t.value) +
        (t.total.minimum === null ? "" : " (minimum " + pct(t.total.minimum) + ")") + "."]));
    });
    if (!failures.length) {
      status.appendChild(paragraph(null, [{ strong: "Seuils de certification atteints" },
        " : chaque " + label + " a au moins " + pct(model.minimum_note) +
        " et les totaux atteignent leur minimum. Reste l'avis du Comité de Certification."]));
    } else {
      status.appendChild(paragraph(null, [{ strong: "Seuils de certification non atteints" },
        " (" + failures.length + " condition" + (failures.length > 1 ? "s" : "") +
        " non remplie" + (failures.length > 1 ? "s" : "") + ") :"]));
      var element = window.RefpubCommun.element;
      status.appendChild(element("ul", {}, failures.map(function (text) {
        return element("li", {}, [text]);
      })));
    }
    status.setAttribute("data-eligible", failures.length ? "false" : "true");
    status.setAttribute("data-failures", failureIds.join(" "));
    status.setAttribute("data-overall", String(overall));
  }

  // The grading in the address (?g=…: one character per element of each sub-criterion, in
  // the model's order, "-" when not graded), so a result can be shared or bookmarked.
  function fields() {
    var list = [];
    model.subcriteria.forEach(function (sc) {
      model.elements.forEach(function (e) { list.push(select(sc.id, e.id)); });
    });
    return list;
  }

  function saveInAddress() {
    var code = fields().map(function (field) {
      return field && Object.prototype.hasOwnProperty.call(allowed, field.value) ? field.value : "-";
    }).join("");
    var url = new URL(window.location.href);
    if (/^-*$/.test(code)) { url.searchParams.delete("g"); } else { url.searchParams.set("g", code); }
    window.history.replaceState(null, "", url.toString());
  }

  function restoreFromAddress() {
    var code = new URLSearchParams(window.location.search).get("g") || "";
    fields().forEach(function (field, index) {
      var value = code.charAt(index);
      if (field && Object.prototype.hasOwnProperty.call(allowed, value)) { field.value = value; }
    });
  }

  function update() {
    compute();
    saveInAddress();
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  restoreFromAddress();
  compute();
}());
