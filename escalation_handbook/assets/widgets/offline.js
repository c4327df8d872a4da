/* Offline copy: registers the site's service worker (handbook-sw.js, written by the build with
 * every file and a hash of each) where the browser allows one: over https, or http on localhost
 * and 127.0.0.1. From file:// (and where service workers are off) it does nothing at all. Once
 * the copy is complete it shows the note ("Available offline · updated …"); when a newer build
 * has been fetched and waits, the reload prompt, whose button lets the new copy take over and
 * reloads. Every sentence comes from data attributes (render/wording.py, offline_text). */
(function (Handbook) {
  "use strict";

  var el = Handbook.el;
  var str = Handbook.str;
  var reloading = false;

  function allowed() {
    return /^https?:$/.test(location.protocol) && window.isSecureContext === true &&
      "serviceWorker" in navigator;
  }

  function showNote(node) {
    var note = node.querySelector(".hb-offline__note");
    if (!note) {
      note = el("p", { className: "hb-offline__note" }, str(node.getAttribute("data-note")));
      node.appendChild(note);
    }
  }

  function showPrompt(node, worker) {
    if (node.querySelector(".hb-offline__prompt")) {
      return;
    }
    var button = el("button", { type: "button" },
      str(node.getAttribute("data-reload")));
    var prompt = el("div", { className: "hb-offline__prompt", role: "status" });
    prompt.appendChild(el("span", null, str(node.getAttribute("data-prompt")) + " "));
    prompt.appendChild(button);
    button.addEventListener("click", function () {
      reloading = true;
      button.disabled = true;
      worker.postMessage({ type: "handbook:take-over" });
    });
    node.appendChild(prompt);
  }

  // A build that installed while a copy is in use waits (its state "installed"): offer it.
  function watch(node, registration) {
    var workers = navigator.serviceWorker;
    if (registration.waiting && workers.controller) {
      showPrompt(node, registration.waiting);
    }
    registration.addEventListener("updatefound", function () {
      var next = registration.installing;
      if (!next) {
        return;
      }
      next.addEventListener("statechange", function () {
        if (next.state === "installed" && workers.controller) {
          showPrompt(node, next);
        }
      });
    });
  }

  function initOffline(node) {
    node.setAttribute("data-hb-ready", "1");
    if (!allowed()) {
      return;
    }
    var workers = navigator.serviceWorker;
    if (typeof window.livereload === "function") {
      // `handbook serve` (live reload): the author must see each rebuild, never a kept copy.
      workers.getRegistrations().then(function (registrations) {
        registrations.forEach(function (registration) { registration.unregister(); });
      }).catch(function () {});
      return;
    }
    workers.addEventListener("controllerchange", function () {
      if (reloading) {
        location.reload();
      }
    });
    workers.register(node.getAttribute("data-worker")).then(function (registration) {
      watch(node, registration);
      registration.update().catch(function () {}); // offline: keep the copy as it is
      return workers.ready;
    }).then(function () {
      showNote(node);
    }).catch(function () {
      // No copy (storage refused, private mode): the site works online as before.
    });
  }

  Handbook.register("offline", ".hb-offline[data-worker]", initOffline);
})(window.Handbook);
