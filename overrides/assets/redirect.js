// The page left at a former address (generator/templates/redirect.html.j2): go to the
// current page, keeping the #anchor, mapped from a former anchor to its current one.
(function () {
  "use strict";
  var script = document.currentScript;
  var anchors = JSON.parse(script.getAttribute("data-anchors") || "{}");
  var hash = location.hash.slice(1);
  var anchor = Object.prototype.hasOwnProperty.call(anchors, hash) ? anchors[hash] : hash;
  location.replace(script.getAttribute("data-target") + (anchor ? "#" + anchor : ""));
})();
