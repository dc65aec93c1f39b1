// The report page: "copy the paragraph" buttons. Without JavaScript the paragraph stays
// selectable in its read-only text box.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = button.nextElementSibling;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = status.dataset.copied;
    });
  }
});
