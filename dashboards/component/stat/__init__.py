"""Stat components and (with the serializers) their data helpers."""

from dashboards.component.stat.stat import Stat, StatData

__all__ = ["Stat", "StatData"]
