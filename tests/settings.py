"""Test settings: the example site's, plus a test app with dashboards for the library's own tests."""

from examples.settings import *  # noqa: F403
from examples.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp", "tests.liveapp"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DASHBOARDS_COMPONENT_TIMEOUT = 5.0
