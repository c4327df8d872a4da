/* Start: runs every registered widget (the last file of handbook.js). Works with and without
 * Material's instant navigation (window.document$). Every widget is idempotent per element
 * (data-hb-ready) and leaves the static, no-JS content in place until its own data has been
 * parsed successfully. */
(function (Handbook) {
  "use strict";

  function init() {
    Handbook.widgets.forEach(function (widget) {
      Array.prototype.forEach.call(document.querySelectorAll(widget.selector), function (node) {
        if (!node.hasAttribute("data-hb-ready")) {
          widget.init(node);
        }
      });
    });
  }

  Handbook.init = init;

  var subscribed = false;
  function start() {
    if (!subscribed && window.document$ && typeof window.document$.subscribe === "function") {
      subscribed = true;
      // Material emits the current document on subscribe and again after each instant navigation.
      window.document$.subscribe(function () {
        init();
      });
    }
    if (document.readyState !== "loading") {
      init(); // idempotent per element
    }
  }

  start();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  }
})(window.Handbook);
