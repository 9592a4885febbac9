// material's storage helpers, loaded from overrides/partials/javascripts/base.html instead
// of its inline script (the Content-Security-Policy allows none). Its bundle.js reads these
// globals: the scope (the site's base URL, so that settings are kept per site) and
// localStorage/sessionStorage access by key within that scope.
var __md_scope = new URL(document.currentScript.getAttribute("data-scope"), location);

var __md_hash = function (value) {
  return Array.from(value).reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
};

var __md_get = function (key, storage = localStorage, scope = __md_scope) {
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};

var __md_set = function (key, value, storage = localStorage, scope = __md_scope) {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // storage full or disabled: the setting is simply not kept
  }
};
