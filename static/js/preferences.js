// Reader preferences (text size, high contrast) on <html> before the first paint.
//
// Loaded without `defer` at the top of <head>: the parser waits for this tiny file, so the
// classes are set before <body> exists and no frame is ever painted in the default style
// (a deferred script runs only after parsing, and a slow machine may paint before that).
// site.js owns the buttons and keeps these classes in step; the keys and classes are the same.
// No inline script, for a strict Content-Security-Policy.
(() => {
  const read = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // storage disabled: the default style
    }
  };
  const root = document.documentElement;
  const size = read("cong:font-size");
  if (size === "small") root.classList.add("fs-small");
  if (size === "large") root.classList.add("fs-large");
  if (read("cong:contrast") === "high") root.classList.add("hc");
})();
