// What the offline tools share: a paragraph built as text (never as markup), the page
// controls (parts shown only with or without JavaScript, print, copy the address) and the
// shareable address. The refpub plugin publishes it once, at assets/refpub/outils.js: the
// pre-audit simulator and the tools written in docs/ load it before their own script. Plain
// JavaScript, no library, no network.
window.RefpubOutils = (function () {
  "use strict";

  var element = window.RefpubCommun.element;

  // parts: strings, or { strong: text } for the words set in bold
  function paragraph(className, parts) {
    return element("p", className ? { "class": className } : {}, parts.map(function (part) {
      return typeof part === "string" ? part : element("strong", {}, [part.strong]);
    }));
  }

  function each(selector, action) {
    Array.prototype.slice.call(document.querySelectorAll(selector)).forEach(action);
  }

  // prefix: the tool's class and id prefix (ae, ind): .<prefix>-avec-js, #<prefix>-imprimer...
  function wireControls(prefix) {
    each("." + prefix + "-avec-js", function (node) { node.hidden = false; });
    each("." + prefix + "-sans-js", function (node) { node.hidden = true; });
    var printButton = document.getElementById(prefix + "-imprimer");
    if (printButton) {
      printButton.addEventListener("click", function () { window.print(); });
    }
    var copyButton = document.getElementById(prefix + "-copier");
    var copyStatus = document.getElementById(prefix + "-copie-statut");
    if (!copyButton) { return; }
    if (!(navigator.clipboard && navigator.clipboard.writeText)) {
      copyButton.hidden = true;
      return;
    }
    copyButton.addEventListener("click", function () {
      navigator.clipboard.writeText(window.location.href).then(function () {
        if (copyStatus) { copyStatus.textContent = "Lien copié."; }
      }, function () {
        if (copyStatus) { copyStatus.textContent = "Copie impossible : copiez le lien affiché."; }
      });
    });
  }

  // The page's address carries the tool's entries, so that a result can be shared: the
  // address bar is updated (without a new history entry) when asked, and the share link shows
  // it.
  function showAddress(address, replaceAddress, shareLink) {
    if (replaceAddress && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", address);
    }
    if (shareLink) { shareLink.href = address; shareLink.textContent = window.location.href; }
  }

  return { paragraph: paragraph, wireControls: wireControls, showAddress: showAddress };
}());
