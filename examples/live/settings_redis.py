"""The example site with the Redis broker, so that any process can publish to its pages:
``DJANGO_SETTINGS_MODULE=examples.live.settings_redis`` for the server and the command alike."""

import os

from examples.settings import *  # noqa: F403

# redis-broker-start
DASHBOARDS_LIVE_BROKER = "dashboards.live_redis.RedisBroker"
DASHBOARDS_LIVE_REDIS_URL = os.environ.get("DASHBOARDS_LIVE_REDIS_URL", "redis://localhost:6379/0")
# redis-broker-end
