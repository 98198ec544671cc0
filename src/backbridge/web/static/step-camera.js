// The camera inside a set of the session player: "Count with the camera" opens the camera view
// in the step itself, counts that set (per side), speaks each rep and the form cue it flags, and
// on "Stop and fill in the set" hands what it counted and saw to the set's form. The frame rate
// is the server's to judge: when this device is too slow to count reliably the panel says so
// and offers the lighter pose model. No picture leaves this page (camera-watch.js).
"use strict";

window.backbridgeStepCamera = (() => {
  const { el, showProblem } = window.backbridge;
  const PROBLEMS = ["no-camera", "denied", "model-failed", "refused"];
  let open = null;  // the panel on screen: { watcher, panel, show }

  /** Camera off and the panel gone (a step that changes closes it). */
  function close() {
    if (!open) return;
    if (open.watcher) open.watcher.stop(false);
    open.panel.remove();
    open = null;
  }

  function sideWords(counted) {
    const entries = Object.entries(counted);
    if (entries.length === 1) return "";
    return ` (${entries.map(([side, reps]) => `${reps} ${side}`).join(", ")})`;
  }

  function faultLines(faults) {
    const seen = new Map();
    for (const fault of faults) seen.set(fault.text, (seen.get(fault.text) || 0) + 1);
    return [...seen].map(([text, count]) => el("li", {}, `${text} (${count} rep${count === 1 ? "" : "s"})`));
  }

  /**
   * Open the panel for ``step`` before ``place``. ``say`` speaks (the player's voice cues);
   * ``onCounted(watched)`` gets the report's ``watched`` mapped onto the step's sides, once the
   * person stops the set; ``onClosed()`` when the panel closes without a count.
   */
  function start({ step, place, say, onCounted, onClosed }) {
    close();
    const video = el("video", { id: "step-camera-video", playsinline: "", muted: "" });
    const canvas = el("canvas", { id: "step-camera-overlay", "aria-hidden": "true" });
    const status = el("p", { class: "camera-status", id: "step-camera-status", role: "status" },
      "Put the camera where it sees your whole body from the side.");
    const reps = el("span", { class: "big-number", id: "step-camera-reps" }, "0");
    const bySide = el("span", { id: "step-camera-sides" });
    const cueLine = el("p", { class: "camera-cue", id: "step-camera-cue", "aria-live": "polite" });
    const rate = el("span", { id: "step-camera-rate" }, "–");
    const slowText = el("p", { id: "step-camera-slow-text" });
    const lite = el("button", { class: "button secondary", type: "button", id: "step-camera-lite",
      onclick: () => { if (open && open.watcher) open.watcher.useLite(); lite.hidden = true; } },
    "Use the lighter pose model");
    const slow = el("div", { class: "warn-line", id: "step-camera-slow", role: "alert", hidden: "hidden" }, slowText, lite);
    const stopButton = el("button", { class: "button big", type: "button", id: "step-camera-stop", disabled: "disabled",
      onclick: () => { stopButton.disabled = true; open.watcher.stop(true); } },
    "Stop and fill in the set");
    const cancel = el("button", { class: "button secondary", type: "button", id: "step-camera-close",
      onclick: () => { close(); onClosed(); } },
    "Close the camera");
    const stage = el("div", { class: "camera-stage" }, video, canvas);
    const count = el("p", { class: "step-camera-count" }, reps, " reps", bySide, el("span", { class: "small" }, " · frames a second: ", rate));
    const panel = el("section", { class: "step-camera card", id: "step-camera", "aria-label": "Camera count", "data-state": "starting" },
      el("p", { class: "privacy small" }, el("strong", {}, "Video stays on this device: only body-point positions are sent, on this computer.")),
      status, count, cueLine,
      el("div", { class: "actions" }, stopButton, cancel),
      slow, stage);
    place.before(panel);
    panel.scrollIntoView({ block: "start" });

    let spokenReps = 0;
    let spokenCue = null;

    function onState(state, text, action = null) {
      panel.dataset.state = state;
      if (PROBLEMS.includes(state)) {
        showProblem(status, { message: `${text} Count by hand and fill in the form below.`, action });
        stopButton.hidden = true;
        stage.hidden = true;
        count.hidden = true;
        return;
      }
      status.textContent = text;
      if (state === "running") stopButton.disabled = false;
    }

    function show(reply) {
      if (reply.error || reply.detail) {
        showProblem(status, { message: window.backbridge.detailOf(reply), action: window.backbridge.actionOf(reply) });
        return;
      }
      if (reply.type === "report") return report(reply);
      reps.textContent = String(reply.reps);
      bySide.textContent = reply.reps_by_side ? ` (${reply.reps_by_side.left} left, ${reply.reps_by_side.right} right)` : "";
      cueLine.textContent = reply.person_found ? (reply.cue || "") : "Nobody in view: step into the picture.";
      if (reply.reps > spokenReps) { spokenReps = reply.reps; say(String(reply.reps)); }
      if (reply.cue && reply.cue !== spokenCue) { spokenCue = reply.cue; say(reply.cue); }
      if (reply.frame_rate !== undefined) rate.textContent = reply.frame_rate === null ? "–" : String(Math.round(reply.frame_rate));
      slow.hidden = !reply.too_slow;
      if (reply.too_slow) slowText.textContent = reply.too_slow;
      lite.hidden = !reply.too_slow || (open && open.watcher && open.watcher.lite);
    }

    function report(reply) {
      panel.dataset.state = "finished";
      const counted = reply.watched.counted;
      const total = Object.values(counted).reduce((sum, n) => sum + n, 0);
      const lines = [];
      if (total > 0) {
        lines.push(el("p", { class: "lead", id: "step-camera-result" },
          `The camera counted ${total} rep${total === 1 ? "" : "s"}${sideWords(counted)}: check the form below and save.`));
      } else {
        lines.push(el("p", { class: "stop-line", id: "step-camera-result" },
          "The camera counted no reps, so nothing was filled in: enter the reps you did."));
      }
      const faults = faultLines(reply.watched.faults);
      if (faults.length) lines.push(el("p", {}, "Form the camera flagged:"), el("ul", { class: "compact", id: "step-camera-faults" }, faults));
      const warnings = reply.warnings || [];
      if (warnings.length) lines.push(el("ul", { class: "compact small", id: "step-camera-warnings" }, warnings.map((text) => el("li", {}, text))));
      panel.replaceChildren(el("h3", {}, "What the camera saw"), ...lines);
      open = { watcher: null, panel, show };
      onCounted(total > 0 ? reply.watched : null);
    }

    const watcher = window.backbridgeWatch({ video, canvas, exercise: step.exercise, sides: step.sides, onState, onReply: show });
    open = { watcher, panel, show };
    watcher.start();
  }

  /** For tests and tools: render a server reply in the open panel as if it came from the socket. */
  function show(reply) { if (open) open.show(reply); }

  window.addEventListener("pagehide", close);
  return { start, close, show };
})();
