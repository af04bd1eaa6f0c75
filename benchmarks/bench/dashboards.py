"""The measured dashboards, written only with the API both libraries share.

The same module runs against django-async-dashboards and against django-dashboards 0.1.7. The one
difference is the slow value: ours awaits ``asyncio.sleep`` in an ``async def``, which is how I/O is
written for an async-native library; 0.1.7 calls values synchronously, so there it is
``time.sleep`` in a plain function, as a 0.1.7 user would write it.
"""

import asyncio
import time
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from bench.models import Order, SmallOrder
from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.registry import registry

try:
    from dashboards.component import Table
    from dashboards.component.table import TableSerializer
except ImportError:  # a build of ours from before the Table component
    Table = TableSerializer = None

SLOW_SECONDS = 0.2
PAGE_SIZE = 25


def async_values() -> bool:
    """Whether the installed library awaits async value callables (ours does, 0.1.7 does not)."""
    try:
        version("django-async-dashboards")
    except PackageNotFoundError:
        return False
    return True


ASYNC_VALUES = async_values()

if ASYNC_VALUES:

    async def slow_value(**kwargs: Any) -> str:
        await asyncio.sleep(SLOW_SECONDS)
        return "slow value"

else:

    def slow_value(**kwargs: Any) -> str:
        time.sleep(SLOW_SECONDS)
        return "slow value"


def sync_value(**kwargs: Any) -> str:
    return "computed value"


def deferred_value(**kwargs: Any) -> str:
    return "deferred value"


def dashboard(name: str, components: dict[str, Any]) -> type:
    """A Dashboard subclass named ``name`` with these components, registered."""
    attrs = {"__module__": __name__, "__qualname__": name, **components}
    return registry.register(type(name, (Dashboard,), attrs))


Text10 = dashboard("Text10", {f"text_{i}": Text(value=f"Text number {i}") for i in range(10)})
Text10Callables = dashboard(
    "Text10Callables", {f"text_{i}": Text(value=sync_value) for i in range(10)}
)
Text100 = dashboard("Text100", {f"text_{i}": Text(value=f"Text number {i}") for i in range(100)})
Deferred20 = dashboard(
    "Deferred20", {f"deferred_{i}": Text(defer=deferred_value) for i in range(20)}
)
Slow5 = dashboard("Slow5", {f"slow_{i}": Text(value=slow_value) for i in range(5)})

# The streaming rows: the 10-Text page with ``Meta.stream``, with and without one value that
# takes STREAM_SLOW_SECONDS (0.1.7 ignores the option and sends every page whole).
STREAM_SLOW_SECONDS = 2.0

if ASYNC_VALUES:

    async def stream_slow_value(**kwargs: Any) -> str:
        await asyncio.sleep(STREAM_SLOW_SECONDS)
        return "streamed slow value"

else:

    def stream_slow_value(**kwargs: Any) -> str:
        time.sleep(STREAM_SLOW_SECONDS)
        return "streamed slow value"


STREAM_META = type("Meta", (), {"stream": True})
StreamQuick = dashboard(
    "StreamQuick",
    {"Meta": STREAM_META, **{f"text_{i}": Text(value=f"Text number {i}") for i in range(10)}},
)
StreamSlow = dashboard(
    "StreamSlow",
    {
        "Meta": STREAM_META,
        **{f"text_{i}": Text(value=f"Text number {i}") for i in range(10)},
        "slow": Text(value=stream_slow_value),
    },
)


class Methods(Dashboard):
    """Values from dashboard methods: what the memory row fetches, 10,000 times over.

    Each request makes a dashboard instance and binds its ``get_<key>_value`` and
    ``get_<key>_defer`` methods to its components; a reference kept from one request to the next
    would make the server's memory grow with the number of requests.
    """

    live = Text()
    later = Text()

    def get_live_value(self, **kwargs: Any) -> str:
        return "method value"

    def get_later_defer(self, **kwargs: Any) -> str:
        return "deferred method value"


registry.register(Methods)

COLUMNS = {
    "id": "Order",
    "customer": "Customer",
    "country": "Country",
    "product": "Product",
    "status": "Status",
    "quantity": "Quantity",
    "total": "Total",
    "created": "Created",
}

if Table is not None:

    class OrderTable(TableSerializer):
        class Meta:
            columns = COLUMNS
            model = Order

    class SmallOrderTable(TableSerializer):
        class Meta:
            columns = COLUMNS
            model = SmallOrder

    class Tables(Dashboard):
        orders = Table(defer=OrderTable, page_size=PAGE_SIZE)
        small_orders = Table(defer=SmallOrderTable, page_size=PAGE_SIZE)

    registry.register(Tables)
