// Loaded after the content (overrides/partials/javascripts/content.html) instead of
// material's inline script: a #anchor naming a content tab's input opens that tab.
(function () {
  "use strict";
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) {
    target.checked = target.name.indexOf("__tabbed_") === 0;
  }
})();
