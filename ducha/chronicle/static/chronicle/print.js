// The chronicle page's print button (no inline scripts: CSP).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("chronicle-print");
  if (button) button.addEventListener("click", () => window.print());
});
