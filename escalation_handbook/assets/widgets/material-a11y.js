/* Accessibility fixes for Material's own markup (axe: landmark-unique). */
(function (Handbook) {
  "use strict";

  // Material (navigation.indexes) labels a section's <nav> by a <label> that holds only an
  // icon, so several navigation landmarks have no name (axe "landmark-unique"). Name each
  // such nav after its section's link, and the page's tag list by the name the theme wrote
  // (page JSON #hb-material-labels, from render/wording.py). The toolbar Material puts in each
  // code block (a copy button) is no navigation landmark at all.
  function labels() {
    var script = document.getElementById("hb-material-labels");
    try {
      var data = script ? JSON.parse(script.textContent) : null;
      return data && typeof data === "object" ? data : {};
    } catch (e) {
      return {};
    }
  }

  function nameSectionNavs() {
    var tags = labels().tags;
    if (typeof tags === "string" && tags) {
      Array.prototype.forEach.call(document.querySelectorAll("nav.md-tags:not([aria-label]):not([aria-labelledby])"), function (nav) {
        nav.setAttribute("aria-label", tags);
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-code__nav:not([role])"), function (nav) {
      nav.setAttribute("role", "none");
    });
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) return;
      var container = label.closest(".md-nav__container");
      var link = container && container.querySelector("a");
      var name = link ? link.textContent.trim() : "";
      if (name) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", name);
      }
    });
  }

  /* A page-wide fix: runs on every document switch (body is never marked ready). */
  function initMaterialA11y() {
    nameSectionNavs();
    window.setTimeout(nameSectionNavs, 0); // after Material has added its code-block toolbars
  }

  Handbook.register("material-a11y", "body", initMaterialA11y);
})(window.Handbook);
