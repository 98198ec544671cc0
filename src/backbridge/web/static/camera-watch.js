// Watching one set through the camera, for the camera page (camera.js) and for a set in the
// session player (player.js): the pose model runs here, in the browser (MediaPipe Pose, served
// from /static/vendor), draws the skeleton over the camera view and sends only the 33 body
// points of each frame to /ws/camera, where the server counts reps, checks form and measures
// the frame rate. No picture leaves this page.
"use strict";

window.backbridgeWatch = (() => {
  const VENDOR = "/static/vendor/mediapipe-pose/";
  const MODEL_TIMEOUT_MS = 45000;
  const LITE_KEY = "backbridge-pose-model";
  const BONES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
    [23, 25], [25, 27], [27, 29], [29, 31], [27, 31], [24, 26], [26, 28], [28, 30], [30, 32],
    [28, 32], [0, 11], [0, 12]];
  let pose = null;  // one model per page: loading it is the slow part
  let complexity = null;

  /** The lighter pose model (MediaPipe's "lite") when the person chose it on this browser. */
  function prefersLite() { return localStorage.getItem(LITE_KEY) === "lite"; }

  function draw(canvas, video, points) {
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

  /**
   * Watch one set of ``exercise`` in ``video`` (skeleton drawn on ``canvas``); ``sides``, the
   * sides of the player's step, has the report's count mapped onto them. ``onState(state,
   * text, action)`` hears starting, loading, running, finished and the problems (no-camera,
   * denied, model-failed, refused); ``onReply(reply)`` every answer of the server (the live
   * count, then the report after finish()).
   */
  return function watchSet({ video, canvas, exercise, sides = null, onState, onReply }) {
    let stream = null;
    let socket = null;
    let running = false;
    let busy = false;
    let started = 0;
    let lastRefusal = null;

    function connect() {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const query = `exercise=${encodeURIComponent(exercise)}${sides ? `&sides=${sides.join(",")}` : ""}`;
      const opened = new WebSocket(`${scheme}://${location.host}/ws/camera?${query}`);
      opened.addEventListener("message", (event) => {
        const reply = JSON.parse(event.data);
        if (reply.error || reply.detail) {
          lastRefusal = { message: window.backbridge.detailOf(reply), action: window.backbridge.actionOf(reply) };
        }
        if (reply.type === "report") opened.close(1000);  // one connection per set
        onReply(reply);
      });
      opened.addEventListener("close", (event) => {
        if (event.code === 1008) {
          const refusal = lastRefusal || { message: event.reason || "the server refused this exercise", action: null };
          stop(false);
          onState("refused", refusal.message, refusal.action);
        }
      });
      return opened;
    }

    async function startCamera() {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        onState("no-camera", "This browser cannot use a camera here (it needs a camera and this page opened as http://127.0.0.1 or https).");
        return false;
      }
      onState("starting", "Asking for the camera…");
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
      } catch (error) {
        const denied = error && (error.name === "NotAllowedError" || error.name === "SecurityError");
        onState(denied ? "denied" : "no-camera", denied
          ? "Camera permission was denied, so the coach cannot watch. Allow the camera for this page in the browser's settings and try again."
          : "No camera was found (or it is busy in another program). Connect one and try again.");
        return false;
      }
      video.srcObject = stream;
      await video.play();
      return true;
    }

    async function startModel() {
      const wanted = prefersLite() ? 0 : 1;
      if (pose && complexity === wanted) return true;
      onState("loading", "Camera on. Loading the pose model…");
      try {
        if (!pose) {
          if (typeof window.Pose !== "function") throw new Error("the pose model's script did not load");
          pose = new window.Pose({ locateFile: (file) => VENDOR + file });
        }
        pose.setOptions({ modelComplexity: wanted, smoothLandmarks: true, minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
        pose.onResults(onResults);
        await Promise.race([
          pose.initialize(),
          new Promise((_, reject) => setTimeout(() => reject(new Error("it took too long")), MODEL_TIMEOUT_MS)),
        ]);
        complexity = wanted;
        return true;
      } catch (error) {
        onState("model-failed", `The pose model could not start in this browser (${error && error.message ? error.message : error}). It needs WebAssembly and WebGL.`);
        return false;
      }
    }

    function onResults(results) {
      const points = results.poseLandmarks || null;
      draw(canvas, video, points);
      if (running && socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({
          t: (performance.now() - started) / 1000,
          width: video.videoWidth,
          height: video.videoHeight,
          landmarks: points && points.map((p) => [p.x, p.y, p.z, p.visibility ?? 0]),
        }));
      }
    }

    async function loop() {
      if (!running) return;
      if (!busy && video.readyState >= 2) {
        busy = true;
        try {
          await pose.send({ image: video });
        } catch (error) {
          stop(false);
          onState("model-failed", `The pose model stopped: ${error && error.message ? error.message : error}`);
        }
        busy = false;
      }
      requestAnimationFrame(loop);
    }

    /** Camera, model and socket; true once frames are being counted. */
    async function start() {
      if (!(await startCamera()) || !(await startModel())) {
        stop(false);
        return false;
      }
      lastRefusal = null;
      socket = connect();
      await new Promise((resolve) => {
        socket.addEventListener("open", resolve, { once: true });
        socket.addEventListener("close", resolve, { once: true });
      });
      if (socket.readyState !== WebSocket.OPEN) {
        stop(false);
        return false;
      }
      started = performance.now();
      running = true;
      onState("running", "Counting. Press Stop when the set is done.");
      requestAnimationFrame(loop);
      return true;
    }

    /** Camera off; with ``finish`` the server is asked for the set's report. */
    function stop(finish = true) {
      running = false;
      if (stream) stream.getTracks().forEach((track) => track.stop());
      stream = null;
      video.srcObject = null;
      canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
      if (finish && socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: "finish" }));
        onState("finished", "Stopped. Check the set and log it.");
      }
    }

    /** From now on, on this browser, the lighter pose model; a set being watched goes on with it. */
    function useLite() {
      localStorage.setItem(LITE_KEY, "lite");
      if (pose && complexity !== 0) {
        pose.setOptions({ modelComplexity: 0 });
        complexity = 0;
      }
    }

    return { start, stop, connect, useLite, get lite() { return prefersLite(); } };
  };
})();
