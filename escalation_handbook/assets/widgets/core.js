/* Escalation Handbook widgets, core: the helpers every widget shares and the widget registry.
 *
 * Plain ES2017, no dependencies, no build step: the render stage joins this file, each widget
 * file and start.js (in the order of WIDGET_SCRIPTS in escalation_handbook/render/assets.py)
 * into the one handbook.js the site ships. Data contract: ARCHITECTURE.md, "Widget data".
 *
 * A widget file is an IIFE that calls Handbook.register(name, selector, init); start.js runs
 * init(element) on every element matching selector that is not yet marked data-hb-ready.
 */
(function () {
  "use strict";

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

  /* A sentence the render stage wrote, its {name} slots filled in from values. */
  function format(text, values) {
    return str(text).replace(/\{(\w+)\}/g, function (slot, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? str(values[name]) : slot;
    });
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

  /* One contact as a widget shows it: a big Call button (or, with no phone, a link to the
   * directory), then e-mail, chat (a channel with no chat_url is text, not a link) and web
   * page. `text` holds the sentences (CONTACT_TEXT in escalation_handbook/render/wording.py);
   * `prefix` names the classes (`hb-finder` → hb-finder-call, …) beside the shared ones;
   * `directory` adds the contact's directory entry to its ways. */
  function contactItem(contact, text, prefix, directory) {
    var c = contact || {};
    var t = text || {};
    var p = prefix || "hb-widget";
    var name = str(c.name) || str(c.id);
    var li = el("li", { className: "hb-contact " + p + "-contact" });
    var tel = safeHref(c.tel);
    if (tel && /^tel:/i.test(tel)) {
      var call = el("a", { href: tel, className: "hb-call-button hb-contact-tel " + p + "-call",
        "aria-label": format(t.call_label, { name: name, phone: c.phone }) });
      call.appendChild(el("span", { className: "hb-call-name " + p + "-call-name" }, format(t.call, { name: name })));
      call.appendChild(el("span", { className: "hb-call-number " + p + "-call-number" }, str(c.phone) || tel.slice(4)));
      li.appendChild(call);
    } else {
      li.appendChild(link(c.directory_url, format(t.no_way, { name: name }), "hb-way " + p + "-way"));
      directory = false;
    }
    var ways = el("p", { className: "hb-ways " + p + "-ways" });
    function way(href, label, aria) {
      var a = link(href, label, "hb-way " + p + "-way");
      if (aria && a.tagName === "A") a.setAttribute("aria-label", aria);
      ways.appendChild(a);
    }
    if (c.hours) {
      ways.appendChild(el("span", { className: "hb-contact-hours" }, "(" + str(c.hours) + ")"));
    }
    var mail = safeHref(c.mailto);
    if (mail && /^mailto:/i.test(mail)) {
      way(mail, format(t.email, { name: name }), format(t.email_label, { name: name }));
    }
    if (c.chat) {
      var chat = format(t.chat, { chat: c.chat });
      if (safeHref(c.chat_url)) {
        way(c.chat_url, chat);
      } else {
        ways.appendChild(el("span", { className: "hb-chat-text " + p + "-chat-text" }, chat));
      }
    }
    if (safeHref(c.url)) {
      way(c.url, format(t.web, { name: name }), format(t.web_label, { name: name }));
    }
    if (directory && safeHref(c.directory_url)) {
      way(c.directory_url, format(t.directory, { name: name }), format(t.directory_label, { name: name }));
    }
    if (ways.childNodes.length) li.appendChild(ways);
    return li;
  }

  var widgets = [];

  /* A widget: init(element) runs once per element matching selector (start.js). An init that
   * leaves the element unmarked (no data-hb-ready) runs again on the next document switch. */
  function register(name, selector, init) {
    widgets.push({ name: name, selector: selector, init: init });
  }

  window.Handbook = {
    widgets: widgets,
    register: register,
    uid: uid,
    el: el,
    str: str,
    format: format,
    safeHref: safeHref,
    link: link,
    setHtml: setHtml,
    hideStatic: hideStatic,
    liveRegion: liveRegion,
    announce: announce,
    headingLevel: headingLevel,
    readData: readData,
    parseDay: parseDay,
    todayIso: todayIso,
    severityClass: severityClass,
    severityBadge: severityBadge,
    contactItem: contactItem,
  };
})();
