"""The custom components example: a Component subclass with its own template and CSS."""

import pytest

pytestmark = pytest.mark.django_db


def test_progress_components_render_with_their_template_and_media(client):
    content = client.get("/dashboards/custom_components/customcomponentdashboard/").content.decode()
    assert '<progress max="100" value="73">73 of 100</progress>' in content
    assert '<progress max="20" value="12">12 of 20</progress>' in content
    assert "/static/custom_components/progress.css" in content
