"""Settings of the smoke project: a new Django project that uses the installed wheel."""

import importlib.util
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
# The charts extra (plotly and pandas) is installed in one of the two venvs.
CHARTS = importlib.util.find_spec("plotly") is not None

SECRET_KEY = "smoke-test-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "django_htmx",
    "dashboards",
    "plain",
    # A copy of examples/quickstart (made by the test), which needs the charts extra, and a chart:
    *(["examples.quickstart", "smokecharts"] if CHARTS else []),
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    *(["dashboards.staticfiles.PlotlyFinder"] if CHARTS else []),
]
