/* --- Escalation Handbook: the offline copy is turned off (offline_copy: false) ---
 * No page registers this worker. It is published where the offline copy's worker was, so that
 * a device that kept a copy of an earlier build finds it when its browser next checks for an
 * update (on a visit to the site): it then deletes that copy's caches (only this site's: their
 * names end with the worker's scope), unregisters itself, and reloads the open pages, which
 * from then on come from the network. */
(function () {
  "use strict";

  var scope = self.registration.scope;

  function removeCaches() {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.slice(-scope.length) === scope;
      }).map(function (name) { return caches.delete(name); }));
    });
  }

  self.addEventListener("install", function () {
    self.skipWaiting();
  });
  self.addEventListener("activate", function (event) {
    event.waitUntil(
      removeCaches()
        .then(function () { return self.registration.unregister(); })
        .then(function () { return self.clients.matchAll({ type: "window" }); })
        .then(function (windows) {
          return Promise.all(windows.map(function (client) {
            return client.navigate(client.url);
          }));
        })
        // again, last: a page the old worker was answering as this one took over may have
        // been stored after the first pass (its "opened pages" cache made anew)
        .then(removeCaches, removeCaches)
    );
  });
})();
