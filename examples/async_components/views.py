"""Slow HTTP endpoints served by the example site itself, and the custom async component view."""

import asyncio
import math
import ssl

import httpx
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse

from dashboards.views import ComponentView

STATUS_CODES = [200, 201, 404, 418, 500]


# slow-status-start
async def slow_status(request: HttpRequest, code: int) -> HttpResponse:
    """Answer with HTTP status ``code`` (200 to 599, else 404) after ``?delay=`` seconds (default
    0.2, at most 2; not a number is a 400)."""
    if not 200 <= code <= 599:
        raise Http404(f"No status {code}.")
    try:
        delay = float(request.GET.get("delay", "0.2"))
    except ValueError:
        return HttpResponseBadRequest("delay must be a number of seconds.")
    if not math.isfinite(delay):
        return HttpResponseBadRequest("delay must be a number of seconds.")
    await asyncio.sleep(min(max(delay, 0.0), 2.0))
    return HttpResponse(f"Status {code}", status=code)


# slow-status-end


# http-client-start
#: One TLS context for every client: building one per client costs about 30 ms of CPU, and
#: concurrent components would pay it one after another on the event loop.
SSL_CONTEXT = ssl.create_default_context()


def http_client() -> httpx.AsyncClient:
    """A new async HTTP client that reuses the shared TLS context."""
    return httpx.AsyncClient(verify=SSL_CONTEXT, timeout=5)


# http-client-end


def status_url(code: int) -> str:
    """The absolute URL of the slow status endpoint for ``code`` on this site.

    It is built on the ``EXAMPLES_SITE_URL`` setting, never on the request's Host header: a
    client could set that to make the server fetch any host or port.
    """
    return settings.EXAMPLES_SITE_URL.rstrip("/") + reverse("slow-status", args=[code])


# async-component-view-start
class AsyncComponentView(ComponentView):
    """A hand-made component view: it fetches every status URL at once and shows the codes."""

    async def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        async with http_client() as client:
            responses = await asyncio.gather(
                *[client.get(status_url(code)) for code in STATUS_CODES]
            )
        return HttpResponse(
            "Async<br>" + "<hr>".join(str(response.status_code) for response in responses)
        )

    async def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return await self.get(request, *args, **kwargs)


# async-component-view-end
