"""Tests of dashboards.checks: the system checks and their ids."""

from django.core import checks
from django.test import override_settings

from examples.settings import INSTALLED_APPS


def check_ids():
    return [message.id for message in checks.run_checks()]


def test_a_correct_project_passes_the_checks():
    assert not [i for i in check_ids() if i.startswith("dashboards.")]


@override_settings(INSTALLED_APPS=[app for app in INSTALLED_APPS if app != "django_htmx"])
def test_missing_django_htmx_is_e001():
    assert "dashboards.E001" in check_ids()


@override_settings(DASHBOARDS_DEFAULT_PERMISSION_CLASSES=["no.such.Permission"])
def test_unimportable_permission_class_is_e002():
    assert "dashboards.E002" in check_ids()
