// "Exit this page", enhanced. Without this script the links still leave; with it, leaving hides everything at
// once, adds no history entry, and flags this tab so exit-guard.js sends any return straight back out.
// The Shift x3 shortcut follows GOV.UK's Exit this page, with two of its known gaps closed: Shift pressed while
// typing in a field never counts (govuk-frontend #4095), and overlapping left and right Shift presses still
// count (#5393), because a press is spoilt only by another key going down while Shift is held.
(function () {
  var links = document.querySelectorAll("a[data-exit-this-page]");
  var control = document.querySelector(".exit-this-page");
  if (!links.length || !control) return;
  var href = links[0].href;
  var TIMEOUT = 5000;
  var presses = 0;
  var shiftSpoilt = false;
  var timer, messageTimer;

  var lights = document.createElement("span");
  lights.className = "exit-this-page__indicator";
  lights.setAttribute("aria-hidden", "true");
  lights.innerHTML = "<span></span><span></span><span></span>";
  control.querySelector(".exit-this-page__button").appendChild(lights);
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  control.appendChild(status);

  function exit(event) {
    if (event) event.preventDefault();
    try {
      sessionStorage.setItem("exit-this-page", "1");
    } catch (e) {
      // storage blocked: still leave, only the Back guard is lost
    }
    var overlay = document.createElement("div");
    overlay.className = "exit-this-page-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = "Loading.";
    document.body.appendChild(overlay);
    document.documentElement.classList.add("exit-hidden");
    document.title = "";
    location.replace(href);
  }

  function say(message) {
    clearTimeout(messageTimer);
    status.textContent = message;
    if (message) messageTimer = setTimeout(say, TIMEOUT, "");
  }

  function show() {
    lights.classList.toggle("exit-this-page__indicator--on", presses > 0);
    for (var i = 0; i < 3; i++) lights.children[i].classList.toggle("is-lit", i < presses);
  }

  function reset() {
    clearTimeout(timer);
    if (presses) say("Exit this page expired.");
    presses = 0;
    show();
  }

  function isTyping(el) {
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(button|checkbox|radio|submit|reset|image|range|color|file)$/.test(el.type);
  }

  function isShift(event) {
    return event.key === "Shift" || event.keyCode === 16;
  }

  for (var i = 0; i < links.length; i++) links[i].addEventListener("click", exit);

  document.addEventListener(
    "keydown",
    function (event) {
      if (!isShift(event)) {
        shiftSpoilt = true; // Shift is a modifier here (capitals, Shift+Tab), or another key breaks the run
        reset();
      } else if (!event.repeat) {
        shiftSpoilt = false;
      }
    },
    true,
  );
  document.addEventListener(
    "pointerdown",
    function (event) {
      if (event.shiftKey) shiftSpoilt = true;
    },
    true,
  );
  document.addEventListener(
    "keyup",
    function (event) {
      if (!isShift(event)) return;
      if (shiftSpoilt || isTyping(event.target)) return reset();
      presses += 1;
      show();
      clearTimeout(timer);
      if (presses >= 3) {
        presses = 0;
        return exit();
      }
      say("Shift, press " + (3 - presses) + (presses === 1 ? " more times" : " more time") + " to exit.");
      timer = setTimeout(reset, TIMEOUT);
    },
    true,
  );

  // Without sessionStorage (blocked, as in some private modes) exit-guard.js has no flag to act on. So the site
  // then never holds more than one entry in this tab's history: moving between its pages replaces the entry, and
  // leaving with replace() takes that last one away too. Back goes to wherever she was before the site.
  if (!storageWorks()) {
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab or window
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      if (!link || link.target || link.hasAttribute("download") || link.origin !== location.origin) return;
      event.preventDefault();
      location.replace(link.href);
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var action = new URL(form.getAttribute("action") || location.href, location.href);
      if (event.defaultPrevented || form.method.toLowerCase() !== "get" || action.origin !== location.origin) return;
      event.preventDefault();
      action.search = new URLSearchParams(new FormData(form, event.submitter)).toString();
      location.replace(action.href);
    });
  }

  function storageWorks() {
    try {
      sessionStorage.setItem("exit-this-page-check", "1");
      sessionStorage.removeItem("exit-this-page-check");
      return true;
    } catch (e) {
      return false;
    }
  }
})();
