/* Escalation Handbook browser widgets: decision trees, quizzes, quiz status, review banners.
 *
 * Plain ES2017, no dependencies. Data contract: see ARCHITECTURE.md, "Widget data".
 * Works with and without Material's instant navigation (window.document$).
 * Every widget is idempotent per element (data-hb-ready) and leaves the static, no-JS
 * content in place until its own data has been parsed successfully.
 */
(function () {
  "use strict";

  if (window.__handbookWidgetsLoaded) {
    return;
  }
  window.__handbookWidgetsLoaded = true;

  /* ------------------------------------------------------------------ helpers */

  var idCounter = 0;
  function uid(prefix) {
    idCounter += 1;
    return "hb-" + prefix + "-" + idCounter;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (key === "className") {
          node.className = value;
        } else {
          node.setAttribute(key, value === true ? "" : String(value));
        }
      });
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function str(value) {
    return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
  }

  /* Only http:, https:, tel:, mailto: or relative URLs; never javascript:, data:, … */
  function safeHref(value) {
    if (typeof value !== "string") {
      return null;
    }
    // Browsers strip ASCII tab/newline and leading/trailing C0 controls/space when parsing URLs.
    var cleaned = value.replace(/[\u0000-\u0020\u007f]/g, "");
    if (!cleaned) {
      return null;
    }
    var scheme = /^([a-z][a-z0-9+.\-]*):/i.exec(cleaned);
    if (scheme) {
      var name = scheme[1].toLowerCase();
      if (name !== "http" && name !== "https" && name !== "tel" && name !== "mailto") {
        return null;
      }
    }
    return value.trim();
  }

  /* A link if the URL is allowed, otherwise plain text. */
  function link(href, text, className) {
    var safe = safeHref(href);
    if (safe === null) {
      return el("span", { className: className }, text);
    }
    return el("a", { href: safe, className: className }, text);
  }

  function setHtml(node, html) {
    // Only for fields the render stage has sanitised (`*_html`, `actions`).
    node.innerHTML = str(html);
    return node;
  }

  function hideStatic(container) {
    Array.prototype.slice.call(container.childNodes).forEach(function (child) {
      if (child.nodeType === 1) {
        child.classList.add("hb-static-hidden");
      } else if (child.nodeType === 3 && child.textContent.trim()) {
        var wrap = el("span", { className: "hb-static-hidden" });
        container.insertBefore(wrap, child);
        wrap.appendChild(child);
      }
    });
  }

  function liveRegion() {
    return el("div", { className: "hb-sr-only hb-live", "aria-live": "polite", "aria-atomic": "true" });
  }

  function announce(region, message) {
    if (!region) {
      return;
    }
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 60);
  }

  function headingLevel(container, fallback) {
    var level = parseInt(container.getAttribute("data-heading-level"), 10);
    if (!(level >= 2 && level <= 5)) {
      level = fallback;
    }
    return level;
  }

  /* Find the JSON for a widget. Normally <script type="application/json" id="PREFIX-ID">.
   * Material's instant navigation re-creates inline <script>s without their attributes, so
   * fall back to the nearest following <script> sibling, then to any script whose JSON matches. */
  function readData(container, prefix, id, looksRight) {
    var candidates = [];
    var byId = document.getElementById(prefix + id);
    if (byId) {
      candidates.push(byId);
    }
    var sib = container.nextElementSibling;
    for (var i = 0; sib && i < 3; i += 1, sib = sib.nextElementSibling) {
      if (sib.tagName === "SCRIPT") {
        candidates.push(sib);
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll("script:not([src])"), function (s) {
      var type = (s.getAttribute("type") || "").toLowerCase();
      if (type === "" || type === "application/json") {
        candidates.push(s);
      }
    });
    for (var j = 0; j < candidates.length; j += 1) {
      var text = candidates[j].textContent || "";
      if (!/^\s*\{/.test(text)) {
        continue;
      }
      try {
        var data = JSON.parse(text);
        if (data && typeof data === "object" && str(data.id) === id && looksRight(data)) {
          return data;
        }
      } catch (e) {
        /* not ours */
      }
    }
    return null;
  }

  /* Today as a day number (days since 1970-01-01), local date; tests may fake it. */
  function parseDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(text).trim());
    if (!m) {
      return null;
    }
    var y = +m[1];
    var mo = +m[2];
    var d = +m[3];
    var t = Date.UTC(y, mo - 1, d);
    var check = new Date(t);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
      return null;
    }
    return Math.round(t / 86400000);
  }

  function todayIso() {
    var fake = window.__HANDBOOK_TODAY__;
    if (typeof fake === "string" && parseDay(fake) !== null) {
      return fake;
    }
    var now = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* ------------------------------------------------------------ URL hash state */

  var TREE_PREFIX = "tree-";

  function hashParts() {
    var raw = location.hash.replace(/^#/, "");
    if (!raw) {
      return [];
    }
    return raw.split("&").filter(function (p) {
      return p !== "";
    });
  }

  function isTreePart(part) {
    return part.indexOf(TREE_PREFIX) === 0 && part.indexOf("=") > 0;
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text;
    }
  }

  /* {found: bool, path: [int]} for one tree, plus whether the hash has any tree parts at all. */
  function readTreeHash(treeId) {
    var parts = hashParts();
    var anyTree = false;
    for (var i = 0; i < parts.length; i += 1) {
      if (!isTreePart(parts[i])) {
        continue;
      }
      anyTree = true;
      var eq = parts[i].indexOf("=");
      if (decode(parts[i].slice(TREE_PREFIX.length, eq)) === treeId) {
        var value = parts[i].slice(eq + 1);
        var path = value === "" ? [] : value.split(".").map(function (n) {
          return /^\d+$/.test(n) ? parseInt(n, 10) : -1;
        });
        return { found: true, anyTree: true, path: path };
      }
    }
    return { found: false, anyTree: anyTree, path: [] };
  }

  function treeHashUrl(treeId, path) {
    // Keep other trees' parts; drop plain anchors (they have done their job).
    var key = TREE_PREFIX + encodeURIComponent(treeId);
    var parts = hashParts().filter(function (p) {
      return isTreePart(p) && decode(p.slice(TREE_PREFIX.length, p.indexOf("="))) !== treeId;
    });
    if (path.length) {
      parts.push(key + "=" + path.join("."));
    }
    var base = location.pathname + location.search;
    return parts.length ? base + "#" + parts.join("&") : base;
  }

  /* --------------------------------------------------------------- tree widget */

  var trees = [];

  function severityClass(severity) {
    var rank = parseInt(severity && severity.rank, 10);
    if (!(rank >= 1)) {
      var m = /(\d+)/.exec(str(severity && (severity.label || severity.id)));
      rank = m ? parseInt(m[1], 10) : 4;
    }
    rank = Math.min(Math.max(rank, 1), 4);
    return "hb-sev hb-sev-" + rank;
  }

  function severityBadge(severity) {
    var text = str(severity.label) || str(severity.name) || str(severity.id);
    var badge = el("span", { className: severityClass(severity) }, text);
    if (severity.name && severity.label && severity.name !== severity.label) {
      badge.setAttribute("title", str(severity.name));
    }
    return badge;
  }

  function contactItem(contact) {
    var li = el("li", { className: "hb-contact" });
    var head = el("p", { className: "hb-contact-name" });
    head.appendChild(el("strong", null, str(contact.name) || str(contact.id)));
    if (contact.hours) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", { className: "hb-contact-hours" }, "(" + str(contact.hours) + ")"));
    }
    li.appendChild(head);
    var ways = el("ul", { className: "hb-contact-ways" });
    function addWay(node) {
      var item = el("li");
      item.appendChild(node);
      ways.appendChild(item);
    }
    if (contact.tel || contact.phone) {
      var tel = safeHref(contact.tel);
      if (tel && /^tel:/i.test(tel)) {
        addWay(el("a", { href: tel, className: "hb-contact-link hb-contact-tel" }, "Call " + (str(contact.phone) || tel.slice(4))));
      } else if (contact.phone) {
        addWay(el("span", { className: "hb-contact-text" }, "Phone " + str(contact.phone)));
      }
    }
    if (contact.mailto || contact.email) {
      var mail = safeHref(contact.mailto);
      if (mail && /^mailto:/i.test(mail)) {
        addWay(el("a", { href: mail, className: "hb-contact-link hb-contact-email" }, "Email " + (str(contact.email) || mail.slice(7))));
      } else if (contact.email) {
        addWay(el("span", { className: "hb-contact-text" }, "Email " + str(contact.email)));
      }
    }
    if (contact.chat || contact.chat_url) {
      var chatText = "Chat " + (str(contact.chat) || "channel");
      if (safeHref(contact.chat_url)) {
        addWay(link(contact.chat_url, chatText, "hb-contact-link hb-contact-chat"));
      } else {
        addWay(el("span", { className: "hb-contact-text hb-contact-chat" }, chatText));
      }
    }
    if (safeHref(contact.url)) {
      addWay(link(contact.url, "Open page", "hb-contact-link hb-contact-url"));
    }
    if (ways.childNodes.length) {
      li.appendChild(ways);
    }
    if (safeHref(contact.directory_url)) {
      var dir = el("p", { className: "hb-contact-dir" });
      dir.appendChild(link(contact.directory_url, "Directory entry for " + (str(contact.name) || str(contact.id))));
      li.appendChild(dir);
    }
    return li;
  }

  function Tree(container, data) {
    this.container = container;
    this.data = data;
    this.id = str(data.id);
    this.path = [];
    this.pathname = location.pathname;
    this.level = headingLevel(container, 3);
    this.build();
  }

  Tree.prototype.build = function () {
    var ui = el("div", { className: "hb-tree-ui hb-widget" });
    if (this.data.title) {
      ui.setAttribute("aria-label", "Decision tree: " + str(this.data.title));
      ui.setAttribute("role", "region");
    }
    this.trailWrap = el("div", { className: "hb-tree-trail-wrap" });
    var trailId = uid("trail");
    this.trailWrap.appendChild(el("p", { className: "hb-tree-trail-title", id: trailId }, "Your answers so far"));
    this.trail = el("ol", { className: "hb-tree-trail", "aria-labelledby": trailId });
    this.trailWrap.appendChild(this.trail);
    this.panel = el("div", { className: "hb-tree-panel" });
    var controls = el("div", { className: "hb-tree-controls" });
    this.backButton = el("button", { type: "button", className: "hb-button hb-tree-back" }, "Back");
    this.restartButton = el("button", { type: "button", className: "hb-button hb-tree-restart" }, "Start over");
    controls.appendChild(this.backButton);
    controls.appendChild(this.restartButton);
    this.live = liveRegion();
    ui.appendChild(this.trailWrap);
    ui.appendChild(this.panel);
    ui.appendChild(controls);
    ui.appendChild(this.live);

    var self = this;
    this.backButton.addEventListener("click", function () {
      if (self.path.length) {
        self.go(self.path.slice(0, -1));
      }
    });
    this.restartButton.addEventListener("click", function () {
      if (self.path.length) {
        self.go([]);
      }
    });

    hideStatic(this.container);
    this.container.appendChild(ui);
    this.container.classList.add("hb-js");

    var fromHash = readTreeHash(this.id);
    this.path = fromHash.path;
    this.render(false);
    if (fromHash.found && fromHash.path.length) {
      this.container.scrollIntoView({ block: "start" });
    }
  };

  /* Follow the path; returns steps [{node, answer}] and the final node or outcome. */
  Tree.prototype.walk = function (path) {
    var nodes = this.data.nodes || {};
    var current = nodes[this.data.start];
    var steps = [];
    var valid = [];
    for (var i = 0; i < path.length; i += 1) {
      var answers = (current && current.answers) || [];
      var answer = answers[path[i]];
      if (!answer) {
        break;
      }
      steps.push({ node: current, answer: answer });
      valid.push(path[i]);
      if (answer.outcome) {
        return { steps: steps, path: valid, outcome: answer.outcome };
      }
      current = nodes[answer.next];
      if (!current) {
        return { steps: steps, path: valid, outcome: { kind: "text", text: "This step is missing from the handbook." } };
      }
    }
    return { steps: steps, path: valid, node: current };
  };

  Tree.prototype.go = function (path) {
    var state = { x: window.scrollX, y: window.scrollY };
    try {
      history.pushState(state, "", treeHashUrl(this.id, path));
    } catch (e) {
      /* file:// in some browsers; the widget still works without URL state */
    }
    this.path = path;
    this.render(true);
  };

  Tree.prototype.syncFromHash = function () {
    var fromHash = readTreeHash(this.id);
    if (!fromHash.found && !fromHash.anyTree && location.hash.length > 1) {
      return; // a plain #anchor navigation: not about this tree
    }
    var walked = this.walk(fromHash.path);
    if (walked.path.join(".") === this.walk(this.path).path.join(".")) {
      return;
    }
    this.path = fromHash.path;
    this.render(true);
  };

  Tree.prototype.heading = function (text, className) {
    var h = el("h" + this.level, { className: className, tabindex: "-1" });
    if (text !== undefined) {
      h.textContent = text;
    }
    return h;
  };

  Tree.prototype.render = function (moveFocus) {
    var walked = this.walk(this.path);
    this.path = walked.path;
    var self = this;

    this.trail.textContent = "";
    walked.steps.forEach(function (step) {
      var li = el("li", { className: "hb-tree-trail-item" });
      li.appendChild(el("span", { className: "hb-tree-trail-q" }, str(step.node.question)));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("strong", { className: "hb-tree-trail-a" }, str(step.answer.answer)));
      self.trail.appendChild(li);
    });
    this.trailWrap.hidden = walked.steps.length === 0;
    this.backButton.disabled = walked.steps.length === 0;
    this.restartButton.disabled = walked.steps.length === 0;

    this.panel.textContent = "";
    var focusTarget;
    var message;
    if (walked.outcome) {
      var card = this.renderOutcome(walked.outcome);
      this.panel.appendChild(card);
      focusTarget = card.querySelector(".hb-outcome-title");
      message = focusTarget ? focusTarget.textContent : "Outcome";
    } else {
      var node = walked.node || {};
      var stepNo = walked.steps.length + 1;
      var h = this.heading(undefined, "hb-tree-question");
      h.id = uid("q");
      h.appendChild(el("span", { className: "hb-tree-stepno" }, "Question " + stepNo + ": "));
      h.appendChild(document.createTextNode(str(node.question)));
      this.panel.appendChild(h);
      var answers = el("div", { className: "hb-tree-answers", role: "group", "aria-labelledby": h.id });
      (node.answers || []).forEach(function (answer, index) {
        var button = el("button", { type: "button", className: "hb-button hb-tree-answer", "data-index": index }, str(answer.answer));
        button.addEventListener("click", function () {
          self.go(self.path.concat([index]));
        });
        answers.appendChild(button);
      });
      this.panel.appendChild(answers);
      focusTarget = h;
      message = "Question " + stepNo + ": " + str(node.question);
    }
    this.container.setAttribute("data-hb-path", this.path.join("."));
    if (moveFocus && focusTarget) {
      focusTarget.focus({ preventScroll: true });
      var rect = focusTarget.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) {
        focusTarget.scrollIntoView({ block: "center" });
      }
      announce(this.live, message);
    }
  };

  Tree.prototype.renderOutcome = function (outcome) {
    var kind = str(outcome.kind);
    var card = el("section", { className: "hb-outcome hb-outcome-" + (kind || "text") });
    var h;
    if (kind === "trigger") {
      var trigger = outcome.trigger || {};
      var severity = outcome.severity || {};
      h = this.heading(undefined, "hb-outcome-title");
      if (severity.label || severity.name || severity.id) {
        h.appendChild(severityBadge(severity));
        h.appendChild(document.createTextNode(" "));
      }
      h.appendChild(document.createTextNode(str(trigger.name) || str(trigger.id)));
      card.appendChild(h);
      if (severity.name || severity.respond_within) {
        var sev = el("p", { className: "hb-outcome-severity" });
        sev.appendChild(document.createTextNode("Severity: "));
        sev.appendChild(el("strong", null, str(severity.name) || str(severity.label)));
        if (severity.respond_within) {
          sev.appendChild(document.createTextNode(" — respond within " + str(severity.respond_within)));
        }
        card.appendChild(sev);
      }
      var contacts = Array.isArray(outcome.contacts_now) ? outcome.contacts_now : [];
      var sub = "h" + Math.min(this.level + 1, 6);
      if (contacts.length) {
        card.appendChild(el(sub, { className: "hb-outcome-sub" }, "Contact now"));
        var list = el("ul", { className: "hb-contacts" });
        contacts.forEach(function (c) {
          list.appendChild(contactItem(c || {}));
        });
        card.appendChild(list);
      }
      if (outcome.acknowledge_within) {
        var ack = el("p", { className: "hb-outcome-ack" });
        ack.appendChild(document.createTextNode("Acknowledge within "));
        ack.appendChild(el("strong", null, str(outcome.acknowledge_within)));
        card.appendChild(ack);
      }
      var actions = Array.isArray(outcome.actions) ? outcome.actions : [];
      if (actions.length) {
        card.appendChild(el(sub, { className: "hb-outcome-sub" }, "What to do"));
        var ol = el("ol", { className: "hb-outcome-actions" });
        actions.forEach(function (html) {
          ol.appendChild(setHtml(el("li"), html));
        });
        card.appendChild(ol);
      }
      var links = el("p", { className: "hb-outcome-links" });
      if (outcome.pathway && safeHref(outcome.pathway.url)) {
        links.appendChild(link(outcome.pathway.url, "Full pathway: " + (str(outcome.pathway.name) || str(outcome.pathway.id)), "hb-outcome-pathway"));
      }
      if (outcome.playbook && safeHref(outcome.playbook.url)) {
        if (links.childNodes.length) {
          links.appendChild(document.createTextNode(" · "));
        }
        links.appendChild(link(outcome.playbook.url, "Playbook: " + (str(outcome.playbook.title) || str(outcome.playbook.id)), "hb-outcome-playbook"));
      }
      if (links.childNodes.length) {
        card.appendChild(links);
      }
    } else if (kind === "playbook") {
      var pb = outcome.playbook || {};
      h = this.heading("Use the playbook: " + (str(pb.title) || str(pb.id)), "hb-outcome-title");
      card.appendChild(h);
      if (pb.summary_html) {
        card.appendChild(setHtml(el("div", { className: "hb-outcome-summary" }), pb.summary_html));
      } else if (pb.summary) {
        card.appendChild(el("p", { className: "hb-outcome-summary" }, str(pb.summary)));
      }
      var p = el("p", { className: "hb-outcome-links" });
      p.appendChild(link(pb.url, "Open the playbook: " + (str(pb.title) || str(pb.id)), "hb-outcome-playbook hb-button-link"));
      card.appendChild(p);
    } else {
      h = this.heading("Outcome", "hb-outcome-title");
      card.appendChild(h);
      if (outcome.text_html) {
        card.appendChild(setHtml(el("div", { className: "hb-outcome-body" }), outcome.text_html));
      } else {
        card.appendChild(el("p", { className: "hb-outcome-body" }, str(outcome.text)));
      }
      var see = outcome.see;
      if (see && (see.url || see.title)) {
        var seeP = el("p", { className: "hb-outcome-see" });
        seeP.appendChild(document.createTextNode("See: "));
        seeP.appendChild(link(see.url, str(see.title) || str(see.url)));
        card.appendChild(seeP);
      }
    }
    return card;
  };

  /* The page writes each outcome, pathway, playbook and contact once; answers and outcomes
     name them by key (see ARCHITECTURE.md). Expand them into the full shape the widget reads. */
  function expandTreeRefs(data) {
    var outcomes = data.outcomes || {};
    var pathways = data.pathways || {};
    var playbooks = data.playbooks || {};
    var contacts = data.contacts || {};
    var missing = { kind: "text", text: "This step is missing from the handbook." };
    Object.keys(outcomes).forEach(function (key) {
      var outcome = outcomes[key];
      if (!outcome || outcome.kind !== "trigger" || typeof outcome.pathway !== "string") return;
      var pathway = pathways[outcome.pathway] || {};
      outcome.pathway = { id: pathway.id, name: pathway.name, url: pathway.url };
      outcome.acknowledge_within = pathway.acknowledge_within;
      outcome.actions = pathway.actions || [];
      outcome.contacts_now = (pathway.contacts_now || []).map(function (id) {
        return contacts[id];
      }).filter(Boolean);
      if (typeof outcome.playbook === "string") outcome.playbook = playbooks[outcome.playbook];
    });
    Object.keys(data.nodes).forEach(function (nodeId) {
      (data.nodes[nodeId].answers || []).forEach(function (answer) {
        if (typeof answer.outcome === "string") answer.outcome = outcomes[answer.outcome] || missing;
      });
    });
  }

  function initTree(container) {
    var id = container.getAttribute("data-tree");
    var data = readData(container, "hb-tree-", id, function (d) {
      return d.nodes && typeof d.nodes === "object" && d.start !== undefined && d.nodes[d.start];
    });
    if (!data) {
      return;
    }
    container.setAttribute("data-hb-ready", "1");
    try {
      expandTreeRefs(data);
      trees.push(new Tree(container, data));
    } catch (e) {
      if (window.console) {
        console.warn("handbook: tree " + id + " failed", e);
      }
    }
  }

  function onLocationChange() {
    trees = trees.filter(function (t) {
      return t.container.isConnected;
    });
    trees.forEach(function (t) {
      if (t.pathname !== location.pathname) {
        return; // instant navigation to another page: the new page will initialise itself
      }
      t.syncFromHash();
    });
  }
  window.addEventListener("popstate", onLocationChange);
  window.addEventListener("hashchange", onLocationChange);

  /* --------------------------------------------------------------- quiz widget */

  function siteScope() {
    var base = ".";
    var config = document.querySelector("script#__config");
    if (config) {
      try {
        var parsed = JSON.parse(config.textContent);
        if (parsed && typeof parsed.base === "string") {
          base = parsed.base || ".";
        }
      } catch (e) {
        /* keep "." */
      }
    }
    try {
      return new URL(base, location.href).pathname;
    } catch (e) {
      return location.pathname;
    }
  }

  function storageKey(quizId) {
    return "handbook:quiz:" + siteScope() + ":" + quizId;
  }

  function loadProgress(quizId) {
    try {
      var raw = window.localStorage.getItem(storageKey(quizId));
      if (!raw) {
        return null;
      }
      var value = JSON.parse(raw);
      if (value && typeof value.best === "number") {
        return value;
      }
    } catch (e) {
      /* storage unavailable or corrupt */
    }
    return null;
  }

  function saveProgress(quizId, pct, passed) {
    var prev = loadProgress(quizId);
    var record = {
      best: prev ? Math.max(prev.best, pct) : pct,
      passed: Boolean((prev && prev.passed) || passed),
      last: pct,
      at: todayIso(),
    };
    try {
      window.localStorage.setItem(storageKey(quizId), JSON.stringify(record));
    } catch (e) {
      /* storage unavailable: progress just isn't kept */
    }
    return record;
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1));
      var tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  function Quiz(container, data) {
    this.container = container;
    this.data = data;
    this.id = str(data.id);
    this.questions = (data.questions || []).filter(function (q) {
      return q && Array.isArray(q.choices) && q.choices.length;
    });
    this.passMark = Number(data.pass_mark);
    if (!(this.passMark >= 0)) {
      this.passMark = 100;
    }
    this.build();
  }

  Quiz.prototype.build = function () {
    var self = this;
    var ui = el("div", { className: "hb-quiz-ui hb-widget" });
    var form = el("form", { className: "hb-quiz-form", novalidate: true });
    if (this.data.title) {
      form.setAttribute("aria-label", "Quiz: " + str(this.data.title));
    }
    form.appendChild(el("p", { className: "hb-quiz-intro" },
      this.questions.length + (this.questions.length === 1 ? " question" : " questions") + " · pass mark " + this.passMark + "%"));
    this.items = [];
    this.questions.forEach(function (q, qi) {
      var kind = str(q.kind) === "multiple" ? "multiple" : str(q.kind) === "truefalse" ? "truefalse" : "single";
      var fieldset = el("fieldset", { className: "hb-q hb-q-" + kind, "data-question": str(q.id) });
      var legend = el("legend", { className: "hb-q-legend" });
      legend.appendChild(el("span", { className: "hb-q-number" }, (qi + 1) + ". "));
      legend.appendChild(document.createTextNode(str(q.question)));
      fieldset.appendChild(legend);
      if (kind === "multiple") {
        var hintId = uid("hint");
        fieldset.appendChild(el("p", { className: "hb-q-hint", id: hintId }, "Select all that apply."));
        fieldset.setAttribute("aria-describedby", hintId);
      }
      var list = el("div", { className: "hb-choices" });
      var name = uid("q");
      var choiceEls = q.choices.map(function (c, ci) {
        var inputId = name + "-" + ci;
        var row = el("div", { className: "hb-choice", "data-choice": str(c.id) });
        var input = el("input", { type: kind === "multiple" ? "checkbox" : "radio", name: name, id: inputId, value: String(ci) });
        row.appendChild(input);
        row.appendChild(el("label", { for: inputId }, str(c.text)));
        list.appendChild(row);
        return { row: row, input: input, choice: c };
      });
      fieldset.appendChild(list);
      var feedback = el("div", { className: "hb-q-feedback" });
      feedback.hidden = true;
      fieldset.appendChild(feedback);
      form.appendChild(fieldset);
      self.items.push({ q: q, kind: kind, fieldset: fieldset, list: list, choices: choiceEls, feedback: feedback });
    });

    var actions = el("div", { className: "hb-quiz-actions" });
    this.submitButton = el("button", { type: "submit", className: "hb-button hb-button-primary hb-quiz-submit" }, "Submit answers");
    this.retryButton = el("button", { type: "button", className: "hb-button hb-quiz-retry" }, "Retry");
    this.retryButton.hidden = true;
    actions.appendChild(this.submitButton);
    actions.appendChild(this.retryButton);
    form.appendChild(actions);
    this.result = el("div", { className: "hb-quiz-result", tabindex: "-1" });
    this.result.hidden = true;
    form.appendChild(this.result);
    this.live = liveRegion();
    form.appendChild(this.live);
    ui.appendChild(form);
    this.form = form;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.score();
    });
    this.retryButton.addEventListener("click", function () {
      self.retry();
    });

    hideStatic(this.container);
    this.container.appendChild(ui);
    this.container.classList.add("hb-js");
  };

  Quiz.prototype.score = function () {
    var right = 0;
    this.items.forEach(function (item) {
      var chosenWrong = [];
      var anyChosen = false;
      var ok = true;
      item.choices.forEach(function (c) {
        var correct = c.choice.correct === true;
        if (c.input.checked) {
          anyChosen = true;
        }
        if (c.input.checked !== correct) {
          ok = false;
        }
        if (c.input.checked && !correct) {
          chosenWrong.push(c.choice);
        }
        c.row.classList.toggle("hb-choice-correct", correct);
        c.row.classList.toggle("hb-choice-wrong", c.input.checked && !correct);
        c.input.disabled = true;
        if (correct || c.input.checked) {
          var label = c.row.querySelector("label");
          label.appendChild(el("span", { className: "hb-choice-mark" },
            correct ? (c.input.checked ? " ✓ correct, your answer" : " ✓ correct") : " ✗ your answer"));
        }
      });
      if (ok) {
        right += 1;
      }
      item.fieldset.classList.toggle("hb-q-right", ok);
      item.fieldset.classList.toggle("hb-q-wrong", !ok);
      var fb = item.feedback;
      fb.textContent = "";
      fb.appendChild(el("p", { className: "hb-q-verdict" }, ok ? "Correct" : anyChosen ? "Not quite" : "Not answered"));
      if (!ok) {
        var correctTexts = item.choices.filter(function (c) {
          return c.choice.correct === true;
        }).map(function (c) {
          return str(c.choice.text);
        });
        if (correctTexts.length) {
          fb.appendChild(el("p", { className: "hb-q-correct-answer" },
            (correctTexts.length > 1 ? "Correct answers: " : "Correct answer: ") + correctTexts.join("; ")));
        }
      }
      chosenWrong.forEach(function (choice) {
        if (choice.explain_html) {
          var box = el("div", { className: "hb-q-choice-explain" });
          box.appendChild(el("p", { className: "hb-q-choice-explain-title" }, "You chose “" + str(choice.text) + "”:"));
          box.appendChild(setHtml(el("div"), choice.explain_html));
          fb.appendChild(box);
        }
      });
      if (item.q.explain_html) {
        fb.appendChild(setHtml(el("div", { className: "hb-q-explain" }), item.q.explain_html));
      }
      if (item.q.playbook && safeHref(item.q.playbook.url)) {
        var pl = el("p", { className: "hb-q-playbook" });
        pl.appendChild(link(item.q.playbook.url, "Read the playbook: " + (str(item.q.playbook.title) || str(item.q.playbook.url))));
        fb.appendChild(pl);
      }
      fb.hidden = false;
    });

    var total = this.items.length;
    var pct = total ? Math.round((right / total) * 100) : 0;
    var passed = pct >= this.passMark;
    var record = saveProgress(this.id, pct, passed);

    this.result.textContent = "";
    this.result.classList.toggle("hb-quiz-passed", passed);
    this.result.classList.toggle("hb-quiz-failed", !passed);
    var summary = "You scored " + pct + "% (" + right + " of " + total + " right). " +
      (passed ? "Passed" : "Not yet passed") + " — the pass mark is " + this.passMark + "%.";
    this.result.appendChild(el("p", { className: "hb-quiz-score" }, summary));
    this.result.appendChild(el("p", { className: "hb-quiz-best-line" }, "Your best score: " + record.best + "%."));
    this.result.hidden = false;
    this.submitButton.hidden = true;
    this.retryButton.hidden = false;
    this.form.classList.add("hb-quiz-scored");
    updateQuizDisplays();
    this.result.focus();
    announce(this.live, "You scored " + pct + "%. " + (passed ? "Passed." : "Not yet passed."));
  };

  Quiz.prototype.retry = function () {
    this.form.reset();
    this.form.classList.remove("hb-quiz-scored");
    this.items.forEach(function (item) {
      item.fieldset.classList.remove("hb-q-right", "hb-q-wrong");
      item.feedback.hidden = true;
      item.feedback.textContent = "";
      item.choices.forEach(function (c) {
        c.input.checked = false;
        c.input.disabled = false;
        c.row.classList.remove("hb-choice-correct", "hb-choice-wrong");
        Array.prototype.forEach.call(c.row.querySelectorAll(".hb-choice-mark"), function (m) {
          m.remove();
        });
      });
      if (item.kind !== "truefalse") {
        // True/False keep their order; everything else is shuffled (Fisher–Yates).
        item.choices = shuffle(item.choices.slice());
        item.choices.forEach(function (c) {
          item.list.appendChild(c.row);
        });
      }
    });
    this.result.hidden = true;
    this.result.textContent = "";
    this.submitButton.hidden = false;
    this.retryButton.hidden = true;
    var first = this.form.querySelector("input");
    if (first) {
      first.focus();
    }
    announce(this.live, "Quiz reset. The choices have been shuffled.");
  };

  function initQuiz(container) {
    var id = container.getAttribute("data-quiz");
    var data = readData(container, "hb-quiz-", id, function (d) {
      return Array.isArray(d.questions);
    });
    if (!data) {
      return;
    }
    container.setAttribute("data-hb-ready", "1");
    try {
      new Quiz(container, data); // eslint-disable-line no-new
    } catch (e) {
      if (window.console) {
        console.warn("handbook: quiz " + id + " failed", e);
      }
    }
  }

  /* ------------------------------------------------------ quiz status & best */

  function updateQuizDisplays(root) {
    var scope = root || document;
    Array.prototype.forEach.call(scope.querySelectorAll(".hb-quiz-status[data-quiz]"), function (node) {
      var progress = loadProgress(node.getAttribute("data-quiz"));
      node.classList.remove("hb-status-notstarted", "hb-status-passed", "hb-status-failed");
      if (!progress) {
        node.textContent = "Not started";
        node.classList.add("hb-status-notstarted");
      } else if (progress.passed) {
        node.textContent = "Passed (best " + progress.best + "%)";
        node.classList.add("hb-status-passed");
      } else {
        node.textContent = "Not yet passed (best " + progress.best + "%)";
        node.classList.add("hb-status-failed");
      }
    });
    Array.prototype.forEach.call(scope.querySelectorAll(".hb-quiz-best[data-quiz]"), function (node) {
      var progress = loadProgress(node.getAttribute("data-quiz"));
      if (!progress) {
        node.textContent = "You have not taken this quiz yet.";
      } else {
        node.textContent = "Your best score: " + progress.best + "% (" + (progress.passed ? "passed" : "not yet passed") + ")";
      }
    });
  }

  /* ----------------------------------------------------------- review banner */

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

  /* ------------------------------------------------------------ search button */

  // "Search by what you see" on the home page opens Material's search box. It stays hidden
  // without JavaScript or without Material's search (the hint next to it still applies).
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

  /* ------------------------------------------------------- theme landmarks */

  // Material (navigation.indexes) labels a section's <nav> by a <label> that holds only an
  // icon, so several navigation landmarks have no name (axe "landmark-unique"). Name each
  // such nav after its section's link, and the page's tag list "Tags". The toolbar Material
  // puts in each code block (a copy button) is no navigation landmark at all.
  function nameSectionNavs() {
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-tags:not([aria-label]):not([aria-labelledby])"), function (nav) {
      nav.setAttribute("aria-label", "Tags");
    });
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

  /* --------------------------------------------------------------------- init */

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".hb-search-open:not([data-hb-ready])"), initSearchButton);
    Array.prototype.forEach.call(document.querySelectorAll(".hb-tree[data-tree]:not([data-hb-ready])"), initTree);
    Array.prototype.forEach.call(document.querySelectorAll(".hb-quiz[data-quiz]:not([data-hb-ready])"), initQuiz);
    Array.prototype.forEach.call(document.querySelectorAll(".hb-review[data-due][data-warn-days]"), initReview);
    updateQuizDisplays(document);
    nameSectionNavs();
    window.setTimeout(nameSectionNavs, 0); // after Material has added its code-block toolbars
  }

  window.HandbookWidgets = { init: init, safeHref: safeHref };

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
})();
