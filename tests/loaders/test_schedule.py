"""Schedule values ("Aikataulu") as they appear in the reference plans and elsewhere.

Ids name where a form came from: "domain-md" (DOMAIN.md "How values are read"), "000-3.2.2"
(seed file 000, section 3.2.2), or "invented" for forms seen in other municipalities' plans.
Long real values are shortened; only the form matters.
"""
from __future__ import annotations

import pytest

from loaders.text import normalise
from loaders.values.schedule import parse_schedule, parse_start_end

# (text, start, end, flags)
PLAIN_CASES = [
    pytest.param("Q3/2022–Q2/2023", "2022-07", "2023-06", set(), id="domain-md quarter range"),
    pytest.param("Q3/2022 – Q2/2023", "2022-07", "2023-06", set(), id="001-2.2 quarter range with spaces"),
    pytest.param("Q1/2023–Q3/2023", "2023-01", "2023-09", set(), id="001-2.4 quarter range"),
    pytest.param("8/2021–12/2022", "2021-08", "2022-12", set(), id="domain-md month range"),
    pytest.param("5/2021-12/2022", "2021-05", "2022-12", set(), id="001-5.2.2 month range with hyphen"),
    pytest.param("8–9/2022", "2022-08", "2022-09", set(), id="domain-md months sharing a year"),
    pytest.param("10–12/2021", "2021-10", "2021-12", set(), id="000-5.2.1 months sharing a year"),
    pytest.param("Q4/2022", "2022-10", "2022-12", set(), id="domain-md single quarter"),
    pytest.param("9/2022", "2022-09", "2022-09", set(), id="domain-md single month"),
    pytest.param("09/2021", "2021-09", "2021-09", set(), id="000-5.3.9 single month zero padded"),
    pytest.param("1/2023", "2023-01", "2023-01", set(), id="001-6.3 single month"),
    pytest.param("2020–23", "2020-01", "2023-12", set(), id="domain-md year range short end"),
    pytest.param("1/1/2024-12/31/2024", "2024-01", "2024-12", set(), id="domain-md US dates"),
    pytest.param("1.3.2026–31.12.2026", "2026-03", "2026-12", set(), id="domain-md Finnish dates"),
    pytest.param("02/2022–6/2023", "2022-02", "2023-06", set(), id="001-5.3.1 padded start month"),
    pytest.param("05–12/2022", "2022-05", "2022-12", set(), id="000-5.2.7 padded month range"),
    pytest.param("09–12/2022", "2022-09", "2022-12", set(), id="000-5.3.6 padded month range"),
    pytest.param("1–12/2022", "2022-01", "2022-12", set(), id="000-4.1.3 whole year in months"),
    pytest.param("2021–2022", "2021-01", "2022-12", set(), id="000-3.4.1 year range"),
    pytest.param("2022", "2022-01", "2022-12", set(), id="000-5.3.3 year alone"),
    pytest.param("2022   ", "2022-01", "2022-12", set(), id="000-5.3.3 year with trailing spaces"),
    pytest.param("2020–9/2021", "2020-01", "2021-09", set(), id="000-3.5.2 year to month"),
    pytest.param("Q4/2021–2022", "2021-10", "2022-12", set(), id="000-2.1 quarter to year"),
    pytest.param("9/2021/–10/2022", "2021-09", "2022-10", set(), id="000-3.3.2 stray slash before dash"),
    pytest.param("1/2020 jatkuen 12/2023", "2020-01", "2023-12", set(), id="000-3.1 continuing to"),
    pytest.param("valmistelu ja toteutus 2021–2022", "2021-01", "2022-12", set(), id="000-3.2.1 words before years"),
    pytest.param("4/2023–12/2023", "2023-04", "2023-12", set(), id="004-2.1 markdown value"),
    pytest.param("1/2023–12/2040", "2023-01", "2040-12", set(), id="004-3.4 long range"),
    pytest.param("2021 (–2022)", "2021-01", "2022-12", {"tentative"}, id="domain-md end in parentheses"),
    pytest.param("9/2021–03-06/2023", "2021-09", "2023-06", set(), id="001-5.1.1 end given as month range"),
    pytest.param("H1/2024", "2024-01", "2024-06", set(), id="invented half year"),
    pytest.param("H2/2024", "2024-07", "2024-12", set(), id="invented second half year"),
    pytest.param("Q1–Q2/2024", "2024-01", "2024-06", set(), id="invented quarters sharing a year"),
    pytest.param("1.3.–31.12.2026", "2026-03", "2026-12", set(), id="invented Finnish dates sharing a year"),
    pytest.param("2024-03-01 – 2024-12-31", "2024-03", "2024-12", set(), id="invented ISO dates"),
    pytest.param("10.2023–3.2024", "2023-10", "2024-03", set(), id="invented month dot year"),
    pytest.param("syyskuussa 2022", "2022-09", "2022-09", set(), id="invented month name"),
    pytest.param("toukokuu 2024 – joulukuu 2024", "2024-05", "2024-12", set(), id="invented month names range"),
    pytest.param("13/1/2024–31/3/2024", "2024-01", "2024-03", set(), id="invented day-first slashes"),
    pytest.param("2021/2022", "2021-01", "2022-12", set(), id="invented school year"),
    pytest.param("vuoden 2024 aikana", "2024-01", "2024-12", set(), id="invented during the year"),
    pytest.param("8\u20139/2022\u00a0", "2022-08", "2022-09", set(), id="invented en dash and NBSP"),
    pytest.param("8\u20119/2022", "2022-08", "2022-09", set(), id="invented non-breaking hyphen"),
    pytest.param("8/2021\u201412/2022", "2021-08", "2022-12", set(), id="invented em dash"),
]

PHASE_CASES = [
    pytest.param("10/2019–10/2021 jatkuen 10/2021 – 12/2022", "2019-10", "2022-12", {"several_phases"},
                 id="000-2.7 continued range"),
    pytest.param("Kiinteistöjen liittymä 2020, kamerat 2022–2023", "2020-01", "2023-12",
                 {"several_phases"}, id="001-6.4 mixed text"),
    pytest.param("liittymä toteutettu 2020, kamerat 2021–2022", "2020-01", "2022-12", {"several_phases"},
                 id="000-6.2 mixed text"),
    pytest.param("Prosessit Q4/2021–2022, M365 tietoturva \nQ4/2021–2022", "2021-10", "2022-12",
                 {"several_phases"}, id="000-2.1 two named parts over two lines"),
    pytest.param(
        "\nVaihe 1: kartoitus 2–7/2020\nVaihe 2: kilpailutus valmis 7/2021 (arvio)\n"
        "Vaihe 3: sopimuskausi alkaa 8/2021 (arvio)\nVaihe 4: käyttöönotto 9/2021–12/2022 (arvio)",
        "2020-02", "2022-12", {"several_phases", "estimate"}, id="000-6.1 phase list over lines",
    ),
    pytest.param("1–12/2019–12/2020 kotihoito, laajennus\nmuualle tehdään 2021–2022.", "2019-01", "2022-12",
                 {"several_phases"}, id="000-5.3.5 odd month range then phases"),
    pytest.param("kilpailutus loppuun mennessä (09/2021), sopimukset\n10/2021\nAikataulut vielä auki.",
                 "2021-09", "2021-10", {"several_phases", "open"}, id="000-5.2.6 dates in prose and open part"),
    pytest.param("2019–2022, II vaiheen aikataulu avoin", "2019-01", "2022-12", {"open"},
                 id="000-5.2.4 range with open second phase"),
    pytest.param("12/2020-alkaen, jatkuu 2021", "2020-12", "2021-12", {"several_phases"},
                 id="003 from a month, continues next year"),
]

OPEN_CASES = [
    pytest.param("vuoden 2021 alusta –", "2021-01", None, {"open_end"}, id="domain-md from start of year"),
    pytest.param("3/2024 alkaen", "2024-03", None, {"open_end"}, id="invented from a month"),
    pytest.param("2022 –", "2022-01", None, {"open_end"}, id="invented trailing dash"),
    pytest.param("jatkuvana – 12/2022", None, "2022-12", {"open_start"}, id="000-2.2 ongoing until"),
    pytest.param("07/2022 saakka", None, "2022-07", {"open_start"}, id="003 until a month"),
    pytest.param("vuoden 2024 loppuun", None, "2024-12", {"open_start"}, id="invented by end of year"),
    pytest.param("Avoin", None, None, {"open"}, id="000-3.3.3 open"),
    pytest.param("Ei tiedossa", None, None, {"unknown"}, id="invented not known"),
    pytest.param("Jatkuva", None, None, {"ongoing"}, id="invented continuous"),
]

VAGUE_CASES = [
    pytest.param("kevät 2021", None, None, {"season"}, id="domain-md spring"),
    pytest.param("hankinta kevät 2021, käyttöönotto syksy 2021", None, None, {"season", "several_phases"},
                 id="000-5.3.4 two seasons"),
    pytest.param("syksyllä 2022", None, None, {"season"}, id="003 in autumn"),
    pytest.param("vuoden 2024 alkupuolella", None, None, {"season"}, id="invented first part of year"),
    pytest.param("1–12/2020 osa A. 2020- kevät 2022) osa B", "2020-01", None, {"season", "several_phases"},
                 id="000-5.3.1 season after the real dates leaves end open"),
    pytest.param("Q2 -Q3 / vuosi", None, None, {"recurring"}, id="000-2.8.1 yearly recurring"),
    pytest.param("vuosittain Q2", None, None, {"recurring"}, id="invented yearly"),
    pytest.param("liittymät 2021-202X.", "2021-01", None, {"placeholder"}, id="000-5.1.1 placeholder end"),
    pytest.param(
        "Valmisteluvaihe 2019–2020\nKilpailutus vuonna 2020\nkäyttöönotot 2021–2022.\n"
        "PHT 2022–2023\nliittymät 2021-202X.\njärjestelmä 202X.",
        "2019-01", None, {"placeholder", "several_phases"}, id="000-5.1.1 phases ending in a placeholder",
    ),
]


@pytest.mark.parametrize("text, start, end, flags", PLAIN_CASES + PHASE_CASES + OPEN_CASES + VAGUE_CASES)
def test_schedule_text_is_read_to_start_and_end_months(text, start, end, flags):
    reading = parse_schedule(text)
    assert (reading.start, reading.end) == (start, end)
    assert set(reading.flags) == flags
    assert reading.text == text


@pytest.mark.parametrize("text, code", [
    pytest.param("", "schedule.missing", id="empty"),
    pytest.param("   \n ", "schedule.missing", id="whitespace only"),
    pytest.param("Kvarkki sitten kun valmista", "schedule.unreadable", id="invented no date at all"),
    pytest.param("13/2022", "schedule.bad_date", id="invented impossible month"),
    pytest.param("12/2023–1/2023", "schedule.end_before_start", id="invented end before start"),
    pytest.param("9/2021–03-06/2023", "schedule.range_in_range", id="001-5.1.1 end given as month range"),
    pytest.param("kevät 2021", "schedule.season", id="domain-md season note"),
    pytest.param("Avoin", "schedule.open", id="000-3.3.3 open note"),
    pytest.param("Q2 -Q3 / vuosi", "schedule.recurring", id="000-2.8.1 recurring note"),
    pytest.param("2021-202X", "schedule.placeholder", id="000-5.1.1 placeholder note"),
    pytest.param("10/2019–10/2021 jatkuen 10/2021 – 12/2022", "schedule.several_phases", id="000-2.7 phases note"),
    pytest.param("1–12/2020 A. 2020- kevät 2022)", "schedule.vague_end", id="000-5.3.1 vague end note"),
])
def test_what_cannot_be_read_is_explained_in_a_note(text, code):
    reading = parse_schedule(text)
    codes = [n.code for n in reading.notes]
    assert code in codes
    for note in reading.notes:
        assert note.field == "schedule"
        assert note.code.startswith("schedule.")
        assert note.message.endswith(".")


def test_a_date_that_cannot_be_read_never_produces_dates():
    reading = parse_schedule("13/2022")
    assert (reading.start, reading.end) == (None, None)


def test_an_end_before_the_start_is_kept_as_written_and_noted_once():
    reading = parse_schedule("12/2023–1/2023")
    assert (reading.start, reading.end) == ("2023-12", "2023-01")
    assert [n.code for n in reading.notes] == ["schedule.end_before_start"]


def test_a_season_note_quotes_the_season():
    reading = parse_schedule("hankinta kevät 2021, käyttöönotto syksy 2021")
    assert reading.notes[0].excerpt == "kevät 2021"


def test_ambiguous_slash_dates_are_read_month_first():
    # Both numbers <= 12: US order, as in the real plan's "1/1/2024-12/31/2024".
    assert parse_schedule("2/3/2024").start == "2024-02"


def test_unicode_dashes_and_spaces_are_normalised():
    assert normalise("1\u20132\u00a0\u2014\u202f3") == "1-2 - 3"


@pytest.mark.parametrize("start_text, end_text, start, end", [
    pytest.param("5/2022", "10/2023", "2022-05", "2023-10", id="001-4.1.2 separate start and end fields"),
    pytest.param("2022", "2023", "2022-01", "2023-12", id="invented years in separate fields"),
    pytest.param("5/2022", "", "2022-05", None, id="invented end field empty"),
])
def test_separate_start_and_end_fields_make_one_schedule(start_text, end_text, start, end):
    reading = parse_start_end(start_text, end_text)
    assert (reading.start, reading.end) == (start, end)


@pytest.mark.xfail(strict=True, reason="durations ('12 kk') are not added to a start month")
def test_a_duration_after_a_start_month_gives_the_end():
    reading = parse_schedule("12kk 10/2020 alkaen")
    assert reading.end == "2021-09"


@pytest.mark.xfail(strict=True, reason="two-digit years after a month ('8/22') are not read")
def test_two_digit_years_after_a_month_are_read():
    reading = parse_schedule("8/22–12/23")
    assert (reading.start, reading.end) == ("2022-08", "2023-12")
