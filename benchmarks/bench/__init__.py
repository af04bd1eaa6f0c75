"""The benchmark app: orders to list in tables, and the dashboards being measured."""
