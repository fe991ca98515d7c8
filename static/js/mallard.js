// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Pre-select the browser's time zone in a fresh sign-up form. A browser may name it by an old
  // alias ("Asia/Calcutta"); the option for the zone it stands for lists it in data-aliases.
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    var i;
    for (i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) { select.value = zone; return; }
    }
    for (i = 0; i < select.options.length; i++) {
      var also = (select.options[i].getAttribute("data-aliases") || "").split(" ");
      if (also.indexOf(zone) !== -1) { select.value = select.options[i].value; return; }
    }
  });
})();

// A form sent back with errors: move focus to the summary at the top, so it is read out and
// its links lead to each field (templates/mallard/error_summary.html).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();

// A "Copy" button for a link shown in a read-only box (the calendar feed). Without JavaScript the
// button stays hidden and the link is selected and copied by hand. The status beside the button
// says "Copied" (a live region, so a screen reader hears it too).
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
    var box = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!box || !status) { return; }
    var clear;
    function say(text) {
      window.clearTimeout(clear);
      status.textContent = text;
      clear = window.setTimeout(function () { status.textContent = ""; }, 5000);
    }
    function byHand() {
      box.focus();
      box.select();
      say("Select the link and copy it yourself");
    }
    button.addEventListener("click", function () {
      var text = box.value.trim();
      if (!navigator.clipboard || !navigator.clipboard.writeText) { byHand(); return; }
      navigator.clipboard.writeText(text).then(function () { say("Copied"); }, byHand);
    });
    button.hidden = false;
  });
})();
