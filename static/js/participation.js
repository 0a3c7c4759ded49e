// Progressive enhancement for the participation forms; everything works without this file.
//
// - The "Thông tin này có hữu ích không?" form is sent with fetch() and answered in place
//   (role="status" announces it); on any failure the browser submits it normally.
// - A form's error summary (role="alert") gets the focus, so keyboard users start there.
(() => {
  for (const form of document.querySelectorAll("[data-rating-form]")) {
    const status = form.querySelector("[data-rating-status]");
    form.addEventListener("submit", (event) => {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((response) => response.json().then((data) => ({ ok: response.ok, data })))
        .then(({ ok, data }) => {
          status.textContent = data.message || "";
          status.classList.toggle("rating__message--error", !ok);
        })
        .catch(() => form.submit())
        .finally(() => {
          if (button) button.disabled = false;
        });
    });
  }
  const errors = document.querySelector("[data-form-errors]");
  if (errors) errors.focus();
})();
