"""The package logger: everything the library logs goes to ``logging.getLogger("dashboards")``."""

import logging

logger = logging.getLogger("dashboards")
