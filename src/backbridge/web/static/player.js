// The session player: walks the steps of the stored session, runs hold timers, rest countdowns
// and the count-along, and logs every step through the API the moment it is done. Progress
// lives on the server, so a reload or a closed tab resumes at the first step not yet logged.
"use strict";

(() => {
  const root = document.getElementById("player");
  if (!root) return;
  const stage = document.getElementById("stage");
  const sessionId = root.dataset.session;
  const painLimit = Number(root.dataset.painLimit);
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

  // -- helpers -----------------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  async function api(method, path, body) {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = response.status === 204 ? {} : await response.json();
    if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
    return data;
  }

  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  function countdown(seconds, label, onDone, { skippable = true } = {}) {
    stopTimer();
    let left = seconds;
    const number = el("p", { class: "timer", role: "timer", "aria-label": label }, String(left));
    const box = el("div", { class: "countdown" }, el("p", { class: "timer-label" }, label), number);
    if (skippable) {
      box.append(el("button", { class: "button secondary", type: "button", id: "skip-timer",
        onclick: () => { stopTimer(); onDone(); } }, "Skip the wait"));
    }
    timer = setInterval(() => {
      left -= 1;
      number.textContent = String(Math.max(left, 0));
      if (left > 0 && left <= 3) beep(0.08, 660);
      if (left <= 0) {
        stopTimer();
        beep(0.5, 990);
        onDone();
      }
    }, 1000);
    return box;
  }

  function showError(message) {
    const old = document.getElementById("error-line");
    if (old) old.remove();
    stage.prepend(el("p", { class: "warn-line", id: "error-line", role: "alert" }, message));
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
      beep(0.3, 520);
    }
    stage.append(work, card);
    const go = () => (step.block === "main" ? workSet(work, step) : guidedMove(work, step));
    if (restNeeded) {
      const rest = countdown(step.rest_before, "Rest", () => { rest.remove(); go(); });
      work.append(rest);
    } else {
      go();
    }
    title.focus({ preventScroll: false });
  }

  function target(step) {
    const per = step.sides.length > 1 || step.sides[0] !== "both" ? " per side" : "";
    const band = step.band ? ` · ${step.band} band` : "";
    return step.timed ? `Hold ${step.target} s${per}` : `${step.target} reps${per}${band}`;
  }

  function renderCheckin() {
    document.getElementById("player-title").textContent = "Before you start";
    const value = el("output", { id: "pain-before-value" }, "0");
    const form = el("form", { class: "card", id: "checkin-form" },
      el("label", { for: "pain-before" }, "Lower-back pain right now: ", value, "/10"),
      el("input", { id: "pain-before", name: "pain", type: "range", min: 0, max: 10, step: 1, value: 0,
        oninput: (event) => { value.value = event.target.value; } }),
      el("button", { class: "button big", type: "submit" }, "Save and start"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const pain = Number(form.pain.value);
        await api("POST", `/sessions/${sessionId}/checkin`, { pain });
        await reload();
        if (pain > painLimit) {
          alert(`Your back is at ${pain}/10 before you start. Go gently, stop anything that makes it worse, and see a clinician if this pain is new, severe or rising.`);
        }
        render();
      } catch (error) { showError(error.message); }
    });
    stage.append(form);
    document.getElementById("pain-before").focus();
  }

  async function logStep(step, body) {
    const answer = await api("POST", `/sessions/${sessionId}/steps/${step.index}`, body);
    justLogged = true;
    await reload();
    render();
    if (answer.messages.length) {
      stage.prepend(el("div", { class: "feedback", role: "status" },
        ...answer.messages.map((message) => el("p", {}, message))));
    }
    const saved = el("p", { class: "saved", role: "status", id: "saved-line" },
      body.skip ? "Skipped and noted." : `Saved: ${step.name}, ${step.label}.`);
    stage.prepend(saved);
  }

  function amountsFor(step, value) {
    return Object.fromEntries(step.sides.map((side) => [side, value]));
  }

  function skipButton(step) {
    return el("button", { class: "button secondary", type: "button", id: "skip-step",
      onclick: () => logStep(step, { skip: true }).catch((e) => showError(e.message)) }, "Skip");
  }

  function guidedMove(work, step) {
    const done = el("button", { class: "button big", type: "button", id: "done-step",
      onclick: () => logStep(step, { amounts: amountsFor(step, step.target) }).catch((e) => showError(e.message)) },
      "Done");
    const actions = el("div", { class: "actions" });
    if (step.timed) {
      const start = el("button", { class: "button big", type: "button", id: "start-hold",
        onclick: () => {
          actions.replaceChildren(countdown(step.target, `Hold: ${step.name}`, () => {
            actions.replaceChildren(done, skipButton(step));
            done.focus();
          }), skipButton(step));
        } }, `Start the ${step.target} s hold`);
      actions.append(start, done, skipButton(step));
    } else {
      actions.append(countAlongButton(step, actions), done, skipButton(step));
    }
    work.append(actions);
  }

  function countAlongButton(step, place) {
    return el("button", { class: "button secondary", type: "button", id: "count-along",
      onclick: () => place.prepend(countAlong(step)) }, "Count along");
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
      if (position >= beats.length) { line.textContent = "All reps done"; beep(0.5, 990); return; }
      const [rep, side, beat, seconds] = beats[position];
      position += 1;
      line.textContent = `Rep ${rep}${side === "both" ? "" : ` · ${side}`} · ${beat}`;
      if (beat === "up") beep(0.08, 740);
      timer = setTimeout(next, seconds * 1000);
    };
    next();
    return box;
  }

  function workSet(work, step) {
    const fields = step.sides.map((side) => {
      const id = `reps-${side}`;
      const label = side === "both" ? "Reps done" : `Reps done, ${side} side`;
      return el("div", { class: "field" }, el("label", { for: id }, label),
        el("input", { id, name: id, type: "number", inputmode: "numeric", min: 0, max: 200,
          value: step.target, required: true }));
    });
    if (step.uses_band) {
      const select = el("select", { id: "band", name: "band" },
        el("option", { value: "none" }, "none"),
        ...bands.map((band) => el("option", { value: band, selected: band === step.band ? "selected" : false }, band)));
      fields.push(el("div", { class: "field" }, el("label", { for: "band" }, "Band"), select));
    }
    fields.push(el("div", { class: "field" }, el("label", { for: "effort" }, "Effort: RPE 1-10, or 'rir 2'"),
      el("input", { id: "effort", name: "effort", type: "text", autocomplete: "off", placeholder: "e.g. 8 or rir 2" })));
    // Pain is never assumed: the slider must be touched (0 is a real answer, not a default).
    let painSet = false;
    const painValue = el("output", { id: "pain-value" }, "not set");
    const markPain = (event) => { painSet = true; painValue.value = event.target.value; };
    fields.push(el("div", { class: "field" },
      el("label", { for: "pain" }, "Pain during the set: ", painValue, " (0-10, move the slider; 0 if none)"),
      el("input", { id: "pain", name: "pain", type: "range", min: 0, max: 10, step: 1, value: 0,
        oninput: markPain, onchange: markPain, onpointerdown: markPain, onkeydown: markPain })));
    fields.push(el("div", { class: "field" }, el("label", { for: "note" }, "Note (optional)"),
      el("input", { id: "note", name: "note", type: "text", maxlength: 500 })));
    const form = el("form", { class: "set-form", id: "set-form" }, ...fields,
      el("div", { class: "actions" },
        el("button", { class: "button big", type: "submit", id: "save-set" }, "Save set"),
        skipButton(step)));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!painSet) {
        showError("Set your pain during the set with the slider first (0 if there was none).");
        form.pain.focus();
        return;
      }
      const amounts = Object.fromEntries(step.sides.map((side) => [side, Number(form[`reps-${side}`].value)]));
      const body = { amounts, effort: form.effort.value, pain: Number(form.pain.value), note: form.note.value || null };
      if (step.uses_band) body.band = form.band.value;
      const button = document.getElementById("save-set");
      button.disabled = true;
      try { await logStep(step, body); } catch (error) { button.disabled = false; showError(error.message); }
    });
    const along = el("div", { class: "actions" });
    along.append(countAlongButton(step, along));
    work.append(along, form);
  }

  function renderFinish() {
    document.getElementById("player-title").textContent = "All steps done";
    const button = el("button", { class: "button big", type: "button", id: "finish",
      onclick: async () => {
        try {
          await api("POST", `/sessions/${sessionId}/finish`);
          stage.replaceChildren(el("section", { class: "card" },
            el("h2", {}, "Session saved"),
            el("p", {}, "Well done. Tomorrow morning, tell the coach how your back feels on the Today page."),
            el("p", {}, el("a", { class: "button", href: "/progress", id: "see-progress" }, "See your progress"))));
        } catch (error) { showError(error.message); }
      } }, "Finish the session");
    stage.append(el("section", { class: "card" },
      el("p", { class: "lead" }, "Every step is logged."), button));
    button.focus();
  }

  render();
})();
