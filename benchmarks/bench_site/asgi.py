"""ASGI entry point for the uvicorn row of the benchmark."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_site.settings")

application = get_asgi_application()
