// A form marked data-warn-unsaved (a worksheet, a session's notes and summary) with typing not yet
// saved asks before the page is left (a link, Back, closing the tab, or a button of ANOTHER form on
// the page, which loads a new page too), so an answer is not lost to a stray tap. It does not ask
// when the marked form itself is being sent (any of its buttons, including the step links that
// save first), when nothing has
// changed since the page was loaded, nor when the page is being signed out (js/idle-logout.js
// shows #idle-signed-out first). A draft the page saved by itself when "Still there?" appeared
// counts as saved. Browsers show their own wording; the page cannot choose it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-warn-unsaved]");
  if (!form) { return; }
  var signedOut = document.getElementById("idle-signed-out");
  var draftSaved = document.querySelector("#idle-warning [data-draft-saved]");
  var sending = false;

  function typed() {
    var data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    return new URLSearchParams(data).toString();
  }

  // A page sent back with a problem shows typing that was never saved: leaving it asks at once.
  var savedAs = form.getAttribute("data-warn-unsaved") === "sent-back" ? null : typed();

  form.addEventListener("submit", function () { sending = true; });
  // Sent but the page stayed (offline, or a submit another script stopped): ask again from now.
  window.addEventListener("pageshow", function () { sending = false; });

  if (draftSaved && window.MutationObserver) {
    new MutationObserver(function () {
      if (!draftSaved.hidden) { savedAs = typed(); }
    }).observe(draftSaved, { attributes: true, attributeFilter: ["hidden"] });
  }

  window.addEventListener("beforeunload", function (event) {
    if (sending || (signedOut && !signedOut.hidden)) { return; }
    if (typed() === savedAs) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers ask only when this is set
  });
})();
