/* --- Escalation Handbook's service worker (runs after Workbox's builds above) ---
 * The site's handbook-sw.js sets self.HANDBOOK_PRECACHE (every file the build wrote that a
 * reader may open, each with a hash of its content) and imports this file. Workbox keeps those
 * files in the device's cache and answers from there, so the handbook opens and searches with
 * no network; any other file of the site is kept once opened. A newer build installs beside
 * the copy in use and waits: the page's offline widget shows the reload prompt and, when the
 * reader takes it, asks it to take over. */
(function () {
  "use strict";

  var precaching = self.workbox.precaching;
  precaching.cleanupOutdatedCaches();
  precaching.precacheAndRoute(self.HANDBOOK_PRECACHE || [], {
    directoryIndex: "index.html",
    cleanURLs: false,
    // Material's search links carry ?h=<the words>: the page is the same file.
    ignoreURLParametersMatching: [/.*/]
  });
  // What the list leaves out (a large handbook's cards, quizzes, review and team pages) is
  // kept as the reader opens it: from the network when there is one, else the copy kept.
  var scope = self.registration.scope;
  self.workbox.routing.registerRoute(function (options) {
    return options.request.method === "GET" && options.url.href.indexOf(scope) === 0;
  }, new self.workbox.strategies.NetworkFirst({
    cacheName: "handbook-opened-" + scope,
    networkTimeoutSeconds: 5 // a network that hangs: the copy kept, rather than nothing
  }));
  // The first visit's page uses the copy as soon as it is complete (it had no worker before).
  self.workbox.core.clientsClaim();

  self.addEventListener("message", function (event) {
    if (event.data && event.data.type === "handbook:take-over") {
      self.skipWaiting();
    }
  });
})();
