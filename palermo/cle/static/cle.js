/* Print buttons of the provider service's pages (no inline script: the pages' CSP forbids it). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () {
    window.print();
  });
});
