// Small enhancements; every page works without them.
(function () {
  "use strict";

  // Copy buttons: <button data-copy="#input-id" hidden>. Shown only where the clipboard works.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = button.getAttribute("data-copied") || "✓";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  // Print buttons: <button data-print hidden>.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Open every <details> before printing so the printed page is complete.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.setAttribute("open", ""); });
  });

  // When a form comes back with errors, move focus to its summary so screen readers announce it.
  var summary = document.getElementById("form-errors");
  if (summary) summary.focus();
})();
