/* Incident finder: "What is happening?" on the home page. Results appear as you type, each a
 * card with the trigger, its severity and the pathway's first contacts to call in one tap.
 *
 * The ranking is not here: finder-engine.js (MiniSearch + rank.js, the same code that
 * `handbook search` runs) and finder-index.js (the handbook's triggers) load as scripts when
 * the reader first focuses, taps or types in the box (scripts load from file:// too). Every sentence comes from the page's
 * JSON (`text`, written in escalation_handbook/render/finder.py). Without JavaScript the
 * static list of triggers by severity stays.
 */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var safeHref = Handbook.safeHref;

  var loads = {}; // script URL → {done, failed, waiting: [callbacks]}

  function loadScript(url, callback) {
    var absolute = new URL(url, document.baseURI).href;
    var state = loads[absolute];
    if (!state) {
      state = loads[absolute] = { done: false, failed: false, waiting: [] };
      var script = document.createElement("script");
      script.src = absolute;
      script.async = true;
      script.onload = function () { finish(state, false); };
      script.onerror = function () { finish(state, true); };
      document.head.appendChild(script);
    }
    if (state.done) {
      callback(state.failed);
    } else {
      state.waiting.push(callback);
    }
  }

  function finish(state, failed) {
    state.done = true;
    state.failed = failed;
    state.waiting.splice(0).forEach(function (callback) { callback(failed); });
  }

  function fill(template, values) {
    return str(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? str(values[key]) : whole;
    });
  }

  function Finder(container, data) {
    this.container = container;
    this.data = data;
    this.text = data.text || {};
    this.level = Handbook.headingLevel(container, 3);
    this.engine = null;
    this.failed = false;
    this.build();
    this.loadOnFirstUse();
  }

  /* The engine and the index (the whole handbook's triggers: large for a large handbook)
     load when the reader first reaches for the box, not with the page. */
  Finder.prototype.loadOnFirstUse = function () {
    var self = this;
    var events = ["focus", "pointerdown", "keydown", "input"];
    function start() {
      events.forEach(function (name) { self.input.removeEventListener(name, start); });
      self.load();
    }
    events.forEach(function (name) { self.input.addEventListener(name, start); });
  };

  Finder.prototype.build = function () {
    var self = this;
    var container = this.container;
    this.form = container.querySelector(".hb-finder-form");
    this.input = container.querySelector(".hb-finder-input");
    var fallback = container.querySelector(".hb-finder-static");
    if (fallback) fallback.hidden = true;
    this.form.hidden = false;
    this.status = Handbook.liveRegion();
    this.results = el("div", { className: "hb-finder-results", id: Handbook.uid("finder-results") });
    this.input.setAttribute("aria-controls", this.results.id);
    this.form.appendChild(this.status);
    container.insertBefore(this.results, this.form.nextSibling);
    this.input.addEventListener("input", function () {
      self.update();
      self.lift();
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = self.results.querySelector("a.hb-finder-call, a");
      if (first) first.focus();
    });
    if (document.activeElement === document.body && !location.hash) {
      this.input.focus({ preventScroll: true });
    }
  };

  /* Bring the box to the top of the screen once results show, so the first cards' Call
     buttons fit above a phone's keyboard without the reader scrolling. */
  Finder.prototype.lift = function () {
    if (!this.input.value.trim() || this.lifted) return;
    var top = this.form.getBoundingClientRect().top;
    var header = document.querySelector(".md-header");
    var below = header ? header.getBoundingClientRect().bottom : 0;
    if (top > below + 16) {
      this.lifted = true;
      window.scrollBy({ top: top - below - 8, behavior: "instant" });
    }
  };

  Finder.prototype.load = function () {
    var self = this;
    var container = this.container;
    var name = str(this.data.index_global);
    loadScript(container.getAttribute("data-engine"), function (failed) {
      if (failed) return self.fail();
      loadScript(container.getAttribute("data-index"), function (failedIndex) {
        var index = window[name];
        if (failedIndex || !index || !window.HandbookFinder) return self.fail();
        try {
          // one engine per index, kept across instant navigation back to the home page
          self.engine = index.__engine || (index.__engine = window.HandbookFinder.create(index));
          self.index = index;
          self.docs = {};
          (index.docs || []).forEach(function (d) { self.docs[d.id] = d; });
        } catch (e) {
          return self.fail();
        }
        self.update();
      });
    });
  };

  Finder.prototype.fail = function () {
    this.failed = true;
    this.update();
  };

  Finder.prototype.update = function () {
    var query = this.input.value;
    var results = this.results;
    results.textContent = "";
    if (!query.trim()) {
      this.status.textContent = "";
      return;
    }
    if (this.failed) {
      results.appendChild(el("p", { className: "hb-finder-note" }, this.text.failed));
      this.noMatch(results, false);
      return;
    }
    if (!this.engine) {
      results.appendChild(el("p", { className: "hb-finder-note" }, this.text.loading));
      return;
    }
    var self = this;
    var hits = this.engine.search(query).filter(function (h) { return self.docs[h.id]; });
    Handbook.announce(this.status, hits.length === 1 ? this.text.count_one
      : fill(this.text.count_many, { n: hits.length }));
    if (!hits.length) {
      results.appendChild(el("p", { className: "hb-finder-none" }, fill(this.text.none, { query: query.trim() })));
      this.noMatch(results, true);
      return;
    }
    var shown = Math.max(1, parseInt(this.data.shown, 10) || 3);
    var list = el("ol", { className: "hb-finder-cards" });
    hits.forEach(function (hit, i) {
      var item = self.card(self.docs[hit.id]);
      if (i >= shown) item.hidden = true;
      list.appendChild(item);
    });
    results.appendChild(list);
    if (hits.length > shown) {
      var more = el("button", { type: "button", className: "hb-finder-more md-button" },
        fill(this.text.more, { n: hits.length - shown }));
      more.addEventListener("click", function () {
        var hidden = list.querySelectorAll("li.hb-finder-card[hidden]");
        Array.prototype.forEach.call(hidden, function (li) { li.hidden = false; });
        more.remove();
        var next = hidden[0] && hidden[0].querySelector("a");
        if (next) next.focus();
      });
      results.appendChild(more);
    }
  };

  Finder.prototype.noMatch = function (results, offerWords) {
    var help = el("div", { className: "hb-finder-help" });
    if (offerWords) help.appendChild(el("p", null, this.text.none_help));
    if (this.data.triage && safeHref(this.data.triage)) {
      var p = el("p");
      p.appendChild(Handbook.link(this.data.triage, this.text.triage, "hb-finder-triage md-button"));
      help.appendChild(p);
    }
    var calls = el("ul", { className: "hb-finder-calls" });
    var self = this;
    (this.data.emergency || []).forEach(function (c) { calls.appendChild(self.contact(c)); });
    help.appendChild(calls);
    results.appendChild(help);
  };

  Finder.prototype.card = function (doc) {
    var index = this.index;
    var severity = (index.severities || {})[doc.severity] || {};
    var li = el("li", { className: "hb-finder-card" });
    var meta = el("p", { className: "hb-finder-meta" });
    meta.appendChild(Handbook.severityBadge(severity));
    meta.appendChild(document.createTextNode(" " + fill(this.text.respond, { time: severity.respond_within })));
    var title = el("h" + Math.min(this.level, 6), { className: "hb-finder-title" });
    title.appendChild(Handbook.link(doc.url, doc.name));
    li.appendChild(title);
    li.appendChild(meta);
    var calls = el("ul", { className: "hb-finder-calls" });
    var self = this;
    (doc.contacts_now || []).forEach(function (id) {
      var c = (index.contacts || {})[id];
      if (c) calls.appendChild(self.contact(c));
    });
    li.appendChild(calls);
    var foot = el("p", { className: "hb-finder-foot" });
    if (doc.acknowledge_within) {
      foot.appendChild(el("span", { className: "hb-finder-ack" },
        fill(this.text.acknowledge, { time: doc.acknowledge_within })));
      foot.appendChild(document.createTextNode(" "));
    }
    if (doc.pathway) {
      foot.appendChild(Handbook.link(doc.pathway.url, fill(this.text.pathway, { name: doc.pathway.name }), "hb-finder-pathway"));
    }
    var log = Handbook.logStartLink && this.data.log && Handbook.logStartLink({ label: this.data.log.label,
      url: str(this.data.log.url).replace("PLAYBOOK/TRIGGER", doc.playbook_id + "/" + doc.trigger) });
    if (log) foot.appendChild(document.createTextNode(" ")), foot.appendChild(log);
    li.appendChild(foot);
    return li;
  };

  /* One contact: a big Call button, then e-mail and chat (core.js, the same as the wizard's). */
  Finder.prototype.contact = function (c) {
    return Handbook.contactItem(c, this.text, "hb-finder", false);
  };

  function initFinder(container) {
    var id = container.getAttribute("data-finder");
    var data = Handbook.readData(container, "hb-finder-", id, function (d) { return !!d.text; });
    if (!data || !container.querySelector(".hb-finder-input")) return;
    container.setAttribute("data-hb-ready", "1");
    new Finder(container, data);
  }

  Handbook.register("finder", ".hb-finder[data-finder]", initFinder);
})(window.Handbook);
