/* Draw each sparkline: when the page is ready, and when htmx swaps in a deferred one. */
(function () {
  "use strict";

  function draw(svg) {
    var script = document.getElementById(svg.dataset.sparkline);
    var numbers = JSON.parse(script.textContent);
    var low = Math.min.apply(null, numbers);
    var range = Math.max.apply(null, numbers) - low || 1;
    var step = 100 / Math.max(numbers.length - 1, 1);
    var points = numbers.map(function (number, index) {
      var y = 28 - (26 * (number - low)) / range;
      return (index * step).toFixed(1) + "," + y.toFixed(1);
    });
    svg.querySelector("polyline").setAttribute("points", points.join(" "));
  }

  /* htmx fires htmx:load on the body once the page is ready, then on each new element. */
  document.addEventListener("htmx:load", function (event) {
    event.target.querySelectorAll("svg[data-sparkline]").forEach(draw);
  });
})();
