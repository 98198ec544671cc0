// The History page: correct a set in place (the API checks the new values as it checked the
// set), or delete one, with a moment to undo: the set is only removed when the undo has
// expired, the page is left, or another set is deleted.
"use strict";

(() => {
  const { el, api, problemContent } = window.backbridge;
  const message = document.getElementById("history-message");
  const UNDO_SECONDS = 10;
  const FLASH = "backbridge-history-flash";
  let pending = null; // { row, id, timer }

  function say(...content) {
    message.replaceChildren(el("p", { class: "saved" }, ...content));
  }

  function sayProblem(error) {
    message.replaceChildren(el("p", { class: "stop-line", role: "alert" }, problemContent(error)));
  }

  const flash = sessionStorage.getItem(FLASH);
  if (flash) { sessionStorage.removeItem(FLASH); say(flash); }

  function label(row) {
    const cells = row.querySelectorAll("td");
    return `${row.dataset.name}, set ${cells[0].textContent.trim()}`;
  }

  // -- correcting -----------------------------------------------------------------------------
  function openEditor(row) {
    const old = document.querySelector(".edit-row");
    if (old) old.remove();
    const form = document.getElementById("edit-template").content.firstElementChild.cloneNode(true);
    const timed = row.dataset.timed === "yes";
    const id = row.dataset.set;
    form.querySelector(".edit-title").textContent = `Correct ${label(row)}`;
    const amount = form.querySelector(".amount");
    const amountLabel = form.querySelector(".amount-label");
    amount.id = `amount-${id}`;
    amountLabel.setAttribute("for", amount.id);
    amountLabel.textContent = timed ? "Seconds held" : "Reps done";
    amount.max = timed ? 3600 : 200;
    amount.value = row.dataset.amount;
    const band = form.querySelector(".band");
    if (row.dataset.band === "yes") band.value = row.dataset.bandValue || "none";
    else form.querySelector(".band-field").remove();
    form.querySelector(".pain").value = row.dataset.pain;
    form.querySelector(".note").value = row.dataset.note;
    const cell = el("td", { colspan: row.children.length }, form);
    const editRow = el("tr", { class: "edit-row" }, cell);
    row.after(editRow);
    form.querySelector(".cancel").addEventListener("click", () => editRow.remove());
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = {};
      if (amount.value !== row.dataset.amount) changes[timed ? "seconds" : "reps"] = Number(amount.value);
      if (row.dataset.band === "yes" && band.value !== (row.dataset.bandValue || "none")) {
        changes.band = band.value === "none" ? null : band.value;
      }
      const pain = form.querySelector(".pain").value;
      if (pain !== row.dataset.pain) changes.pain = pain === "" ? null : Number(pain);
      const note = form.querySelector(".note").value;
      if (note !== row.dataset.note) changes.note = note || null;
      const buttons = form.querySelectorAll("button");
      buttons.forEach((button) => { button.disabled = true; });
      try {
        if (Object.keys(changes).length) await api("PATCH", `/sets/${id}`, changes);
        sessionStorage.setItem(FLASH, `Corrected: ${label(row)}.`);
        window.location.reload();
      } catch (error) {
        buttons.forEach((button) => { button.disabled = false; });
        const old = form.querySelector(".stop-line");
        if (old) old.remove();
        form.querySelector(".actions").before(
          el("p", { class: "stop-line", role: "alert" }, problemContent(error)));
      }
    });
    amount.focus();
  }

  // -- deleting, with an undo ------------------------------------------------------------------
  async function deleteNow(item) {
    clearTimeout(item.timer);
    if (pending === item) pending = null;
    try {
      await api("DELETE", `/sets/${item.id}`);
      item.row.remove();
      say(`Deleted: ${item.label}.`);
    } catch (error) {
      item.row.hidden = false;
      sayProblem(error);
    }
  }

  function askToDelete(row) {
    const cell = row.querySelector(".row-actions");
    const before = [...cell.childNodes];
    const keep = el("button", { class: "link-button", type: "button" }, "Keep it");
    const confirm = el("button", { class: "button secondary confirm-delete", type: "button" }, "Delete");
    cell.replaceChildren(el("span", {}, "Delete this set? "), confirm, keep);
    confirm.focus();
    keep.addEventListener("click", () => { cell.replaceChildren(...before); });
    confirm.addEventListener("click", () => {
      if (pending) deleteNow(pending);
      const item = { row, id: row.dataset.set, label: label(row) };
      cell.replaceChildren(...before);
      row.hidden = true;
      const undo = el("button", { class: "button secondary", type: "button", id: "undo-delete" }, "Undo");
      undo.addEventListener("click", () => {
        clearTimeout(item.timer);
        pending = null;
        row.hidden = false;
        say(`Kept: ${item.label}.`);
      });
      say(`${item.label} will be deleted. `, undo);
      item.timer = setTimeout(() => deleteNow(item), UNDO_SECONDS * 1000);
      pending = item;
      undo.focus();
    });
  }

  // Leaving the page ends the time to undo: the deletion is sent on the way out.
  window.addEventListener("pagehide", () => {
    if (!pending) return;
    fetch(`/api/v1/sets/${pending.id}`, { method: "DELETE", keepalive: true });
    pending = null;
  });

  document.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-set]");
    if (!row) return;
    if (event.target.classList.contains("edit-set")) openEditor(row);
    if (event.target.classList.contains("delete-set")) askToDelete(row);
  });
})();
