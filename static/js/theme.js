// Follow the device's light or dark setting with Bootstrap's colour modes. Loaded in <head>, before the
// page paints, so the page never flashes the wrong theme; without JavaScript the light theme is used.
(function () {
  var query = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.documentElement.setAttribute("data-bs-theme", query.matches ? "dark" : "light");
  }
  apply();
  query.addEventListener("change", apply);
})();
