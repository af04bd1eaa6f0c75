/* django-async-dashboards: draw every chart and map with plotly.js, when the page loads, after
   each htmx swap, and again when the appearance changes (light/dark).

   A chart is an element with data-dashboards-chart: data-figure names the
   <script type="application/json"> holding its figure, data-theme is the appearance the server
   built the figure for, and data-display-mode-bar, data-static-plot, data-responsive and
   data-show-link are plotly.js config options. */
(function () {
  "use strict";

  var SELECTOR = "[data-dashboards-chart]";
  var OPTIONS = ["displayModeBar", "staticPlot", "responsive", "showLink"];
  var CLEAR = "rgba(0,0,0,0)";
  var DARK_QUERY = window.matchMedia("(prefers-color-scheme: dark)");
  var warned = false;

  function optionValue(value) {
    if (value === "true") {
      return true;
    }
    if (value === "false") {
      return false;
    }
    return value;
  }

  function config(el) {
    var result = {};
    OPTIONS.forEach(function (name) {
      if (el.dataset[name] !== undefined) {
        result[name] = optionValue(el.dataset[name]);
      }
    });
    if (el.dataset.topojsonUrl) {
      /* Map outlines come from our static files, not from plotly's CDN. */
      result.topojsonURL = el.dataset.topojsonUrl;
    }
    return result;
  }

  /* A fresh copy of the figure each time: plotly.js changes the objects it is given. */
  function figure(el) {
    var script = document.getElementById(el.dataset.figure);
    return script ? JSON.parse(script.textContent) : { data: [], layout: {} };
  }

  function pageIsDark() {
    var classes = document.body.classList;
    if (classes.contains("dark")) {
      return true;
    }
    if (classes.contains("light")) {
      return false;
    }
    return DARK_QUERY.matches;
  }

  function merged(values, extra) {
    return Object.assign({}, values || {}, extra);
  }

  /* The colour a custom property gives here, resolved (e.g. from light-dark()) to rgb(). */
  function colour(el, property) {
    var probe = document.createElement("span");
    probe.hidden = true;
    probe.style.color = "var(" + property + ")";
    el.parentNode.appendChild(probe);
    var value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }

  /* The figure's layout; recoloured from the page's custom properties when the page's appearance
     is not the one the server built the figure for. */
  function themedLayout(el, layout) {
    layout = layout || {};
    if (pageIsDark() === (el.dataset.theme === "dark")) {
      return layout;
    }
    var text = colour(el, "--db-text");
    var lines = colour(el, "--db-border");
    var land = colour(el, "--db-bg");
    layout.paper_bgcolor = CLEAR;
    layout.plot_bgcolor = CLEAR;
    layout.font = merged(layout.font, { color: text });
    ["xaxis", "yaxis"].forEach(function (axis) {
      layout[axis] = merged(layout[axis], { gridcolor: lines, zerolinecolor: lines, linecolor: lines });
    });
    if (layout.geo) {
      layout.geo = merged(layout.geo, {
        bgcolor: CLEAR,
        lakecolor: CLEAR,
        landcolor: land,
        countrycolor: lines,
        coastlinecolor: lines,
        subunitcolor: lines,
      });
    }
    return layout;
  }

  function draw(el, first) {
    var fig = figure(el);
    var plot = first ? window.Plotly.newPlot : window.Plotly.react;
    return plot(el, fig.data || [], themedLayout(el, fig.layout), config(el));
  }

  function charts(root) {
    var found = [];
    if (root && root.querySelectorAll) {
      found = Array.prototype.slice.call(root.querySelectorAll(SELECTOR));
      if (root.matches && root.matches(SELECTOR)) {
        found.push(root);
      }
    }
    return found;
  }

  /* Draw the charts under root that are not drawn yet. */
  function plotAll(root) {
    var pending = charts(root).filter(function (el) {
      return !el.dashboardsPlotted;
    });
    if (!pending.length) {
      return;
    }
    if (!window.Plotly) {
      if (!warned) {
        warned = true;
        console.warn(
          "django-async-dashboards: plotly.js is not loaded. Add " +
            "'dashboards.staticfiles.PlotlyFinder' to STATICFILES_FINDERS."
        );
      }
      return;
    }
    pending.forEach(function (el) {
      el.dashboardsPlotted = true;
      draw(el, true);
    });
  }

  /* Draw every chart again, e.g. in the colours of the new appearance. */
  function redrawAll() {
    charts(document).forEach(function (el) {
      if (el.dashboardsPlotted) {
        draw(el, false);
      }
    });
  }

  /* Fit charts that were hidden (e.g. in another tab) to their now visible width. */
  function resizeVisible() {
    charts(document).forEach(function (el) {
      if (el.dashboardsPlotted && el.offsetParent !== null) {
        window.Plotly.Plots.resize(el);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      plotAll(document);
    });
  } else {
    plotAll(document);
  }
  document.addEventListener("htmx:load", function (event) {
    plotAll(event.detail.elt);
  });
  /* A streamed page's value moved into its slot (dashboard.js). */
  document.addEventListener("dashboards:streamed", function (event) {
    plotAll(event.target);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    plotAll(event.detail.elt || event.target);
  });
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    if (event.target.dashboardsPlotted && window.Plotly) {
      window.Plotly.purge(event.target);
    }
  });
  /* Dashboard.setAppearance(mode) dispatches this event on document. */
  document.addEventListener("dashboards:appearance", redrawAll);
  DARK_QUERY.addEventListener("change", redrawAll);
  ["click", "keydown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest('[role="tab"]')) {
        window.requestAnimationFrame(resizeVisible);
      }
    });
  });
})();
