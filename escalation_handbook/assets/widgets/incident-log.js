/* Incident log: the log page (log.md). Starts a log for a playbook (#new=PLAYBOOK[/TRIGGER]),
 * shows one (#incident=ID) with live countdowns to every deadline of its plan, records what
 * happened in one tap, and exports the record (Markdown, JSON) or imports one. Kept in
 * localStorage only; nothing is sent anywhere. Every sentence, status and deadline comes from
 * the page's JSON (escalation_handbook/incident_log/): `report` and `assess` apply the rules of
 * incident_log/report.py and summary.py to the same data, and a browser test holds them to the
 * same record as `handbook log summary`. */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var FORMAT = "escalation-handbook/incident-log";
  var VERSION = 2;
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var ATTEMPTS = ["called", "acknowledged", "no_answer"];
  var MEETS = {
    respond: ATTEMPTS,
    step: ATTEMPTS.concat(["escalated"]),
    acknowledge: ["acknowledged"],
    obligation: ["regulator_notified"],
    clock: ["regulator_notified"],
  };

  /* --- times: every stamp is local time with its UTC offset, 2026-12-02T14:05:00+01:00 --- */
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function stampOf(ms) {
    var d = new Date(ms);
    var off = -d.getTimezoneOffset();
    var local = new Date(ms + off * 60000).toISOString().slice(0, 19);
    var sign = off < 0 ? "-" : "+";
    var abs = Math.abs(off);
    return local + sign + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }
  function msOf(stamp) { return Date.parse(stamp); }
  function offsetOf(stamp) {
    var m = /([+-])(\d\d):(\d\d)$/.exec(str(stamp));
    return m ? (m[1] === "-" ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3], 10)) : 0;
  }
  function offsetText(off) {
    var abs = Math.abs(off);
    return (off < 0 ? "-" : "+") + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }
  function dayTime(ms, off) { /* 2026-12-02 14:05, in the offset `off` (minutes) */
    var d = new Date(ms + off * 60000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) +
      " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  function wholeMinutes(start, end) {
    var s = Math.trunc((end - start) / 1000);
    return s >= 0 ? Math.floor(s / 60) : -Math.floor(-s / 60);
  }
  function fill(template, values) {
    var out = str(template);
    Object.keys(values).forEach(function (key) {
      out = out.split("{" + key + "}").join(str(values[key]));
    });
    return out;
  }
  function words(text) { return str(text).split(/\s+/).filter(Boolean).join(" "); }
  function cell(text) { return words(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|"); }

  function Texts(data) {
    this.t = data.text;
  }
  Texts.prototype.span = function (minutes) {
    var spec = this.t.span;
    minutes = Math.abs(minutes);
    if (minutes === 0) return spec.zero;
    var units = spec.units;
    for (var i = 0; i < units.length; i += 1) {
      if (minutes >= units[i][2]) {
        var parts = [];
        units.slice(i, i + 2).forEach(function (u) {
          var amount = Math.floor(minutes / u[1]);
          minutes -= amount * u[1];
          if (amount) parts.push(amount + " " + u[0]);
        });
        return parts.join(" ");
      }
    }
    return spec.zero;
  };
  Texts.prototype.elapsed = function (minutes) {
    if (minutes === 0) return this.t.span.elapsed_zero;
    return (minutes < 0 ? "-" : "") + this.span(minutes);
  };
  /* On the page: "Thursday 14:05" within the week, the date beyond it. */
  Texts.prototype.when = function (ms, now) {
    var d = new Date(ms);
    var time = pad(d.getHours()) + ":" + pad(d.getMinutes());
    if (Math.abs(ms - now) > 6 * 86400000) return dayTime(ms, -d.getTimezoneOffset());
    return this.t.weekdays[(d.getDay() + 6) % 7] + " " + time;
  };

  /* --- the record: summary.py and report.py, on the same data --- */
  function ordered(events) {
    return events.map(function (e, n) { return { e: e, n: n, ms: msOf(e.at) }; })
      .sort(function (a, b) { return a.ms - b.ms || a.n - b.n; })
      .map(function (x) { return x.e; });
  }
  function meets(d, e) {
    if ((MEETS[d.kind] || []).indexOf(e.kind) < 0) return false;
    if (d.kind === "step" || d.kind === "acknowledge") return e.step === d.step;
    if (d.kind === "obligation" || d.kind === "clock") return e.obligation === d.obligation;
    return true;
  }
  function endOf(log, events) {
    if (log.closed_at) return msOf(log.closed_at);
    if (log.exported_at) return msOf(log.exported_at);
    return events.reduce(function (m, e) { return Math.max(m, msOf(e.at)); }, msOf(log.started_at));
  }
  /* One deadline: met/missed with minutes, or what became of it by `end` (live: by now). */
  function judge(d, aware, end, closed, events) {
    var due = aware + d.minutes * 60000;
    var met = null;
    for (var i = 0; i < events.length; i += 1) {
      if (meets(d, events[i])) { met = msOf(events[i].at); break; }
    }
    if (met !== null) {
      return met <= due ? { d: d, due: due, status: "met", at: met, delta: wholeMinutes(met, due) }
        : { d: d, due: due, status: "missed", at: met, delta: wholeMinutes(due, met) };
    }
    if (closed !== null && closed < due) return { d: d, due: due, status: "not_needed" };
    if (end < due) return { d: d, due: due, status: "open" };
    return { d: d, due: due, status: d.kind === "step" ? "skipped" : "not_recorded" };
  }
  function summarise(log, texts) {
    var t = texts.t;
    var events = ordered(log.events || []);
    var aware = msOf(log.aware_at);
    var end = endOf(log, events);
    var closed = log.closed_at ? msOf(log.closed_at) : null;
    var outcomes = log.plan.deadlines.map(function (d) { return judge(d, aware, end, closed, events); });
    var order = [];
    log.plan.steps.forEach(function (s) { s.contacts.forEach(function (c) { order.push(c); }); });
    var records = {};
    var list = [];
    events.forEach(function (e) {
      if (e.contact && ATTEMPTS.indexOf(e.kind) >= 0) {
        if (!records[e.contact]) {
          var known = (log.contacts || {})[e.contact];
          records[e.contact] = { id: e.contact, name: known ? known.name : e.contact,
            called: [], acknowledged: [], no_answer: [] };
          list.push(records[e.contact]);
        }
        records[e.contact][e.kind].push(msOf(e.at));
      }
    });
    var rank = function (id) { var i = order.indexOf(id); return i < 0 ? order.length : i; };
    list.sort(function (a, b) {
      return rank(a.id) - rank(b.id) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    list.forEach(function (c) {
      var last = c.no_answer[c.no_answer.length - 1];
      c.did_not_answer = c.no_answer.length > 0 && !c.acknowledged.some(function (a) { return a >= last; });
    });
    var timeline = [[msOf(log.aware_at), t.page.aware_event, null], [msOf(log.started_at), t.page.started, null]]
      .concat(events.map(function (e) { return [msOf(e.at), line(log, e, texts), e]; }))
      .map(function (x, n) { return { ms: x[0], text: x[1], e: x[2], n: n }; })
      .sort(function (a, b) { return a.ms - b.ms || a.n - b.n; });
    var changes = events.filter(function (e) { return e.kind === "severity_changed" && e.severity; });
    var last = null;
    if (changes.length) {
      var sid = changes[changes.length - 1].severity;
      last = (log.severities || {})[sid] ? log.severities[sid].label : sid;
    }
    return { aware: aware, off: offsetOf(log.aware_at), end: end, outcomes: outcomes,
      contacts: list, timeline: timeline, severity_last: last };
  }
  function line(log, e, texts) {
    var plan = log.plan;
    var contact = (log.contacts || {})[e.contact || ""];
    var ob = (plan.obligations || []).filter(function (o) { return o.id === e.obligation; })[0];
    var msg = (plan.communications || []).filter(function (m) { return m.id === e.communication; })[0];
    var sev = (log.severities || {})[e.severity || ""];
    var ev = texts.t.events[e.kind] || { line: e.kind };
    return fill(ev.line, {
      contact: contact ? contact.name : (e.contact || "?"),
      step: e.step === null || e.step === undefined ? "?" : e.step,
      audience: msg ? msg.audience : "?",
      obligation: ob ? (ob.name || ob.id) : (e.obligation || "?"),
      severity: sev ? sev.label : (e.severity || "?"),
      detail: e.text ? ": " + words(e.text) : "",
    });
  }
  function verdict(texts, s, o) {
    return fill(texts.t.verdicts[o.status], { delta: texts.span(o.delta || 0),
      at: o.at !== undefined && o.at !== null ? dayTime(o.at, s.off) : "" });
  }
  function reviewLines(texts, s) {
    var r = texts.t.report;
    var out = [];
    s.outcomes.forEach(function (o) {
      if (o.status === "missed") out.push(fill(r.review_missed, { label: o.d.label, delta: texts.span(o.delta || 0) }));
      else if (o.status === "skipped") out.push(fill(r.review_skipped, { label: o.d.label }));
      else if (o.status === "not_recorded") out.push(fill(r.review_not_recorded, { label: o.d.label }));
    });
    s.contacts.forEach(function (c) {
      if (c.did_not_answer) out.push(fill(r.review_no_answer, { contact: c.name }));
    });
    return out.length ? out : [r.review_none];
  }
  function report(log, texts) {
    var r = texts.t.report;
    var s = summarise(log, texts);
    var time = function (ms) { return dayTime(ms, s.off); };
    var severity = (str(log.severity.label) + " " + str(log.severity.name)).trim();
    if (s.severity_last) severity = fill(r.severity_changed, { first: severity, last: s.severity_last });
    var facts = [[r.playbook, log.playbook.title || log.playbook.id]];
    if (log.trigger) facts.push([r.trigger, log.trigger.name || log.trigger.id]);
    facts.push([r.severity, severity], [r.pathway, log.plan.pathway.name || log.plan.pathway.id],
      [r.aware, time(s.aware)], [r.started, time(msOf(log.started_at))]);
    var lasted = texts.span(wholeMinutes(s.aware, s.end));
    if (log.closed_at) facts.push([r.closed, fill(r.closed_after, { time: time(s.end), span: lasted })]);
    else facts.push([r.open, fill(r.open_at, { time: time(s.end), span: lasted })]);
    facts.push([r.zone, fill(r.zone_value, { offset: offsetText(s.off) })]);
    var name = (log.trigger && log.trigger.name) || log.playbook.title || log.playbook.id;
    var out = [fill(r.title, { name: words(name) }), ""];
    facts.forEach(function (f) { out.push("- **" + f[0] + ":** " + words(f[1])); });
    out.push("", r.deadlines, "", r.deadline_head, "| --- | --- | --- |");
    s.outcomes.forEach(function (o) {
      out.push("| " + cell(o.d.label) + " | " + time(o.due) + " | " + cell(verdict(texts, s, o)) + " |");
    });
    if (s.contacts.length) {
      out.push("", r.contacts, "", r.contacts_head, "| --- | --- | --- | --- |");
      s.contacts.forEach(function (c) {
        var cells = [c.called, c.acknowledged, c.no_answer].map(function (ts) {
          return ts.map(time).join(", ") || r.none;
        });
        out.push("| " + cell(c.name) + " | " + cells.join(" | ") + " |");
      });
    }
    out.push("", r.timeline, "", r.timeline_head, "| --- | --- | --- |");
    s.timeline.forEach(function (x) {
      out.push("| " + time(x.ms) + " | " + texts.elapsed(wholeMinutes(s.aware, x.ms)) + " | " + cell(x.text) + " |");
    });
    out.push("", r.review, "");
    reviewLines(texts, s).forEach(function (l) { out.push("- " + cell(l)); });
    return out.join("\n") + "\n";
  }

  /* --- storage: every log of this site in one key --- */
  function storageKey() {
    var scope;
    try { scope = new URL(".", location.href).pathname; } catch (e) { scope = location.pathname; }
    return "handbook:incident-log:" + scope;
  }
  function loadAll() {
    try {
      var raw = window.localStorage.getItem(storageKey());
      var parsed = raw ? JSON.parse(raw) : null;
      if (parsed && parsed.logs && typeof parsed.logs === "object") return parsed.logs;
    } catch (e) { /* storage off or corrupt */ }
    return {};
  }
  function saveAll(logs) {
    try {
      window.localStorage.setItem(storageKey(), JSON.stringify({ logs: logs }));
      return true;
    } catch (e) {
      return false;
    }
  }
  var counter = 0;
  function newId(prefix, ms) {
    counter += 1;
    return prefix + ms.toString(36) + "-" + counter.toString(36) + Math.random().toString(36).slice(2, 6);
  }
  function looksLikeLog(log) {
    if (!log || typeof log !== "object") return "not JSON";
    if (log.format !== FORMAT) return "it has no \"format\": \"" + FORMAT + "\"";
    if (log.version !== VERSION) return "version " + JSON.stringify(log.version) + " cannot continue here (this page writes " + VERSION + ")";
    if (!log.plan || !Array.isArray(log.plan.deadlines) || !Array.isArray(log.plan.steps) ||
        !Array.isArray(log.events) || isNaN(msOf(log.aware_at)) || isNaN(msOf(log.started_at)) ||
        !log.playbook || !log.severity || typeof log.id !== "string") {
      return "it is missing its plan, events or times";
    }
    return null;
  }

  /* --- the widget --- */
  function Log(root, data) {
    this.root = root;
    this.data = data;
    this.texts = new Texts(data);
    this.t = data.text.page;
    this.logs = loadAll();
    this.live = Handbook.liveRegion();
    this.view = el("div", { className: "hb-log-view" });
    this.ticking = [];
    root.appendChild(this.view);
    root.appendChild(this.live);
  }
  Log.prototype.now = function () { return Date.now(); };
  Log.prototype.save = function () {
    if (!saveAll(this.logs)) this.say(this.t.kept_here);
  };
  Log.prototype.say = function (message) { Handbook.announce(this.live, message); };
  Log.prototype.route = function () {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    this.ticking = [];
    this.view.textContent = "";
    var m;
    if ((m = /^new=([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(hash))) {
      this.startForm(m[1], m[2] || null);
    } else if ((m = /^incident=([A-Za-z0-9-]+)$/.exec(hash)) && this.logs[m[1]]) {
      this.show(this.logs[m[1]]);
    } else {
      this.home(m ? this.t.not_found : null);
    }
  };
  Log.prototype.heading = function (level, text, className) {
    return el("h" + level, { className: className }, text);
  };
  Log.prototype.button = function (text, onClick, key, className) {
    var b = el("button", { type: "button", className: "hb-log-button " + (className || ""), "data-key": key || null }, text);
    b.addEventListener("click", onClick);
    return b;
  };

  /* The list of logs kept here, import, and how to start one. */
  Log.prototype.home = function (message) {
    var self = this;
    var t = this.t;
    if (message) this.view.appendChild(el("p", { className: "hb-log-message", role: "status" }, message));
    var ids = Object.keys(this.logs).sort(function (a, b) {
      return msOf(self.logs[b].aware_at) - msOf(self.logs[a].aware_at);
    });
    [[t.open_logs, false], [t.closed_logs, true]].forEach(function (group) {
      var mine = ids.filter(function (id) { return !!self.logs[id].closed_at === group[1]; });
      if (!mine.length) return;
      self.view.appendChild(self.heading(2, group[0]));
      var ul = el("ul", { className: "hb-log-list" });
      mine.forEach(function (id) {
        var log = self.logs[id];
        var li = el("li");
        li.appendChild(el("a", { href: "#incident=" + id }, (log.trigger && log.trigger.name) || log.playbook.title));
        li.appendChild(document.createTextNode(" · " + log.severity.label + " · " +
          self.data.text.report.aware + " " + dayTime(msOf(log.aware_at), offsetOf(log.aware_at))));
        ul.appendChild(li);
      });
      self.view.appendChild(ul);
    });
    if (!ids.length) this.view.appendChild(el("p", null, t.no_logs));
    var how = el("p", null, t.how_to_start + " ");
    how.appendChild(Handbook.link(this.data.home_url, this.data.handbook || "Home"));
    this.view.appendChild(how);
    this.importBox();
    this.view.appendChild(el("p", { className: "hb-log-kept" }, t.kept_here));
  };
  Log.prototype.importBox = function () {
    var self = this;
    var id = Handbook.uid("log-import");
    var p = el("p", { className: "hb-log-import" });
    p.appendChild(el("label", { for: id }, this.t.import));
    p.appendChild(document.createTextNode(" "));
    var input = el("input", { type: "file", id: id, accept: ".json,application/json" });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () { self.importText(String(reader.result)); };
      reader.readAsText(file);
    });
    p.appendChild(input);
    this.view.appendChild(p);
  };
  Log.prototype.importText = function (text) {
    var log = null;
    try { log = JSON.parse(text); } catch (e) { log = null; }
    var problem = looksLikeLog(log);
    if (problem) {
      this.say(fill(this.t.import_failed, { reason: problem }));
      var msg = this.view.querySelector(".hb-log-message") || el("p", { className: "hb-log-message", role: "alert" });
      msg.textContent = fill(this.t.import_failed, { reason: problem });
      this.view.insertBefore(msg, this.view.firstChild);
      return;
    }
    delete log.exported_at;
    this.logs[log.id] = log;
    this.save();
    this.say(fill(this.t.import_done, { title: (log.trigger && log.trigger.name) || log.playbook.title }));
    location.hash = "incident=" + log.id;
  };

  /* --- starting a log --- */
  Log.prototype.loadPlaybook = function (id, done) {
    var store = window[this.data.global] || {};
    if (store[id]) return done(store[id]);
    var script = document.createElement("script");
    script.src = this.data.data_url + id + ".js";
    var self = this;
    script.onload = function () { done((window[self.data.global] || {})[id] || null); };
    script.onerror = function () { done(null); };
    document.head.appendChild(script);
  };
  Log.prototype.field = function (form, label, control, hint) {
    var id = Handbook.uid("log-field");
    control.id = id;
    var p = el("p", { className: "hb-log-field" });
    p.appendChild(el("label", { for: id }, label));
    p.appendChild(control);
    if (hint) p.appendChild(el("span", { className: "hb-log-hint" }, hint));
    form.appendChild(p);
    return control;
  };
  Log.prototype.select = function (options, value) {
    var s = el("select");
    options.forEach(function (o) {
      var opt = el("option", { value: o[0] }, o[1]);
      if (o[0] === value) opt.selected = true;
      s.appendChild(opt);
    });
    return s;
  };
  Log.prototype.startForm = function (playbookId, triggerId) {
    var self = this;
    var t = this.t;
    this.loadPlaybook(playbookId, function (plan) {
      if (!plan) { self.home(t.no_playbook); return; }
      self.view.appendChild(self.heading(2, t.start_heading));
      var pbLine = el("p");
      pbLine.appendChild(Handbook.link(plan.playbook.url, plan.playbook.title));
      self.view.appendChild(pbLine);
      var form = el("form", { className: "hb-log-start-form" });
      var trigger = plan.triggers.filter(function (x) { return x.id === triggerId; })[0] || plan.triggers[0];
      var triggerSel = self.field(form, t.trigger, self.select(plan.triggers.map(function (x) { return [x.id, x.name]; }), trigger.id));
      var sevSel = self.field(form, t.severity, self.select(self.data.severities.map(function (s) {
        return [s.id, s.label + " " + s.name]; }), trigger.severity));
      var pathSel = self.field(form, t.pathway, self.select(plan.pathways.map(function (p) { return [p.id, p.name]; }), trigger.pathway));
      triggerSel.addEventListener("change", function () {
        var x = plan.triggers.filter(function (y) { return y.id === triggerSel.value; })[0];
        if (x) { sevSel.value = x.severity; pathSel.value = x.pathway; }
      });
      var fs = el("fieldset", { className: "hb-log-aware" });
      fs.appendChild(el("legend", null, t.aware));
      var name = Handbook.uid("log-aware");
      var nowId = Handbook.uid("log-now");
      var earlierId = Handbook.uid("log-earlier");
      var now = el("input", { type: "radio", name: name, value: "now", id: nowId, checked: true });
      var earlier = el("input", { type: "radio", name: name, value: "earlier", id: earlierId });
      var atId = Handbook.uid("log-at");
      var at = el("input", { type: "datetime-local", id: atId, step: "60", "aria-label": t.aware });
      var d = new Date(self.now());
      at.value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
      at.addEventListener("input", function () { earlier.checked = true; });
      [[now, nowId, t.aware_now], [earlier, earlierId, t.aware_earlier]].forEach(function (r) {
        var p = el("p", { className: "hb-log-radio" });
        p.appendChild(r[0]);
        p.appendChild(el("label", { for: r[1] }, r[2]));
        if (r[0] === earlier) { p.appendChild(document.createTextNode(" ")); p.appendChild(at); }
        fs.appendChild(p);
      });
      fs.appendChild(el("p", { className: "hb-log-hint" }, t.aware_hint));
      form.appendChild(fs);
      form.appendChild(el("button", { type: "submit", className: "hb-log-button hb-log-primary" }, t.start_button));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var started = self.now();
        var aware = started;
        if (earlier.checked) {
          var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(at.value);
          if (m) aware = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]).getTime();
        }
        var log = self.create(plan, triggerSel.value, sevSel.value, pathSel.value, aware, started);
        self.logs[log.id] = log;
        self.save();
        location.hash = "incident=" + log.id;
      });
      self.view.appendChild(form);
      self.view.appendChild(el("p", { className: "hb-log-kept" }, t.kept_here));
      triggerSel.focus();
    });
  };
  /* incident_log/plan.py's incident_plan, on the same data. */
  Log.prototype.create = function (plan, triggerId, severityId, pathwayId, aware, started) {
    var severities = {};
    this.data.severities.forEach(function (s) { severities[s.id] = { id: s.id, label: s.label, name: s.name }; });
    var sev = this.data.severities.filter(function (s) { return s.id === severityId; })[0] || this.data.severities[0];
    var pathway = plan.pathways.filter(function (p) { return p.id === pathwayId; })[0] || plan.pathways[0];
    var trigger = plan.triggers.filter(function (x) { return x.id === triggerId; })[0];
    var deadlines = [sev.respond].concat(pathway.deadlines, plan.obligation_deadlines)
      .map(function (d, n) { return { d: d, n: n }; })
      .sort(function (a, b) { return a.d.minutes - b.d.minutes || a.n - b.n; })
      .map(function (x) { return x.d; });
    var contacts = {};
    pathway.steps.forEach(function (s) {
      s.contacts.forEach(function (c) {
        var v = plan.contacts[c];
        if (v) contacts[c] = { id: c, name: v.name, phone: v.phone, tel: v.tel, email: v.email,
          mailto: v.mailto, chat: v.chat, chat_url: v.chat_url };
      });
    });
    return {
      format: FORMAT, version: VERSION, id: newId("inc-", started),
      handbook: this.data.handbook,
      playbook: { id: plan.playbook.id, title: plan.playbook.title, url: plan.playbook.url },
      trigger: trigger ? { id: trigger.id, name: trigger.name } : null,
      severity: severities[sev.id], severities: severities,
      aware_at: stampOf(aware), started_at: stampOf(started), closed_at: null,
      plan: { pathway: { id: pathway.id, name: pathway.name }, steps: pathway.steps,
        deadlines: deadlines, obligations: plan.obligations, communications: plan.communications },
      contacts: contacts, events: [],
    };
  };

  /* --- one log --- */
  Log.prototype.record = function (log, event) {
    var now = this.now();
    event.id = newId("e", now);
    event.at = event.at || stampOf(now);
    event.recorded_at = stampOf(now);
    log.events.push(event);
    if (event.kind === "closed") log.closed_at = event.at;
    this.save();
    this.say(fill(this.t.recorded, { what: line(log, event, this.texts),
      time: dayTime(msOf(event.at), offsetOf(log.aware_at)).slice(11) }));
    this.redraw(log);
  };
  Log.prototype.redraw = function (log) {
    var focused = document.activeElement && this.view.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-key") : null;
    this.ticking = [];
    this.view.textContent = "";
    this.show(log);
    if (focused) {
      var again = this.view.querySelector('[data-key="' + focused + '"]');
      if (again) again.focus();
    }
  };
  Log.prototype.show = function (log) {
    var self = this;
    var t = this.t;
    var head = el("div", { className: "hb-log-head" });
    head.appendChild(this.heading(2, (log.trigger && log.trigger.name) || log.playbook.title, "hb-log-title"));
    var meta = el("p", { className: "hb-log-meta" });
    meta.appendChild(Handbook.severityBadge(this.currentSeverity(log)));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(Handbook.link(log.playbook.url, log.playbook.title));
    meta.appendChild(document.createTextNode(" · " + log.plan.pathway.name));
    head.appendChild(meta);
    var elapsed = el("p", { className: "hb-log-elapsed" });
    head.appendChild(elapsed);
    head.appendChild(this.awareLine(log));
    var aware = msOf(log.aware_at);
    this.ticking.push(function (now) {
      var end = log.closed_at ? msOf(log.closed_at) : now;
      elapsed.textContent = fill(t.elapsed, { span: self.texts.span(wholeMinutes(aware, end)) }) +
        (log.closed_at ? " · " + fill(t.closed_at, { time: self.texts.when(end, now) }) : "");
    });
    this.view.appendChild(head);
    this.deadlines(log);
    this.steps(log);
    this.messages(log);
    this.controls(log);
    this.timeline(log);
    this.exports(log);
    var others = el("p", { className: "hb-log-others" });
    others.appendChild(el("a", { href: "#" }, t.open_logs));
    this.view.appendChild(others);
    this.view.appendChild(el("p", { className: "hb-log-kept" }, t.kept_here));
    this.tick();
  };
  /* "We became aware at 14:05 · Change": the clocks start there, so it can be corrected. */
  Log.prototype.awareLine = function (log) {
    var self = this;
    var t = this.t;
    var p = el("p", { className: "hb-log-aware-at" });
    p.appendChild(document.createTextNode(t.aware + " " + dayTime(msOf(log.aware_at), offsetOf(log.aware_at)) + " "));
    p.appendChild(this.button(t.edit, function () {
      p.textContent = "";
      var form = el("form", { className: "hb-log-edit" });
      var input = el("input", { type: "datetime-local", step: "60" });
      input.value = stampOf(msOf(log.aware_at)).slice(0, 16);
      self.field(form, t.aware, input);
      form.appendChild(el("button", { type: "submit", className: "hb-log-button hb-log-primary", "data-key": "aware-save" }, t.save));
      form.appendChild(self.button(t.cancel, function () { self.redraw(log); }, "aware-cancel"));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(input.value);
        if (m) log.aware_at = stampOf(new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]).getTime());
        self.save();
        self.redraw(log);
      });
      p.appendChild(form);
      input.focus();
    }, "aware-edit", "hb-log-small"));
    return p;
  };
  Log.prototype.currentSeverity = function (log) {
    var changes = (log.events || []).filter(function (e) { return e.kind === "severity_changed" && e.severity; });
    changes = ordered(changes);
    var id = changes.length ? changes[changes.length - 1].severity : log.severity.id;
    return (log.severities || {})[id] || log.severity;
  };
  /* A deadline's state now: met/missed once done; due, due soon, overdue while it runs. */
  Log.prototype.state = function (log, d, now) {
    var events = ordered(log.events);
    var aware = msOf(log.aware_at);
    var closed = log.closed_at ? msOf(log.closed_at) : null;
    var o = judge(d, aware, closed !== null ? closed : now, closed, events);
    if (closed === null && (o.status === "open" || o.status === "skipped" || o.status === "not_recorded")) {
      o.status = now < o.due - d.warn_minutes * 60000 ? "pending" : now < o.due ? "soon" : "overdue";
    }
    return o;
  };
  Log.prototype.countdown = function (log, d, node, badge) {
    var self = this;
    var t = this.t;
    this.ticking.push(function (now) {
      var o = self.state(log, d, now);
      var text;
      if (o.status === "met" || o.status === "missed") {
        text = fill(t.met_at, { time: self.texts.when(o.at, now) });
      } else if (o.status === "pending" || o.status === "soon") {
        // a countdown rounds up: with 4 min 59 s left, 5 min are left to act
        text = fill(t.due_in, { span: self.texts.span(Math.ceil((o.due - now) / 60000)), day_time: self.texts.when(o.due, now) });
      } else if (o.status === "overdue") {
        text = fill(t.overdue_by, { span: self.texts.span(wholeMinutes(o.due, now)), day_time: self.texts.when(o.due, now) });
      } else {
        text = fill(self.data.text.verdicts[o.status] || "", { delta: "", at: "" });
      }
      node.textContent = text;
      badge.textContent = self.data.text.statuses[o.status] || o.status;
      var item = node.closest("[data-status]");
      if (item && item.getAttribute("data-status") !== o.status) item.setAttribute("data-status", o.status);
    });
  };
  Log.prototype.deadlineItem = function (log, d, tag) {
    var li = el(tag || "li", { className: "hb-log-deadline", "data-status": "pending", "data-deadline": d.id });
    li.appendChild(el("span", { className: "hb-log-label" }, d.label));
    li.appendChild(document.createTextNode(" "));
    var badge = el("span", { className: "hb-log-status" });
    li.appendChild(badge);
    li.appendChild(document.createTextNode(" "));
    var due = el("span", { className: "hb-log-due" });
    li.appendChild(due);
    this.countdown(log, d, due, badge);
    return li;
  };
  Log.prototype.deadlines = function (log) {
    var self = this;
    var section = el("section", { className: "hb-log-section", "aria-label": this.t.deadlines });
    section.appendChild(this.heading(3, this.t.deadlines));
    var ol = el("ol", { className: "hb-log-deadlines" });
    log.plan.deadlines.forEach(function (d) {
      var li = self.deadlineItem(log, d);
      if (d.kind === "obligation" || d.kind === "clock") {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(self.button(self.data.text.events.regulator_notified.button, function () {
          self.record(log, { kind: "regulator_notified", obligation: d.obligation });
        }, "notify-" + d.id));
      }
      ol.appendChild(li);
    });
    section.appendChild(ol);
    this.view.appendChild(section);
  };
  Log.prototype.steps = function (log) {
    var self = this;
    var t = this.t;
    var ev = this.data.text.events;
    var section = el("section", { className: "hb-log-section", "aria-label": t.steps });
    section.appendChild(this.heading(3, t.steps));
    var ol = el("ol", { className: "hb-log-steps" });
    log.plan.steps.forEach(function (step, index) {
      var li = el("li", { className: "hb-log-step" });
      var when = step.after ? fill(t.after, { after: step.after }) : t.at_once;
      li.appendChild(self.heading(4, fill(t.step, { step: step.step }) + " · " + when +
        (step.acknowledge_within ? " · " + fill(t.ack, { within: step.acknowledge_within }) : ""), "hb-log-step-title"));
      var own = log.plan.deadlines.filter(function (d) { return d.step === step.step && (d.kind === "step" || d.kind === "acknowledge"); });
      if (own.length) {
        var dl = el("ul", { className: "hb-log-step-deadlines" });
        own.forEach(function (d) { dl.appendChild(self.deadlineItem(log, d)); });
        li.appendChild(dl);
      }
      var contacts = el("ul", { className: "hb-log-contacts" });
      step.contacts.forEach(function (cid) {
        var c = (log.contacts || {})[cid] || { id: cid, name: cid };
        var item = el("li", { className: "hb-log-contact" });
        item.appendChild(el("strong", { className: "hb-log-contact-name" }, c.name));
        var ways = el("span", { className: "hb-log-ways" });
        var tel = Handbook.safeHref(c.tel);
        if (tel && /^tel:/i.test(tel)) ways.appendChild(el("a", { href: tel, className: "hb-log-way hb-log-tel" }, t.call + " " + str(c.phone)));
        var mail = Handbook.safeHref(c.mailto);
        if (mail && /^mailto:/i.test(mail)) ways.appendChild(el("a", { href: mail, className: "hb-log-way" }, t.mail));
        if (c.chat_url && Handbook.safeHref(c.chat_url)) ways.appendChild(Handbook.link(c.chat_url, t.chat + " " + str(c.chat), "hb-log-way"));
        else if (c.chat) ways.appendChild(el("span", { className: "hb-log-way" }, t.chat + " " + str(c.chat)));
        item.appendChild(ways);
        var acts = el("span", { className: "hb-log-acts", role: "group", "aria-label": c.name });
        ATTEMPTS.forEach(function (kind) {
          acts.appendChild(self.button(ev[kind].button, function () {
            self.record(log, { kind: kind, step: step.step, contact: cid });
          }, kind + "-" + step.step + "-" + cid));
        });
        item.appendChild(acts);
        contacts.appendChild(item);
      });
      li.appendChild(contacts);
      var next = log.plan.steps[index + 1];
      if (next) {
        li.appendChild(self.button(fill(ev.escalated.button, { step: next.step }), function () {
          self.record(log, { kind: "escalated", step: next.step });
        }, "escalate-" + next.step, "hb-log-escalate"));
      }
      ol.appendChild(li);
    });
    section.appendChild(ol);
    this.view.appendChild(section);
  };
  Log.prototype.templateValues = function (log) {
    var now = this.now();
    var next = new Date(now + this.data.text.next_update_minutes * 60000);
    var known = { severity: this.currentSeverity(log).label, trigger: (log.trigger && log.trigger.name) || log.playbook.title,
      next_update: pad(next.getHours()) + ":" + pad(next.getMinutes()) };
    var fields = this.data.text.template_fields;
    var values = {};
    Object.keys(fields).forEach(function (field) { values[field] = known[fields[field]]; });
    return values;
  };
  Log.prototype.messages = function (log) {
    var self = this;
    var t = this.t;
    var list = log.plan.communications || [];
    if (!list.length) return;
    var section = el("section", { className: "hb-log-section", "aria-label": t.messages });
    section.appendChild(this.heading(3, t.messages));
    section.appendChild(el("p", { className: "hb-log-hint" }, t.fill_template));
    list.forEach(function (m) {
      var box = el("div", { className: "hb-log-message-box" });
      box.appendChild(self.heading(4, m.when));
      box.appendChild(el("p", null, fill(t.message_for, { audience: m.audience, channel: m.channel })));
      var area = null;
      if (m.template) {
        area = el("textarea", { rows: 6, className: "hb-log-template", "aria-label": m.when });
        area.value = fill(m.template, self.templateValues(log));
        box.appendChild(area);
        box.appendChild(self.button(t.copy, function () { self.copy(area.value); }, "copy-" + m.id));
      }
      box.appendChild(self.button(self.data.text.events.message_sent.button, function () {
        self.record(log, { kind: "message_sent", communication: m.id, text: area ? area.value : null });
      }, "sent-" + m.id));
      section.appendChild(box);
    });
    this.view.appendChild(section);
  };
  Log.prototype.controls = function (log) {
    var self = this;
    var t = this.t;
    var ev = this.data.text.events;
    var section = el("section", { className: "hb-log-section", "aria-label": t.record });
    section.appendChild(this.heading(3, t.record));
    var noteId = Handbook.uid("log-note");
    var p = el("p", { className: "hb-log-field" });
    p.appendChild(el("label", { for: noteId }, t.note_label));
    var note = el("textarea", { id: noteId, rows: 2 });
    p.appendChild(note);
    p.appendChild(this.button(ev.note.button, function () {
      if (!note.value.trim()) { note.focus(); return; }
      self.record(log, { kind: "note", text: note.value.trim() });
    }, "note"));
    section.appendChild(p);
    var sevP = el("p", { className: "hb-log-field" });
    var sevSel = this.select(this.data.severities.map(function (s) { return [s.id, s.label + " " + s.name]; }), this.currentSeverity(log).id);
    var sevId = Handbook.uid("log-sev");
    sevSel.id = sevId;
    sevP.appendChild(el("label", { for: sevId }, t.severity));
    sevP.appendChild(sevSel);
    sevP.appendChild(this.button(ev.severity_changed.button, function () {
      if (sevSel.value !== self.currentSeverity(log).id) self.record(log, { kind: "severity_changed", severity: sevSel.value });
    }, "severity"));
    section.appendChild(sevP);
    if (!log.closed_at) {
      var closeP = el("p", { className: "hb-log-close" });
      closeP.appendChild(this.button(ev.closed.button, function () {
        closeP.textContent = "";
        closeP.appendChild(el("span", { className: "hb-log-confirm", role: "alert" }, t.close_confirm + " "));
        var yes = self.button(ev.closed.button, function () { self.record(log, { kind: "closed" }); }, "close-yes", "hb-log-primary");
        closeP.appendChild(yes);
        closeP.appendChild(self.button(t.cancel, function () { self.redraw(log); }, "close-no"));
        yes.focus();
      }, "close"));
      section.appendChild(closeP);
    }
    this.view.appendChild(section);
  };
  Log.prototype.timeline = function (log) {
    var self = this;
    var t = this.t;
    var section = el("section", { className: "hb-log-section", "aria-label": t.timeline });
    section.appendChild(this.heading(3, t.timeline));
    var s = summarise(log, this.texts);
    var ol = el("ol", { className: "hb-log-timeline" });
    s.timeline.forEach(function (x) {
      var li = el("li", { className: "hb-log-entry" });
      li.appendChild(el("span", { className: "hb-log-time" }, dayTime(x.ms, s.off).slice(11)));
      li.appendChild(el("span", { className: "hb-log-since" }, (x.ms >= s.aware ? "+" : "") + self.texts.elapsed(wholeMinutes(s.aware, x.ms))));
      li.appendChild(el("span", { className: "hb-log-what" }, x.text));
      if (x.e) {
        li.appendChild(self.button(t.edit, function () { self.editEvent(log, x.e, li); }, "edit-" + x.e.id, "hb-log-small"));
      }
      ol.appendChild(li);
    });
    section.appendChild(ol);
    this.view.appendChild(section);
  };
  Log.prototype.editEvent = function (log, event, li) {
    var self = this;
    var t = this.t;
    li.textContent = "";
    var form = el("form", { className: "hb-log-edit" });
    var d = new Date(msOf(event.at));
    var time = el("input", { type: "datetime-local", step: "1" });
    time.value = stampOf(d.getTime()).slice(0, 19);
    this.field(form, t.time_label, time);
    var text = el("textarea", { rows: 2 });
    text.value = str(event.text);
    this.field(form, t.text_label, text);
    form.appendChild(el("button", { type: "submit", className: "hb-log-button hb-log-primary" }, t.save));
    form.appendChild(this.button(t.cancel, function () { self.redraw(log); }));
    form.appendChild(this.button(t.delete, function () {
      log.events = log.events.filter(function (e) { return e !== event; });
      if (event.kind === "closed") log.closed_at = null;
      self.save();
      self.redraw(log);
    }));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?/.exec(time.value);
      if (m) event.at = stampOf(new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0)).getTime());
      event.text = text.value.trim() || null;
      event.edited_at = stampOf(self.now());
      if (event.kind === "closed") log.closed_at = event.at;
      self.save();
      self.redraw(log);
    });
    li.appendChild(form);
    time.focus();
  };
  Log.prototype.exported = function (log) {
    var copy = JSON.parse(JSON.stringify(log));
    copy.exported_at = stampOf(this.now());
    return copy;
  };
  Log.prototype.exports = function (log) {
    var self = this;
    var t = this.t;
    var section = el("section", { className: "hb-log-section", "aria-label": t.export });
    section.appendChild(this.heading(3, t.export));
    var base = "incident-" + dayTime(msOf(log.aware_at), offsetOf(log.aware_at)).replace(/[^0-9]/g, "").slice(0, 12) + "-" + log.playbook.id;
    [["markdown", t.export_markdown, "md", "text/markdown", function (l) { return report(l, self.texts); }],
      ["json", t.export_json, "json", "application/json", function (l) { return JSON.stringify(l, null, 2) + "\n"; }]
    ].forEach(function (kind) {
      var p = el("p", { className: "hb-log-export" });
      p.appendChild(el("span", { className: "hb-log-label" }, kind[1] + " "));
      p.appendChild(self.button(t.copy, function () { self.copy(kind[4](self.exported(log))); }, "copy-" + kind[0]));
      p.appendChild(self.button(t.download, function () {
        self.download(base + "." + kind[2], kind[3], kind[4](self.exported(log)));
      }, "download-" + kind[0]));
      section.appendChild(p);
    });
    this.view.appendChild(section);
    this.importBox();
  };
  Log.prototype.copy = function (text) {
    var self = this;
    var fallback = function () {
      var area = el("textarea", { className: "hb-sr-only", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      self.say(ok ? self.t.copied : self.t.copy_failed);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { self.say(self.t.copied); }, fallback);
    } else {
      fallback();
    }
  };
  Log.prototype.download = function (name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  };
  Log.prototype.tick = function () {
    var now = this.now();
    this.ticking.forEach(function (f) { f(now); });
  };

  function initLog(root) {
    var data = Handbook.readData(root, "hb-log-", root.getAttribute("data-log"), function (d) {
      return d && d.text && Array.isArray(d.severities);
    });
    if (!data) return;
    root.setAttribute("data-hb-ready", "");
    Handbook.hideStatic(root);
    var log = new Log(root, data);
    var onHash = function () {
      if (!document.body.contains(root)) { window.removeEventListener("hashchange", onHash); return; }
      log.logs = loadAll();
      log.route();
    };
    window.addEventListener("hashchange", onHash);
    var timer = window.setInterval(function () {
      if (!document.body.contains(root)) { window.clearInterval(timer); return; }
      log.tick();
    }, 1000);
    log.route();
  }

  /* "Start incident log" on the finder's and the questions' cards: `{url, label}` from the
   * render stage (render/incident_log.py start_link). */
  Handbook.logStartLink = function (start) {
    if (!start || !Handbook.safeHref(start.url)) return null;
    return el("a", { href: Handbook.safeHref(start.url), className: "hb-log-start" }, str(start.label));
  };
  /* For the tests: the record the page exports, from a log (as `handbook log summary`). */
  Handbook.logReport = function (log, data) { return report(log, new Texts(data)); };

  Handbook.register("incident-log", ".hb-log[data-log]", initLog);
})(window.Handbook);
