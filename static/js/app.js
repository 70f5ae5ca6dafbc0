// Shared behaviour for every page. Page-specific scripts live beside their templates' needs.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  const status = event.detail.xhr.status;
  if (target) {
    target.insertAdjacentHTML(
      "afterbegin",
      `<p class="error" role="alert">The server answered ${status}. Reload the page and try again.</p>`,
    );
  }
});
