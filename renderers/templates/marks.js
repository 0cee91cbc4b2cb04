/* policydiff HTML report: review marks. Inlined verbatim and pinned by its sha256 in the page's CSP.
   Every change with an id carries a .mark box that the page already fills with its recorded mark
   (read-only without JavaScript). This script adds a mark selector and a note field to each box and a
   button that downloads the marks as a file for `policydiff review OLD NEW --import FILE`. Nothing is
   sent anywhere: the file is made in the page (a Blob) and saved by the browser. */
(function () {
  "use strict";
  var doc = document;
  var button = doc.getElementById("download-marks");
  var boxes = Array.prototype.slice.call(doc.querySelectorAll(".mark[data-change-id]"));
  if (!button || !boxes.length) {
    return;
  }
  var states = ["", "accepted", "query", "rejected"];
  boxes.forEach(function (box) {
    var select = doc.createElement("select");
    select.setAttribute("aria-label", button.getAttribute("data-select-label"));
    states.forEach(function (value) {
      var option = doc.createElement("option");
      option.value = value;
      option.textContent = button.getAttribute("data-label-" + (value || "none"));
      select.appendChild(option);
    });
    select.value = box.getAttribute("data-mark") || "";
    var note = doc.createElement("input");
    note.type = "text";
    note.value = box.getAttribute("data-note") || "";
    note.setAttribute("aria-label", button.getAttribute("data-note-label"));
    note.placeholder = button.getAttribute("data-note-label");
    var edit = doc.createElement("span");
    edit.className = "mark-edit";
    edit.appendChild(select);
    edit.appendChild(note);
    box.appendChild(edit);
  });
  /* A sentence standing in several rows has a box per row (a mark signs off the row it is on); its
     group says how many of its rows are marked, and keeps saying so as marks are set. */
  function count(group) {
    var mine = group.querySelectorAll(".mark-edit select");
    var n = 0;
    Array.prototype.forEach.call(mine, function (select) {
      n += select.value ? 1 : 0;
    });
    var shown = group.querySelector(".mark-count");
    if (shown) {
      shown.textContent = shown.getAttribute("data-template").replace("{n}", String(n))
        .replace("{total}", String(mine.length));
    }
  }
  Array.prototype.forEach.call(doc.querySelectorAll(".mark-group"), function (group) {
    group.addEventListener("change", function () {
      count(group);
    });
  });
  button.hidden = false;
  button.addEventListener("click", function () {
    var marks = [];
    boxes.forEach(function (box) {
      var mark = box.querySelector(".mark-edit select").value;
      if (mark) {
        marks.push({id: box.getAttribute("data-change-id"), mark: mark,
                    note: box.querySelector(".mark-edit input").value});
      }
    });
    var data = {schema: "policydiff/marks/1", old: button.getAttribute("data-old"),
                new: button.getAttribute("data-new"), old_sha256: button.getAttribute("data-old-sha256"),
                new_sha256: button.getAttribute("data-new-sha256"), marks: marks};
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], {type: "application/json"});
    var link = doc.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute("data-file");
    doc.body.appendChild(link);
    link.click();
    link.remove();
  });
}());
