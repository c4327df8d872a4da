/* Working hours: says next to a contact's hours whether they are on duty now, decided with the
 * reader's clock read in the contact's time zone. The render stage wrote the hours as data
 * (data-hours: {zone, always, ranges: [[start, end), …] in minutes from Monday 00:00,
 * holidays: ["YYYY-MM-DD", …]}) and the words (data-label-on, data-label-off); nothing here
 * re-reads the text. window.__HANDBOOK_NOW__ (an ISO instant) fakes the clock in tests. */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var DAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

  function now() {
    var fake = window.__HANDBOOK_NOW__;
    var t = typeof fake === "string" ? Date.parse(fake) : NaN;
    return isNaN(t) ? new Date() : new Date(t);
  }

  /* The weekday, minute of the day and date of `moment` in `zone` (null: the reader's). */
  function local(moment, zone) {
    var options = { weekday: "short", year: "numeric", month: "2-digit", day: "2-digit",
                    hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (zone) {
      options.timeZone = zone;
    }
    var parts = {};
    new Intl.DateTimeFormat("en-GB", options).formatToParts(moment).forEach(function (p) {
      parts[p.type] = p.value;
    });
    return { day: DAYS[parts.weekday], minute: (parseInt(parts.hour, 10) % 24) * 60 +
             parseInt(parts.minute, 10), date: parts.year + "-" + parts.month + "-" + parts.day };
  }

  function onDuty(data, moment) {
    if (data.always) {
      return true;
    }
    var at = local(moment, data.zone || null);
    if (!(at.day >= 0) || (data.holidays || []).indexOf(at.date) >= 0) {
      return false;
    }
    var minute = at.day * 1440 + at.minute;
    return (data.ranges || []).some(function (r) {
      return r[0] <= minute && minute < r[1];
    });
  }

  function initHours(node) {
    var data;
    try {
      data = JSON.parse(node.getAttribute("data-hours"));
      onDuty(data, now()); // an unknown zone throws here: leave the hours as written
    } catch (e) {
      return;
    }
    var badge = el("span", { className: "hb-hours-now" });
    node.appendChild(badge);
    function update() {
      var on = onDuty(data, now());
      badge.setAttribute("data-on-duty", on ? "yes" : "no");
      badge.textContent = " \u00b7 " + str(node.getAttribute(on ? "data-label-on" : "data-label-off"));
    }
    update();
    node.setAttribute("data-hb-ready", "1");
    window.setInterval(update, 60000);
  }

  Handbook.onDuty = onDuty;
  Handbook.register("hours", ".hb-hours[data-hours]", initHours);
})(window.Handbook);
