// Small progressive enhancement; every page works without it.
(function () {
  "use strict";
  // "none of these" options clear the others, and choosing another clears "none".
  document.querySelectorAll("input[type=checkbox][data-exclusive]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (!box.checked) return;
      document.querySelectorAll("input[type=checkbox][name='" + box.name + "']").forEach(function (o) {
        if (o !== box) o.checked = false;
      });
    });
  });
  document.querySelectorAll("input[type=checkbox]:not([data-exclusive])").forEach(function (box) {
    box.addEventListener("change", function () {
      if (!box.checked) return;
      document.querySelectorAll("input[type=checkbox][data-exclusive][name='" + box.name + "']").forEach(function (o) {
        o.checked = false;
      });
    });
  });
  // Show the chosen photo's name and size before uploading.
  document.querySelectorAll("input[type=file][data-preview]").forEach(function (input) {
    var out = document.getElementById(input.getAttribute("data-preview"));
    input.addEventListener("change", function () {
      if (!out) return;
      var names = Array.prototype.map.call(input.files, function (f) {
        return f.name + "（" + Math.round(f.size / 1024) + " KB）";
      });
      out.textContent = names.length ? "已选择：" + names.join("、") : "";
    });
  });
  // Disable submit buttons after the first click (no double submissions on slow phones).
  document.querySelectorAll("form[method=post]:not([data-multi])").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.textContent = "处理中…";
      });
    });
  });
})();
