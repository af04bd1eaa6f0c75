"""Async-native data dashboards for Django, API-compatible with django-dashboards."""

__version__ = "0.2.0"
