// The API page: Redoc renders the OpenAPI document the binary serves. Kept
// out of the HTML so that the Content-Security-Policy can forbid inline
// scripts. Search is off: Redoc runs it in a worker made from a blob, which
// the policy does not allow.
(function () {
  "use strict";
  var el = document.getElementById("redoc");
  if (!el || !window.Redoc) { return; }
  window.Redoc.init(el.dataset.spec, {
    disableSearch: true,
    hideDownloadButton: true,
    nativeScrollbars: true,
    theme: { sidebar: { backgroundColor: "#ffffff" } }
  }, el);
})();
