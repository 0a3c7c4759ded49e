// Progressive enhancement only: the page works without this file.
//
// Reader preferences: text size (A− A A+) and a high-contrast mode, kept in localStorage so
// they follow the reader from page to page. They are classes on <html> (fs-small, fs-large,
// hc; see site.css). preferences.js, loaded before the page is parsed, sets them before the
// first paint; this deferred script keeps them in step with the buttons. No inline script or
// style is used, for a strict Content-Security-Policy.
(() => {
  const root = document.documentElement;
  const SIZE_KEY = "cong:font-size";
  const CONTRAST_KEY = "cong:contrast";
  const SIZES = { small: "fs-small", normal: null, large: "fs-large" };

  const read = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // storage disabled: preferences last for this page only
    }
  };
  const write = (key, value) => {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch {
      /* storage disabled or full */
    }
  };

  const preferences = () => {
    const size = read(SIZE_KEY);
    return {
      size: size === "small" || size === "large" ? size : "normal",
      contrast: read(CONTRAST_KEY) === "high",
    };
  };

  const apply = ({ size, contrast }) => {
    for (const [name, cls] of Object.entries(SIZES)) if (cls) root.classList.toggle(cls, name === size);
    root.classList.toggle("hc", contrast);
    for (const button of document.querySelectorAll("[data-font-size]")) {
      button.setAttribute("aria-pressed", String(button.dataset.fontSize === size));
    }
    for (const button of document.querySelectorAll("[data-contrast]")) {
      button.setAttribute("aria-pressed", String(contrast));
    }
  };

  let state = preferences();
  apply(state);

  for (const button of document.querySelectorAll("[data-font-size]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      state = { ...state, size: button.dataset.fontSize };
      write(SIZE_KEY, state.size === "normal" ? null : state.size);
      apply(state);
    });
  }
  for (const button of document.querySelectorAll("[data-contrast]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      state = { ...state, contrast: !state.contrast };
      write(CONTRAST_KEY, state.contrast ? "high" : null);
      apply(state);
    });
  }
  // Another tab changed a preference: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key === SIZE_KEY || event.key === CONTRAST_KEY || event.key === null) {
      state = preferences();
      apply(state);
    }
  });

  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
})();
