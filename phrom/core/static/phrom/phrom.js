// Behaviour shared by the pages. No inline script anywhere: the Content-Security-Policy forbids it.

// A choice that applies as soon as it is made: <select data-submit-on-change> submits its form
// (without script, the form shows its own button in <noscript>).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-submit-on-change]")) {
    event.target.form.submit();
  }
});
