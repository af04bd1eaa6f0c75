"""Test settings on PostgreSQL: tests.settings with the server that ``-p tests.postgres`` starts.

Without that plugin, ``DASHBOARDS_POSTGRES_HOST``, ``DASHBOARDS_POSTGRES_PORT`` and
``DASHBOARDS_POSTGRES_USER`` name a server of your own (by default localhost:5432, as postgres).
"""

import os

from tests.settings import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "dashboards",
        "USER": os.environ.get("DASHBOARDS_POSTGRES_USER", "postgres"),
        "HOST": os.environ.get("DASHBOARDS_POSTGRES_HOST", "localhost"),
        "PORT": os.environ.get("DASHBOARDS_POSTGRES_PORT", "5432"),
    }
}
