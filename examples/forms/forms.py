"""The forms of the forms example: a live filter form and a form that saves."""

from django import forms

from dashboards.forms import DashboardForm
from examples.shop.models import Category, Customer


# country-form-start
class CountryForm(DashboardForm):
    """A filter form: each change refreshes the components named in ``dependents``."""

    country = forms.ChoiceField(required=False, choices=[("", "All countries")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = Customer.objects.order_by("country").values_list("country", flat=True)
        self.fields["country"].choices += [(code, code) for code in countries.distinct()]


# country-form-end


# category-form-start
class CategoryForm(DashboardForm):
    """An action form: a valid POST saves a category, then its dependents are refreshed."""

    name = forms.CharField(max_length=100)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Category.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError("There is already a category with this name.")
        return name

    def save(self) -> Category:
        return Category.objects.create(name=self.cleaned_data["name"])


# category-form-end
