"""WSGI entry point of the example site (``manage.py runserver`` uses it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.settings")

application = get_wsgi_application()
