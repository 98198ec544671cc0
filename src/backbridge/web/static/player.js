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

  // -- helpers (shared ones live in page.js) ---------------------------------------------------
  const { el, api, problemContent, painSlider, fillEffort, effortValue } = window.backbridge;

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

  // An API refusal at the top of the stage: its detail, and its action as a link when it has one.
  function showError(error) {
    const old = document.getElementById("error-line");
    if (old) old.remove();
    stage.prepend(el("p", { class: "stop-line", id: "error-line", role: "alert" }, problemContent(error)));
  }

  // What the server says about what was just saved (the pain rule's advice, a stop for today).
  function showFeedback(messages, { screeningDue = false } = {}) {
    const old = document.getElementById("feedback");
    if (old) old.remove();
    const lines = messages.map((message) => el("p", {}, message));
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
    // No default: an untouched slider is refused beside it, so 0 is only ever a real answer.
    const pain = painSlider({ id: "pain-before", label: "Lower-back pain right now",
      refusal: "Set your back pain right now with the slider first (0 if there is none)." });
    const button = el("button", { class: "button big", type: "submit", id: "save-checkin" }, "Save and start");
    const form = el("form", { class: "card set-form", id: "checkin-form", novalidate: "novalidate" },
      pain.field, button);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!pain.check()) return;
      button.disabled = true;
      try {
        const answer = await api("POST", `/sessions/${sessionId}/checkin`, { pain: pain.value() });
        await reload();
        render();
        showFeedback(answer.messages || [], { screeningDue: Boolean(answer.screening_due) });
      } catch (error) { button.disabled = false; showError(error); }
    });
    stage.append(form);
    pain.input.focus();
  }

  async function logStep(step, body) {
    const answer = await api("POST", `/sessions/${sessionId}/steps/${step.index}`, body);
    justLogged = true;
    await reload();
    render();
    showFeedback(answer.messages || []);
    const saved = el("p", { class: "saved", role: "status", id: "saved-line" },
      body.skip ? "Skipped and noted." : `Saved: ${step.name}, ${step.label}.`);
    stage.prepend(saved);
  }

  function amountsFor(step, value) {
    return Object.fromEntries(step.sides.map((side) => [side, value]));
  }

  function skipButton(step) {
    return el("button", { class: "button secondary", type: "button", id: "skip-step",
      onclick: () => logStep(step, { skip: true }).catch((e) => showError(e)) }, "Skip");
  }

  function guidedMove(work, step) {
    const done = el("button", { class: "button big", type: "button", id: "done-step",
      onclick: () => logStep(step, { amounts: amountsFor(step, step.target) }).catch((e) => showError(e)) },
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
    const effort = fillEffort(el("select", { id: "effort", name: "effort" }));
    fields.push(el("div", { class: "field" }, el("label", { for: "effort" }, "Effort (optional)"),
      el("p", { class: "small hint", id: "effort-hint" },
        "RPE: how hard, 10 = could not do one more. Or reps in reserve: how many more you could have done."),
      effort));
    effort.setAttribute("aria-describedby", "effort-hint");
    // Pain is never assumed: the slider must be touched (0 is a real answer, not a default).
    const pain = painSlider({ id: "pain", label: "Pain during the set",
      refusal: "Set your pain during the set with the slider first (0 if there was none)." });
    fields.push(pain.field);
    fields.push(el("div", { class: "field" }, el("label", { for: "note" }, "Note (optional)"),
      el("input", { id: "note", name: "note", type: "text", maxlength: 500 })));
    const form = el("form", { class: "set-form", id: "set-form" }, ...fields,
      el("div", { class: "actions" },
        el("button", { class: "button big", type: "submit", id: "save-set" }, "Save set"),
        skipButton(step)));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!pain.check()) return;
      const amounts = Object.fromEntries(step.sides.map((side) => [side, Number(form[`reps-${side}`].value)]));
      const body = { amounts, pain: pain.value(), note: form.note.value || null };
      const typed = effortValue(effort.value);
      if (typed) body.effort = typed;
      if (step.uses_band) body.band = form.band.value;
      const button = document.getElementById("save-set");
      button.disabled = true;
      try { await logStep(step, body); } catch (error) { button.disabled = false; showError(error); }
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
        } catch (error) { showError(error); }
      } }, "Finish the session");
    stage.append(el("section", { class: "card" },
      el("p", { class: "lead" }, "Every step is logged."), button));
    button.focus();
  }

  render();
})();
