"""The testing example: its tests (written for users to copy) run here, as the docs show them."""

from examples.testing.dashboard_tests import *  # noqa: F403
