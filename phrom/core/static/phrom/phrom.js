// Behaviour shared by the pages. No inline script anywhere: the Content-Security-Policy forbids it.

// A choice that applies as soon as it is made: <select data-submit-on-change> submits its form
// (without script, the form shows its own button in <noscript>).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-submit-on-change]")) {
    event.target.form.submit();
  }
});

// A table wider than its box scrolls inside it (.table-scroll): the box then takes the keyboard's
// focus, so that it can be scrolled without a mouse. Boxes whose markup already makes them focusable
// are left as they are.
function reachableScrollBoxes(root) {
  root.querySelectorAll(".table-scroll").forEach(function (box) {
    var ours = box.hasAttribute("data-scroll-reachable");
    if (box.hasAttribute("tabindex") && !ours) return;
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("data-scroll-reachable", "");
    } else if (ours) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-scroll-reachable");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { reachableScrollBoxes(document); });
document.addEventListener("htmx:afterSettle", function (event) { reachableScrollBoxes(event.target); });
window.addEventListener("resize", function () { reachableScrollBoxes(document); });
