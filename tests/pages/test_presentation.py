"""Presentation mode: one topic per screen, kept in the URL, next/previous by button (and by key: the buttons
carry the shortcuts), every topic in both languages on the sample data and on an empty store without raw values."""
from __future__ import annotations

import pytest

from components.i18n import translate
from tests.pages.conftest import run_page
from tests.pages.test_no_raw_values import violations
from tests.pages.test_pages import texts

# The topics in the order a steering group goes through them, with the title each screen shows.
TOPICS = [("summary", "pack.figures"), ("schedule", "page.schedule"), ("costs", "pack.costs"),
          ("probability", "overview.probability_share"), ("resources", "pack.load"), ("changes", "pack.changes"),
          ("review", "pack.review")]


def title(at) -> str:  # noqa: ANN001
    return at.title[0].value


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize(("topic", "title_key"), TOPICS)
def test_every_topic_opens_from_its_link_and_shows_no_raw_values(sample_store, topic, title_key, language):
    at = run_page("esitys", {"topic": topic}, lang=language)
    assert not at.exception, [exception.value for exception in at.exception]
    assert title(at) == translate(title_key, language)
    assert violations(at, language) == []
    if topic != "summary":
        assert at.query_params["topic"] == topic


@pytest.mark.parametrize(("topic", "title_key"), TOPICS)
def test_every_topic_on_an_empty_store_says_so(empty_store, topic, title_key):
    at = run_page("esitys", {"topic": topic})
    assert not at.exception, [exception.value for exception in at.exception]
    assert violations(at, "fi") == []
    assert translate("common.empty_store", "fi") in texts(at)


def test_next_and_previous_walk_the_topics_and_the_url_follows(sample_store):
    at = run_page("esitys")
    assert title(at) == translate("pack.figures", "fi")
    assert at.button(key="present-previous").disabled
    seen = []
    for _ in TOPICS[1:]:
        at.button(key="present-next").click().run()
        seen.append((at.query_params["topic"], title(at)))
    assert seen == [(topic, translate(key, "fi")) for topic, key in TOPICS[1:]]
    assert at.button(key="present-next").disabled
    at.button(key="present-previous").click().run()
    assert at.query_params["topic"] == "changes"
    # The remote's Page Up / Page Down buttons do the same.
    at.button(key="present-previous-page").click().run()
    assert at.query_params["topic"] == "resources"
    at.button(key="present-next-page").click().run()
    assert at.query_params["topic"] == "changes"


def test_the_buttons_carry_the_keyboard_shortcuts(sample_store):
    at = run_page("esitys", {"topic": "costs"})
    shortcuts = {key: at.button(key=key).proto.shortcut for key in
                 ("present-next", "present-previous", "present-next-page", "present-previous-page")}
    assert {key: value.lower() for key, value in shortcuts.items()} == {
        "present-next": "right", "present-previous": "left", "present-next-page": "pagedown",
        "present-previous-page": "pageup"}


def test_an_unknown_topic_in_a_link_opens_the_first(sample_store):
    at = run_page("esitys", {"topic": "no-such-topic"})
    assert title(at) == translate("pack.figures", "fi")
    assert "topic" not in at.query_params


def test_the_selection_is_named_on_every_screen(sample_store):
    at = run_page("esitys", {"topic": "schedule", "area": "Tietohallinto"})
    assert any("Tietohallinto" in caption.value for caption in at.caption)


def test_schedule_topic_draws_at_most_a_screenful_and_says_how_many_are_left_out(sample_store):
    at = run_page("esitys", {"topic": "schedule"})
    assert len(at.get("plotly_chart")) == 1
    assert any("ei mahdu kaavioon" in caption.value for caption in at.caption)
