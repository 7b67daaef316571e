// The search page: Pagefind's Default UI, started from a file (no inline script, so the
// Content-Security-Policy can forbid them). A query in the address (?q=…) is searched at once.
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("search");
    if (!element || typeof PagefindUI === "undefined") return;
    var ui = new PagefindUI({
      element: "#search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      pageSize: 10,
      openFilters: ["goal"],
      translations: { placeholder: "Search in English or Korean" }
    });
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q");
    if (query) ui.triggerSearch(query);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
