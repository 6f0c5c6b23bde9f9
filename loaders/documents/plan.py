"""A plan document's text in, a PlanRecord out: metadata, projects with their read values, and parse notes."""
from __future__ import annotations

import hashlib
import re
from collections import Counter

from loaders.documents import table_plan
from loaders.documents.structure import (
    DocumentStructure,
    Section,
    clean_line,
    is_intro,
    label_of,
    parse_structure,
    section_fields,
)
from loaders.errors import NoProjectsError
from loaders.records import ParseNote, PlanRecord, ProjectRecord, ScheduleReading
from loaders.text import normalise
from loaders.values.costs import parse_costs
from loaders.values.period import period_years
from loaders.values.probability import classify_probability
from loaders.values.resources import parse_resources
from loaders.values.responsible import classify_responsible
from loaders.values.schedule import parse_schedule

# Fields whose absence is worth a note when the plan uses them for other projects.
_EXPECTED_FIELDS = ("schedule", "probability", "responsible", "costs", "resources")


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_plan(
    source_name: str,
    text: str,
    data: bytes | None = None,
    *,
    organisation: str | None = None,
    period: str | None = None,
) -> PlanRecord:
    """Read one plan document. Raises NoProjectsError when it holds neither projects nor strategic themes."""
    # Projects listed as table rows (loaders.documents.table_plan); their lines are blanked for the heading parser.
    text_with_tables = table_plan.with_pdf_tables(source_name, text, data)
    tables = table_plan.find_tables(text_with_tables)
    structure = parse_structure(table_plan.without_tables(text_with_tables, tables) if tables else text)
    kind = "action_plan" if tables else detect_kind(structure)
    detected_period = period or detect_period(structure)
    first_year, last_year = period_years(detected_period)
    plan = PlanRecord(
        source_name=source_name,
        checksum=checksum(data if data is not None else text.encode("utf-8")),
        title=detect_title(structure, kind) or source_name.rsplit(".", 1)[0],
        organisation=organisation or detect_organisation(text),
        period=detected_period,
        period_start_year=first_year,
        period_end_year=last_year,
        document_date=detect_document_date(structure),
        kind=kind,
    )
    if plan.organisation is None:
        plan.notes.append(
            ParseNote("organisation", "organisation.not_found", "No municipality name was found; give it with --organisation.")
        )
    if plan.period is None:
        plan.notes.append(ParseNote("period", "period.not_found", "No plan period was found; give it with --period."))

    if kind == "strategy":
        plan.themes = strategic_themes(structure)
        if not plan.themes:
            raise NoProjectsError(source_name, "a strategy document, but no numbered focus areas were found")
        return plan

    sections = project_sections(structure)
    if tables:
        sections = [section for section in sections if not table_plan.holds_table(section, tables)]
    used_fields: Counter[str] = Counter()
    for section in sections:
        project = read_project(section)
        plan.projects.append(project)
        used_fields.update(_stated_fields(project))
    if tables:
        rows, table_notes = table_plan.table_projects(tables, structure, plan.projects)
        plan.notes.extend(table_notes)
        for project in rows:
            used_fields.update(_stated_fields(project))
        plan.projects = sorted(plan.projects + rows, key=lambda project: project.line)  # document order
    if not plan.projects:
        raise NoProjectsError(
            source_name,
            "no projects were recognised: a plan lists its projects under numbered headings such as '2.1 Title'",
        )
    for project in plan.projects:
        stated = _stated_fields(project)
        for name in _EXPECTED_FIELDS:
            if used_fields[name] and name not in stated:
                project.notes.append(
                    ParseNote(name, f"{name}.missing", f"The plan gives '{name}' for other projects but not for this one.")
                )
        if not stated and not used_fields:
            project.notes.append(
                ParseNote(
                    "structure",
                    "structure.prose_only",
                    "The section has no labelled fields; schedule, costs and probability are unknown.",
                )
            )
    return plan


def _stated_fields(project: ProjectRecord) -> set[str]:
    stated = set()
    if project.schedule.text:
        stated.add("schedule")
    if project.probability.text:
        stated.add("probability")
    if project.responsible.text:
        stated.add("responsible")
    if project.costs is not None:
        stated.add("costs")
    if project.resources is not None:
        stated.add("resources")
    return stated


# ---------------------------------------------------------------- projects


def project_sections(structure: DocumentStructure) -> list[Section]:
    """Numbered leaf sections below a top-level heading, leaving out introductions and appendices."""
    found = []
    for section in structure.sections:
        if section.children or section.implied:
            continue
        if is_intro(section) or any(is_intro(ancestor) for ancestor in section.ancestors()):
            continue
        has_fields = bool(section_fields(section).values)
        if section.level >= 2 or has_fields:
            found.append(section)
    return found


def service_area_of(section: Section) -> str | None:
    """The text after the last comma of the top-level heading, else an area heading the numbering implies."""
    chain = section.ancestors() + [section]
    top = chain[0]
    if top is section:
        return None
    top_title = clean_line(top.title)[1]  # titles are kept as written; the area name is read without markup
    if "," in top_title:
        area = top_title.rsplit(",", 1)[1]
        area = re.sub(r"\s+(?:omistajana|vastuussa)$", "", area.strip(), flags=re.IGNORECASE)
    elif len(chain) >= 3 and chain[1].implied and chain[1].title:
        area = re.sub(r"\s+kehity\w*$", "", chain[1].title, flags=re.IGNORECASE)
    else:
        area = re.sub(r"^(?:palvelualakohtaiset\s+)?kehity\w*\s*", "", top_title, flags=re.IGNORECASE) or top_title
    area = area.strip(" .:")
    if not area:
        return None
    if area.isupper():
        area = area.capitalize()
    return area[0].upper() + area[1:]


def read_project(section: Section) -> ProjectRecord:
    fields = section_fields(section)
    values = fields.values
    path = " › ".join(f"{a.code_text} {a.title}".strip() for a in section.ancestors())
    project = ProjectRecord(
        code=section.code_text,
        title=section.title,
        service_area=service_area_of(section),
        section_path=path,
        line=section.line,
        description=fields.description,
        **text_fields(values),
    )
    for name in fields.repeated:
        project.notes.append(
            ParseNote(
                "structure",
                "structure.repeated_label",
                f"The label for '{name}' appears more than once in the section; the values were read together.",
                values.get(name, "")[:300],
            )
        )
    read_values(project, values)
    return project


def text_fields(values: dict) -> dict:
    """The fields a project keeps as written (impact, information management, strategic goal), by record name."""
    return {
        "impact_text": values.get("impact"),
        "infomgmt_a": values.get("infomgmt_a"),
        "infomgmt_b": values.get("infomgmt_b"),
        "infomgmt_c": values.get("infomgmt_c"),
        "infomgmt_d": values.get("infomgmt_d"),
        "infomgmt_text": values.get("infomgmt") or None,
        "strategic_goal": values.get("strategic_goal"),
    }


def read_values(project: ProjectRecord, values: dict[str, str]) -> None:
    """Read a project's field values (schedule, probability, responsible, costs, resources) with their notes;
    a heading-shaped section and a table row (loaders.documents.table_plan) are read the same way."""
    schedule_text = values.get("schedule")
    if schedule_text is None and ("schedule_start" in values or "schedule_end" in values):
        schedule_text = f"{values.get('schedule_start', '')} – {values.get('schedule_end', '')}".strip(" –")
    project.schedule = parse_schedule(schedule_text) if schedule_text else ScheduleReading(text="")
    project.probability = classify_probability(values.get("probability"))
    if project.probability.text and project.probability.probability_class == "unknown":
        project.notes.append(
            ParseNote(
                "probability",
                "probability.unclassified",
                "The probability statement matches no class; it is kept as text and counted as unknown.",
                project.probability.text[:300],
            )
        )
    project.responsible = classify_responsible(values.get("responsible"))
    if "costs" in values:
        project.costs = parse_costs(values["costs"])
    if "resources" in values:
        project.resources = parse_resources(values["resources"])
    for reading in (project.schedule, project.costs, project.resources):
        if reading is not None:
            project.notes.extend(reading.notes)


# ---------------------------------------------------------------- document metadata

_STRATEGY_HEADING = re.compile(r"painopist|focus area", re.IGNORECASE)
_PLAN_HEADING = re.compile(r"kehityskohte|kehityshank|hankkeet|projektit", re.IGNORECASE)


def detect_kind(structure: DocumentStructure) -> str:
    """'strategy' for an IT strategy (focus areas, no project fields), else 'action_plan'."""
    has_labels = any(
        label_of(line.key) and label_of(line.key)[0] in ("schedule", "costs", "probability", "responsible")
        for line in structure.lines
        if line.key
    )
    headings = [s.title for s in structure.sections]
    if not has_labels and any(_STRATEGY_HEADING.search(t) for t in headings):
        if not any(_PLAN_HEADING.search(t) for t in headings):
            return "strategy"
    return "action_plan"


def strategic_themes(structure: DocumentStructure) -> list[tuple[str, str]]:
    for section in structure.sections:
        if _STRATEGY_HEADING.search(section.title) and section.children:
            return [(child.code_text, child.title) for child in section.children]
    return []


_TITLE_WORDS = re.compile(r"suunnitelma|strategia|ohjelma|action plan|strategy", re.IGNORECASE)
_TITLE_STEMS = (
    ("toimenpidesuunnitelm", "Tietohallinnon toimenpidesuunnitelma"),
    ("tietohallintostrategi", "Tietohallintostrategia"),
    ("ict-ohjelm", "ICT-ohjelma"),
    ("digiohjelm", "Digiohjelma"),
)


def detect_title(structure: DocumentStructure, kind: str) -> str | None:
    """A title line before the first section, else the plan noun the text uses most."""
    for line in structure.preamble[:30]:
        if line.key and _TITLE_WORDS.search(line.key) and len(line.key) <= 120 and not re.search(r"\d{4}", line.key):
            return line.key
    lowered = "\n".join(line.key.lower() for line in structure.lines)
    counts = [(lowered.count(stem), title) for stem, title in _TITLE_STEMS]
    count, title = max(counts)
    if count:
        return title
    return "Tietohallintostrategia" if kind == "strategy" else None


# Matched on normalised text (loaders.text.normalise): every dash is "-".
_PERIOD_LINE = re.compile(
    r"^(?:(?:syksy|kevät|loppuvuosi|vuosi|vuodet|year|years)\s+(?:19|20)\d{2}[\s,ja&-]*)+(?:(?:syksy|kevät|vuosi|vuodet)?\s*(?:19|20)\d{2})?$",
    re.IGNORECASE,
)
_PERIOD_PATTERNS = (
    re.compile(r"tarkastelujaksolle\s*\(([^)]*\d{4}[^)]*)\)", re.IGNORECASE),
    re.compile(r"kaude(?:lla|n|lle)\s+((?:19|20)\d{2}\s*-\s*(?:19|20)?\d{2,4})", re.IGNORECASE),
    re.compile(r"kolmivuotiskaude\w*\s+((?:19|20)\d{2}\s*-\s*(?:19|20)?\d{2,4})", re.IGNORECASE),
)


def detect_period(structure: DocumentStructure) -> str | None:
    """The period as the document prints it: 'syksy 2022, vuosi 2023', '2021–2023'. Its years are read by
    values.period, the same reader as a sheet's period."""
    for line in structure.preamble[:40]:
        if _PERIOD_LINE.match(normalise(line.key)):
            return line.key
    text = "\n".join(line.key for line in structure.lines)
    joined = normalise(re.sub(r"\s*\n\s*", " ", text))
    for pattern in _PERIOD_PATTERNS:
        match = pattern.search(joined)
        if match:
            return re.sub(r"\s*-\s*", "–", match.group(1).strip())
    for section in structure.sections:
        match = re.search(r"((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})", normalise(section.title))
        if match:
            return f"{match.group(1)}–{match.group(2)}"
    return None


def detect_document_date(structure: DocumentStructure) -> str | None:
    for line in structure.preamble[:40]:
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})", line.key)
        if match:
            day, month, year = (int(part) for part in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


_ORGANISATION = re.compile(
    r"\b([A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ]?[a-zåäö]+)?)\s+(?:kaupun(?:ki|gin|gilla|gille|kia|gissa|gista|git)|kun(?:ta|nan|nassa|nalla|taa|nille))\b"
)
# Genitive endings and the nominative they come from; irregular names are listed whole.
_GENITIVE_NAMES = {"Turun": "Turku", "Lahden": "Lahti", "Helsingin": "Helsinki", "Seinäjoen": "Seinäjoki"}
_GENITIVE_ENDINGS = (
    ("isten", "inen"),
    ("sen", "nen"),  # Kauniaisen -> Kauniainen
    ("mäen", "mäki"),
    ("joen", "joki"),
    ("rannan", "ranta"),
    ("linnan", "linna"),
    ("een", "e"),
    ("men", "mi"),
    ("ven", "vi"),
    ("n", ""),
)


def nominative(genitive: str) -> str:
    """Finnish municipality name from its genitive form.

    >>> nominative("Naantalin"), nominative("Kauniaisten"), nominative("Tampereen"), nominative("Turun")
    ('Naantali', 'Kauniainen', 'Tampere', 'Turku')
    """
    if genitive in _GENITIVE_NAMES:
        return _GENITIVE_NAMES[genitive]
    for ending, replacement in _GENITIVE_ENDINGS:
        if genitive.endswith(ending) and len(genitive) > len(ending) + 2:
            return genitive[: -len(ending)] + replacement
    return genitive


def detect_organisation(text: str) -> str | None:
    """The municipality named most often as 'X:n kaupunki/kunta'."""
    counts = Counter(match.group(1) for match in _ORGANISATION.finditer(text))
    for word in ("Kaupungin", "Kunnan", "Uuden", "Koko", "Oman", "Tämän"):
        counts.pop(word, None)
    if not counts:
        return None
    genitive, _ = counts.most_common(1)[0]
    return nominative(genitive)
