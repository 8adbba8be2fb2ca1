/* Article page: show or hide the event and statement highlighting. */
(function () {
  "use strict";
  function bind(id, cls) {
    var box = document.getElementById(id);
    if (!box) { return; }
    box.addEventListener("change", function () {
      document.body.classList.toggle(cls, !box.checked);
    });
  }
  bind("toggle-events", "hide-events");
  bind("toggle-statements", "hide-statements");
}());
