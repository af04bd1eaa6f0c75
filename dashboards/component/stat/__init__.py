"""Stat components, their data, and the stat serializers."""

from dashboards.component.stat.serializers import StatDateChangeSerializer, StatSerializer
from dashboards.component.stat.stat import Stat, StatData

__all__ = ["Stat", "StatData", "StatDateChangeSerializer", "StatSerializer"]
