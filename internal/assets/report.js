// The report's print button: kept out of the HTML so that the
// Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-print]")) { window.print(); }
  });
})();
