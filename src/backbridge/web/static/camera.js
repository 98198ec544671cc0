// The camera coach's page: choose an exercise, watch one set (camera-watch.js runs the pose
// model in this browser and sends only body points to the server), then confirm the set and log
// it through /api/v1/camera-sets (one row per side, with what the camera counted and the faults
// it saw in each rep). No picture leaves this page.
"use strict";

(() => {
  const root = document.getElementById("camera");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const { api, showProblem, fillEffort, effortValue, el } = window.backbridge;
  const video = $("camera-video");
  const canvas = $("camera-overlay");
  const picker = $("camera-exercise");
  const startButton = $("camera-start");
  const stopButton = $("camera-stop");
  let watcher = null;
  let lastReport = null;

  function setState(state, text) {
    root.dataset.state = state;
    $("camera-status").textContent = text;
  }

  function problem(state, text, action = null) {
    setState(state, "The camera coach is not running:");
    showProblem($("camera-problem-text"), { message: text, action });
    $("camera-problem").hidden = false;
  }

  function onState(state, text, action = null) {
    if (["no-camera", "denied", "model-failed", "refused"].includes(state)) {
      problem(state, text, action);
      stopButton.disabled = true;
      startButton.disabled = false;
      picker.disabled = false;
      $("camera-empty").hidden = false;
      return;
    }
    setState(state, text);
  }

  function laterality(slug = picker.value) {
    const option = [...picker.options].find((item) => item.value === slug) || picker.selectedOptions[0];
    return option.dataset.laterality;
  }

  // -- what the server says ----------------------------------------------------------------
  function show(reply) {
    if (reply.error || reply.detail) {
      showProblem($("camera-status"), { message: window.backbridge.detailOf(reply), action: window.backbridge.actionOf(reply) });
      return;
    }
    if (reply.type === "report") {
      showReport(reply);
      return;
    }
    $("readout-reps").textContent = String(reply.reps);
    const sides = reply.reps_by_side;
    $("readout-sides").textContent = sides ? `${sides.left} / ${sides.right}` : "–";
    $("readout-phase").textContent = reply.person_found ? reply.phase : "nobody in view";
    $("readout-cue").textContent = reply.cue || "–";
    if (reply.frame_rate !== undefined) {
      $("readout-rate").textContent = reply.frame_rate === null ? "–" : String(Math.round(reply.frame_rate));
    }
    showSlow(reply.too_slow || null);
  }

  // The server says when this device analyses too few frames a second to count reliably.
  function showSlow(words) {
    $("camera-slow").hidden = !words;
    if (words) $("camera-slow-text").textContent = words;
    $("camera-lite").hidden = !words || (watcher && watcher.lite);
  }

  function showReport(report) {
    lastReport = report;
    show({ ...report, type: "live", phase: "done", person_found: true, cue: null });
    const sides = report.reps_by_side;
    $("report-summary").textContent = sides
      ? `${report.reps} reps: ${sides.left} left, ${sides.right} right.`
      : `${report.reps} reps.`;
    const faults = $("report-faults");
    faults.replaceChildren();
    const seen = new Map();
    for (const fault of report.faults) seen.set(fault.text, (seen.get(fault.text) || 0) + 1);
    for (const [text, count] of seen) {
      const item = document.createElement("li");
      item.textContent = `${text} (${count} rep${count === 1 ? "" : "s"})`;
      faults.append(item);
    }
    const warnings = $("report-warnings");
    warnings.replaceChildren(...report.warnings.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
    const oneSide = laterality(report.exercise) !== "bilateral";
    $("log-both").hidden = oneSide;
    $("log-left").hidden = !oneSide;
    $("log-right").hidden = !oneSide;
    $("log-reps").value = report.reps;
    $("log-reps-left").value = sides ? sides.left : 0;
    $("log-reps-right").value = sides ? sides.right : 0;
    $("log-result").replaceChildren();
    $("log-result").className = "";
    showLogFeedback([]);
    $("camera-report").hidden = false;
  }

  function connect(slug) {
    watcher = window.backbridgeWatch({ video, canvas, exercise: slug, onState, onReply: show });
    return watcher.connect();
  }

  async function start(event) {
    event.preventDefault();
    $("camera-problem").hidden = true;
    $("camera-report").hidden = true;
    showSlow(null);
    startButton.disabled = true;
    watcher = window.backbridgeWatch({ video, canvas, exercise: picker.value, onState, onReply: show });
    $("camera-empty").hidden = true;
    if (!(await watcher.start())) return;
    stopButton.disabled = false;
    picker.disabled = true;
  }

  function stop(finish = true) {
    if (watcher) watcher.stop(finish);
    $("camera-empty").hidden = false;
    stopButton.disabled = true;
    startButton.disabled = false;
    picker.disabled = false;
  }

  // -- logging the set ----------------------------------------------------------------------
  /** The set as the person confirms it: the reps per side they confirm, and what the report
   * says the camera counted and saw (``watched``). The server splits it into one row per side
   * with that side's faults, the same as for ``backbridge camera``. */
  function cameraSet(report) {
    const reps = laterality(report.exercise) === "bilateral"
      ? { both: Number($("log-reps").value) }
      : { left: Number($("log-reps-left").value), right: Number($("log-reps-right").value) };
    const body = {
      exercise: report.exercise,
      reps,
      counted: report.watched.counted,
      faults: report.watched.faults,
      pain: Number($("log-pain").value),
      note: $("log-note").value.trim() || null,
    };
    const effort = effortValue($("log-effort").value);
    if (effort) body.effort = effort;
    return body;
  }

  function showLogFeedback(messages) {
    const box = $("log-feedback");
    box.replaceChildren(...messages.map((message) => el("p", {}, message)));
    box.hidden = messages.length === 0;
  }

  async function logSet(event) {
    event.preventDefault();
    const result = $("log-result");
    if (!lastReport) return;
    const body = cameraSet(lastReport);
    if (!Object.values(body.reps).some((reps) => reps > 0)) {
      result.className = "stop-line";
      result.textContent = "No reps to log: enter the reps you did.";
      return;
    }
    let answer;
    try {
      answer = await api("POST", "/camera-sets", body);
    } catch (error) {
      result.className = "stop-line";
      showProblem(result, error);
      return;
    }
    const logged = answer.saved.length;
    showLogFeedback(answer.messages || []);
    lastReport = null;  // stored: never log it twice
    if (answer.refused) {
      result.className = "stop-line";
      result.textContent = `Logged ${logged} of ${logged + 1} sides, then: ${answer.refused}`;
      return;
    }
    result.className = "saved";
    result.textContent = `Logged ${logged} set${logged === 1 ? "" : "s"}.`;
  }

  fillEffort($("log-effort"));
  $("camera-controls").addEventListener("submit", start);
  stopButton.addEventListener("click", () => stop(true));
  $("camera-log").addEventListener("submit", logSet);
  $("camera-lite").addEventListener("click", () => {
    if (watcher) watcher.useLite();
    $("camera-lite").hidden = true;
  });
  window.addEventListener("pagehide", () => stop(false));
  // For tests and tools: render a server reply as if it came from the socket.
  window.backbridgeCamera = { show, connect, cameraSet };
})();
