"""Live components: an "orders arriving" dashboard that updates while orders are placed."""
