"""A URLconf for tests of custom views: the test views' routes plus the example site's."""

from examples.urls import urlpatterns as site_patterns
from tests.test_views import urlpatterns as custom_patterns

urlpatterns = [*custom_patterns, *site_patterns]
