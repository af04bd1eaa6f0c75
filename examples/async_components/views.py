"""Slow HTTP endpoints served by the example site itself, and the custom async component view."""

import asyncio
import ssl

import httpx
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from dashboards.views import ComponentView

STATUS_CODES = [200, 201, 404, 418, 500]


# slow-status-start
async def slow_status(request: HttpRequest, code: int) -> HttpResponse:
    """Answer with HTTP status ``code`` after ``?delay=`` seconds (default 0.2, at most 2)."""
    delay = min(float(request.GET.get("delay", "0.2")), 2.0)
    await asyncio.sleep(delay)
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


def status_url(request: HttpRequest, code: int) -> str:
    """The absolute URL of the slow status endpoint for ``code`` on this site."""
    return request.build_absolute_uri(reverse("slow-status", args=[code]))


# async-component-view-start
class AsyncComponentView(ComponentView):
    """A hand-made component view: it fetches every status URL at once and shows the codes."""

    async def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        async with http_client() as client:
            responses = await asyncio.gather(
                *[client.get(status_url(request, code)) for code in STATUS_CODES]
            )
        return HttpResponse(
            "Async<br>" + "<hr>".join(str(response.status_code) for response in responses)
        )

    async def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return await self.get(request, *args, **kwargs)


# async-component-view-end
