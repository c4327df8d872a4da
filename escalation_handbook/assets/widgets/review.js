/* Review banner: recomputes a page's review status (ok, due soon, overdue) against the reader's
 * today, from the due date and warning window the render stage wrote into data attributes. The
 * words come from data attributes too (render/wording.py): the banner's sentence for each status
 * (data-banner-*, with a {days} slot for the number of days overdue) and, on a status cell, each
 * status's label (data-label-*). */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var format = Handbook.format;
  var parseDay = Handbook.parseDay;
  var todayIso = Handbook.todayIso;

  function initReview(node) {
    var due = parseDay(node.getAttribute("data-due"));
    var warn = parseInt(node.getAttribute("data-warn-days"), 10);
    var today = parseDay(todayIso());
    if (due === null || !(warn >= 0) || today === null) {
      return;
    }
    var status = today > due ? "overdue" : today >= due - warn ? "due-soon" : "ok";
    node.setAttribute("data-status", status);
    node.setAttribute("data-hb-ready", "1");
    // A status cell (e.g. the Review status table) follows the recomputed status too.
    Array.prototype.forEach.call(node.querySelectorAll(".hb-review-status"), function (cell) {
      cell.classList.remove("hb-status-ok", "hb-status-due-soon", "hb-status-overdue");
      cell.classList.add("hb-status-" + status);
      cell.textContent = str(cell.getAttribute("data-label-" + status));
    });
    var banner = node.querySelector(".hb-review-banner");
    if (!banner && /^(TR|TD|TH|TBODY|THEAD|TABLE|UL|OL|LI|SPAN)$/.test(node.tagName)) {
      return; // no room for a banner block here (a table row or inline element)
    }
    if (!banner) {
      banner = el("div", { className: "hb-review-banner" });
      node.appendChild(banner);
    }
    banner.setAttribute("role", "status");
    if (status === "overdue") {
      var days = today - due;
      var sentence = node.getAttribute(days === 1 ? "data-banner-overdue-one" : "data-banner-overdue-other");
      banner.textContent = format(sentence, { days: days });
      banner.hidden = false;
    } else if (status === "due-soon") {
      banner.textContent = str(node.getAttribute("data-banner-due-soon"));
      banner.hidden = false;
    } else {
      banner.textContent = "";
      banner.hidden = true;
    }
  }

  /* The Review status page's "as of <the build's day>": once the statuses on the page have been
   * decided again (initReview, registered first, so it has run), they are as of today. */
  function initAsOf(node) {
    if (document.querySelector(".hb-review[data-hb-ready] .hb-review-status")) {
      node.textContent = str(node.getAttribute("data-as-of-today"));
      node.setAttribute("data-hb-ready", "1");
    }
  }

  Handbook.register("review", ".hb-review[data-due][data-warn-days]", initReview);
  Handbook.register("review-as-of", ".hb-review-asof[data-as-of-today]", initAsOf);
})(window.Handbook);
