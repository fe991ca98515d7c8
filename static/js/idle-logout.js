// Automatic logoff on screen. The server signs a person out after their idle time; this script
// stops an open page from showing records after that moment, even if nobody touches it again.
// Typing and clicking on the page count as activity: at most once per interval the page tells the
// server the person is still there, so a long note is not lost to the logoff. Shortly before the
// time runs out, a "Still there?" notice offers to stay signed in.
// Without JavaScript the server still signs the person out on their next request.
(function () {
  "use strict";
  var notice = document.getElementById("idle-signed-out");
  var warning = document.getElementById("idle-warning");
  if (!notice || !warning) { return; }
  var seconds = parseInt(notice.getAttribute("data-idle-seconds"), 10);
  var secondsLeft = parseInt(notice.getAttribute("data-idle-seconds-left"), 10);
  var interval = parseInt(notice.getAttribute("data-activity-seconds"), 10) * 1000;
  if (!(seconds > 0) || !(secondsLeft >= 0) || !(interval > 0)) { return; }
  var form = warning.querySelector("form");
  var minutesText = warning.querySelector("[data-idle-minutes]");
  // Two minutes' warning, or the last third of a shorter idle time.
  var warnBefore = Math.min(120, seconds / 3) * 1000;
  var deadline;
  var lastToldServer = Date.now();
  var telling = false;
  var timer;

  function setDeadline(left) {
    // A little after the server's deadline, so the reload below finds the session expired.
    deadline = Date.now() + (left + 2) * 1000;
  }

  function signedOut() {
    window.clearInterval(timer);
    warning.hidden = true;
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

  function minutesLeft(milliseconds) {
    var minutes = Math.ceil(milliseconds / 60000);
    if (milliseconds < 60000) { return "less than a minute"; }
    return minutes + (minutes === 1 ? " minute" : " minutes");
  }

  function check() {
    var left = deadline - Date.now();
    if (left <= 0) { signedOut(); return; }
    if (left <= warnBefore) {
      var text = minutesLeft(left);
      // Only rewrite on a change, so a screen reader does not repeat the notice every second.
      if (minutesText.textContent !== text) { minutesText.textContent = text; }
      warning.hidden = false;
    } else {
      warning.hidden = true;
    }
  }

  function tellServer() {
    if (telling) { return; }
    telling = true;
    lastToldServer = Date.now();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      redirect: "manual"
    }).then(function (response) {
      // A redirect means the server has signed the person out already (or another tab did).
      if (response.type === "opaqueredirect") { signedOut(); return null; }
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && answer.seconds_left >= 0) { setDeadline(answer.seconds_left); check(); }
    }).catch(function () {
      // Offline for a moment: the next keystroke tries again.
      lastToldServer = 0;
    }).then(function () {
      telling = false;
    });
  }

  function active() {
    if (Date.now() >= deadline) { signedOut(); return; }
    if (!warning.hidden || Date.now() - lastToldServer >= interval) { tellServer(); }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    tellServer();
  });
  ["keydown", "pointerdown", "input"].forEach(function (type) {
    document.addEventListener(type, active, { capture: true, passive: true });
  });

  setDeadline(secondsLeft);
  // Timers are slowed in background tabs and stop while a laptop sleeps: compare clock times.
  timer = window.setInterval(check, 1000);
  document.addEventListener("visibilitychange", check);
  window.addEventListener("focus", check);
})();
