"""``DashboardForm``: the base of forms shown by a ``Form`` component."""

from typing import Any

from django import forms

__all__ = ["DashboardForm"]


class DashboardForm(forms.Form):
    """A Django form with what a ``Form`` component needs: ``asdict()`` and an overridable ``save()``."""

    def asdict(self) -> list[dict[str, Any]]:
        """One dict per field: name, label, value, help text, id, widget type, required, choices."""
        return [
            {
                "name": field.name,
                "label": str(field.label),
                "value": field.value() if field.value() is not None else "",
                "help_text": str(field.help_text),
                "id": field.id_for_label,
                "field_type": type(field.field.widget).__name__,
                "required": field.field.required,
                "choices": [
                    (str(value), str(label))
                    for value, label in getattr(field.field.widget, "choices", [])
                ],
            }
            for field in self
        ]

    def save(self) -> Any:
        """Act on valid data (called after a successful POST); filter forms need not override it."""
        return None
