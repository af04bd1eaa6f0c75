/* A script of your own instead of dashboard.js: the theme button, and nothing else. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-dashboard-theme-toggle]");
  if (!button) {
    return;
  }
  var dark = !document.body.classList.contains("dark");
  document.body.classList.toggle("dark", dark);
  document.body.classList.toggle("light", !dark);
  button.setAttribute("aria-pressed", dark ? "true" : "false");
  var mode = dark ? "dark" : "light";
  document.cookie = "appearanceMode=" + mode + "; path=/; max-age=8640000; samesite=lax";
});
