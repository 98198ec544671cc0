// Page-wide behaviour and the helpers the session player (player.js) and the camera coach
// (camera.js) share: calling the API and showing its errors with their action link, the effort
// control and what it sends, and a pain slider that must be answered before anything is saved.
"use strict";

window.backbridge = (() => {
  // -- building elements ---------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  // -- the API and its errors ------------------------------------------------------------------
  /** An API refusal: ``message`` is the server's one line, ``action`` its {id, label, href} or null. */
  class ApiError extends Error {
    constructor(message, action = null, status = 0) {
      super(message);
      this.name = "ApiError";
      this.action = action;
      this.status = status;
    }
  }

  /** The one line an error body carries: ``error`` (every refusal of the API and the camera
   * socket), or ``detail`` (a string, or a list of problems) should anything else answer. */
  function detailOf(data, status) {
    const detail = data && (data.error ?? data.detail);
    if (typeof detail === "string" && detail) return detail;
    if (Array.isArray(detail) && detail.length) {
      return detail.map((problem) => (problem && problem.msg) || String(problem)).join("; ");
    }
    return status ? `the server answered ${status}` : "something went wrong";
  }

  function actionOf(data) {
    const action = data && data.action;
    return action && action.href && action.label ? action : null;
  }

  async function api(method, path, body) {
    const response = await fetch(`/api/v1${path}`, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = {};
    if (response.status !== 204) {
      try { data = await response.json(); } catch (error) { data = {}; }
    }
    if (!response.ok) throw new ApiError(detailOf(data, response.status), actionOf(data), response.status);
    return data;
  }

  /** What went wrong as page content: the detail and, when the server names one, the action
   * as a link (e.g. "Answer the safety questions" → /safety). */
  function problemContent(error) {
    const message = error && error.message ? error.message : String(error);
    const action = error && error.action;
    if (!action) return [message];
    return [message, " ", el("a", { class: "problem-action", href: action.href, "data-action": action.id }, action.label)];
  }

  /** Replace ``node``'s content with the problem (detail and action link). */
  function showProblem(node, error) {
    node.replaceChildren(...problemContent(error));
    return node;
  }

  // -- effort ------------------------------------------------------------------------------------
  // One select: no answer, RPE 1-10 in steps of 0.5, or reps in reserve 0-5+. Its values are
  // "", "rpe:7.5" and "rir:2"; effortValue turns one into what the API takes.
  const RPE_WORDS = { 1: "very easy", 3: "easy", 5: "moderate", 7: "hard, about 3 reps left",
    8: "about 2 reps left", 9: "about 1 rep left", 10: "nothing left" };
  const MAX_RESERVE = 5;

  function fillEffort(select) {
    const rpe = [];
    for (let value = 1; value <= 10; value += 0.5) {
      const words = RPE_WORDS[value] ? ` (${RPE_WORDS[value]})` : "";
      rpe.push(el("option", { value: `rpe:${value}` }, `RPE ${value}${words}`));
    }
    const reserve = [];
    for (let value = 0; value <= MAX_RESERVE; value += 1) {
      const label = value === MAX_RESERVE ? `${value} or more reps left`
        : `${value} rep${value === 1 ? "" : "s"} left${value === 0 ? " (could not do one more)" : ""}`;
      reserve.push(el("option", { value: `rir:${value}` }, label));
    }
    select.replaceChildren(
      el("option", { value: "" }, "No answer"),
      el("optgroup", { label: "How hard, RPE 1-10" }, rpe),
      el("optgroup", { label: "Reps in reserve: how many more you could have done" }, reserve));
    select.value = "";
    return select;
  }

  /** ``{"rpe": 7.5}``, ``{"reps_in_reserve": 2}`` or ``null`` for a value of the effort select. */
  function effortValue(value) {
    const [kind, number] = String(value || "").split(":");
    const amount = Number(number);
    if (number === undefined || number === "" || !Number.isFinite(amount)) return null;
    if (kind === "rpe") return { rpe: amount };
    if (kind === "rir") return { reps_in_reserve: Math.round(amount) };
    return null;
  }

  // -- scales a person taps: pain (0-10, never assumed) and effort (RPE 1-10, optional) ------
  // Each is a row of radio buttons drawn as big buttons. A pain scale counts as answered only
  // once a number is chosen: until then check() shows the refusal right beside it and returns
  // false, so 0 is only ever a real answer. ``zones`` (the pain rules' safe_max,
  // acceptable_max, severe_from) colour the numbers and name the zones under the row.
  function zoneOf(zones, value) {
    if (!zones) return null;
    if (value <= zones.safe_max) return "safe";
    if (value <= zones.acceptable_max) return "acceptable";
    return "too-much";
  }

  function zoneLegend(zones) {
    const span = (low, high) => (low === high ? `${low}` : `${low}-${high}`);
    return el("ul", { class: "zone-legend small" },
      el("li", { class: "zone-safe" }, `${span(0, zones.safe_max)}: fine, carry on`),
      el("li", { class: "zone-acceptable" },
        `${span(zones.safe_max + 1, zones.acceptable_max)}: acceptable if it settles after the set`),
      el("li", { class: "zone-too-much" },
        `${span(zones.acceptable_max + 1, 10)}: too much, this exercise stops for today` +
        (zones.severe_from <= 10 ? ` (${zones.severe_from} or more ends today's training)` : "")));
  }

  function scaleRow(id, legend, options, hint) {
    const row = el("div", { class: "scale-row" }, options.map(({ value, text, extra, css }) => {
      const input = el("input", { type: "radio", name: id, id: `${id}-${String(value).replace(".", "-")}`,
        value: String(value), class: "scale-input" });
      return el("label", { class: `scale-option${css ? ` ${css}` : ""}`, for: input.id }, input,
        el("span", { class: "scale-number" }, text), extra ? el("span", { class: "scale-extra" }, extra) : null);
    }));
    return el("fieldset", { class: "field scale", id, "aria-describedby": `${id}-hint` },
      el("legend", {}, legend), el("p", { class: "small hint", id: `${id}-hint` }, hint), row);
  }

  function chosen(fieldset) {
    const input = fieldset.querySelector("input:checked");
    return input ? Number(input.value) : null;
  }

  function painScale({ id, label, refusal, zones = null }) {
    const options = [];
    for (let value = 0; value <= 10; value += 1) {
      options.push({ value, text: String(value), css: zones ? `zone-${zoneOf(zones, value)}` : null });
    }
    const field = scaleRow(id, label, options, "0 = no pain, 10 = the worst pain you can imagine. Tap one, even 0.");
    const shown = el("output", { id: `${id}-value`, class: "scale-value" }, "not set");
    field.querySelector("legend").append(": ", shown);
    if (zones) field.append(zoneLegend(zones));
    const message = el("p", { class: "field-problem", id: `${id}-problem`, role: "alert", hidden: "hidden" }, refusal);
    field.append(message);
    field.dataset.answered = "false";
    field.addEventListener("change", () => {
      field.dataset.answered = "true";
      shown.value = `${chosen(field)}/10`;
      message.hidden = true;
    });
    return {
      field,
      get answered() { return chosen(field) !== null; },
      value() { return chosen(field); },
      /** True when answered; otherwise the message beside the scale and focus on its first number. */
      check() {
        if (chosen(field) !== null) return true;
        message.hidden = false;
        field.querySelector("input").focus();
        return false;
      },
    };
  }

  // RPE 1-10 with the reps still in reserve it stands for on the repetitions-in-reserve scale
  // (Zourdos et al. 2016: 10 = none left, 9 = 1, 8 = 2, 7 = 3, 5-6 = 4-6); a second tap on
  // the chosen number clears it, as effort is optional.
  function effortScale({ id = "effort", label = "Effort (optional)" } = {}) {
    const options = [];
    for (let value = 1; value <= 10; value += 1) {
      const left = 10 - value;
      const extra = value < 5 ? null : value < 7 ? "4-6 left" : left === 0 ? "none left" : `${left} left`;
      options.push({ value, text: String(value), extra });
    }
    const field = scaleRow(id, label, options,
      "How hard was it: 1 = very easy, 10 = could not have done one more. Under the number: the reps you still had in you.");
    let before = null;
    field.addEventListener("pointerdown", () => { before = chosen(field); });
    field.addEventListener("click", (event) => {
      const input = event.target.closest("input");
      if (input && before !== null && Number(input.value) === before) {
        input.checked = false;
        before = null;
      }
    });
    return {
      field,
      value() { return chosen(field); },
      set(value) {
        const input = field.querySelector(`input[value="${value}"]`);
        if (input) input.checked = true;
      },
      /** What the API takes: ``{"rpe": 7}`` or ``null``. */
      effort() { const value = chosen(field); return value === null ? null : { rpe: value }; },
    };
  }

  // -- page-wide -----------------------------------------------------------------------------------
  // The pages have no inline script (the Content-Security-Policy runs none), so what used to be
  // onsubmit/oninput attributes is said with data attributes: a form with data-confirm asks
  // first; an input with data-shows="ID" writes its value into the element ID (an <output>).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("input", (event) => {
    const input = event.target;
    const shown = input instanceof HTMLElement && input.dataset.shows && document.getElementById(input.dataset.shows);
    if (shown) shown.value = input.value;
  });

  // When htmx swaps away the element that had the focus (the notice's button), the focus would
  // fall to the top of the page: put it on the page's heading instead.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail && event.detail.target;
    if (!target || !target.contains(document.activeElement)) return;
    setTimeout(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const heading = document.querySelector("main h1");
      if (!heading) return;
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }, 0);
  });

  // Stop the demonstration figures' motion for people who ask for less; a chart wider than the
  // screen opens on its latest weeks (the right end), not the oldest.
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".chart-scroll").forEach((box) => { box.scrollLeft = box.scrollWidth; });
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      document.querySelectorAll("svg.figure").forEach((svg) => svg.pauseAnimations());
    }
  });

  return { el, api, ApiError, detailOf, actionOf, problemContent, showProblem, fillEffort,
    effortValue, painScale, effortScale, zoneOf };
})();
