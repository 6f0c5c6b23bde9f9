"""The app opens in a real browser on a fresh store and shows the sample data's counts."""
from __future__ import annotations

import pytest

from tests.browser.helpers import assert_no_exception, metric_value, open_app, screenshot

pytestmark = pytest.mark.browser


def test_home_shows_sample_counts(page, app_server):
    open_app(page, app_server)
    assert_no_exception(page)
    assert metric_value(page, "Hankkeita") == "50"
    assert screenshot(page, "smoke-home").is_file()
