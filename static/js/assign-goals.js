// Progressive enhancement of the assign form (templates/homework/therapist/assignment_form.html):
// the goal list follows the client list. Without this file the page lists the chosen client's
// goals once the form knows the client, and every client's goals, grouped by client, before.
(function () {
  "use strict";
  var source = document.querySelector("template[data-goal-choices]");
  if (!source) { return; }
  var clientSelect = document.getElementById(source.getAttribute("data-client-select"));
  var goalSelect = document.getElementById(source.getAttribute("data-goal-select"));
  if (!clientSelect || !goalSelect) { return; }

  // List the chosen client's goals only (every client's, grouped, while none is chosen), keeping
  // "No particular goal" and the goal chosen before when it is still on the list.
  function follow() {
    var chosen = clientSelect.value;
    var kept = goalSelect.value;
    Array.prototype.slice.call(goalSelect.children).forEach(function (child) {
      if (child.tagName !== "OPTION" || child.value !== "") { goalSelect.removeChild(child); }
    });
    source.content.querySelectorAll("optgroup").forEach(function (group) {
      if (!chosen) {
        goalSelect.appendChild(group.cloneNode(true));
      } else if (group.getAttribute("data-client") === chosen) {
        group.querySelectorAll("option").forEach(function (option) {
          goalSelect.appendChild(option.cloneNode(true));
        });
      }
    });
    goalSelect.value = kept;
    if (goalSelect.value !== kept) { goalSelect.value = ""; }
  }

  clientSelect.addEventListener("change", follow);
  // A browser that restores the form's values on Back may have restored another client.
  follow();
})();
