// The Nutrition page: food suggestions from the API while typing, the portions of the chosen
// food, and the supplement's own unit when one is picked. The forms work without it.
document.addEventListener("DOMContentLoaded", () => {
  const food = document.getElementById("food");
  const options = document.getElementById("food-options");
  const portions = document.getElementById("food-portions");
  let found = [];
  let timer = null;
  const describe = () => {
    const typed = food.value.trim().toLowerCase();
    const match = found.find((item) => [item.name, item.slug, ...(item.aliases || [])]
      .some((name) => name.toLowerCase() === typed));
    if (!match) { portions.textContent = ""; return; }
    const names = Object.entries(match.portions || {}).map(([name, grams]) => `${name} (${grams} g)`);
    portions.textContent = `${Math.round(match.per_100g.energy_kcal)} kcal, ${match.per_100g.protein_g} g protein per 100 g`
      + (names.length ? `; portions: ${names.join(", ")}` : "");
  };
  if (food && options) {
    food.addEventListener("input", () => {
      clearTimeout(timer);
      describe();
      const text = food.value.trim();
      if (text.length < 2) return;
      timer = setTimeout(async () => {
        const answer = await fetch(`/api/v1/nutrition/foods?search=${encodeURIComponent(text)}`);
        if (!answer.ok) return;
        found = await answer.json();
        options.replaceChildren(...found.map((item) => {
          const option = document.createElement("option");
          option.value = item.name;
          return option;
        }));
        describe();
      }, 150);
    });
    food.addEventListener("change", describe);
  }
  const supplement = document.getElementById("supplement");
  const unit = document.getElementById("unit");
  if (supplement && unit) {
    supplement.addEventListener("change", () => {
      unit.value = supplement.selectedOptions[0].dataset.unit;
    });
  }
  // After a food is logged through htmx, clear the amount for the next one.
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (event.detail.successful && form.matches && form.matches(".log-form")
        && !document.getElementById("nutrition-error")) form.reset();
  });
});
