// Back on Today after a card's button (Done, Not done, Undo), the server sends the page to
// #messages, the box saying what was done. A box already on the page when it loads is often not
// read out, so focus moves to it (it has tabindex="-1"): a screen reader then reads it, and the
// next Tab goes on from there. Without JavaScript the page still opens at the message.
(function () {
  "use strict";
  if (window.location.hash !== "#messages") { return; }
  var box = document.getElementById("messages");
  if (box) { box.focus(); }
})();
