// Accessible names for the admin's autocomplete boxes (select2, shipped with Django's admin).
// select2 names a box after the choice shown in it, so an empty box has no name; its search field and its
// "clear" control need fixing each time it redraws. Each box takes the name of the select it replaces.
"use strict";
(function () {
  function nameOf(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function mend(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var name = nameOf(select);
    container.querySelectorAll(".select2-selection, .select2-selection__rendered[role]").forEach(function (box) {
      if (name && box.getAttribute("aria-label") !== name) box.setAttribute("aria-label", name);
    });
    container.querySelectorAll(".select2-search__field").forEach(function (field) {
      if (name && field.getAttribute("aria-label") !== name) field.setAttribute("aria-label", name);
    });
    // A list may only hold list items: keep the "clear all" control beside the list of choices, not in it.
    container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(function (clear) {
      clear.parentElement.parentElement.insertBefore(clear, clear.parentElement);
    });
  }

  function mendAll() {
    document.querySelectorAll("span.select2-container").forEach(mend);
  }

  document.addEventListener("DOMContentLoaded", function () {
    mendAll();
    new MutationObserver(mendAll).observe(document.body, { childList: true, subtree: true });
  });
})();
