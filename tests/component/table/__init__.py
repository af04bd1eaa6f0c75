"""Tests of dashboards.component.table."""
