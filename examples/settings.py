"""Settings of the example site: one SQLite project with an app per docs topic."""

import os
from pathlib import Path

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES

BASE_DIR = Path(__file__).resolve().parent

# environment-start
# The demo's defaults: set DJANGO_SECRET_KEY, and DJANGO_DEBUG=0, anywhere but on your own machine.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "examples-only-not-a-secret")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
# Where the site is served: the async example fetches its own slow endpoints there, never at the
# request's Host header (which anyone can set, to make the server fetch any host or port).
EXAMPLES_SITE_URL = os.environ.get("EXAMPLES_SITE_URL", "http://127.0.0.1:8000")
# environment-end
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

# installed-apps-start
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "dashboards",
    # The example apps, one per docs topic:
    "examples",
    "examples.quickstart",
    "examples.components",
    "examples.async_components",
    "examples.permissions",
    "examples.shop",
    "examples.streaming",
    "examples.charts",
    "examples.tables",
    "examples.forms",
    "examples.filters",
    "examples.model_dashboards",
    "examples.dynamic",
    "examples.custom_views",
    "examples.layout",
    "examples.theming",
    "examples.custom_components",
    "examples.menus",
    "examples.testing",
    "examples.caching",
    "examples.export",
    "examples.live",
]
# installed-apps-end

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header, from CONTENT_SECURITY_POLICY below (django-csp's
    # middleware; under ASGI, "csp.middleware.CSPMiddleware" works too, at two thread trips a request):
    "examples.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "examples.urls"
WSGI_APPLICATION = "examples.wsgi.application"
ASGI_APPLICATION = "examples.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DASHBOARDS_EXAMPLES_DB", BASE_DIR.parent / "examples.sqlite3"),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_TZ = True
STATIC_URL = "static/"
# staticfiles-finders-start
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js, from the plotly package, as dashboards/vendor/plotly.min.js:
    "dashboards.staticfiles.PlotlyFinder",
]
# staticfiles-finders-end
# csp-start
# A strict Content-Security-Policy (django-csp): scripts and styles only from the site's static files
# (or a tag carrying this request's nonce); no inline code, no eval, no plugins, no framing.
# plotly.js draws charts with two <style> elements of its own: an empty one that it fills through
# the CSSOM (which CSP allows), and the stylesheet of the map library it bundles (maplibre), the
# same text in every page for a given plotly.js version. It also writes empty style attributes.
# Their hashes allow exactly those, nothing else inline.
EMPTY = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # the SHA-256 of ""
PLOTLY_MAPLIBRE_CSS = "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='"  # plotly.js 4.1.1
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-elem": [SELF, NONCE, EMPTY, PLOTLY_MAPLIBRE_CSS],
        "style-src-attr": [UNSAFE_HASHES, EMPTY],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# csp-end
# caches-start
# The cache of cached components (DASHBOARDS_CACHE names it): each process keeps its own here.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# caches-end
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "index"
LOGOUT_REDIRECT_URL = "index"

# dashboards-settings-start
# Every setting of django-async-dashboards, shown with its default value.
DASHBOARDS_DEFAULT_PERMISSION_CLASSES = ["dashboards.permissions.AllowAny"]
DASHBOARDS_DEFAULT_GRID_CSS = "span-6"
DASHBOARDS_INCLUDE_DASHBOARD_VIEWS = True
DASHBOARDS_COMPONENT_CLASSES = None
DASHBOARDS_LAYOUT_COMPONENT_CLASSES = None
DASHBOARDS_COMPONENT_TIMEOUT = 10.0
DASHBOARDS_CACHE = "default"
DASHBOARDS_TABLE_MAX_PAGE_SIZE = 100
DASHBOARDS_LIVE_BROKER = "dashboards.live.InProcessBroker"
DASHBOARDS_LIVE_REDIS_URL = "redis://localhost:6379/0"
DASHBOARDS_LIVE_MAX_STREAMS = 1000
DASHBOARDS_LIVE_HEARTBEAT = 15.0
DASHBOARDS_LIVE_POLL_RATE = 10
# dashboards-settings-end
