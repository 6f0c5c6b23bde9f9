"""Plain records that the loaders produce: parsed plans, projects and what could not be read.

They carry no database or Streamlit dependency, so the parsers stay pure and testable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Probability classes, in order from most to least confident; "unknown" is never a guess.
PROBABILITY_CLASSES = ("certain", "likely", "uncertain", "unlikely", "unknown")
# What a probability statement says the schedule depends on.
PROBABILITY_DRIVERS = ("external_party", "funding", "supplier", "legislation", "own_resources")
# Who sets the project manager and answers for the schedule.
RESPONSIBLE_CLASSES = ("it", "service_area", "external", "other")
# Parties that may be asked for work.
RESOURCE_PARTIES = ("service_area", "it", "purchased_services", "external", "other")
RESOURCE_UNITS = ("person_days", "person_years", "persons")
COST_KINDS = ("one_off", "annual")


@dataclass(frozen=True)
class ParseNote:
    """Something the loader could not read, or read with a caveat, kept for the data-quality view."""

    field: str  # e.g. "schedule", "costs", "probability", "structure"
    code: str  # stable machine key, e.g. "schedule.open_end"; the UI translates by it
    message: str  # English explanation for logs and the CLI
    excerpt: str = ""  # the source text the note is about


@dataclass(frozen=True)
class ScheduleReading:
    text: str
    start: str | None = None  # "YYYY-MM"
    end: str | None = None  # "YYYY-MM"
    flags: tuple[str, ...] = ()  # e.g. "open_end", "season", "recurring", "several_phases"
    notes: tuple[ParseNote, ...] = ()


@dataclass(frozen=True)
class CostItem:
    kind: str  # one of COST_KINDS
    min_amount: Decimal | None  # in `currency`, never converted
    max_amount: Decimal | None
    source_text: str
    vat_note: str | None = None  # e.g. "+ alv 24 %": the figure is before VAT
    basis: str | None = None  # e.g. "per_month_x12", "per_year"
    currency: str = "EUR"  # stored with the amount, never converted


@dataclass(frozen=True)
class CostReading:
    text: str
    items: tuple[CostItem, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "unknown", "per_unit", "multi_year_total", "no_figure"
    notes: tuple[ParseNote, ...] = ()


@dataclass(frozen=True)
class ProbabilityReading:
    text: str | None
    probability_class: str = "unknown"  # one of PROBABILITY_CLASSES
    driver: str | None = None  # one of PROBABILITY_DRIVERS


@dataclass(frozen=True)
class ResponsibleReading:
    text: str | None  # as written, first clause
    responsible_class: str | None = None  # one of RESPONSIBLE_CLASSES


@dataclass(frozen=True)
class ResourceNeed:
    party: str  # one of RESOURCE_PARTIES
    source_text: str
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    unit: str | None = None  # one of RESOURCE_UNITS
    per: str | None = None  # what the amount is counted per, e.g. "prosessi"


@dataclass(frozen=True)
class ResourceReading:
    text: str
    needs: tuple[ResourceNeed, ...] = ()
    notes: tuple[ParseNote, ...] = ()


@dataclass
class ProjectRecord:
    """One project as stated in one plan, with the text each value came from."""

    code: str
    title: str
    service_area: str | None
    section_path: str = ""  # headings above the project, for traceability
    line: int = 0  # 1-based line of the heading in the extracted text
    description: str = ""
    impact_text: str | None = None
    infomgmt_a: str | None = None
    infomgmt_b: str | None = None
    infomgmt_c: str | None = None
    infomgmt_d: str | None = None
    infomgmt_text: str | None = None  # a single statement covering all four
    strategic_goal: str | None = None
    schedule: ScheduleReading = field(default_factory=lambda: ScheduleReading(text=""))
    probability: ProbabilityReading = field(default_factory=lambda: ProbabilityReading(text=None))
    responsible: ResponsibleReading = field(default_factory=lambda: ResponsibleReading(text=None))
    costs: CostReading | None = None
    resources: ResourceReading | None = None
    notes: list[ParseNote] = field(default_factory=list)
    hidden: bool = False  # marked "not a project" by a person (only a Salkku export carries it)


@dataclass(frozen=True)
class SourceFile:
    """The file a plan was read from, kept so the store can read it again with a later loader.

    `options` are the reading choices that are not in the bytes (organisation, period, encoding, a sheet's
    mapping profile as JSON); one sheet may give several plans that share one SourceFile.
    """

    name: str
    data: bytes
    options: dict = field(default_factory=dict)


@dataclass
class PlanRecord:
    """A whole document as read: its metadata, its projects or strategic themes, and notes."""

    source_name: str
    checksum: str
    title: str
    organisation: str | None
    period: str | None
    period_start_year: int | None = None
    period_end_year: int | None = None
    document_date: str | None = None  # ISO date printed on the document, if any
    kind: str = "action_plan"  # "action_plan" or "strategy"
    projects: list[ProjectRecord] = field(default_factory=list)
    themes: list[tuple[str, str]] = field(default_factory=list)  # (code, title)
    notes: list[ParseNote] = field(default_factory=list)
    part: str | None = None  # one sub-portfolio of a sheet split into plans (e.g. an agency)
    key: str | None = None  # stable plan identity, see loaders.identity; set by the loaders
    demo: bool = False  # sample data, not a municipality's own plan
    complete: bool = True  # False: an export of a selection that holds only some of the plan's projects
    # A Salkku export read back: its values are the ones in effect, with the corrections that made them.
    corrections: list[dict] = field(default_factory=list)
    from_salkku_workbook: bool = False
    source_file: SourceFile | None = field(default=None, repr=False, compare=False)
