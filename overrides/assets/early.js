// Runs in <head>, before the page is drawn: the reader's large-text choice (the 大字
// switch, kept in localStorage) applies at once, so a page never jumps to large text.
(function () {
  "use strict";
  try {
    if (window.localStorage.getItem("minsheng.large") === "1") {
      document.documentElement.classList.add("ms-large");
    }
  } catch (e) { /* storage off: normal size */ }
})();
