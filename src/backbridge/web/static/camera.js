// The camera coach: the pose model runs here, in the browser (MediaPipe Pose, served from
// /static/vendor), draws the skeleton over the camera view and sends only the 33 body points of
// each frame to /ws/camera, where the server counts reps and checks form. No picture leaves
// this page. Stop sends "finish"; the report can then be logged through /api/v1/camera-sets (one row
// per side, with what the camera counted and the faults it saw in each rep).
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
  const VENDOR = "/static/vendor/mediapipe-pose/";
  const MODEL_TIMEOUT_MS = 45000;
  const BONES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
    [23, 25], [25, 27], [27, 29], [29, 31], [27, 31], [24, 26], [26, 28], [28, 30], [30, 32],
    [28, 32], [0, 11], [0, 12]];
  let stream = null;
  let pose = null;
  let socket = null;
  let running = false;
  let busy = false;
  let started = 0;
  let lastReport = null;
  let lastRefusal = null;

  function setState(state, text) {
    root.dataset.state = state;
    $("camera-status").textContent = text;
  }

  function problem(state, text, action = null) {
    setState(state, "The camera coach is not running:");
    showProblem($("camera-problem-text"), { message: text, action });
    $("camera-problem").hidden = false;
  }

  function laterality(slug = picker.value) {
    const option = [...picker.options].find((item) => item.value === slug) || picker.selectedOptions[0];
    return option.dataset.laterality;
  }

  // -- what the server says ----------------------------------------------------------------
  function show(reply) {
    if (reply.error || reply.detail) {
      lastRefusal = { message: window.backbridge.detailOf(reply), action: window.backbridge.actionOf(reply) };
      showProblem($("camera-status"), lastRefusal);
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
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const opened = new WebSocket(`${scheme}://${location.host}/ws/camera?exercise=${encodeURIComponent(slug)}`);
    opened.addEventListener("message", (event) => show(JSON.parse(event.data)));
    opened.addEventListener("close", (event) => {
      if (event.code === 1008) {
        const refusal = lastRefusal || { message: event.reason || "the server refused this exercise", action: null };
        problem("refused", refusal.message, refusal.action);
      }
    });
    return opened;
  }

  // -- the camera and the pose model ----------------------------------------------------------
  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      problem("no-camera", "This browser cannot use a camera here (it needs a camera and this page opened as http://127.0.0.1 or https).");
      return false;
    }
    setState("starting", "Asking for the camera…");
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    } catch (error) {
      const denied = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
      problem(denied ? "denied" : "no-camera", denied
        ? "Camera permission was denied, so the coach cannot watch. Allow the camera for this page in the browser's settings and press Start again."
        : "No camera was found (or it is busy in another program). Connect one and press Start again.");
      return false;
    }
    video.srcObject = stream;
    await video.play();
    $("camera-empty").hidden = true;
    return true;
  }

  async function startModel() {
    if (pose) return true;
    setState("loading", "Camera on. Loading the pose model…");
    try {
      if (typeof window.Pose !== "function") throw new Error("the pose model's script did not load");
      const model = new window.Pose({ locateFile: (file) => VENDOR + file });
      model.setOptions({ modelComplexity: 1, smoothLandmarks: true, minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
      model.onResults(onResults);
      await Promise.race([
        model.initialize(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("it took too long")), MODEL_TIMEOUT_MS)),
      ]);
      pose = model;
      return true;
    } catch (error) {
      problem("model-failed", `The pose model could not start in this browser (${error && error.message ? error.message : error}). It needs WebAssembly and WebGL.`);
      return false;
    }
  }

  function onResults(results) {
    const points = results.poseLandmarks || null;
    draw(points);
    if (running && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({
        t: (performance.now() - started) / 1000,
        width: video.videoWidth,
        height: video.videoHeight,
        landmarks: points && points.map((p) => [p.x, p.y, p.z, p.visibility ?? 0]),
      }));
    }
  }

  function draw(points) {
    canvas.width = video.videoWidth || 640;
    canvas.height = video.videoHeight || 480;
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!points) return;
    const at = (p) => [p.x * canvas.width, p.y * canvas.height];
    context.lineWidth = 4;
    context.strokeStyle = "#39d98a";
    for (const [a, b] of BONES) {
      if ((points[a].visibility ?? 1) < 0.4 || (points[b].visibility ?? 1) < 0.4) continue;
      context.beginPath();
      context.moveTo(...at(points[a]));
      context.lineTo(...at(points[b]));
      context.stroke();
    }
    context.fillStyle = "#ffffff";
    for (const p of points.slice(11)) {
      if ((p.visibility ?? 1) < 0.4) continue;
      context.beginPath();
      context.arc(...at(p), 5, 0, 2 * Math.PI);
      context.fill();
    }
  }

  async function loop() {
    if (!running) return;
    if (!busy && video.readyState >= 2) {
      busy = true;
      try {
        await pose.send({ image: video });
      } catch (error) {
        problem("model-failed", `The pose model stopped: ${error && error.message ? error.message : error}`);
        stop(false);
      }
      busy = false;
    }
    requestAnimationFrame(loop);
  }

  async function start(event) {
    event.preventDefault();
    $("camera-problem").hidden = true;
    $("camera-report").hidden = true;
    startButton.disabled = true;
    if (!(await startCamera()) || !(await startModel())) {
      startButton.disabled = false;
      return;
    }
    lastRefusal = null;
    socket = connect(picker.value);
    await new Promise((resolve) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("close", resolve, { once: true });
    });
    if (socket.readyState !== WebSocket.OPEN) {
      stop(false);
      return;
    }
    started = performance.now();
    running = true;
    stopButton.disabled = false;
    picker.disabled = true;
    setState("running", "Counting. Press Stop when the set is done.");
    requestAnimationFrame(loop);
  }

  function stop(finish = true) {
    running = false;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
    $("camera-empty").hidden = false;
    stopButton.disabled = true;
    startButton.disabled = false;
    picker.disabled = false;
    if (finish && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "finish" }));
      setState("finished", "Stopped. Check the set below and log it.");
    }
  }

  // -- logging the set ----------------------------------------------------------------------
  /** Every fault of the report with the rep it was seen in (counted from 1) and its side, as
   * the terminal's camera coach stores them (services/camera.py, seen_faults). */
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
  window.addEventListener("pagehide", () => stop(false));
  // For tests and tools: render a server reply as if it came from the socket.
  window.backbridgeCamera = { show, connect, cameraSet };
})();
