// The session player: walks the steps of the stored session, runs hold timers, rest countdowns
// and the count-along, and logs every step through the API the moment it is done. Progress
// lives on the server, so a reload or a closed tab resumes at the first step not yet logged.
"use strict";

(() => {
  const root = document.getElementById("player");
  if (!root) return;
  const stage = document.getElementById("stage");
  const sessionId = root.dataset.session;
  const bands = JSON.parse(document.getElementById("bands-data").textContent);
  let session = JSON.parse(document.getElementById("session-data").textContent);
  let shownBlock = null;
  let shownItem = null;
  let justLogged = false;
  let timer = null;

  // -- sound -------------------------------------------------------------------------------
  let audio = null;
  function beep(length = 0.15, pitch = 880) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = pitch;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + length);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + length);
    } catch (error) { /* no sound available: the screen still shows everything */ }
  }

  // -- cues a person hears or feels on the floor: speech, vibration; the screen kept awake ------
  const MUTE_KEY = "backbridge-muted";
  let muted = localStorage.getItem(MUTE_KEY) === "yes";
  function say(text) {
    if (muted || !("speechSynthesis" in window)) return;
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    } catch (error) { /* no voice: the screen and the beeps still say it */ }
  }
  function buzz(pattern) {
    if (!muted && navigator.vibrate) navigator.vibrate(pattern);
  }
  function cue(text, { tone = null, vibrate = null } = {}) {
    if (tone) beep(...tone);
    if (vibrate) buzz(vibrate);
    say(text);
  }
  let wakeLock = null;
  async function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    if (wakeLock && !wakeLock.released) return;
    try { wakeLock = await navigator.wakeLock.request("screen"); } catch (error) { wakeLock = null; }
  }
  document.addEventListener("visibilitychange", () => keepAwake());
  const muteButton = document.getElementById("mute");
  function showMute() {
    muteButton.textContent = muted ? "Voice cues: off" : "Voice cues: on";
  }
  muteButton.addEventListener("click", () => {
    muted = !muted;
    localStorage.setItem(MUTE_KEY, muted ? "yes" : "no");
    if (muted && "speechSynthesis" in window) window.speechSynthesis.cancel();
    showMute();
  });
  showMute();

  // Floor view: big type for a screen two metres away (the step, the target, the timer and the
  // count); the page's chrome and the exercise card step aside. Remembered in this browser.
  const FLOOR_KEY = "backbridge-floor-view";
  const floorButton = document.getElementById("floor-view");
  function showFloor(on) {
    document.body.classList.toggle("floor-view", on);
    floorButton.textContent = on ? "Floor view: on" : "Floor view: off";
  }
  floorButton.addEventListener("click", () => {
    const on = !document.body.classList.contains("floor-view");
    localStorage.setItem(FLOOR_KEY, on ? "on" : "off");
    showFloor(on);
    if (on) stage.scrollIntoView({ block: "start" });
  });
  showFloor(localStorage.getItem(FLOOR_KEY) === "on");

  // -- helpers (shared ones live in page.js) ---------------------------------------------------
  const { el, api, problemContent, painScale, effortScale } = window.backbridge;

  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  // A countdown that can be paused and resumed; ``endWords`` is said when it runs out.
  function countdown(seconds, label, onDone, { skippable = true, endWords = null } = {}) {
    stopTimer();
    let left = seconds;
    const number = el("p", { class: "timer", role: "timer", "aria-label": label }, String(left));
    const box = el("div", { class: "countdown" }, el("p", { class: "timer-label" }, label), number);
    const tick = () => {
      left -= 1;
      number.textContent = String(Math.max(left, 0));
      if (left > 0 && left <= 3) { beep(0.08, 660); say(String(left)); }
      if (left <= 0) {
        stopTimer();
        cue(endWords || "Done", { tone: [0.5, 990], vibrate: [200, 100, 200] });
        onDone();
      }
    };
    const pause = el("button", { class: "button secondary", type: "button", id: "pause-timer",
      onclick: () => {
        if (timer) { stopTimer(); pause.textContent = "Resume"; } else { timer = setInterval(tick, 1000); pause.textContent = "Pause"; }
      } }, "Pause");
    box.append(el("div", { class: "timer-buttons" }, pause, skippable
      ? el("button", { class: "button secondary", type: "button", id: "skip-timer",
        onclick: () => { stopTimer(); onDone(); } }, "Skip the wait")
      : null));
    timer = setInterval(tick, 1000);
    return box;
  }

  // While a request is on its way, no button of the step can be pressed twice.
  async function busy(work) {
    const buttons = [...stage.querySelectorAll("button:not([disabled])")];
    buttons.forEach((button) => { button.disabled = true; });
    try { return await work(); } catch (error) {
      buttons.forEach((button) => { button.disabled = false; });
      throw error;
    }
  }

  // An API refusal at the top of the stage: its detail, and its action as a link when it has one.
  // Beside the control the person just used (``near``), or at the top of the stage.
  function showError(error, near = null) {
    const old = document.getElementById("error-line");
    if (old) old.remove();
    const line = el("p", { class: "stop-line", id: "error-line", role: "alert" }, problemContent(error));
    if (near && near.classList.contains("main-actions")) near.prepend(line);
    else if (near && near.classList.contains("field")) near.append(line);
    else if (near && near.isConnected) near.after(line);
    else stage.prepend(line);
  }

  // What the server says about what was just saved (the pain rule's advice, a stop for today).
  function showFeedback(messages, { screeningDue = false, lessons = [] } = {}) {
    const old = document.getElementById("feedback");
    if (old) old.remove();
    const lines = messages.map((message) => el("p", {}, message));
    // The lessons worth reading now (a lighter day, a pain stop), opened beside the session.
    if (lessons.length) {
      lines.push(el("p", {}, "Worth reading now:"), el("ul", { class: "compact", id: "lessons-now" },
        lessons.map((lesson) => el("li", {}, el("a", { href: lesson.href, target: "_blank" }, lesson.title), ` — ${lesson.summary}`))));
    }
    if (screeningDue) {
      lines.push(el("p", {}, "The safety questions are due before you train on. ",
        el("a", { href: "/safety" }, "Answer the safety questions")));
    }
    if (lines.length) stage.prepend(el("div", { class: "feedback", id: "feedback", role: "status" }, lines));
  }

  function progressUpdate() {
    const { done, total } = session.progress;
    document.getElementById("progress").value = done;
    document.getElementById("progress-text").textContent = `${done} of ${total} steps done`;
  }

  async function reload() {
    session = await api("GET", `/sessions/${sessionId}`);
    progressUpdate();
  }

  // -- stages ------------------------------------------------------------------------------
  function render() {
    stopTimer();
    if (window.backbridgeStepCamera) window.backbridgeStepCamera.close();
    stage.replaceChildren();
    if (session.needs_checkin) return renderCheckin();
    const index = session.next_step;
    if (index === null) return renderFinish();
    const step = session.steps[index];
    const block = session.blocks.find((b) => b.kind === step.block);
    const title = document.getElementById("player-title");
    title.textContent = `${block.title}: ${step.name}`;
    if (step.block !== shownBlock) {
      stage.append(el("p", { class: "block-intro" }, block.intro));
    }
    const itemKey = `${step.block}:${step.exercise}`;
    const card = document.getElementById(`card-${step.exercise}`).content.cloneNode(true);
    const details = card.querySelector("details");
    if (itemKey === shownItem) details.removeAttribute("open");
    const restNeeded = justLogged && step.rest_before > 0 && itemKey === shownItem;
    shownBlock = step.block;
    shownItem = itemKey;
    const work = el("section", { class: "step", "aria-labelledby": "step-title" },
      el("h2", { id: "step-title" }, step.label),
      el("p", { class: "target" }, target(step)));
    if (step.switch_sides) {
      work.prepend(el("p", { class: "switch", role: "alert" }, `Switch sides: now the ${step.sides[0]} side.`));
      cue(`Switch sides. Now the ${step.sides[0]} side.`, { tone: [0.3, 520], vibrate: [300] });
    }
    stage.append(work, card);
    const go = () => (step.block === "main" ? workSet(work, step) : guidedMove(work, step));
    if (restNeeded) {
      const rest = el("div", { class: "actions main-actions" },
        countdown(step.rest_before, "Rest", () => { rest.remove(); go(); },
          { endWords: `Rest over. ${step.name}, ${step.label}.` }));
      work.append(rest);
    } else {
      if (!step.switch_sides) say(`${step.name}. ${target(step)}.`);
      go();
    }
    // In the floor view the step itself opens at the top of the screen, under nothing else.
    const floor = document.body.classList.contains("floor-view");
    title.focus({ preventScroll: floor });
    if (floor) stage.scrollIntoView({ block: "start" });
  }

  function target(step) {
    const per = step.sides.length > 1 || step.sides[0] !== "both" ? " per side" : "";
    const band = step.band ? ` · ${step.band} band` : "";
    return step.timed ? `Hold ${step.target} s${per}` : `${step.target} reps${per}${band}`;
  }

  function renderCheckin() {
    document.getElementById("player-title").textContent = "Before you start";
    // No default: an untouched slider is refused beside it, so 0 is only ever a real answer.
    const pain = painScale({ id: "pain-before", label: "Lower-back pain right now",
      refusal: "Tap how much your back hurts right now first (0 if it does not)." });
    const button = el("button", { class: "button big", type: "submit", id: "save-checkin" }, "Save and start");
    const form = el("form", { class: "card set-form", id: "checkin-form", novalidate: "novalidate" },
      pain.field, button);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!pain.check()) return;
      button.disabled = true;
      try {
        const answer = await api("POST", `/sessions/${sessionId}/checkin`, { pain: pain.value() });
        keepAwake();
        await reload();
        render();
        showFeedback(answer.messages || [], { screeningDue: Boolean(answer.screening_due), lessons: answer.lessons || [] });
      } catch (error) { button.disabled = false; showError(error, button); }
    });
    stage.append(form);
    pain.field.querySelector("input").focus();
  }

  async function logStep(step, body) {
    keepAwake();
    const answer = await busy(() => api("POST", `/sessions/${sessionId}/steps/${step.index}`, body));
    justLogged = true;
    await reload();
    render();
    showFeedback(answer.messages || [], { lessons: answer.lessons || [] });
    const saved = el("p", { class: "saved", role: "status", id: "saved-line" },
      body.skip ? "Skipped and noted." : `Saved: ${step.name}, ${step.label}.`);
    stage.prepend(saved);
  }

  function amountsFor(step, value) {
    return Object.fromEntries(step.sides.map((side) => [side, value]));
  }

  function skipButton(step) {
    return el("button", { class: "button secondary", type: "button", id: "skip-step",
      onclick: (event) => logStep(step, { skip: true })
        .catch((e) => showError(e, event.target.parentNode)) },
    "Skip");
  }

  function guidedMove(work, step) {
    const actions = el("div", { class: "actions main-actions" });
    const done = el("button", { class: "button big", type: "button", id: "done-step",
      onclick: () => logStep(step, { amounts: amountsFor(step, step.target) })
        .catch((e) => showError(e, actions)) },
      "Done");
    if (step.timed) {
      // A hold done "each side" is timed side by side, with a cue to switch between them.
      const sides = step.sides;
      const holdSide = (position) => {
        const side = sides[position];
        const label = side === "both" ? `Hold: ${step.name}` : `Hold: ${step.name}, ${side} side`;
        const last = position === sides.length - 1;
        // The first side is announced here; the next ones by the switch cue that ends the last.
        if (position === 0) say(side === "both" ? "Hold." : `Hold, ${side} side.`);
        actions.replaceChildren(countdown(step.target, label, () => {
          if (!last) {
            buzz([300]);
            holdSide(position + 1);
            return;
          }
          actions.replaceChildren(done, skipButton(step));
          done.focus();
        }, { endWords: last ? "Hold done." : `Switch sides. Now the ${sides[position + 1]} side.` }),
        skipButton(step));
      };
      const start = el("button", { class: "button big", type: "button", id: "start-hold",
        onclick: () => { keepAwake(); holdSide(0); } },
        `Start the ${step.target} s hold${sides.length > 1 ? " (each side)" : ""}`);
      actions.append(start, done, skipButton(step));
    } else {
      actions.append(countAlongButton(step, actions), done, skipButton(step));
    }
    work.append(actions);
  }

  function countAlongButton(step, place) {
    const button = el("button", { class: "button secondary", type: "button", id: "count-along",
      onclick: () => { button.disabled = true; keepAwake(); place.prepend(countAlong(step)); } },
      "Count along");
    return button;
  }

  function countAlong(step) {
    const tempo = step.tempo || { up: 1, hold: 0, down: 1 };
    const beats = [];
    const sides = step.sides;
    for (let rep = 1; rep <= step.target; rep += 1) {
      for (const side of sides) {
        beats.push([rep, side, "up", tempo.up]);
        if (tempo.hold) beats.push([rep, side, "hold", tempo.hold]);
        beats.push([rep, side, "down", tempo.down]);
      }
    }
    const line = el("p", { class: "timer count" }, "Ready");
    const box = el("div", { class: "countdown" }, line);
    let position = 0;
    stopTimer();
    const next = () => {
      if (position >= beats.length) {
        line.textContent = "All reps done";
        cue("All reps done.", { tone: [0.5, 990], vibrate: [200, 100, 200] });
        return;
      }
      const [rep, side, beat, seconds] = beats[position];
      position += 1;
      line.textContent = `Rep ${rep}${side === "both" ? "" : ` · ${side}`} · ${beat}`;
      if (beat === "up") { beep(0.08, 740); say(String(rep)); }
      timer = setTimeout(next, seconds * 1000);
    };
    next();
    return box;
  }

  // -- a main set: one tap for the pain, one for Save -------------------------------------------
  // The form opens with the plan's reps and band and says what was done last time; effort and
  // pain are rows of numbers to tap. Pain is never assumed.
  const SIDE_WORDS = { both: "", left: "left ", right: "right " };

  function lastTimeText(last, timed) {
    const day = new Date(last.performed_at).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
    const unit = timed ? " s" : "";
    const amounts = Object.entries(last.amounts).map(([side, amount]) => `${SIDE_WORDS[side] || ""}${amount}${unit}`).join(", ");
    const parts = [amounts];
    if (last.band) parts.push(`${last.band} band`);
    if (last.rpe !== null) parts.push(`RPE ${last.rpe}`);
    else if (last.reps_in_reserve !== null) parts.push(`${last.reps_in_reserve} reps left`);
    if (last.pain !== null) parts.push(`pain ${last.pain}/10`);
    return `Last time (${day}, set ${last.set_number}): ${parts.join(" · ")}`;
  }

  function repsField(side, value) {
    const id = `reps-${side}`;
    const input = el("input", { id, name: id, type: "number", inputmode: "numeric", min: 0, max: 200,
      step: 1, value, required: true, "aria-describedby": `${id}-problem` });
    const nudge = (by, text, label) => el("button", { class: "button secondary stepper", type: "button",
      "aria-label": label, "aria-controls": id,
      onclick: () => { input.value = String(Math.min(200, Math.max(0, (Number(input.value) || 0) + by))); } }, text);
    const label = side === "both" ? "Reps done" : `Reps done, ${side} side`;
    return el("div", { class: "field reps-field" }, el("label", { for: id }, label),
      el("div", { class: "stepper-row" }, nudge(-1, "−", `One rep fewer, ${label.toLowerCase()}`), input,
        nudge(1, "+", `One rep more, ${label.toLowerCase()}`)),
      el("p", { class: "field-problem", id: `${id}-problem`, role: "alert", hidden: "hidden" }));
  }

  // A refusal beside the field it is about: the reps, band, effort, pain or note; the rest by
  // the Save button.
  function fieldOf(form, message) {
    const text = message.toLowerCase();
    if (/pain/.test(text)) return form.querySelector("#pain");
    if (/band/.test(text)) return form.querySelector("#band-field");
    if (/effort|rpe|reserve/.test(text)) return form.querySelector("#effort");
    if (/note/.test(text)) return form.querySelector("#note-field");
    if (/reps?\b|amount/.test(text)) return form.querySelector(".reps-field");
    return null;
  }

  function checkReps(form, step) {
    for (const side of step.sides) {
      const input = form[`reps-${side}`];
      const problem = document.getElementById(`reps-${side}-problem`);
      const value = Number(input.value);
      const wrong = input.value === "" || !Number.isInteger(value) || value < 0 || value > 200;
      problem.hidden = !wrong;
      problem.textContent = wrong ? "Give the reps as a whole number from 0 to 200." : "";
      if (wrong) { input.focus(); return false; }
    }
    return true;
  }

  function workSet(work, step) {
    const fields = step.sides.map((side) => repsField(side, step.target));
    if (step.last_time) {
      fields.unshift(el("p", { class: "last-time", id: "last-time" }, lastTimeText(step.last_time, step.timed)));
    }
    if (step.uses_band) {
      const select = el("select", { id: "band", name: "band" },
        el("option", { value: "none" }, "none"),
        ...bands.map((band) => el("option", { value: band, selected: band === step.band ? "selected" : false }, band)));
      fields.push(el("div", { class: "field", id: "band-field" }, el("label", { for: "band" }, "Band"), select));
    }
    const effort = effortScale();
    fields.push(effort.field);
    const pain = painScale({ id: "pain", label: "Pain during the set", zones: session.pain_zones,
      refusal: "Tap how much it hurt during the set first (0 if it did not)." });
    fields.push(pain.field);
    fields.push(el("div", { class: "field", id: "note-field" }, el("label", { for: "note" }, "Note (optional)"),
      el("input", { id: "note", name: "note", type: "text", maxlength: 500 })));
    const actions = el("div", { class: "actions main-actions" },
      el("button", { class: "button big", type: "submit", id: "save-set" }, "Save set"),
      skipButton(step));
    const form = el("form", { class: "set-form", id: "set-form", novalidate: "novalidate" }, ...fields, actions);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!checkReps(form, step) || !pain.check()) return;
      const amounts = Object.fromEntries(step.sides.map((side) => [side, Number(form[`reps-${side}`].value)]));
      const body = { amounts, pain: pain.value(), note: form.note.value || null };
      if (watched) body.camera = watched;
      const chosenEffort = effort.effort();
      if (chosenEffort) body.effort = chosenEffort;
      if (step.uses_band) body.band = form.band.value;
      try { await logStep(step, body); } catch (error) { showError(error, fieldOf(form, error.message) || actions); }
    });
    const along = el("div", { class: "actions" });
    along.append(countAlongButton(step, along));
    // What the camera counted and saw, once it watched this set: sent with the set.
    let watched = null;
    if (step.camera && window.backbridgeStepCamera) {
      const button = el("button", { class: "button secondary", type: "button", id: "camera-count",
        onclick: () => {
          button.disabled = true;
          keepAwake();
          window.backbridgeStepCamera.start({ step, place: form, say,
            onCounted: (seen) => { watched = seen; button.disabled = false; fillCounted(form, step, seen, pain); },
            onClosed: () => { button.disabled = false; } });
        } },
      "Count with the camera");
      along.append(button);
    }
    work.append(along, form);
  }

  // The reps the camera counted, into the form: only sides it counted reps on, never a 0.
  function fillCounted(form, step, seen, pain) {
    if (!seen) return;
    for (const side of step.sides) {
      if (seen.counted[side] > 0) form[`reps-${side}`].value = String(seen.counted[side]);
    }
    const first = pain.field.querySelector("input");
    if (first) first.focus();
  }

  function renderFinish() {
    document.getElementById("player-title").textContent = "All steps done";
    const button = el("button", { class: "button big", type: "button", id: "finish",
      onclick: async () => {
        button.disabled = true;
        try {
          const finished = await api("POST", `/sessions/${sessionId}/finish`);
          window.backbridgeSummary(stage, finished.summary);
        } catch (error) { button.disabled = false; showError(error); }
      } }, "Finish the session");
    stage.append(el("section", { class: "card" },
      el("p", { class: "lead" }, "Every step is logged."), button));
    button.focus();
  }

  render();
})();
