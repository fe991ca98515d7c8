// Automatic logoff on screen. The server signs a person out after their idle time; this script
// stops an open page from showing records after that moment, even if nobody touches it again.
// Without JavaScript the server still signs the person out on their next request.
(function () {
  "use strict";
  var notice = document.getElementById("idle-signed-out");
  if (!notice) { return; }
  var seconds = parseInt(notice.getAttribute("data-idle-seconds"), 10);
  if (!(seconds > 0)) { return; }
  // A little after the server's deadline, so the reload below finds the session expired.
  var deadline = Date.now() + (seconds + 2) * 1000;
  var timer;

  function signedOut() {
    window.clearInterval(timer);
    ["main", "main-nav"].forEach(function (id) {
      var element = document.getElementById(id);
      if (element) { element.hidden = true; }
    });
    document.querySelectorAll(".modal, .dropdown-menu").forEach(function (element) {
      element.hidden = true;
    });
    notice.hidden = false;
    document.title = "Signed out · Mallard";
    notice.focus();
    // Ask the server, which ends the session and offers the sign-in page.
    window.location.replace(window.location.href);
  }

  function check() {
    if (Date.now() >= deadline) { signedOut(); }
  }

  // Timers are slowed in background tabs and stop while a laptop sleeps: compare clock times.
  timer = window.setInterval(check, 5000);
  document.addEventListener("visibilitychange", check);
  window.addEventListener("focus", check);
})();
