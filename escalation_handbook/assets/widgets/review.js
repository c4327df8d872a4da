/* Review banner: recomputes a page's review status (ok, due soon, overdue) against the reader's
 * today, from the due date and warning window the render stage wrote into data attributes. */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var parseDay = Handbook.parseDay;
  var todayIso = Handbook.todayIso;

  var REVIEW_STATUS_TEXT = { ok: "OK", "due-soon": "Due soon", overdue: "Overdue" };

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
      cell.textContent = REVIEW_STATUS_TEXT[status];
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
    var date = str(node.getAttribute("data-due")).trim();
    if (status === "overdue") {
      var days = today - due;
      var owner = str(node.getAttribute("data-owner")).trim();
      banner.textContent = "This policy was due for review on " + date + " (" + days + (days === 1 ? " day" : " days") +
        " ago). Check with " + (owner || "its owner") + " before relying on it.";
      banner.hidden = false;
    } else if (status === "due-soon") {
      banner.textContent = "Review due on " + date + ".";
      banner.hidden = false;
    } else {
      banner.textContent = "";
      banner.hidden = true;
    }
  }

  Handbook.register("review", ".hb-review[data-due][data-warn-days]", initReview);
})(window.Handbook);
