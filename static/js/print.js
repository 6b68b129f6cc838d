// Printing, enhanced. Without this script the browser's own Print gives the same printout, without the date.
// With it: "Print this page" buttons (hidden in the HTML, so they never show when they cannot work) are shown
// and call the browser's print; and the printout says when it was printed. The date is written here, in the
// reader's browser, because pages are cached whole: a date written by the server would be the day it was cached.
(function () {
  function writeDate() {
    var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll("[data-print-date]").forEach(function (line) {
      line.querySelector("span").textContent = today;
      line.hidden = false;
    });
  }

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  writeDate();
  // A page left open past midnight is printed with the day it is printed on.
  window.addEventListener("beforeprint", writeDate);
})();
