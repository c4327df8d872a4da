/*
 * Escalation Handbook - local Worker shim for pages opened over file://
 *
 * Chromium refuses `new Worker(url)` for pages loaded from file://, so
 * Material's search worker cannot start from a downloaded copy of the site.
 * This shim replaces `window.Worker` (only on file://, or when the native
 * constructor throws) with `IFrameWorker`: the worker script runs inside a
 * hidden, same-origin `about:blank` iframe, and messages are bridged both
 * ways asynchronously with structured clones, like a real worker.
 *
 * Inside the iframe the worker script sees:
 *   - postMessage(data)      -> "message" event on the IFrameWorker object
 *   - addEventListener("message", ...) / onmessage  <- worker.postMessage()
 *   - importScripts(...urls) -> loads the scripts in order and returns a
 *                               Promise (Material's search worker awaits it)
 *   - close()                -> terminates the worker
 * Material's search worker detects this set-up through `parent.IFrameWorker`
 * and then resolves its language files next to its own <script src>.
 *
 * Written for Escalation Handbook; no third-party code. It makes no network
 * request of its own: every URL is resolved against the page or the worker
 * script, so a downloaded copy stays self-contained.
 */
(function () {
  "use strict";

  if (window.IFrameWorker) {
    return; // loaded twice: keep the first copy
  }

  var NativeWorker = typeof window.Worker === "function" ? window.Worker : null;

  function copy(value, realm) {
    var clone = (realm && realm.structuredClone) || window.structuredClone;
    if (typeof clone === "function") {
      return clone(value);
    }
    return value === undefined ? value : JSON.parse(JSON.stringify(value));
  }

  function later(fn) {
    window.setTimeout(fn, 0);
  }

  function IFrameWorker(url) {
    if (!(this instanceof IFrameWorker)) {
      throw new TypeError("Failed to construct 'Worker': use the 'new' operator.");
    }
    var target = document.createDocumentFragment(); // an EventTarget to delegate to
    this._target = target;
    this._url = new URL(String(url), document.baseURI).href;
    this._queue = [];
    this._ready = false;
    this._closed = false;
    this.onmessage = null;
    this.onmessageerror = null;
    this.onerror = null;
    if (document.body) {
      this._start();
    } else {
      var self = this;
      document.addEventListener("DOMContentLoaded", function () { self._start(); });
    }
  }

  IFrameWorker.prototype.addEventListener = function (type, listener, options) {
    this._target.addEventListener(type, listener, options);
  };

  IFrameWorker.prototype.removeEventListener = function (type, listener, options) {
    this._target.removeEventListener(type, listener, options);
  };

  IFrameWorker.prototype.dispatchEvent = function (event) {
    var handler = this["on" + event.type];
    var result = this._target.dispatchEvent(event);
    if (typeof handler === "function") {
      handler.call(this, event);
    }
    return result;
  };

  IFrameWorker.prototype._fail = function (message, error) {
    if (this._closed) {
      return;
    }
    this.dispatchEvent(new ErrorEvent("error", {
      message: message,
      filename: this._url,
      error: error
    }));
  };

  IFrameWorker.prototype._start = function () {
    if (this._closed) {
      return;
    }
    var worker = this;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.style.display = "none";
    frame.tabIndex = -1;
    frame.title = "Background worker";
    frame.setAttribute("aria-hidden", "true");
    // No src: the frame keeps its initial about:blank document, which shares
    // this page's origin (also on file://), so we can reach into it directly.
    document.body.appendChild(frame);
    this._frame = frame;

    var scope = frame.contentWindow;
    var doc = frame.contentDocument;

    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = new URL(String(src), worker._url).href;
        script.async = false;
        script.onload = function () { resolve(); };
        script.onerror = function () {
          reject(new Error("Failed to load worker script " + script.src));
        };
        (doc.head || doc.documentElement).appendChild(script);
      });
    }

    scope.postMessage = function (data) {
      var payload = copy(data, window);
      later(function () {
        if (!worker._closed) {
          worker.dispatchEvent(new MessageEvent("message", { data: payload }));
        }
      });
    };
    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () { return load(src); });
      }, Promise.resolve());
    };
    scope.close = function () { worker.terminate(); };
    scope.addEventListener("error", function (event) {
      worker._fail(event.message, event.error);
    });
    scope.addEventListener("unhandledrejection", function (event) {
      var reason = event.reason;
      worker._fail(String(reason && reason.message ? reason.message : reason), reason);
    });

    load(this._url).then(function () {
      worker._ready = true;
      var queued = worker._queue;
      worker._queue = [];
      queued.forEach(function (data) { worker._deliver(data); });
    }, function (error) {
      worker._fail(error.message, error);
    });
  };

  IFrameWorker.prototype._deliver = function (data) {
    var frame = this._frame;
    if (this._closed || !frame || !frame.contentWindow) {
      return;
    }
    var scope = frame.contentWindow;
    var payload = copy(data, scope);
    later(function () {
      var event = new scope.MessageEvent("message", { data: payload });
      scope.dispatchEvent(event);
    });
  };

  IFrameWorker.prototype.postMessage = function (data) {
    if (this._closed) {
      return;
    }
    var payload = copy(data, window); // clone now, as a real worker would
    if (this._ready) {
      this._deliver(payload);
    } else {
      this._queue.push(payload);
    }
  };

  IFrameWorker.prototype.terminate = function () {
    this._closed = true;
    this._queue = [];
    if (this._frame && this._frame.parentNode) {
      this._frame.parentNode.removeChild(this._frame);
    }
    this._frame = null;
  };

  window.IFrameWorker = IFrameWorker;

  if (location.protocol === "file:" || !NativeWorker) {
    window.Worker = IFrameWorker;
  } else {
    // Served over HTTP(S): keep real workers, fall back only if one fails to start
    var FallbackWorker = function Worker(url, options) {
      try {
        return new NativeWorker(url, options);
      } catch (error) {
        return new IFrameWorker(url);
      }
    };
    FallbackWorker.prototype = NativeWorker.prototype;
    window.Worker = FallbackWorker;
  }
})();
