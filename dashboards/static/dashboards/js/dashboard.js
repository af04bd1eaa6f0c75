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

  function isDark() {
    if (document.body.classList.contains("dark")) {
      return true;
    }
    if (document.body.classList.contains("light")) {
      return false;
    }
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function syncToggles() {
    var dark = isDark();
    document.querySelectorAll("[data-dashboard-theme-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    });
  }

  window.Dashboard = {
    /* Remember "dark", "light" or "" (follow the system) for 100 days, apply it now and tell
       listeners (charts re-draw) with a "dashboards:appearance" event on document. */
    setAppearance: function (mode) {
      var maxAge = mode ? 100 * 24 * 60 * 60 : 0;
      document.cookie =
        "appearanceMode=" + encodeURIComponent(mode) + "; path=/; max-age=" + maxAge + "; SameSite=Lax";
      document.body.classList.remove("dark", "light");
      if (mode) {
        document.body.classList.add(mode);
      }
      syncToggles();
      document.dispatchEvent(
        new CustomEvent("dashboards:appearance", { detail: { mode: mode, dark: isDark() } })
      );
    },
    isDark: isDark,
  };

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-dashboard-theme-toggle]")) {
      window.Dashboard.setAppearance(isDark() ? "light" : "dark");
    }
  });

  document.addEventListener("DOMContentLoaded", syncToggles);
})();

/* Streamed pages (Meta.stream): each late value arrives after the page, followed by a
   <template data-dashboards-filled> marker; move it into its slot as soon as the marker is parsed.
   Without this script the values stay visible below the page. */
(function () {
  "use strict";

  function fill(marker) {
    var id = marker.getAttribute("data-dashboards-filled");
    var value = document.querySelector('[data-dashboards-fill="' + CSS.escape(id) + '"]');
    var slot = document.querySelector('[data-dashboards-slot="' + CSS.escape(id) + '"]');
    marker.remove();
    if (!value || !slot) {
      return;
    }
    var parent = slot.parentNode;
    while (value.firstChild) {
      parent.insertBefore(value.firstChild, slot);
    }
    slot.remove();
    value.remove();
    if (window.htmx) {
      window.htmx.process(parent);
    }
    parent.dispatchEvent(new CustomEvent("dashboards:streamed", { bubbles: true }));
  }

  function fillAll(root) {
    root.querySelectorAll("template[data-dashboards-filled]").forEach(fill);
  }

  if (document.readyState !== "loading") {
    return;
  }
  var observer = new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.matches("template[data-dashboards-filled]")) {
          fill(node);
        }
      });
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    observer.disconnect();
    fillAll(document);
  });
})();
