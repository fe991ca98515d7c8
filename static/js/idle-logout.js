// Automatic logoff on screen. The server signs a person out after their idle time; this script
// stops an open page from showing records after that moment, even if nobody touches it again.
// Typing and clicking on the page count as activity: at most once per interval the page tells the
// server the person is still there, so a long note is not lost to the logoff. Shortly before the
// time runs out, a "Still there?" notice offers to stay signed in.
// A sign-in also ends a fixed time after it started (SESSION_COOKIE_AGE), however active the person
// is. Nothing extends that, so ten minutes before it a notice says when, and asks them to save.
// A worksheet's unsaved typing is saved as a draft when that notice appears, and once more in the
// last minute, so it is not lost to a limit the person cannot push back.
// Without JavaScript the server still signs the person out on their next request.
(function () {
  "use strict";
  var notice = document.getElementById("idle-signed-out");
  var warning = document.getElementById("idle-warning");
  var ending = document.getElementById("session-ending");
  if (!notice || !warning || !ending) { return; }
  var seconds = parseInt(notice.getAttribute("data-idle-seconds"), 10);
  var secondsLeft = parseInt(notice.getAttribute("data-idle-seconds-left"), 10);
  var interval = parseInt(notice.getAttribute("data-activity-seconds"), 10) * 1000;
  var sessionLeft = parseInt(ending.getAttribute("data-session-seconds-left"), 10);
  var sessionWarnBefore = parseInt(ending.getAttribute("data-session-warn-seconds"), 10) * 1000;
  // The last draft save before the sign-in's limit: a minute before, or in the last third of a
  // shorter notice.
  var sessionLastSaveBefore = Math.min(60000, sessionWarnBefore / 3);
  if (!(seconds > 0) || !(secondsLeft >= 0) || !(interval > 0)) { return; }
  if (!(sessionLeft >= 0) || !(sessionWarnBefore > 0)) { return; }
  var form = warning.querySelector("form");
  var minutesText = warning.querySelector("[data-idle-minutes]");
  var sessionMinutesText = ending.querySelector("[data-session-minutes]");
  // Two minutes' warning, or the last third of a shorter idle time.
  var warnBefore = Math.min(120, seconds / 3) * 1000;
  var deadline;
  // A little after the server's limit, as for the idle deadline; it never moves.
  var sessionDeadline = Date.now() + (sessionLeft + 2) * 1000;
  var lastToldServer = Date.now();
  var telling = false;
  var timer;
  // A worksheet with typing not yet saved is saved as a draft when "Still there?" appears, and
  // before the sign-in's limit (sessionSaves), through its own "Save draft" action. The request
  // says it was the page's doing, not the person's (X-Mallard-Background-Save), so it does not
  // keep the sign-in alive. Only forms marked data-draft-autosave (worksheet drafts) are ever sent.
  var draftForm = document.querySelector("form[data-draft-autosave]");
  var draftSaved = document.querySelectorAll("#idle-warning [data-draft-saved], #session-ending [data-draft-saved]");
  // Typing after a save makes "saved as a draft" untrue until the next save.
  if (draftForm) {
    draftForm.addEventListener("input", function () { setHidden(draftSaved, true); });
  }
  var signedOutDraft = notice.querySelector("[data-signed-out-draft]");
  var savedAs = draftForm ? typed(draftForm) : "";
  var triedAs = savedAs;  // one try for each state of the form, however long the notice stays
  var savingDraft = false;
  // Draft saves made for the sign-in's limit: 1 when its notice first shows, 2 in the last minute.
  var sessionSaves = 0;

  function setHidden(elements, hidden) {
    elements.forEach(function (element) { element.hidden = hidden; });
  }

  function typed(formElement) {
    return new URLSearchParams(new FormData(formElement)).toString();
  }

  function saveDraft() {
    if (!draftForm || savingDraft) { return; }
    var now = typed(draftForm);
    if (now === savedAs || now === triedAs) { return; }
    triedAs = now;
    savingDraft = true;
    setHidden(draftSaved, true);
    if (signedOutDraft) { signedOutDraft.hidden = true; }
    var body = new FormData(draftForm);
    body.set("action", "draft");
    // Not draftForm.action: the worksheet's buttons are named "action", which hides that property.
    fetch(draftForm.getAttribute("action") || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Mallard-Background-Save": "draft" },
      redirect: "manual"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer && answer.saved === true) {
        savedAs = now;
        setHidden(draftSaved, false);
        if (signedOutDraft) { signedOutDraft.hidden = false; }
      }
    }).catch(function () {
      // Not saved: the worksheet keeps what was typed, and its own buttons still work.
    }).then(function () {
      savingDraft = false;
    });
  }

  function setDeadline(left) {
    // A little after the server's deadline, so the reload below finds the session expired.
    deadline = Date.now() + (left + 2) * 1000;
  }

  function signedOut() {
    window.clearInterval(timer);
    warning.hidden = true;
    ending.hidden = true;
    if (Date.now() >= sessionDeadline) {
      notice.querySelector("[data-signed-out-idle]").hidden = true;
      notice.querySelector("[data-signed-out-session]").hidden = false;
    }
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

  function show(element, textElement, milliseconds) {
    var text = minutesLeft(milliseconds);
    // Only rewrite on a change, so a screen reader does not repeat the notice every second.
    if (textElement.textContent !== text) { textElement.textContent = text; }
    element.hidden = false;
  }

  function check() {
    var now = Date.now();
    var left = deadline - now;
    var sessionLeftNow = sessionDeadline - now;
    if (left <= 0 || sessionLeftNow <= 0) { signedOut(); return; }
    // One notice at a time: "Still there?" only while staying signed in can still help.
    var idleSoon = left <= warnBefore && left < sessionLeftNow;
    if (idleSoon) {
      show(warning, minutesText, left);
      saveDraft();
    } else {
      warning.hidden = true;
    }
    if (!idleSoon && sessionLeftNow <= sessionWarnBefore) {
      show(ending, sessionMinutesText, sessionLeftNow);
    } else {
      ending.hidden = true;
    }
    // Once when the limit's notice is due, once more just before the limit; never every second.
    if (sessionLeftNow <= sessionWarnBefore && sessionSaves === 0) {
      sessionSaves = 1;
      saveDraft();
    } else if (sessionLeftNow <= sessionLastSaveBefore && sessionSaves === 1 && !savingDraft) {
      sessionSaves = 2;
      saveDraft();
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
    if (Date.now() >= deadline || Date.now() >= sessionDeadline) { signedOut(); return; }
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
