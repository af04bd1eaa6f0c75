"""The test settings with the Redis broker for live components, at DASHBOARDS_LIVE_REDIS_URL (the
tests start the server and set the variable for the processes they start)."""

import os

from tests.settings import *  # noqa: F403

DASHBOARDS_LIVE_BROKER = "dashboards.live_redis.RedisBroker"
DASHBOARDS_LIVE_REDIS_URL = os.environ["DASHBOARDS_LIVE_REDIS_URL"]
