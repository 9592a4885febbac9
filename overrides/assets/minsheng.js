// The site's own behaviour. Everything here is an addition: the pages are complete without it.
// - the 大字 (large text) switch in the header, kept across pages;
// - an address pointing into a folded part (<details>: a project page's part for media and
//   staff) opens it, so every permanent anchor keeps working;
// - offline reading: registers the service worker (sw.js);
// - ¶ links and copy buttons copy an address, with a visible confirmation;
// - sorting and filtering of the overview table.
(function () {
  "use strict";

  var LARGE = "minsheng.large";
  var here = document.currentScript && document.currentScript.src; // <site>/assets/minsheng.js

  // Offline reading (sw.js at the site's root, also under a sub-path): pages once read open
  // without a network. Only over http(s); a failure leaves the site as it is.
  function registerOffline() {
    if (!here || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var worker = navigator.serviceWorker;
    var loadedWithout = !worker.controller; // this page did not come through the worker
    worker.register(new URL("../sw.js", here).href, { scope: new URL("../", here).href })
      .then(function () { return worker.ready; })
      .then(function (registration) {
        // This page was loaded before the worker took charge: hand it what to keep.
        if (!loadedWithout || !registration.active) return;
        var urls = performance.getEntriesByType("resource").map(function (e) { return e.name; });
        registration.active.postMessage({ keep: [location.href.split("#")[0]].concat(urls) });
      })
      .catch(function () { /* no offline copies, nothing else lost */ });
  }

  // Older browsers and plain-http hosts have no navigator.clipboard: select and copy.
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  // Copy ``text``; then call ``done(true)``, or ``done(false)`` if the browser refused.
  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); },
        function () { done(copyBySelection(text)); });
    } else {
      done(copyBySelection(text));
    }
  }
  window.msCopy = copy;

  var toastTimer = null;
  function toast(message) {
    var box = document.querySelector(".ms-toast");
    if (!box) {
      box = document.createElement("div");
      box.className = "ms-toast";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 4000);
  }

  function setupLargeText() {
    // Beside the search button, over the header's right end (overrides/main.html).
    var inner = document.querySelector(".ms-header-tools") || document.querySelector(".md-header__inner");
    if (!inner || document.querySelector(".ms-large-switch")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ms-large-switch";
    // Its name stays 大字 (a toggle button: aria-pressed tells its state to a screen reader);
    // the state is also written on it for everyone to see.
    button.textContent = "大字";
    var state = document.createElement("span");
    state.className = "ms-state";
    state.setAttribute("aria-hidden", "true");
    button.appendChild(state);
    function show(on) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      state.textContent = on ? "：开" : "：关";
      button.title = on ? "大字已打开，点一下恢复" : "点一下放大文字";
    }
    show(document.documentElement.classList.contains("ms-large"));
    button.addEventListener("click", function () {
      var now = !document.documentElement.classList.contains("ms-large");
      document.documentElement.classList.toggle("ms-large", now);
      show(now);
      try { window.localStorage.setItem(LARGE, now ? "1" : "0"); } catch (e) { /* not kept */ }
    });
    inner.appendChild(button);
  }

  // Open every closed <details> around the element the address points to, then show it.
  // Current Chromium does this by itself; older phone browsers do not.
  function revealTarget() {
    var id = location.hash.slice(1);
    if (!id) return;
    try { id = decodeURIComponent(id); } catch (e) { /* as written */ }
    var target = document.getElementById(id);
    var opened = false;
    for (var fold = target && target.closest("details"); fold; fold = fold.parentElement.closest("details")) {
      if (!fold.open) { fold.open = true; opened = true; }
    }
    if (opened) target.scrollIntoView();
  }

  // ¶ beside a heading or a figure: follow the anchor as usual, and copy its address.
  function setupCopyLinks() {
    if (document.body.getAttribute("data-ms-links")) return;
    document.body.setAttribute("data-ms-links", "1");
    document.body.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".md-typeset a.headerlink");
      if (link) {
        var url = new URL(link.getAttribute("href"), location.href).href;
        copy(url, function (ok) { toast(ok ? "已复制本处网址：" + url : "本处网址：" + url); });
        return;
      }
      var button = event.target.closest && event.target.closest(".ms-copy-text");
      if (button) {
        var text = button.getAttribute("data-copy");
        var status = button.parentNode.querySelector("[role=status]");
        copy(text, function (ok) {
          var message = ok ? "已复制" : "请长按地址复制";
          if (status) status.textContent = message;
          toast(message + "：" + text);
        });
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".ms-copy-text"), function (b) {
      b.hidden = false;
    });
  }

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value") || cell.textContent.trim();
    return kind === "number" ? parseFloat(raw) : raw;
  }

  function setupSort(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      var button = th.querySelector("button");
      if (!kind || !button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
          if (order === 0) order = cellValue(a, 0, "number") - cellValue(b, 0, "number");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setupFilter(group, table) {
    var links = group.querySelectorAll("a[data-filter]");
    Array.prototype.forEach.call(links, function (link) {
      link.setAttribute("role", "button");
      link.setAttribute("aria-pressed", link.getAttribute("data-filter") === "" ? "true" : "false");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        // Material's instant navigation listens on <body> and ignores preventDefault:
        // without this it would still load the category page the link points to.
        event.stopPropagation();
        var wanted = link.getAttribute("data-filter");
        Array.prototype.forEach.call(links, function (l) {
          l.setAttribute("aria-pressed", l === link ? "true" : "false");
        });
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          row.hidden = wanted !== "" && row.getAttribute("data-category") !== wanted;
        });
      });
    });
  }

  function setup() {
    setupLargeText();
    revealTarget();
    setupCopyLinks();
    var table = document.querySelector("table[data-sortable]");
    if (!table || table.getAttribute("data-ready")) return;
    table.setAttribute("data-ready", "1");
    setupSort(table);
    var group = document.querySelector(".ms-filter");
    if (group) setupFilter(group, table);
  }

  // The theme's drawer and search toggles lose autocomplete="off" (generator/toggles.py),
  // which kept Firefox from restoring them checked on a reload: close them when shown.
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle) toggle.checked = false;
    });
  });

  window.addEventListener("hashchange", revealTarget);

  // Printed, a project page carries its citation and QR code: its fold prints open.
  var foldedForPrint = [];
  window.addEventListener("beforeprint", function () {
    foldedForPrint = Array.prototype.filter.call(document.querySelectorAll("details.ms-staff"), function (d) {
      return !d.open;
    });
    foldedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    foldedForPrint.forEach(function (d) { d.open = false; });
    foldedForPrint = [];
  });

  registerOffline();

  // Material's instant navigation swaps pages without a reload: follow it.
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
