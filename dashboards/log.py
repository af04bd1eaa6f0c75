"""The package logger: everything the library logs goes to ``logging.getLogger("dashboards")``."""

import logging

__all__ = ["logger"]

logger = logging.getLogger("dashboards")
