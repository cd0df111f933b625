// Small progressive enhancement; every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");  // style.css shows script-only parts under .js
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
  // File pickers (the _macros.html file_picker): show the chosen names in Chinese. Also on load and when
  // the page comes back from the history cache, where the browser may have kept the earlier choice.
  function size(n) {
    if (n < 1024) return n + " 字节";
    if (n < 1024 * 1024) return Math.round(n / 1024) + " KB";
    return (n / 1024 / 1024).toFixed(1) + " MB";
  }
  document.querySelectorAll("input[type=file][data-chosen]").forEach(function (input) {
    var out = document.getElementById(input.getAttribute("data-chosen"));
    if (!out) return;
    function show() {
      var names = Array.prototype.map.call(input.files || [], function (f) {
        return f.name + "（" + size(f.size) + "）";
      });
      out.textContent = !names.length ? "未选择文件"
        : names.length === 1 ? "已选择：" + names[0]
        : "已选择 " + names.length + " 个文件：" + names.join("、");
    }
    input.addEventListener("change", show);
    window.addEventListener("pageshow", show);
    show();
  });
  // Disable submit buttons after the first click (no double submissions on slow phones).
  document.querySelectorAll("form[method=post]:not([data-multi])").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.textContent = "处理中…";
      });
      // A long analysis (a whole phone's SMS backup) says it is working and counts the seconds.
      var busy = document.getElementById(form.getAttribute("data-busy") || "");
      if (!busy) return;
      var started = Date.now(), base = busy.textContent;
      busy.hidden = false;
      setInterval(function () {
        busy.textContent = base + "（已用 " + Math.round((Date.now() - started) / 1000) + " 秒）";
      }, 1000);
    });
  });
})();
