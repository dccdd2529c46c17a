// "Copy citation" buttons: copy the button's data-cite text; where the clipboard is not available (an
// insecure origin), select the text in a prompt-free way by showing it next to the button.
(function () {
  "use strict";
  function copied(button) {
    var label = button.textContent;
    button.textContent = document.documentElement.lang === "en" ? "Copied" : "已复制";
    setTimeout(function () { button.textContent = label; }, 1500);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.zjtx-cite") : null;
    if (!button) return;
    var text = button.getAttribute("data-cite");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); });
    } else {
      var shown = document.createElement("code");
      shown.className = "zjtx-cite-text";
      shown.textContent = text;
      button.after(shown);
    }
  });
})();
