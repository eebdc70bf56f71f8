// The 10 indicators of the manager (100% Satisfaction): one checkbox per indicator, grouped
// by strategic stage in the page. It says how many are in place and which stage is reached:
// a stage is reached when its indicators and those of every earlier stage are checked (the
// site's reading of the sheet, stated on the page). Computed in the page, no network; the
// checked numbers live in the address (?i=1,2,5) so a result can be bookmarked and shared.
(function () {
  "use strict";
  var form = document.getElementById("ind-form");
  var status = document.getElementById("ind-statut");
  if (!form || !status) { return; }

  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var total = boxes.length;
  // Stages in page order, each with the numbers of its own indicators.
  var stages = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-etape]"))
    .map(function (fieldset) {
      return {
        name: fieldset.getAttribute("data-etape"),
        numbers: Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"))
          .map(function (box) { return Number(box.value); })
      };
    });
  var shareLink = document.getElementById("ind-lien");

  function checkedNumbers() {
    return boxes.filter(function (box) { return box.checked; })
      .map(function (box) { return Number(box.value); });
  }

  // The last stage whose indicators, and those of all earlier stages, are all in place;
  // with the indicators still missing for the next stage.
  function reading(checked) {
    var required = [];
    var reached = null;
    var next = null;
    for (var index = 0; index < stages.length; index += 1) {
      required = required.concat(stages[index].numbers);
      var missing = required.filter(function (n) { return checked.indexOf(n) < 0; });
      if (missing.length) {
        next = { stage: stages[index], missing: missing };
        break;
      }
      reached = stages[index];
    }
    return { reached: reached, next: next };
  }

  function list(numbers) {
    if (numbers.length === 1) { return "l'indicateur " + numbers[0]; }
    return "les indicateurs " + numbers.slice(0, -1).join(", ") + " et " +
      numbers[numbers.length - 1];
  }

  var paragraph = window.RefpubOutils.paragraph;

  function showResult(checked) {
    var count = checked.length;
    var result = reading(checked);
    var parts = [paragraph("ind-compte", [{ strong: count + (count > 1 ? " indicateurs" :
      " indicateur") + " sur " + total }, count > 1 ? " en place." : " en place."])];
    if (result.reached) {
      parts.push(paragraph("ind-etape-atteinte", ["Étape stratégique atteinte : ",
        { strong: result.reached.name }, "."]));
    } else {
      parts.push(paragraph("ind-etape-atteinte", ["Étape stratégique atteinte : ",
        { strong: "aucune" }, " pour l'instant."]));
    }
    if (result.next) {
      parts.push(paragraph("ind-suite", ["Pour atteindre « " + result.next.stage.name +
        " », il manque " + list(result.next.missing) + "."]));
    } else {
      parts.push(paragraph("ind-suite", ["Les 10 indicateurs sont en place."]));
    }
    stages.forEach(function (stage) {
      var fieldset = form.querySelector("fieldset[data-etape=\"" + stage.name + "\"]");
      if (fieldset) {
        fieldset.classList.toggle("ind-etape--atteinte", Boolean(result.reached) &&
          stages.indexOf(stage) <= stages.indexOf(result.reached));
      }
    });
    status.setAttribute("data-etape", result.reached ? result.reached.name : "");
    status.setAttribute("data-compte", String(count));
    while (status.firstChild) { status.removeChild(status.firstChild); }
    parts.forEach(function (part) { status.appendChild(part); });
  }

  function currentAddress(checked) {
    var base = window.location.pathname;
    var hash = window.location.hash || "";
    return checked.length ? base + "?i=" + checked.join(",") + hash : base + hash;
  }

  function update(replaceAddress) {
    var checked = checkedNumbers();
    showResult(checked);
    var address = currentAddress(checked);
    window.RefpubOutils.showAddress(address, replaceAddress, shareLink);
  }

  // Restores ?i=1,2,5: numbers of known indicators are checked, anything else is ignored.
  function restore() {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("i")) { return; }
    var wanted = params.get("i").split(",").map(function (value) { return value.trim(); });
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
  }

  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { update(true); }, 0);
  });

  window.RefpubOutils.wireControls("ind");

  restore();
  update(false);
}());
