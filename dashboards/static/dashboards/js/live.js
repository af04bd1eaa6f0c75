/* django-async-dashboards: live components. htmx's SSE extension (sse.min.js) opens the page's
   event stream and swaps in the components it sends. The browser resumes a dropped stream by
   itself, sending the id of the last event it received (Last-Event-ID); when htmx has to open a
   new stream instead (the server answered with an error, such as a 503), this adds that id to
   the stream's URL, so the server re-sends the components the page has missed. */
(function () {
  "use strict";

  var PARAMETER = "last-event-id";
  var lastIds = {};

  document.addEventListener("htmx:sseMessage", function (event) {
    var source = event.target.closest ? event.target.closest("[sse-connect]") : null;
    var id = event.detail && event.detail.lastEventId;
    if (source && id) {
      lastIds[source.getAttribute("sse-connect")] = id;
    }
  });

  if (window.htmx && window.htmx.createEventSource) {
    var create = window.htmx.createEventSource;
    window.htmx.createEventSource = function (url) {
      var id = lastIds[url];
      if (id) {
        url += (url.indexOf("?") < 0 ? "?" : "&") + PARAMETER + "=" + encodeURIComponent(id);
      }
      return create(url);
    };
  }
})();
