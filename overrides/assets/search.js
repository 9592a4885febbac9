// The search button in the header and the "/" shortcut. Nothing of the search loads with
// the page: the first use loads the dialog (search-dialog.js, search.css, beside this file),
// which then loads Pagefind and only the parts of the index that the typed words need.
(function () {
  "use strict";

  var here = document.currentScript.src; // <site>/assets/search.js, also under a sub-path
  var loading = null;
  var tag = "";

  // Fetched now, handed to Pagefind's own fetch() when it asks (same URL, same CORS mode).
  function preload(path) {
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL(path, here).href;
    document.head.appendChild(link);
  }

  function load() {
    if (!loading) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("search.css", here).href;
      var styled = new Promise(function (resolve) {
        style.onload = style.onerror = resolve;
      });
      document.head.appendChild(style);
      // Pagefind's script too, at the same time rather than after the dialog's, and the two
      // files it would fetch only once it runs: its index entry and its WebAssembly (55 kB,
      // the largest). On a slow link every round trip saved is a wait the resident does not
      // have: 4× CPU, 400 kbit/s, 400 ms, results 3.5 → 2.6 s after the last keystroke when
      // typing at once (README, 搜索). Pagefind fetches the entry with "?ts=" + its
      // metaCacheTag option (else the time): the dialog passes it the same tag.
      import(new URL("../pagefind/pagefind.js", here).href).catch(function () {});
      tag = String(Date.now());
      preload("../pagefind/pagefind-entry.json?ts=" + tag);
      preload("../pagefind/wasm.unknown.pagefind"); // Chinese has no stemmer: "unknown"
      // The modules the dialog imports, fetched with it rather than after it (one round trip).
      ["search-query.js", "search-passage.js"].forEach(function (name) {
        var link = document.createElement("link");
        link.rel = "modulepreload";
        link.href = new URL(name, here).href;
        document.head.appendChild(link);
      });
      loading = Promise.all([import(new URL("search-dialog.js", here).href), styled]).then(
        function (loaded) { return loaded[0]; },
        function (error) { loading = null; throw error; } // a failed load may be retried
      );
    }
    return loading;
  }

  function open(button) {
    button.setAttribute("aria-busy", "true");
    load().then(function (dialog) {
      button.removeAttribute("aria-busy");
      dialog.open(button, new URL("..", here), tag);
    }, function () {
      button.removeAttribute("aria-busy");
    });
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".ms-search-open");
    if (button) open(button);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target) || document.querySelector("dialog.ms-search[open]")) return;
    var button = document.querySelector(".ms-search-open");
    if (!button) return;
    event.preventDefault(); // no "/" typed into the box that opens
    open(button);
  });
})();
