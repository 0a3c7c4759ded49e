/* The week's rows in the page editor (cong/schedule/rows_panel.py): the "Thêm dòng <day>"
 * buttons. A button clicks the InlinePanel's own add button, fills in the new row's date and
 * session, and moves the row after the rows of its day. The buttons' dates and labels follow
 * the week's start field. Labels, weekday names and formats come from the server (data-*). */
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // strftime (Python, the date widgets' format): %Y %y %m %d.
  function formatDate(date, format) {
    return format.replace(/%([Yymd])/g, function (_, token) {
      switch (token) {
        case "Y": return String(date.getUTCFullYear());
        case "y": return pad(date.getUTCFullYear() % 100);
        case "m": return pad(date.getUTCMonth() + 1);
        default: return pad(date.getUTCDate());
      }
    });
  }

  function parseDate(value, format) {
    var order = [];
    var source = format.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%([Yymd])/g, function (_, token) {
      order.push(token);
      return token === "Y" ? "(\\d{4})" : "(\\d{1,2})";
    });
    var match = new RegExp("^\\s*" + source + "\\s*$").exec(value || "");
    if (!match) return null;
    var parts = {};
    order.forEach(function (token, i) { parts[token] = parseInt(match[i + 1], 10); });
    var year = parts.Y !== undefined ? parts.Y : 2000 + parts.y;
    var date = new Date(Date.UTC(year, parts.m - 1, parts.d));
    if (date.getUTCMonth() !== parts.m - 1 || date.getUTCDate() !== parts.d) return null;
    return date;
  }

  // Django's date format (MONTH_DAY_FORMAT, e.g. "d/m"): d j m n.
  function formatDay(date, format) {
    return format.replace(/[djmn]/g, function (token) {
      var day = date.getUTCDate();
      var month = date.getUTCMonth() + 1;
      return { d: pad(day), j: String(day), m: pad(month), n: String(month) }[token];
    });
  }

  function mondayOf(date) {
    return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY);
  }

  function fire(element, type) {
    element.dispatchEvent(new Event(type, { bubbles: true }));
  }

  // The week's start changed: new dates and labels, or no buttons without a valid date.
  function followWeek(group) {
    var field = document.getElementById(group.dataset.weekField);
    if (!field) return;
    var start = parseDate(field.value, group.dataset.weekFormat);
    group.hidden = !start;
    if (!start) return;
    var monday = mondayOf(start);
    group.querySelectorAll("[data-schedule-day]").forEach(function (button) {
      var day = new Date(monday.getTime() + parseInt(button.dataset.scheduleDay, 10) * DAY);
      button.dataset.date = formatDate(day, group.dataset.dateFormat);
      button.textContent = group.dataset.label
        .replace("{weekday}", button.dataset.weekday)
        .replace("{date}", formatDay(day, group.dataset.dayFormat));
    });
  }

  function liveRows(forms) {
    return Array.prototype.filter.call(forms.children, function (child) {
      return child.hasAttribute("data-inline-panel-child") && !child.classList.contains("deleted");
    });
  }

  // After the last row dated on or before `day` (the top when there is none).
  function placeRow(forms, row, prefix, day, dateFormat) {
    var after = null;
    liveRows(forms).forEach(function (other) {
      if (other === row) return;
      var input = other.querySelector("input[name$='-date']");
      var date = input && parseDate(input.value, dateFormat);
      if (date && date <= day) after = other;
    });
    if (after) after.after(row);
    else forms.prepend(row);
    liveRows(forms).forEach(function (child, n) {
      var order = child.querySelector("input[name$='-ORDER']");
      if (order && order.value !== String(n + 1)) {
        order.value = String(n + 1);
        fire(order, "change");
      }
    });
    if (forms.congInlinePanel) forms.congInlinePanel.updateControlStates();
  }

  function addRow(group, button) {
    var prefix = group.dataset.formsetPrefix; // "id_entries"
    var add = document.getElementById(prefix + "-ADD");
    var forms = document.getElementById(prefix + "-FORMS");
    var day = parseDate(button.dataset.date, group.dataset.dateFormat);
    if (!add || !forms || !day || add.disabled) return;
    var index = null;
    function added(event) {
      index = event.detail && event.detail.formIndex;
    }
    forms.addEventListener("w-formset:added", added);
    add.click();
    forms.removeEventListener("w-formset:added", added);
    if (index === null || index === undefined) return;
    var rowPrefix = prefix + "-" + index; // "id_entries-3"
    var date = document.getElementById(rowPrefix + "-date");
    var session = document.getElementById(rowPrefix + "-session");
    if (date) {
      date.value = button.dataset.date;
      fire(date, "input");
      fire(date, "change");
    }
    if (session && group.dataset.session) {
      session.value = group.dataset.session;
      fire(session, "change");
    }
    var row = document.getElementById("inline_child_" + rowPrefix.replace(/^id_/, ""));
    if (row) {
      placeRow(forms, row, prefix, day, group.dataset.dateFormat);
      row.scrollIntoView({ block: "center" });
    }
    var content = document.getElementById(rowPrefix + "-content");
    if (content) content.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-schedule-day]");
    var group = button && button.closest("[data-schedule-rows]");
    if (group) addRow(group, button);
  });

  function init() {
    document.querySelectorAll("[data-schedule-rows]").forEach(function (group) {
      var field = document.getElementById(group.dataset.weekField);
      if (!field) return;
      // The date picker writes the value and fires "change"; typing fires "input".
      ["input", "change"].forEach(function (type) {
        field.addEventListener(type, function () { followWeek(group); });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
