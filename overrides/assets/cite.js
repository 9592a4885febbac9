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
      window.msCopy(text.textContent, function (ok) {
        status.textContent = ok ? "已复制引文" : "请长按引文复制";
      });
    });
    what.querySelector(".ms-cite-reset").addEventListener("click", function () {
      show(pageCitation, "");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".ms-cite-link[data-cite]"), function (cite) {
      cite.hidden = false;
      cite.addEventListener("click", function () {
        show(cite.getAttribute("data-cite"), cite.getAttribute("data-label"));
        var fold = box.closest("details"); // the folded part for media and staff
        if (fold) fold.open = true;
        box.scrollIntoView({ block: "start" });
        text.focus();
      });
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
