"""The cost reader reads meaning, not only figures: a VAT-inclusive restatement is not added again, compound
words say the period, a total over a stated contract period is divided into years, a count times a unit price is
multiplied; each leaves a note, and whatever cannot be read stays text with a note (never zero).

The wordings are our own, written after forms common in municipal ICT plans and supplier quotes; the item-level
rows for them are in the case table of tests/loaders/test_costs.py.
"""
from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.i18n import NOTE_MESSAGES_FI
from loaders.values.costs import parse_costs

D = Decimal

NEW_NOTE_CODES = (
    "costs.vat_restatement", "costs.monthly_x12", "costs.period_total_divided", "costs.period_total_short",
    "costs.contract_period_unclear", "costs.restated_total", "costs.count_x_unit", "costs.count_total_differs",
)


def _totals(reading) -> tuple[Decimal, Decimal]:
    """(one-off, annual) minimum totals, summed as the dashboard sums them."""
    one_off = sum((i.min_amount for i in reading.items if i.kind == "one_off" and i.min_amount), D(0))
    annual = sum((i.min_amount for i in reading.items if i.kind == "annual" and i.min_amount), D(0))
    return one_off, annual


# (text, one-off total, annual total, note codes that must be among the notes)
MEANING_CASES = [
    # VAT restatements: one cost, the VAT-free figure.
    pytest.param("12 000 € + alv (sis. alv noin 15 060 €)", D(12000), D(0), {"costs.vat_restatement"},
                 id="VAT restatement in brackets is not 27 060"),
    pytest.param("12 000 € (alv 0 %), 15 060 € sis. alv", D(12000), D(0), {"costs.vat_restatement"},
                 id="VAT restatement after a comma"),
    pytest.param("noin 10 000 € alv 0 % / 12 550 € alv 25,5 %", D(10000), D(0), {"costs.vat_restatement"},
                 id="VAT restatement with a slash and a rate"),
    pytest.param("Ylläpito 1 000 € / kk alv 0 % (alv:n kanssa 1 255 € / kk)", D(0), D(12000),
                 {"costs.vat_restatement", "costs.monthly_x12"}, id="monthly VAT restatement"),
    # Periods from compound words and per-month forms.
    pytest.param("Kuukausilisenssit 300 €", D(0), D(3600), {"costs.monthly_x12"}, id="kuukausilisenssit x 12"),
    pytest.param("Käyttöönotto 12 000 €. Ylläpitomaksu 150 €/kk.", D(12000), D(1800), {"costs.monthly_x12"},
                 id="one-off and monthly upkeep fee"),
    # Totals over a contract period.
    pytest.param("Sopimuskausi 4 vuotta, yhteensä 200 000 €", D(0), D(50000), {"costs.period_total_divided"},
                 id="contract total divided"),
    pytest.param("Palvelu 2 000 €/kk, laskettuna 48 kk ajalta 96 000 €", D(0), D(24000),
                 {"costs.monthly_x12", "costs.restated_total"}, id="contract total restating the monthly fee"),
    # Counts times unit prices.
    pytest.param("15 lisenssiä á 40 €/kk", D(0), D(7200), {"costs.count_x_unit", "costs.monthly_x12"},
                 id="licences a month"),
    pytest.param("Työasemat 10 kpl à 900 € = 9 000 €", D(9000), D(0), {"costs.count_x_unit"},
                 id="product and its stated total counted once"),
    pytest.param("20 kpl × 1 200 € (yht. 25 000 €)", D(25000), D(0),
                 {"costs.count_x_unit", "costs.count_total_differs"}, id="stated total differs from the product"),
]


@pytest.mark.parametrize("text, one_off, annual, codes", MEANING_CASES)
def test_a_cost_is_counted_once_and_what_was_done_is_noted(text, one_off, annual, codes):
    reading = parse_costs(text)
    assert _totals(reading) == (one_off, annual)
    assert codes <= {note.code for note in reading.notes}


@pytest.mark.parametrize("text, code, words", [
    pytest.param("Sopimuskausi 4 vuotta, yhteensä 200 000 €", "costs.period_total_divided",
                 ["200 000 €", "50 000 € a year for 4 years"], id="divided total names the years"),
    pytest.param("lisenssit 3 000 €/kk", "costs.monthly_x12", ["3 000 € a month", "by 12", "36 000 € a year"],
                 id="monthly figure names the factor"),
    pytest.param("20 kpl × 1 200 €", "costs.count_x_unit", ["20 × 1 200 € = 24 000 €"], id="product is shown"),
    pytest.param("12 000 € (alv 0 %), 15 060 € sis. alv", "costs.vat_restatement",
                 ["15 060 €", "12 000 €", "VAT-free figure was used"], id="restatement names both figures"),
    pytest.param("Lisenssit 10 000 €, sopimuskausi 4 vuotta", "costs.contract_period_unclear",
                 ["sopimuskausi 4 vuotta", "kept as text"], id="unclear period names the contract"),
])
def test_the_note_says_what_was_done(text, code, words):
    message = next(note.message for note in parse_costs(text).notes if note.code == code)
    assert all(word in message for word in words), message
    assert message.endswith(".")


@pytest.mark.parametrize("code", NEW_NOTE_CODES)
def test_every_new_note_has_a_finnish_text(code):
    assert NOTE_MESSAGES_FI[code].strip()


@pytest.mark.parametrize("text", [p.values[0] for p in MEANING_CASES])
def test_notes_of_the_table_have_finnish_texts(text):
    assert {note.code for note in parse_costs(text).notes} <= set(NOTE_MESSAGES_FI)


@pytest.mark.parametrize("text, flag", [
    pytest.param("120 000 € sopimuskaudelta", "multi_year_total", id="contract total, no length"),
    pytest.param("Lisenssit 10 000 €, sopimuskausi 4 vuotta", "period_unclear", id="per year or in all"),
    pytest.param("Vuokra 6 kk ajalta 3 000 €", "short_period_total", id="less than a year"),
    pytest.param("keskimäärin 3000 € / palvelin", "per_unit", id="price per server, no count"),
])
def test_what_cannot_be_read_stays_text_with_a_note_never_zero(text, flag):
    reading = parse_costs(text)
    assert reading.items == ()
    assert flag in reading.flags
    assert reading.notes and all(note.excerpt for note in reading.notes)


FRAGMENTS = [
    "12 000 €", "+ alv", "(sis. alv noin 15 060 €)", "alv 0 %", "/", "sis. alv", "alv:n kanssa", "verollinen",
    "vuosimaksu", "kuukausilisenssi", "ylläpitomaksu", "tukipalvelu/v", "€/kk", "käyttömaksu", "vuodessa",
    "sopimuskausi 4 vuotta", "yhteensä", "200 000 € / 4 v", "3 vuoden sopimus", "48 kk ajalta", "20 kpl ×",
    "á 40 €/kk", "à 900 €", "=", "yht.", "2+2 vuotta", "kertaluonteinen", "käyttöönotto", ",", ".", " ", "-", "x",
    "0", "1 000", "999 999 999 999 €", "100 000 000 000 000 €",
]


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=30).map(" ".join))
def test_any_mix_of_cost_forms_reads_without_error(text):
    reading = parse_costs(text)
    assert reading.text == text
    for item in reading.items:
        assert item.kind in ("one_off", "annual")
        for value in (item.min_amount, item.max_amount):
            assert value is None or (value.is_finite() and value >= 0)  # zero only where "0 €" is written
    assert reading.items or reading.flags


@pytest.mark.parametrize("text", ["noin200 000 €", "Hinta n.1 050 €", "sopimus100 000 €/v"])
def test_the_tail_of_a_figure_glued_to_a_word_is_not_read_as_a_smaller_figure(text):
    # "noin200 000 €" used to read as 0 € and "n.1 050 €" as 50 €: the "000" or "050" after the glued part.
    reading = parse_costs(text)
    assert reading.items == () and "no_figure" in reading.flags


@pytest.mark.parametrize("piece", [
    "1 000 ", "12 000 € alv 0 % ", "sis. alv 1 000 € ", "sopimus", "2 x 15 000 € ", "20 kpl × 1 200 € = 24 000 € ",
    "Sopimuskausi 4 vuotta. yhteensä 200 000 €. ", "1 000 €/kk (sis. alv 1 255 €/kk) ", "kuukausilisenssi-",
    " " * 60 + "1 000", "- - - x", "12 000 € + alv (sis. alv noin 15 060 €), ", "((((+ alv ", "4 v / ",
])
def test_reading_time_grows_linearly_with_hostile_repetition(piece):
    # 60 000 characters: linear reading takes well under a second; a quadratic pattern would take minutes.
    text = piece * (60_000 // len(piece))
    started = time.perf_counter()
    parse_costs(text)
    assert time.perf_counter() - started < 5
