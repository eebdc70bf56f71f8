// What every refpub script shares: French numbers and dates, and elements built from text
// (never from markup). The refpub plugin publishes it once, at assets/refpub/commun.js, and
// every page loads it in its header before any other refpub script (the header search needs
// it on every page). Plain JavaScript, no library, no network.
window.RefpubCommun = (function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // With a decimal comma; rounded to `decimals` places when given, trailing zeros dropped
  // (12.50 → "12,5"); without, the number as JavaScript prints it.
  function frenchNumber(value, decimals) {
    var shown = decimals === undefined ? value : Number(value.toFixed(decimals));
    return String(shown).replace(".", ",");
  }

  // An ISO date (or date-time) as DD/MM/YYYY; anything else is shown as given.
  function frenchDate(iso) {
    var day = String(iso).slice(0, 10).split("-");
    return day.length === 3 ? day[2] + "/" + day[1] + "/" + day[0] : String(iso);
  }

  // Text as a search compares it: lower case, accents dropped (« Émile » finds « emile »).
  function folded(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function fill(node, attributes, children) {
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // An HTML element with its attributes and children (a string child is a text node).
  function element(tag, attributes, children) {
    return fill(document.createElement(tag), attributes, children);
  }

  // The same for an SVG element.
  function svgElement(tag, attributes, children) {
    return fill(document.createElementNS(SVG_NS, tag), attributes, children);
  }

  return {
    frenchNumber: frenchNumber,
    frenchDate: frenchDate,
    folded: folded,
    element: element,
    svgElement: svgElement
  };
}());
