// Loaded, blocking, in <head>: once "Exit this page" has been used in this tab, any return to the site (Back, a
// back-forward cache restore, a typed address) leaves again before anything is drawn. The flag lives in
// sessionStorage, so it belongs to this tab alone and goes when the tab is closed.
(function () {
  var exitUrl = document.currentScript.getAttribute("data-exit-url");

  function leaveIfExited() {
    try {
      if (!sessionStorage.getItem("exit-this-page")) return false;
    } catch (e) {
      return false; // storage blocked: nothing was remembered, so there is nothing to act on
    }
    document.documentElement.classList.add("exit-hidden");
    document.title = "";
    location.replace(exitUrl);
    return true;
  }

  leaveIfExited();
  // A page kept in the back-forward cache is stored hidden and does not run its scripts again when restored,
  // so it is checked on pageshow and shown only if this tab has not exited since.
  window.addEventListener("pagehide", function (event) {
    if (event.persisted) document.documentElement.classList.add("exit-hidden");
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && !leaveIfExited()) document.documentElement.classList.remove("exit-hidden");
  });
})();
