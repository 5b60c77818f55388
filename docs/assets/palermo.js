/* Palermo site script: "copy citation" buttons. Loaded as a file (no inline handlers) so the
   Content-Security-Policy can forbid inline script. Buttons stay hidden when scripts do not run. */
(function () {
  "use strict";

  function announce(button, message) {
    var scope = button.closest("section, article, .md-content") || document;
    var status = scope.querySelector(".pl-copy-status");
    if (status) {
      status.textContent = message;
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "pl-offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copy(button) {
    var text = button.getAttribute("data-pl-copy") || "";
    var label = button.getAttribute("aria-label") || "citation";
    var done = function () { announce(button, "Copied: " + text); };
    var failed = function () { announce(button, "Could not copy; select the text and copy it by hand."); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { (fallbackCopy(text) ? done : failed)(); });
    } else {
      (fallbackCopy(text) ? done : failed)();
    }
    return label;
  }

  function init() {
    var buttons = document.querySelectorAll("button[data-pl-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button[data-pl-copy]") : null;
    if (button) {
      copy(button);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
