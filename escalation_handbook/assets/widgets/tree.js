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
      var log = Handbook.logStartLink && Handbook.logStartLink(trigger.log);
      if (log) links.appendChild(log), links.appendChild(document.createTextNode(" "));
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
      var callNow = Array.isArray(outcome.contacts_now) ? outcome.contacts_now : [];
      if (callNow.length) {
        var calls = el("ul", { className: "hb-contacts" });
        callNow.forEach(function (c) {
          calls.appendChild(contactItem(c || {}));
        });
        card.appendChild(calls);
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
      if (outcome && outcome.kind === "text" && Array.isArray(outcome.contacts_now)) {
        outcome.contacts_now = outcome.contacts_now.map(function (id) {
          return typeof id === "string" ? contacts[id] : id;
        }).filter(Boolean);
      }
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
  Handbook.register("tree", ".hb-tree[data-tree]", initTree);
})(window.Handbook);
