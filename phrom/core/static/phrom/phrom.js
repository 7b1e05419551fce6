// Behaviour shared by the pages. No inline script anywhere: the Content-Security-Policy forbids it.

// A choice that applies as soon as it is made: <select data-submit-on-change> submits its form
// (without script, the form shows its own button in <noscript>).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-submit-on-change]")) {
    event.target.form.submit();
  }
});

// A table wider than its box scrolls inside it (.table-scroll): the box then takes the keyboard's
// focus, so that it can be scrolled without a mouse, and is named after its table for screen readers.
function reachableScrollBoxes(root) {
  root.querySelectorAll(".table-scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      var heading = box.closest("section") && box.closest("section").querySelector("h2, h3");
      var name = (caption || heading || {}).textContent;
      if (name && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", name.trim());
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { reachableScrollBoxes(document); });
document.addEventListener("htmx:afterSettle", function (event) { reachableScrollBoxes(event.target); });
window.addEventListener("resize", function () { reachableScrollBoxes(document); });
