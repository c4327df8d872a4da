/* Decision tree wizard: one question at a time from the tree's JSON, its path kept in the URL
 * hash (#tree-ID=0.2.1) so a step can be shared, reloaded and stepped back with the browser. */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var uid = Handbook.uid;
  var safeHref = Handbook.safeHref;
  var link = Handbook.link;
  var setHtml = Handbook.setHtml;
  var hideStatic = Handbook.hideStatic;
  var liveRegion = Handbook.liveRegion;
  var announce = Handbook.announce;
  var headingLevel = Handbook.headingLevel;
  var readData = Handbook.readData;
  var severityBadge = Handbook.severityBadge;
  var contactItem = Handbook.contactItem;

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
  var format = Handbook.format;

  function Tree(container, data) {
    this.container = container;
    this.data = data;
    this.text = data.text && typeof data.text === "object" ? data.text : {};
    this.id = str(data.id);
    this.path = [];
    this.pathname = location.pathname;
    this.level = headingLevel(container, 3);
    this.build();
  }

  Tree.prototype.build = function () {
    var t = this.text;
    var ui = el("div", { className: "hb-tree-ui hb-widget" });
    if (this.data.title) {
      ui.setAttribute("aria-label", format(t.region, { title: str(this.data.title) }));
      ui.setAttribute("role", "region");
    }
    this.trailWrap = el("div", { className: "hb-tree-trail-wrap" });
    var trailId = uid("trail");
    this.trailWrap.appendChild(el("p", { className: "hb-tree-trail-title", id: trailId }, t.trail));
    this.trail = el("ol", { className: "hb-tree-trail", "aria-labelledby": trailId });
    this.trailWrap.appendChild(this.trail);
    this.panel = el("div", { className: "hb-tree-panel" });
    var controls = el("div", { className: "hb-tree-controls" });
    this.backButton = el("button", { type: "button", className: "hb-button hb-tree-back" }, t.back);
    this.restartButton = el("button", { type: "button", className: "hb-button hb-tree-restart" }, t.restart);
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

  /* Follow the path; returns steps [{node, answer}] and the final node or outcome. A playbook
     leaf whose tree the page carries (`trees`, on the home page) goes on into that tree: the
     path runs on across the join, so Back and the URL work the same on both sides. */
  Tree.prototype.walk = function (path) {
    var data = this.data;
    var joinable = data.trees && typeof data.trees === "object" ? data.trees : {};
    var nodes = data.nodes || {};
    var current = nodes[data.start];
    var joined = null;
    var steps = [];
    var valid = [];
    var missing = { kind: "text", text: this.text.missing };
    for (var i = 0; i < path.length; i += 1) {
      var answers = (current && current.answers) || [];
      var answer = answers[path[i]];
      if (!answer) {
        break;
      }
      steps.push({ node: current, answer: answer });
      valid.push(path[i]);
      var outcome = answer.outcome;
      if (outcome) {
        var sub = outcome.kind === "playbook" && typeof outcome.tree === "string" &&
          Object.prototype.hasOwnProperty.call(joinable, outcome.tree) ? joinable[outcome.tree] : null;
        if (sub && sub.nodes && sub.nodes[sub.start]) {
          joined = sub;
          nodes = sub.nodes;
          current = nodes[sub.start];
          continue;
        }
        return { steps: steps, path: valid, outcome: outcome };
      }
      current = nodes[answer.next];
      if (!current) {
        return { steps: steps, path: valid, outcome: missing };
      }
    }
    return { steps: steps, path: valid, node: current, joined: joined };
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
    var t = this.text;
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
    var card = null;
    if (walked.outcome) {
      card = this.renderOutcome(walked.outcome);
      this.panel.appendChild(card);
      focusTarget = card.querySelector(".hb-outcome-title");
      message = focusTarget ? focusTarget.textContent : "";
    } else {
      var node = walked.node || {};
      var stepNo = walked.steps.length + 1;
      if (walked.joined && walked.joined.title) {
        this.panel.appendChild(el("p", { className: "hb-tree-joined" },
          format(t.joined, { title: str(walked.joined.title) })));
      }
      var h = this.heading(undefined, "hb-tree-question");
      h.id = uid("q");
      h.appendChild(el("span", { className: "hb-tree-stepno" }, format(t.question, { n: stepNo })));
      h.appendChild(document.createTextNode(str(node.question)));
      this.panel.appendChild(h);
      if (node.help_html) {
        this.panel.appendChild(setHtml(el("div", { className: "hb-tree-help" }), node.help_html));
      }
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
      message = format(t.asked, { n: stepNo, question: str(node.question) });
    }
    this.container.setAttribute("data-hb-path", this.path.join("."));
    if (moveFocus && focusTarget) {
      focusTarget.focus({ preventScroll: true });
      if (card) {
        // The outcome card's top (its title, then who to call) at the top of the screen.
        card.scrollIntoView({ block: "start" });
      } else {
        // The question and all its answers on screen: its heading at the top when they are not.
        var top = focusTarget.getBoundingClientRect().top;
        var bottom = this.panel.getBoundingClientRect().bottom;
        if (top < 0 || bottom > window.innerHeight) {
          focusTarget.scrollIntoView({ block: "start" });
        }
      }
      announce(this.live, message);
    }
  };

  Tree.prototype.contacts = function (card, contacts, heading) {
    var t = this.text;
    if (!contacts.length) return;
    if (heading) {
      card.appendChild(el("h" + Math.min(this.level + 1, 6), { className: "hb-outcome-sub" }, t.call_now));
    }
    var list = el("ul", { className: "hb-contacts" });
    contacts.forEach(function (c) {
      list.appendChild(contactItem(c || {}, t, "hb-tree", true));
    });
    card.appendChild(list);
  };

  Tree.prototype.renderOutcome = function (outcome) {
    var t = this.text;
    var kind = str(outcome.kind);
    var card = el("section", { className: "hb-outcome hb-outcome-" + (kind || "text") });
    var sub = "h" + Math.min(this.level + 1, 6);
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
      if (severity.respond_within) {
        card.appendChild(el("p", { className: "hb-outcome-severity" }, format(t.respond,
          { name: str(severity.name) || str(severity.label), time: str(severity.respond_within) })));
      }
      this.contacts(card, Array.isArray(outcome.contacts_now) ? outcome.contacts_now : [], true);
      if (outcome.acknowledge_within) {
        card.appendChild(el("p", { className: "hb-outcome-ack" },
          format(t.acknowledge, { time: str(outcome.acknowledge_within) })));
      }
      var actions = Array.isArray(outcome.actions) ? outcome.actions : [];
      if (actions.length) {
        card.appendChild(el(sub, { className: "hb-outcome-sub" }, t.actions));
        var ol = el("ol", { className: "hb-outcome-actions" });
        actions.forEach(function (html) {
          ol.appendChild(setHtml(el("li"), html));
        });
        card.appendChild(ol);
      }
      var links = el("p", { className: "hb-outcome-links" });
      var log = Handbook.logStartLink && Handbook.logStartLink(trigger.log);
      if (log) links.appendChild(log), links.appendChild(document.createTextNode(" "));
      if (outcome.pathway && safeHref(outcome.pathway.url)) {
        links.appendChild(link(outcome.pathway.url, format(t.pathway, { name: str(outcome.pathway.name) || str(outcome.pathway.id) }), "hb-outcome-pathway"));
      }
      if (outcome.playbook && safeHref(outcome.playbook.url)) {
        links.appendChild(link(outcome.playbook.url, format(t.playbook, { title: str(outcome.playbook.title) || str(outcome.playbook.id) }), "hb-outcome-playbook"));
      }
      if (links.childNodes.length) {
        card.appendChild(links);
      }
    } else if (kind === "playbook") {
      var pb = outcome.playbook || {};
      var title = str(pb.title) || str(pb.id);
      h = this.heading(format(t.use_playbook, { title: title }), "hb-outcome-title");
      card.appendChild(h);
      if (pb.summary_html) {
        card.appendChild(setHtml(el("div", { className: "hb-outcome-summary" }), pb.summary_html));
      } else if (pb.summary) {
        card.appendChild(el("p", { className: "hb-outcome-summary" }, str(pb.summary)));
      }
      var p = el("p", { className: "hb-outcome-links" });
      p.appendChild(link(pb.url, format(t.open_playbook, { title: title }), "hb-outcome-playbook hb-button-link"));
      card.appendChild(p);
    } else {
      h = this.heading(t.outcome, "hb-outcome-title");
      card.appendChild(h);
      if (outcome.text_html) {
        card.appendChild(setHtml(el("div", { className: "hb-outcome-body" }), outcome.text_html));
      } else {
        card.appendChild(el("p", { className: "hb-outcome-body" }, str(outcome.text)));
      }
      this.contacts(card, Array.isArray(outcome.contacts_now) ? outcome.contacts_now : [], false);
      var see = outcome.see;
      if (see && (see.url || see.title)) {
        var seeP = el("p", { className: "hb-outcome-see" });
        seeP.appendChild(document.createTextNode(str(t.see)));
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
    var severities = data.severities || {};
    var missing = { kind: "text", text: (data.text || {}).missing };
    function people(ids) {
      return (Array.isArray(ids) ? ids : []).map(function (id) {
        return typeof id === "string" ? contacts[id] : id;
      }).filter(Boolean);
    }
    Object.keys(outcomes).forEach(function (key) {
      var outcome = outcomes[key];
      if (!outcome || typeof outcome !== "object") return;
      if (typeof outcome.playbook === "string") outcome.playbook = playbooks[outcome.playbook];
      if (outcome.kind === "text") outcome.contacts_now = people(outcome.contacts_now);
      if (typeof outcome.severity === "string") outcome.severity = severities[outcome.severity];
      if (outcome.trigger && typeof outcome.trigger.log === "string") {
        outcome.trigger.log = { url: outcome.trigger.log, label: data.log_label };
      }
      if (outcome.kind !== "trigger" || typeof outcome.pathway !== "string") return;
      var pathway = pathways[outcome.pathway] || {};
      outcome.pathway = { id: pathway.id, name: pathway.name, url: pathway.url };
      outcome.acknowledge_within = pathway.acknowledge_within;
      outcome.actions = pathway.actions || [];
      outcome.contacts_now = people(pathway.contacts_now);
    });
    var all = [data.nodes];
    Object.keys(data.trees && typeof data.trees === "object" ? data.trees : {}).forEach(function (id) {
      if (data.trees[id] && data.trees[id].nodes) all.push(data.trees[id].nodes);
    });
    all.forEach(function (nodes) {
      Object.keys(nodes).forEach(function (nodeId) {
        (nodes[nodeId].answers || []).forEach(function (answer) {
          if (typeof answer.outcome === "string") answer.outcome = outcomes[answer.outcome] || missing;
        });
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
  Handbook.register("tree", ".hb-tree[data-tree]", initTree);
})(window.Handbook);
