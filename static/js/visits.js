// Count this page view with a beacon and refresh the "Thống kê truy cập" figures.
// The page's HTML can be cached whole: counting happens here, not on the server render.
(() => {
  const script = document.currentScript;
  const api = script.dataset.api || "/api/visits/";
  const path = location.pathname;
  if (script.dataset.track !== "off") {
    // Selenium, Playwright and Puppeteer set navigator.webdriver whatever User-Agent they
    // claim: such a view is not counted (cong.visits.counting.driven_by_software).
    const body = JSON.stringify({ path, webdriver: navigator.webdriver === true });
    const sent = navigator.sendBeacon && navigator.sendBeacon(api + "hit", new Blob([body], { type: "text/plain" }));
    if (!sent) fetch(api + "hit", { method: "POST", body, keepalive: true, credentials: "omit" }).catch(() => {});
  }
  // In the page's language: "5.689.426" on Vietnamese pages, "5,689,426" on English ones.
  const format = (n) => Number(n).toLocaleString(document.documentElement.lang || "vi");
  const fill = (data) => {
    const set = (selector, value) => {
      for (const el of document.querySelectorAll(selector)) if (value !== undefined) el.textContent = format(value);
    };
    set("[data-visits-online]", data.online);
    set("[data-visits-today]", data.today);
    set("[data-visits-total]", data.total);
    set("[data-page-views]", data.page_views);
  };
  // Ask a moment later so the figures include this visit.
  setTimeout(() => {
    fetch(api + "summary?path=" + encodeURIComponent(path), { credentials: "omit" })
      .then((r) => (r.ok ? r.json() : null))
      .then((data) => data && fill(data))
      .catch(() => {});
  }, 600);
})();
