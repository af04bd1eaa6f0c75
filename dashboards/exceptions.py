"""Exceptions raised by the library."""

__all__ = ["ComponentNotFoundError", "DashboardError", "DashboardNotFoundError", "LayoutError"]


class DashboardError(Exception):
    """Base class of every error the library raises on purpose."""


class DashboardNotFoundError(DashboardError):
    """No registered dashboard matches an app label and class name."""


class ComponentNotFoundError(DashboardError, KeyError):
    """A dashboard has no component with the requested key (``Dashboard.get_component``).

    It is a ``KeyError`` too, so code written to catch that keeps working.
    """


class LayoutError(DashboardError):
    """A layout is misconfigured, for example a ``TabContainer`` child that is not a ``Tab``."""
