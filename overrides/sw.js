// Offline reading: the service worker registered by assets/minsheng.js. It keeps what the
// resident has read (pages, their styles and scripts, the search files her searches used)
// so that without a network those pages open and her searches work over them; any other
// page says plainly that the phone is offline.
// - Network first, for everything: online she always gets the current page; the copy kept
//   is only for when the network fails.
// - One cache per build: the build writes its version below (generator/offline.py), so an
//   update is a new worker, which deletes the caches of older builds.
// - Its scope is the folder it is served from: the site's root, also under a sub-path.
"use strict";

var VERSION = "__MINSHENG_BUILD__";
var PREFIX = "minsheng-";
var CACHE = PREFIX + VERSION;
var SCOPE = self.registration.scope;
// Downloads (spreadsheets, open data, feeds) are not kept: they are large and read elsewhere.
var NOT_KEPT = /\.(xlsx|csv|json|xml|gz)$/;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PREFIX) === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function kept(method, address) {
  var url = new URL(address);
  // The search index's entry is JSON too, and kept.
  var entry = /\/pagefind\/pagefind-entry\.json$/.test(url.pathname);
  return method === "GET" && address.indexOf(SCOPE) === 0 && (entry || !NOT_KEPT.test(url.pathname));
}

// The first page read, before this worker took charge, with its styles and scripts: the
// page lists them (assets/minsheng.js) and they are kept here.
self.addEventListener("message", function (event) {
  var urls = event.data && event.data.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.filter(function (url) {
      return typeof url === "string" && kept("GET", url);
    }).map(function (url) {
      // just loaded: taken from the browser's HTTP cache, not downloaded again
      return cache.add(new Request(url, { cache: "force-cache" })).catch(function () { /* not kept */ });
    }));
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!kept(request.method, request.url)) return; // the browser's own handling
  var page = request.mode === "navigate";
  // A page is always revalidated with the server (a cheap 304 when unchanged), whatever
  // the browser's HTTP cache would otherwise reuse: online, never an old page.
  event.respondWith(
    fetch(request, page ? { cache: "no-cache" } : undefined).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(request, copy); }));
      }
      return response;
    }, function () {
      // No network: the copy kept of this address (any "?…" aside), else say so plainly.
      return caches.open(CACHE).then(function (cache) {
        return cache.match(request, { ignoreSearch: true }).then(function (found) {
          if (found) return found;
          return page ? offlinePage(cache) : Response.error();
        });
      });
    })
  );
});

function escape(text) {
  return text.replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
  });
}

// A plain page in Chinese: the phone is offline, and the pages it has kept, by title.
function offlinePage(cache) {
  return cache.keys().then(function (requests) {
    return Promise.all(requests.map(function (request) {
      return cache.match(request).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0) return null;
        return response.text().then(function (html) {
          var title = /<title>([^<]*)<\/title>/.exec(html);
          return { url: request.url, title: title ? title[1] : request.url };
        });
      });
    }));
  }).then(function (pages) {
    var items = pages.filter(Boolean).map(function (p) {
      return "<li><a href=\"" + escape(p.url) + "\">" + p.title + "</a></li>";
    }).join("");
    var body = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
      "<title>手机没有联网</title></head><body>" +
      "<h1>手机没有联网</h1>" +
      "<p>这个页面还没有保存在手机上，要联网后才能打开。请检查手机的网络后再试。</p>" +
      (items ? "<p>下面这些页面您看过，不联网也能打开：</p><ul>" + items + "</ul>" : "") +
      "<p><a href=\"" + escape(SCOPE) + "\">回到首页</a></p></body></html>";
    return new Response(body, {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
}
