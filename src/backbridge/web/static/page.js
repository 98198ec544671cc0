// Small page-wide behaviour: stop the demonstration figures' motion for people who ask for less.
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    document.querySelectorAll("svg.figure").forEach((svg) => svg.pauseAnimations());
  }
});
