// Copy buttons of the embed snippets: no library, no network. Without JavaScript the buttons
// stay hidden and the snippets can be selected by hand.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(text, element) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // http:// or an old browser: the selection and the legacy command
    selectText(element);
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  document.querySelectorAll("button.refpub-copy[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".refpub-copy-status");
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(source.textContent, source).then(function () {
        status.textContent = "Copié dans le presse-papiers.";
      }, function () {
        selectText(source);
        status.textContent = "Copie impossible : le texte est sélectionné, copiez-le (Ctrl+C).";
      });
    });
  });
})();
