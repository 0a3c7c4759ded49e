/* Matomo, configured without inline script (the public CSP allows none): the options come
   from this script element's data attributes (templates/compliance/measurement_tags.html),
   so every visitor gets the same page and a cached copy works. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.url || !script.dataset.siteId) return;
  var base = script.dataset.url;
  var queue = (window._paq = window._paq || []);
  queue.push(["setTrackerUrl", base + "matomo.php"]);
  queue.push(["setSiteId", script.dataset.siteId]);
  queue.push(["trackPageView"]);
  queue.push(["enableLinkTracking"]);
  var tracker = document.createElement("script");
  tracker.async = true;
  tracker.src = base + "matomo.js";
  document.head.appendChild(tracker);
})();
