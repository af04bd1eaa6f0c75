"""Dashboards with live components, for the tests of ``dashboards.live`` and its views."""
