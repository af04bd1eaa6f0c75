"""ASGI entry point of the example site (``uvicorn examples.asgi:application``)."""

import os

from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.settings")

application = get_asgi_application()
if settings.DEBUG:
    # Serve /static/ as runserver does, so ``tox -e demo`` needs no web server in front.
    application = ASGIStaticFilesHandler(application)
