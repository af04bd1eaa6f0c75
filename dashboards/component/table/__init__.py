"""Table components and the serializers that feed them."""

from dashboards.component.table.serializers import SerializedTable, TableSerializer
from dashboards.component.table.table import BasicTable, Table

__all__ = ["BasicTable", "SerializedTable", "Table", "TableSerializer"]
