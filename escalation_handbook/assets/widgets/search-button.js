/* Search button: "Search by what you see" on the home page opens Material's search box. */
(function (Handbook) {
  "use strict";

  // The button stays hidden without JavaScript or without Material's search (the hint next
  // to it still applies).
  function initSearchButton(button) {
    button.setAttribute("data-hb-ready", "");
    var toggle = document.getElementById("__search");
    var input = document.querySelector("input.md-search__input");
    if (!toggle || !input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      window.setTimeout(function () { input.focus(); }, 50);
    });
  }

  Handbook.register("search-button", ".hb-search-open", initSearchButton);
})(window.Handbook);
