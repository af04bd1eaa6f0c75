"""The example site's Content-Security-Policy middleware: django-csp's, without thread trips."""

from __future__ import annotations

from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from django.http import HttpRequest
from django.http.response import HttpResponseBase

__all__ = ["CSPMiddleware"]


# async-csp-middleware-start
class CSPMiddleware(DjangoCSPMiddleware):
    """django-csp's middleware, run in the event loop under ASGI.

    django-csp's ``CSPMiddleware`` is a ``MiddlewareMixin``: under ASGI, Django runs its two hooks
    in a thread each (``sync_to_async``), two thread trips a request. Both only read settings and
    set a header, so they are safe to call right here in the event loop.
    """

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        self.process_request(request)
        response = await self.get_response(request)
        return self.process_response(request, response)


# async-csp-middleware-end
