/* django-async-dashboards: keyboard-usable tabs and the light/dark appearance switch. */
(function () {
  "use strict";

  function selectTab(tab, focus) {
    var list = tab.closest('[role="tablist"]');
    list.querySelectorAll('[role="tab"]').forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      other.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) {
        panel.hidden = !selected;
      }
    });
    if (focus) {
      tab.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var tab = event.target.closest('[role="tab"]');
    if (tab) {
      selectTab(tab, false);
    }
  });

  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest('[role="tab"]');
    if (!tab) {
      return;
    }
    var tabs = Array.prototype.slice.call(
      tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]')
    );
    var index = tabs.indexOf(tab);
    var next = null;
    if (event.key === "ArrowRight") {
      next = tabs[(index + 1) % tabs.length];
    } else if (event.key === "ArrowLeft") {
      next = tabs[(index - 1 + tabs.length) % tabs.length];
    } else if (event.key === "Home") {
      next = tabs[0];
    } else if (event.key === "End") {
      next = tabs[tabs.length - 1];
    }
    if (next) {
      event.preventDefault();
      selectTab(next, true);
    }
  });

  window.Dashboard = {
    /* Remember "dark", "light" or "" (follow the system) for 100 days and apply it now. */
    setAppearance: function (mode) {
      var maxAge = mode ? 100 * 24 * 60 * 60 : 0;
      document.cookie =
        "appearanceMode=" + encodeURIComponent(mode) + "; path=/; max-age=" + maxAge + "; SameSite=Lax";
      document.body.classList.remove("dark", "light");
      if (mode) {
        document.body.classList.add(mode);
      }
    },
  };
})();
