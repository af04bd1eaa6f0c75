"""Tests of dashboards.forms: DashboardForm."""

from django import forms

from dashboards.forms import DashboardForm


class ChoiceForm(DashboardForm):
    colour = forms.ChoiceField(choices=[("r", "Red")], help_text="Pick one", initial="r")
    note = forms.CharField(required=False)


def test_asdict_describes_every_field():
    first, second = ChoiceForm().asdict()
    assert first == {
        "name": "colour",
        "label": "Colour",
        "value": "r",
        "help_text": "Pick one",
        "id": "id_colour",
        "field_type": "Select",
        "required": True,
        "choices": [("r", "Red")],
    }
    assert (second["value"], second["choices"]) == ("", [])


def test_save_does_nothing_by_default():
    form = ChoiceForm(data={"colour": "r"})
    assert form.is_valid()
    assert form.save() is None
