"""The components a dashboard is made of."""

from dashboards.component.base import CTA, Component
from dashboards.component.stat import Stat
from dashboards.component.text import Text

__all__ = ["CTA", "Component", "Stat", "Text"]
