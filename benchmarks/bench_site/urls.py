"""URLs of the benchmark site: the dashboards app, mounted as the docs of both libraries show.

``bench/floor/`` is Django's floor for the wrk rows: a bare view behind the same middleware, so
that what a dashboard URL costs above it is the library's own time.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("bench/floor/", floor),
    path("dashboards/", include("dashboards.urls")),
]
