"""Counting texts take Babel's plural form of `count` (fi and en: 'one' for 1, 'other' for 0, 2, 21), and
unknown reads 'ei tiedossa' / 'not stated' from one key."""
from __future__ import annotations

import pytest

from components.i18n import (
    TEXTS,
    money,
    month_label,
    number,
    plural_form,
    translate,
    unknown,
)

COUNTS = (0, 1, 2, 21)

# key, language, extra values, expected text for each of COUNTS
CASES = [
    ("count.projects", "fi", {}, ("0 hanketta", "1 hanke", "2 hanketta", "21 hanketta")),
    ("count.projects", "en", {}, ("0 projects", "1 project", "2 projects", "21 projects")),
    ("count.notes", "fi", {}, ("0 huomiota", "1 huomio", "2 huomiota", "21 huomiota")),
    ("count.notes", "en", {}, ("0 notes", "1 note", "2 notes", "21 notes")),
    ("overview.busiest_row", "fi", {"month": "maalis 2024"},
     ("maalis 2024: 0 hanketta", "maalis 2024: 1 hanke", "maalis 2024: 2 hanketta", "maalis 2024: 21 hanketta")),
    ("overview.busiest_row", "en", {"month": "Mar 2024"},
     ("Mar 2024: 0 projects", "Mar 2024: 1 project", "Mar 2024: 2 projects", "Mar 2024: 21 projects")),
    ("correction.saved", "fi", {}, ("Tallennettu 0 korjausta.", "Tallennettu 1 korjaus.", "Tallennettu 2 korjausta.",
                                    "Tallennettu 21 korjausta.")),
    ("correction.saved", "en", {}, ("Saved 0 corrections.", "Saved 1 correction.", "Saved 2 corrections.",
                                    "Saved 21 corrections.")),
    ("resources.over", "en", {}, ("Demand exceeds capacity in 0 months.", "Demand exceeds capacity in 1 month.",
                                  "Demand exceeds capacity in 2 months.", "Demand exceeds capacity in 21 months.")),
    ("import.themes", "fi", {}, ("Strategia: 0 painopistettä", "Strategia: 1 painopiste", "Strategia: 2 painopistettä",
                                 "Strategia: 21 painopistettä")),
    # the meeting pack (reports/meeting_pack.py)
    ("pack.schedule_unknown", "fi", {}, ("0 hanketta ilman luettavaa aikataulua.", "1 hanke ilman luettavaa aikataulua.",
                                         "2 hanketta ilman luettavaa aikataulua.", "21 hanketta ilman luettavaa aikataulua.")),
    ("pack.schedule_unknown", "en", {}, ("0 projects without a readable schedule.", "1 project without a readable schedule.",
                                         "2 projects without a readable schedule.", "21 projects without a readable schedule.")),
    ("pack.schedule_more", "fi", {}, ("0 hanketta, joiden aikataulu on tiedossa, ei mahdu kaavioon.",
                                      "1 hanke, jonka aikataulu on tiedossa, ei mahdu kaavioon.",
                                      "2 hanketta, joiden aikataulu on tiedossa, ei mahdu kaavioon.",
                                      "21 hanketta, joiden aikataulu on tiedossa, ei mahdu kaavioon.")),
    ("pack.schedule_more", "en", {}, ("0 more projects with a schedule are not in the chart.",
                                      "1 more project with a schedule is not in the chart.",
                                      "2 more projects with a schedule are not in the chart.",
                                      "21 more projects with a schedule are not in the chart.")),
    ("pack.more_rows", "fi", {}, ("0 hanketta ei mahdu taulukkoon.", "1 hanke ei mahdu taulukkoon.",
                                  "2 hanketta ei mahdu taulukkoon.", "21 hanketta ei mahdu taulukkoon.")),
    ("pack.more_rows", "en", {}, ("0 more projects are not in the table.", "1 more project is not in the table.",
                                  "2 more projects are not in the table.", "21 more projects are not in the table.")),
    ("pack.review_open", "fi", {"values": "40"}, ("0 arvoa tarkistamatta 40 arvosta", "1 arvo tarkistamatta 40 arvosta",
                                                  "2 arvoa tarkistamatta 40 arvosta", "21 arvoa tarkistamatta 40 arvosta")),
    ("pack.review_open", "en", {"values": "40"}, ("0 values of 40 not reviewed", "1 value of 40 not reviewed",
                                                  "2 values of 40 not reviewed", "21 values of 40 not reviewed")),
]


@pytest.mark.parametrize(("key", "language", "values", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_counting_text_takes_the_plural_form_of_count(key, language, values, expected):
    assert tuple(translate(key, language, count=count, **values) for count in COUNTS) == expected


@pytest.mark.parametrize("language", ["fi", "en"])
def test_babel_gives_one_for_1_and_other_for_0_2_21(language):
    assert [plural_form(count, language) for count in COUNTS] == ["other", "one", "other", "other"]


@pytest.mark.parametrize(("language", "plans", "projects", "expected"), [
    ("fi", 1, 1, "Poistettu 1 suunnitelma (1 hanke)."),
    ("fi", 2, 21, "Poistettu 2 suunnitelmaa (21 hanketta)."),
    ("en", 1, 1, "Deleted 1 plan (1 project)."),
    ("en", 2, 21, "Deleted 2 plans (21 projects)."),
])
def test_a_second_count_is_a_count_phrase(language, plans, projects, expected):
    phrase = translate("count.projects", language, count=projects)
    assert translate("plans.deleted", language, count=plans, projects=phrase) == expected


def test_a_count_is_grouped_like_other_numbers():
    assert translate("count.projects", "fi", count=1234) == f"{number(1234, 'fi')} hanketta"
    assert translate("count.projects", "en", count=1234) == "1,234 projects"


def test_a_counting_text_without_count_is_refused():
    with pytest.raises(TypeError, match="count="):
        translate("count.projects", "en")


def test_every_counting_text_has_both_forms_and_uses_count():
    for key, texts in TEXTS.items():
        for text in texts:
            if isinstance(text, dict):
                assert set(text) == {"one", "other"}, key
                assert all("{count}" in form for form in text.values()), key


@pytest.mark.parametrize(("language", "word"), [("fi", "ei tiedossa"), ("en", "not stated")])
def test_unknown_reads_the_same_everywhere(language, word):
    assert unknown(language) == word
    assert money(None, language) == number(float("nan"), language) == month_label(None, language) == word
    assert "common.unknown" not in TEXTS


def test_the_cost_not_stated_count_has_one_label():
    assert TEXTS["common.cost_not_stated"] == ("Kustannus ei tiedossa", "Cost not stated")
    assert "overview.cost_unknown" not in TEXTS and "costs.unknown" not in TEXTS
