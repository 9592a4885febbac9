// The citation box of a project page (引用本页): the reader's date as 引用日期,
// a copy button, and the citation of a single figure from its row's “引用” button.
// The citation is plain text in the page; this only fills the date and copies.
// Buttons, not links: instant navigation reloads the page on an in-page link.
(function () {
  "use strict";

  var PLACEHOLDER = "[引用日期]";

  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function dated(text) {
    return text.split(PLACEHOLDER).join("[" + today() + "]");
  }

  // Older browsers and plain-http hosts have no navigator.clipboard: select and copy.
  function copyBySelection(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    return ok;
  }

  function setup() {
    var box = document.querySelector(".ms-cite");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var text = box.querySelector(".ms-cite-text");
    var what = box.querySelector(".ms-cite-what");
    var button = box.querySelector(".ms-copy");
    var status = box.querySelector(".ms-copy-status");
    var pageCitation = text.textContent;

    function show(citation, label) {
      text.textContent = dated(citation);
      what.hidden = !label;
      what.querySelector("span").textContent = label ? "以下是数字“" + label + "”的引文。" : "";
      status.textContent = "";
    }

    show(pageCitation, "");
    button.hidden = false;
    button.addEventListener("click", function () {
      var value = text.textContent;
      function done() { status.textContent = "已复制引文"; }
      function fallback() {
        status.textContent = copyBySelection(text) ? "已复制引文" : "已选中引文，请按 Ctrl+C 复制";
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(done, fallback);
      } else {
        fallback();
      }
    });
    what.querySelector(".ms-cite-reset").addEventListener("click", function () {
      show(pageCitation, "");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".ms-cite-link[data-cite]"), function (cite) {
      cite.hidden = false;
      cite.addEventListener("click", function () {
        show(cite.getAttribute("data-cite"), cite.getAttribute("data-label"));
        box.scrollIntoView({ block: "start" });
        text.focus();
      });
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
