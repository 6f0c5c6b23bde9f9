"""The steering group's meeting pack: one selection of the portfolio (usually one service area, or all of it) as a
document to take into the meeting, as PDF and as PowerPoint.

`build_pack` reads the store once and works out every figure and text, formatted for the language;
`to_pptx` and `to_pdf` only lay them out, so both formats say the same thing. Charts are drawn with Altair and
turned into pictures by vl-convert, which needs no browser.

The words are components.i18n's catalogue (keys "pack.*", and the app's own keys for the figures, columns and
class labels the pages show too), through `translate`, which takes the language: the command line builds the
pack without a Streamlit session.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
from sqlmodel import Session

from components.i18n import (
    date_label,
    label,
    money_range,
    month_label,
    number,
    translate,
)
from data_model import analytics, lineage, queries
from data_model.queries import PortfolioFilter

AT_RISK_CLASSES = ("uncertain", "unlikely")
GANTT_YEARS = 6  # the schedule chart's span; a steering group plans a few years ahead
GANTT_ROWS = 30  # a slide holds about this many readable bars; the rest are counted under the chart
TABLE_ROWS = 14  # rows of a table on one slide or PDF page
# Fonts with the euro sign and dashes, as Debian installs them; PDF's built-in fonts have neither.
PDF_FONTS = (  # (regular, bold)
    (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")),
    (Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
     Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")),
)

@dataclass
class Section:
    """One topic of the pack: a heading, lines of text, an optional table and an optional chart picture."""

    heading: str
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    chart_png: bytes | None = None


@dataclass
class MeetingPack:
    language: str
    title: str
    subtitle: str
    made: str
    cover_lines: list[str]
    sections: list[Section]

    def texts(self) -> list[str]:
        """Every text of the pack, for tests and search."""
        found = [self.title, self.subtitle, self.made, *self.cover_lines]
        for section in self.sections:
            found += [section.heading, *section.lines]
            if section.table is not None:
                found += [str(column) for column in section.table.columns]
                found += [str(value) for value in section.table.to_numpy().ravel()]
        return found


CHART_LOCALES = {"fi": "fi-FI", "en": "en-GB"}  # d3 locales: "90 000", "maalis 2024"


def _png(chart: alt.Chart, language: str) -> bytes:
    import vl_convert

    chart = chart.configure_axis(labelFontSize=13, titleFontSize=13).configure_legend(labelFontSize=13, titleFontSize=13)
    return vl_convert.vegalite_to_png(chart.to_json(), scale=2, format_locale=CHART_LOCALES[language],
                                      time_format_locale=CHART_LOCALES[language])


def _area(value: object, language: str) -> str:
    return value if isinstance(value, str) and value else translate("area.none", language)


def _short(text: str, limit: int = 60) -> str:
    """A title cut for a chart's axis only; tables carry the whole title."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _gantt(projects: pd.DataFrame, today: date, language: str) -> tuple[bytes | None, list[str]]:
    scheduled = projects[projects["start"].notna()].sort_values(["start", "code"])
    unknown = len(projects) - len(scheduled)
    lines = []
    if len(scheduled) > GANTT_ROWS:
        lines.append(translate("pack.schedule_more", language, count=len(scheduled) - GANTT_ROWS))
    if unknown:
        lines.append(translate("pack.schedule_unknown", language, count=unknown))
    shown = scheduled.head(GANTT_ROWS)
    if shown.empty:
        return None, lines
    frame = pd.DataFrame({
        "project": [_short(f"{row.code} {row.title}") for row in shown.itertuples()],
        "start": shown["start"].to_numpy(),
        # An open end is drawn as one month, as the schedule page does.
        "end": (shown["end"].fillna(shown["start"]) + pd.offsets.MonthEnd(0)).to_numpy(),
        "area": [_area(value, language) for value in shown["service_area"]],
    })
    # The axis spans the shown schedules, at most GANTT_YEARS: a bar running further is cut at the edge, and said.
    first = frame["start"].min()
    last = min(frame["end"].max(), first + pd.DateOffset(years=GANTT_YEARS))
    beyond = int((frame["end"] > last).sum())
    if beyond:
        lines.append(translate("pack.schedule_beyond", language, count=beyond, date=month_label(last, language)))
    domain = [first.isoformat(), last.isoformat()]
    chart = alt.Chart(frame).mark_bar(cornerRadius=2, clip=True).encode(
        x=alt.X("start:T", title=None, scale=alt.Scale(domain=domain),
                axis=alt.Axis(format="%Y", labelAngle=0, tickCount="year")),
        x2="end:T",
        y=alt.Y("project:N", sort=None, title=None, axis=alt.Axis(labelLimit=420)),
        color=alt.Color("area:N", title=translate("col.service_area", language),
                        legend=alt.Legend(orient="bottom", columns=3)),
    ).properties(width=900, height=max(120, 20 * len(frame)))
    if first <= pd.Timestamp(today) <= last:
        chart = chart + alt.Chart(pd.DataFrame({"today": [pd.Timestamp(today)]})).mark_rule(
            color="#c0392b", strokeWidth=2).encode(x="today:T")
    return _png(chart, language), lines


def _costs(projects: pd.DataFrame, language: str, currency: str) -> Section:
    by_area = analytics.cost_by_area(projects)
    table = pd.DataFrame({
        translate("col.service_area", language): [_area(value, language) for value in by_area["service_area"]],
        translate("col.projects", language): [number(value, language) for value in by_area["projects"]],
        translate("overview.one_off", language): [money_range(low, high, language, currency)
                                                  for low, high in zip(by_area["one_off_min"], by_area["one_off_max"])],
        translate("overview.annual", language): [money_range(low, high, language, currency)
                                                 for low, high in zip(by_area["annual_min"], by_area["annual_max"])],
        translate("common.cost_not_stated", language): [number(value, language) for value in by_area["cost_unknown"]],
    })
    known = by_area[by_area["one_off_max"].notna()]
    chart = None
    if not known.empty:  # areas without a known cost are in the table, not drawn as zero
        frame = pd.DataFrame({"area": [_area(value, language) for value in known["service_area"]],
                              "amount": known["one_off_max"].astype(float).to_numpy()})
        chart = _png(alt.Chart(frame).mark_bar().encode(
            y=alt.Y("area:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300)),
            x=alt.X("amount:Q", title=f"{translate('overview.one_off', language)} (max, {currency})",
                    axis=alt.Axis(format=",.0f")),
        ).properties(width=640, height=max(80, 30 * len(frame))), language)
    return Section(translate("pack.costs", language), table=table.head(TABLE_ROWS), chart_png=chart)


def _probability(projects: pd.DataFrame, language: str) -> Section:
    counts = analytics.probability_counts(projects)
    lines = [f"{label('probability', row.probability_class, language)}: {number(row.projects, language)}"
             for row in counts.itertuples()]
    frame = pd.DataFrame({"class": [label("probability", value, language) for value in counts["probability_class"]],
                          "projects": counts["projects"].to_numpy()})
    chart = _png(alt.Chart(frame).mark_bar().encode(
        x=alt.X("class:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("projects:Q", title=translate("col.projects", language), axis=alt.Axis(tickMinStep=1)),
    ).properties(width=520, height=220), language)
    return Section(translate("page.probability", language), lines=lines, chart_png=chart)


def _at_risk(projects: pd.DataFrame, language: str) -> Section:
    risky = projects[projects["probability_class"].isin(AT_RISK_CLASSES)].sort_values(["end", "code"])
    if risky.empty:
        return Section(translate("pack.at_risk", language), lines=[translate("pack.none_at_risk", language)])
    table = pd.DataFrame({
        translate("col.code", language): risky["code"].to_numpy(),
        translate("col.title", language): risky["title"].to_numpy(),
        translate("col.service_area", language): [_area(value, language) for value in risky["service_area"]],
        translate("col.probability", language): [label("probability", value, language)
                                                 for value in risky["probability_class"]],
        translate("col.end", language): [month_label(value, language) for value in risky["end"]],  # unknown: not stated
    })
    more = len(table) - TABLE_ROWS
    lines = [translate("pack.more_rows", language, count=more)] if more > 0 else []
    return Section(translate("pack.at_risk", language), lines=lines, table=table.head(TABLE_ROWS))


def _load(projects: pd.DataFrame, selection: PortfolioFilter, today: date, language: str) -> Section:
    months = analytics.month_range(projects, window_start=selection.window_start, window_end=selection.window_end,
                                   today=today)
    load = analytics.monthly_load(projects, months, party="it")
    if load.empty or int(load["projects"].sum()) == 0:
        return Section(translate("pack.load", language), lines=[translate("pack.no_load", language)])
    total = load.groupby("month", as_index=False)["projects"].sum()
    chart = _png(alt.Chart(total).mark_bar().encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount={"interval": "month", "step": 6})),
        y=alt.Y("projects:Q", title=translate("pack.load_axis", language), axis=alt.Axis(tickMinStep=1)),
    ).properties(width=760, height=240), language)
    # As on the Overview: the busiest coming months (or of the chosen window); a past peak is named as past.
    busiest = analytics.busiest_coming_months(projects, window_start=selection.window_start,
                                              window_end=selection.window_end, today=today)
    lines = [translate("overview.busiest_window" if busiest.window else "overview.busiest_coming", language) + ":"]
    lines += [translate("overview.busiest_row", language, month=month_label(row.month, language), count=int(row.projects))
              for row in busiest.months.itertuples()]
    if busiest.months.empty and busiest.past_peak is not None:
        month, count = busiest.past_peak
        lines.append(translate("overview.busiest_past_only", language, month=month_label(month, language),
                               projects=translate("count.projects", language, count=count)))
    return Section(translate("pack.load", language), lines=lines, chart_png=chart)


def changes_section(session: Session, projects: pd.DataFrame, plans: pd.DataFrame, language: str) -> Section:
    """Against the organisation's previous plan, when the selection holds one organisation's plans."""
    heading = translate("pack.changes", language)
    shown = plans[plans["key"].isin(projects["plan_key"].unique()) & (plans["kind"] == "action_plan")]
    if shown["organisation"].nunique() != 1:
        return Section(heading, lines=[translate("pack.no_previous", language)])
    own = plans[(plans["organisation"] == shown["organisation"].iloc[0]) & (plans["kind"] == "action_plan")]
    own = queries.sort_plans(own)
    keys = list(own["key"])
    newer_key = [key for key in keys if key in set(shown["key"])][-1]
    position = keys.index(newer_key)
    if position == 0:
        return Section(heading, lines=[translate("pack.no_previous", language)])
    older_key = keys[position - 1]
    older = queries.projects(session, selection=PortfolioFilter(plan_keys=(older_key,)))
    newer = projects[projects["plan_key"] == newer_key]
    if newer.empty:
        return Section(heading, lines=[translate("pack.no_previous", language)])
    # The same matches as the Plans page: a person's decisions (rejected, linked) count here too.
    sources = dict(zip(own["key"], own["source_name"]))
    matches = lineage.compare_plans(session, older, newer, older_source=sources[older_key], newer_source=sources[newer_key])
    compared = analytics.compare_plans(older, newer, matches)
    names = dict(zip(own["key"], own["name"]))
    shifts = pd.to_numeric(compared["end_shift_months"], errors="coerce")
    moved = compared[(compared["status"] == "continued") & (shifts > 0)]
    lines = [
        translate("pack.changes_between", language, older=names[older_key], newer=names[newer_key]),
        f"{translate('pack.new', language)}: {number(int((compared['status'] == 'new').sum()), language)}",
        f"{translate('pack.gone', language)}: {number(int((compared['status'] == 'gone').sum()), language)}",
        f"{translate('pack.moved', language)}: {number(len(moved), language)}",
    ]
    return Section(heading, lines=lines)


def review_section(session: Session, selection: PortfolioFilter, language: str) -> Section:
    summary = queries.review_summary(queries.review_queue(session, selection=selection))
    if summary.empty or int(summary["open"].sum()) == 0:
        return Section(translate("pack.review", language), lines=[translate("pack.no_review", language)])
    lines = [f"{row.plan_name}: " + translate("pack.review_open", language, count=int(row.open),
                                              values=number(row.values, language)) for row in summary.itertuples()]
    return Section(translate("pack.review", language), lines=lines)


def build_pack(session: Session, selection: PortfolioFilter, language: str = "fi", today: date | None = None,
               currency: str = "EUR") -> MeetingPack:
    """Everything the pack says, for one selection, formatted for the language."""
    today = today or date.today()
    plans = queries.plans(session)
    projects = queries.projects(session, selection=selection)
    costed, _ = analytics.for_currency(projects, currency)
    figures = analytics.key_figures(projects, today)
    costs = analytics.key_figures(costed, today)
    shown_plans = plans[plans["key"].isin(projects["plan_key"].unique())]
    areas = list(selection.service_areas)
    subtitle = ", ".join(areas) if areas else translate("pack.whole", language)
    cover = [
        f"{translate('pack.plans', language)}: "
        + ("; ".join(shown_plans["name"]) or translate("common.not_stated", language)),
        f"{translate('pack.areas', language)}: " + (", ".join(areas) if areas else translate("pack.whole", language)),
    ]
    one_off = money_range(costs.one_off_min, costs.one_off_max, language, currency)
    annual = money_range(costs.annual_min, costs.annual_max, language, currency)
    key_lines = [
        f"{translate('overview.projects', language)}: {number(figures.projects, language)}",
        f"{translate('overview.active', language)}: {number(figures.active, language)}",
        f"{translate('overview.one_off', language)}: {one_off}",
        f"{translate('overview.annual', language)}: {annual}",
        f"{translate('common.cost_not_stated', language)}: {number(figures.cost_unknown, language)}",
    ]
    gantt_png, gantt_lines = _gantt(projects, today, language)
    sections = [
        Section(translate("pack.figures", language), lines=key_lines),
        Section(translate("page.schedule", language), lines=gantt_lines, chart_png=gantt_png),
        _costs(costed, language, currency),
        _probability(projects, language),
        _at_risk(projects, language),
        _load(projects, selection, today, language),
        changes_section(session, projects, plans, language),
        review_section(session, selection, language),
    ]
    organisations = ", ".join(sorted(set(shown_plans["organisation"].dropna()))) or translate("pack.whole", language)
    return MeetingPack(language=language, title=f"{translate('pack.title', language)}: {organisations}",
                       subtitle=subtitle,
                       made=translate("pack.made", language, date=date_label(today, language)), cover_lines=cover,
                       sections=sections)


# ------------------------------------------------------------------------------------------------ PowerPoint


def _column_weights(columns, language: str) -> list[int]:
    """Relative column widths of a table: a project's title gets room, its code little."""
    title, code = translate("col.title", language), translate("col.code", language)
    return [4 if column == title else 1 if column == code else 2 for column in columns]


def to_pptx(pack: MeetingPack) -> bytes:
    """One slide per topic, 16:9, for a shared screen."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    def full_width(shape, top: float, height: float) -> None:
        """Placed across the 16:9 slide: the default template's placeholders are laid out for 4:3 (setting a
        position replaces all of it, so top and height are given too)."""
        shape.left, shape.width = Inches(0.6), deck.slide_width - Inches(1.2)
        shape.top, shape.height = Inches(top), Inches(height)

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = pack.title
    cover.placeholders[1].text = "\n".join([pack.subtitle, pack.made, *pack.cover_lines])
    full_width(cover.shapes.title, 1.6, 1.8)
    full_width(cover.placeholders[1], 3.6, 3.2)
    for section in pack.sections:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = section.heading
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(32)
        full_width(slide.shapes.title, 0.3, 1.0)
        top = Inches(1.4)
        if section.lines:
            box = slide.shapes.add_textbox(Inches(0.6), top, Inches(12), Inches(0.4) * len(section.lines))
            frame = box.text_frame
            frame.word_wrap = True
            for number_, line in enumerate(section.lines):
                paragraph = frame.paragraphs[0] if number_ == 0 else frame.add_paragraph()
                paragraph.text = line
                paragraph.font.size = Pt(20)
            top += Inches(0.42) * len(section.lines) + Inches(0.2)
        if section.table is not None and not section.table.empty:
            rows, columns = section.table.shape[0] + 1, section.table.shape[1]
            height = min(Inches(7.1) - top, Inches(0.4) * rows)
            shape = slide.shapes.add_table(rows, columns, Inches(0.6), top, Inches(12), height)
            for column, name in enumerate(section.table.columns):
                shape.table.cell(0, column).text = str(name)
            for row, values in enumerate(section.table.itertuples(index=False), start=1):
                for column, value in enumerate(values):
                    shape.table.cell(row, column).text = str(value)
            for cell in (shape.table.cell(r, c) for r in range(rows) for c in range(columns)):
                cell.text_frame.paragraphs[0].font.size = Pt(12)
                cell.margin_top = cell.margin_bottom = Inches(0.03)
            weights = _column_weights(section.table.columns, pack.language)
            for column, weight in enumerate(weights):  # a title gets room, a code does not
                shape.table.columns[column].width = Emu(int(Inches(12) * weight / sum(weights)))
            top += height + Inches(0.2)
        if section.chart_png:
            from PIL import Image

            with Image.open(io.BytesIO(section.chart_png)) as image:
                width, height = image.size
            room_w, room_h = Inches(12), max(Inches(7.2) - top, Inches(1))
            scale = min(room_w / width, room_h / height)
            slide.shapes.add_picture(io.BytesIO(section.chart_png), Inches(0.6), top,
                                     Emu(int(width * scale)), Emu(int(height * scale)))
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------------ PDF


def _pdf_fonts() -> tuple[Path, Path] | None:
    return next((pair for pair in PDF_FONTS if all(path.exists() for path in pair)), None)


def to_pdf(pack: MeetingPack) -> bytes:
    """A4 landscape, a cover and one page per topic."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    fonts = _pdf_fonts()
    if fonts is None:
        raise RuntimeError("no font with the euro sign found (install fonts-dejavu-core)")
    pdf.add_font("Pack", fname=str(fonts[0]))
    pdf.add_font("Pack", style="B", fname=str(fonts[1]))
    pdf.set_title(pack.title)
    pdf.add_page()
    pdf.set_font("Pack", size=24)
    pdf.multi_cell(0, 12, pack.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Pack", size=16)
    for line in [pack.subtitle, pack.made, *pack.cover_lines]:
        pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    for section in pack.sections:
        pdf.add_page()
        pdf.set_font("Pack", size=20)
        pdf.multi_cell(0, 11, section.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Pack", size=12)
        for line in section.lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        if section.table is not None and not section.table.empty:
            pdf.ln(2)
            pdf.set_font("Pack", size=10)
            widths = _column_weights(section.table.columns, pack.language)
            with pdf.table(first_row_as_headings=True, col_widths=widths, text_align="LEFT") as table:
                table.row([str(name) for name in section.table.columns])
                for values in section.table.itertuples(index=False):
                    table.row([str(value) for value in values])
            pdf.set_font("Pack", size=12)
        if section.chart_png:
            pdf.ln(3)
            room = pdf.h - pdf.get_y() - 14
            from PIL import Image

            with Image.open(io.BytesIO(section.chart_png)) as image:
                width, height = image.size
            shown_w = min(pdf.epw, room * width / height)
            pdf.image(io.BytesIO(section.chart_png), w=shown_w)
    return bytes(pdf.output())
