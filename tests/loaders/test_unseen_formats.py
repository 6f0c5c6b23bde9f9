"""Plans the loader has never seen: another municipality and years, other wording, every format it reads."""
from __future__ import annotations

import pytest

from benchmarks.plan_generator import make_plan, render_docx, render_pdf, render_text
from loaders import load_document_bytes


def _check(plan, generated, *, money: bool = True):
    assert plan.organisation == generated.municipality
    assert len(plan.projects) == len(generated.projects)
    for read, expected in zip(plan.projects, generated.projects):
        assert read.code == expected.code
        assert read.title == expected.title
        assert read.service_area == expected.area
        assert read.probability.probability_class == expected.probability_class
        assert read.responsible.text == expected.responsible
        assert read.schedule.start is not None and read.schedule.end is not None
        if money:
            one_off = [item.min_amount for item in read.costs.items if item.kind == "one_off"]
            annual = [item.min_amount for item in read.costs.items if item.kind == "annual"]
            assert one_off == ([expected.one_off] if expected.one_off else [])
            assert annual == ([expected.annual] if expected.annual else [])


@pytest.mark.parametrize(
    ("style", "short_labels", "footer"),
    [
        pytest.param("same_line", False, False, id="txt values on the label line"),
        pytest.param("next_line", False, True, id="txt values on the next line with page footers"),
        pytest.param("markdown", False, False, id="md with # headings and bold labels"),
        pytest.param("same_line", True, False, id="txt with another municipality's short labels"),
        pytest.param("markdown", True, True, id="md short labels and footers"),
    ],
)
def test_text_formats_are_read_whole(style, short_labels, footer):
    generated = make_plan(seed=7, municipality=("Tampereen", "Tampere"), year=2027)
    text = render_text(generated, style=style, short_labels=short_labels, footer=footer)
    suffix = ".md" if style == "markdown" else ".txt"
    plan = load_document_bytes("tampere" + suffix, text.encode("utf-8"))
    assert plan.period == "syksy 2027, vuosi 2028"
    _check(plan, generated)
    assert not any("toimenpidesuunnitelma" in (p.costs.text or "") for p in plan.projects)


@pytest.mark.parametrize("short_labels", [False, True], ids=["long labels", "short labels"])
def test_word_document_with_heading_styles_and_field_tables_is_read(short_labels):
    generated = make_plan(seed=3, municipality=("Porvoon", "Porvoo"))
    plan = load_document_bytes("porvoo.docx", render_docx(generated, short_labels=short_labels))
    assert plan.title == "Tietohallinnon toimenpidesuunnitelma"
    _check(plan, generated)


def test_pdf_with_running_footer_is_read():
    generated = make_plan(seed=5, municipality=("Kauniaisten", "Kauniainen"))
    plan = load_document_bytes("kauniainen.pdf", render_pdf(generated))
    _check(plan, generated)


def test_organisation_and_period_can_be_given_explicitly():
    generated = make_plan(seed=1)
    text = render_text(generated)
    plan = load_document_bytes("x.txt", text.encode(), organisation="Sipoo", period="2026")
    assert (plan.organisation, plan.period, plan.period_start_year, plan.period_end_year) == ("Sipoo", "2026", 2026, 2026)
