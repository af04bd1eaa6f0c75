"""Type aliases shared by the public API."""

from typing import Any

__all__ = ["ValueData"]

#: Whatever a component's value resolves to: a literal, a dict, a dataclass, a serializer's output.
ValueData = Any
