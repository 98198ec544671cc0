// The session's summary at the end of the player: time, per exercise what was done, the highest
// pain, what the camera saw, and what the next session changes with the plan's reasons, as the
// API computed it (POST /sessions/{id}/finish).
"use strict";

window.backbridgeSummary = (() => {
  const { el } = window.backbridge;

  const CHANGE_WORDS = { progress: "steps up", regress: "steps down", hold: "stays the same",
    variant: "moves to a new variant", start: "starts" };

  function repsText(reps) {
    const parts = Object.entries(reps).map(([side, count]) => (side === "both" ? `${count}` : `${side} ${count}`));
    return parts.length ? parts.join(", ") : "-";
  }

  return function renderSummary(stage, summary) {
    const title = document.getElementById("player-title");
    title.textContent = "Session saved";
    // The camera's column only when the camera watched a set.
    const watched = summary.exercises.some((row) => Object.keys(row.camera_faults).length);
    const rows = summary.exercises.map((row) => el("tr", {},
      el("th", { scope: "row" }, row.name),
      el("td", {}, `${row.sets_done}${row.sets_skipped ? ` (+${row.sets_skipped} skipped)` : ""}`),
      el("td", {}, repsText(row.reps)),
      el("td", {}, row.bands.join(", ") || "-"),
      el("td", {}, row.max_pain === null ? "-" : `${row.max_pain}/10`),
      watched ? el("td", {}, Object.entries(row.camera_faults).map(([text, n]) => `${text} ×${n}`).join(", ") || "-") : null));
    const headings = ["Exercise", "Sets", "Reps", "Band", "Highest pain", ...(watched ? ["Camera saw"] : [])];
    const table = el("div", { class: "table-scroll" }, el("table", { class: "summary-table", id: "summary-table" },
      el("caption", {}, "What you did"),
      el("thead", {}, el("tr", {}, ...headings.map((name) => el("th", { scope: "col" }, name)))),
      el("tbody", {}, rows)));
    const facts = [];
    if (summary.minutes !== null) facts.push(summary.minutes ? `${summary.minutes} min` : "under a minute");
    facts.push(`warm-up and stretches: ${summary.moves.done} of ${summary.moves.total} moves`);
    if (summary.pain_before !== null) facts.push(`pain before: ${summary.pain_before}/10`);
    if (summary.max_pain !== null) facts.push(`highest during the sets: ${summary.max_pain}/10`);
    const next = summary.next;
    const nextPart = next.stopped
      ? el("p", { class: "stop-line" }, next.stop_reason)
      : el("ul", { class: "next-changes", id: "next-changes" }, next.exercises.map((item) =>
        el("li", {}, el("strong", {}, `${item.name} ${CHANGE_WORDS[item.change] || item.change}: `),
          `${item.sets} × ${item.reps ?? "-"}${item.per_side ? " per side" : ""}${item.band ? `, ${item.band} band` : ""}. `,
          item.reasons.join(" "))));
    // The session is over: starting again, voice cues and the floor view have nothing to do.
    for (const done of document.querySelectorAll("form.restart, .player-switches")) done.remove();
    document.body.classList.remove("floor-view");
    stage.replaceChildren(el("section", { class: "card summary", id: "summary" },
      el("h2", {}, "Well done"),
      el("p", { class: "lead", id: "summary-facts" }, facts.join(" · ")),
      table,
      el("h3", {}, "Next time"),
      nextPart,
      el("p", { class: "small" }, "Tomorrow morning's check-in can still change this."),
      el("p", {}, "Tomorrow morning, tell the coach how your back feels on the ",
        el("a", { href: "/" }, "Today page"), "."),
      el("p", {}, el("a", { class: "button", href: "/progress", id: "see-progress" }, "See your progress"))));
    title.focus();
  };
})();
