"""Hand labels of the reference documents (tests/fixtures/labels/*.json) against what the loader reads.

One labels file per reference document: the plan's facts and every project as a person reading the document records
it (see tests/fixtures/labels/README.md). `score_document` matches the loader's projects to the labelled ones (by
code, else by title) and counts, field by field, how many labelled projects the loader read right. A labelled project
the loader did not find counts as wrong in every field; a value the loader gives where the label is null is wrong.

Shared by tests/loaders/test_field_accuracy.py and `python -m benchmarks.field_accuracy`. Uses only the top-level
`loaders` package and the records' attributes, so it does not depend on where inside `loaders` things live.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

LABELS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "labels"

# Compared per project, in the order printed.
PROJECT_FIELDS = (
    "title", "service_area", "schedule_start", "schedule_end", "probability", "probability_driver", "responsible",
    "cost_one_off", "cost_annual", "resource_parties", "it_resource", "has_impact", "has_strategic_goal",
    "has_infomgmt",
)
PLAN_FIELDS = ("kind", "organisation", "period_start_year", "period_end_year", "document_date", "themes")


# ---------------------------------------------------------------------------------------------------- normalising
def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split()).strip().rstrip(".").strip()
    return text or None


def _code(value: Any) -> str | None:
    text = _text(value)
    return text.rstrip(".") if text else None


def _folded(value: Any) -> str | None:
    text = _text(value)
    return text.casefold() if text else None


def _month(value: Any, *, end: bool) -> str | None:
    """'2021' -> its January (start) or December (end); '2021-9' / '2021-09' -> '2021-09'."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-{'12' if end else '01'}"
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text)
    if not found:
        return text  # an unexpected shape stays as it is and so will not equal a label
    return f"{found[1]}-{int(found[2]):02d}"


def _amount(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value))


def _range(value: Any) -> tuple[Decimal | None, Decimal | None] | None:
    """A label's amount: null, a number, or [min, max]."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        low, high = value
        return _amount(low), _amount(high)
    return _amount(value), _amount(value)


def _resource_amount(value: dict) -> tuple:
    return (_amount(value.get("min")), _amount(value.get("max")), value.get("unit"), _folded(value.get("per")))


def label_values(label: dict) -> dict[str, Any]:
    """A labelled project's values, normalised for comparison."""
    it = label.get("it_resource")
    if isinstance(it, dict):
        it = [it]
    parties = label.get("resource_parties")
    return {
        "title": _text(label.get("title")),
        "service_area": _folded(label.get("service_area")),
        "schedule_start": _month(label.get("schedule_start"), end=False),
        "schedule_end": _month(label.get("schedule_end"), end=True),
        "probability": None if label.get("probability") in (None, "unknown") else label["probability"],
        "probability_driver": label.get("probability_driver"),
        "responsible": label.get("responsible"),
        "cost_one_off": _range(label.get("cost_one_off")),
        "cost_annual": _range(label.get("cost_annual")),
        "resource_parties": frozenset(parties) if parties else None,
        "it_resource": frozenset(_resource_amount(item) for item in it) if it else None,
        "has_impact": bool(label.get("has_impact")),
        "has_strategic_goal": bool(label.get("has_strategic_goal")),
        "has_infomgmt": bool(label.get("has_infomgmt")),
    }


def _cost_total(costs: Any, kind: str) -> tuple[Decimal | None, Decimal | None] | None:
    """The loader's items of one kind summed into one (min, max); None when it read no amount of that kind.

    The loader keeps "no (new) costs" as the flag `none_stated` without a zero item: that is 0 here."""
    if costs is None:
        return None
    if "none_stated" in (getattr(costs, "flags", ()) or ()) and not any(
            item.kind == kind for item in getattr(costs, "items", ()) or ()):
        return Decimal(0), Decimal(0)
    low_total = high_total = None
    for item in getattr(costs, "items", ()) or ():
        if item.kind != kind:
            continue
        low = item.min_amount if item.min_amount is not None else item.max_amount
        high = item.max_amount if item.max_amount is not None else item.min_amount
        if low is None:
            continue
        low_total = Decimal(low) + (low_total or 0)
        high_total = Decimal(high) + (high_total or 0)
    return None if low_total is None else (low_total, high_total)


def read_values(project: Any) -> dict[str, Any]:
    """A loader project's values (a ProjectRecord or anything with its attributes), normalised like `label_values`."""
    schedule = getattr(project, "schedule", None)
    probability = getattr(project, "probability", None)
    responsible = getattr(project, "responsible", None)
    resources = getattr(project, "resources", None)
    needs = list(getattr(resources, "needs", ()) or ()) if resources is not None else []
    parties = frozenset(need.party for need in needs)
    it = frozenset(
        (_amount(need.amount_min), _amount(need.amount_max), need.unit, _folded(getattr(need, "per", None)))
        for need in needs if need.party == "it" and (need.amount_min is not None or need.amount_max is not None))
    probability_class = getattr(probability, "probability_class", None)
    infomgmt = [getattr(project, name, None) for name in
                ("infomgmt_a", "infomgmt_b", "infomgmt_c", "infomgmt_d", "infomgmt_text")]
    return {
        "title": _text(getattr(project, "title", None)),
        "service_area": _folded(getattr(project, "service_area", None)),
        "schedule_start": _month(getattr(schedule, "start", None), end=False),
        "schedule_end": _month(getattr(schedule, "end", None), end=True),
        "probability": None if probability_class in (None, "unknown") else probability_class,
        "probability_driver": getattr(probability, "driver", None),
        "responsible": getattr(responsible, "responsible_class", None),
        "cost_one_off": _cost_total(getattr(project, "costs", None), "one_off"),
        "cost_annual": _cost_total(getattr(project, "costs", None), "annual"),
        "resource_parties": parties or None,
        "it_resource": it or None,
        "has_impact": bool(_text(getattr(project, "impact_text", None))),
        "has_strategic_goal": bool(_text(getattr(project, "strategic_goal", None))),
        "has_infomgmt": any(_text(value) for value in infomgmt),
    }


def plan_label_values(labels: dict) -> dict[str, Any]:
    plan = labels.get("plan", {})
    return {
        "kind": plan.get("kind"),
        "organisation": _folded(plan.get("organisation")),
        "period_start_year": plan.get("period_start_year"),
        "period_end_year": plan.get("period_end_year"),
        "document_date": plan.get("document_date"),
        "themes": frozenset((_code(code), _text(title)) for code, title in labels.get("themes", ())),
    }


def plan_read_values(plan: Any) -> dict[str, Any]:
    return {
        "kind": getattr(plan, "kind", None),
        "organisation": _folded(getattr(plan, "organisation", None)),
        "period_start_year": getattr(plan, "period_start_year", None),
        "period_end_year": getattr(plan, "period_end_year", None),
        "document_date": getattr(plan, "document_date", None),
        "themes": frozenset((_code(code), _text(title)) for code, title in getattr(plan, "themes", ()) or ()),
    }


# ---------------------------------------------------------------------------------------------------- matching
def match_projects(labelled: list[dict], read: list[Any]) -> tuple[list[tuple[dict, Any | None]], list[Any]]:
    """Each labelled project with the loader project it is (or None), and the loader projects matched to none.

    First by code (a trailing dot ignored), then the rest by title (case and spacing ignored); each loader project
    is used once."""
    unused = list(range(len(read)))
    pairs: dict[int, int] = {}
    for index, label in enumerate(labelled):
        code = _code(label.get("code"))
        if code is None:
            continue
        hit = next((position for position in unused if _code(getattr(read[position], "code", None)) == code), None)
        if hit is not None:
            pairs[index] = hit
            unused.remove(hit)
    for index, label in enumerate(labelled):
        if index in pairs:
            continue
        title = _folded(label.get("title"))
        hit = next((position for position in unused if _folded(getattr(read[position], "title", None)) == title), None)
        if hit is not None:
            pairs[index] = hit
            unused.remove(hit)
    matched = [(label, read[pairs[index]] if index in pairs else None) for index, label in enumerate(labelled)]
    return matched, [read[position] for position in unused]


# ---------------------------------------------------------------------------------------------------- scoring
@dataclass
class Disagreement:
    document: str
    project: str  # code, else title
    field: str
    expected: Any
    read: Any


@dataclass
class DocumentScore:
    document: str
    labelled: int
    read: int
    matched: int
    correct: dict[str, int]  # field -> labelled projects read right
    plan_correct: dict[str, bool]
    missed: list[str] = field(default_factory=list)  # labelled projects the loader did not find
    extra: list[str] = field(default_factory=list)  # loader projects matched to no label
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.matched / self.labelled if self.labelled else None

    def accuracy(self, name: str) -> float | None:
        return self.correct[name] / self.labelled if self.labelled else None


def _name(label_or_project: Any) -> str:
    if isinstance(label_or_project, dict):
        return label_or_project.get("code") or label_or_project.get("title") or "?"
    return f"{getattr(label_or_project, 'code', '') or ''} {getattr(label_or_project, 'title', '') or ''}".strip()


def score_projects(document: str, labelled: list[dict], read: list[Any]) -> DocumentScore:
    """Project count, matches and per-field correct counts of one document's labelled projects."""
    matched, extra = match_projects(labelled, read)
    correct = dict.fromkeys(PROJECT_FIELDS, 0)
    score = DocumentScore(document, len(labelled), len(read), sum(1 for _, p in matched if p is not None), correct, {},
                          extra=[_name(project) for project in extra])
    for label, project in matched:
        if project is None:
            score.missed.append(_name(label))
            continue
        expected, got = label_values(label), read_values(project)
        for name in PROJECT_FIELDS:
            if expected[name] == got[name]:
                correct[name] += 1
            else:
                score.disagreements.append(Disagreement(document, _name(label), name, expected[name], got[name]))
    return score


def score_document(labels: dict, plan: Any) -> DocumentScore:
    """One labels file against the PlanRecord the loader read from its document."""
    score = score_projects(labels["document"], labels.get("projects", []), list(getattr(plan, "projects", ()) or ()))
    expected, got = plan_label_values(labels), plan_read_values(plan)
    for name in PLAN_FIELDS:
        score.plan_correct[name] = expected[name] == got[name]
        if not score.plan_correct[name]:
            score.disagreements.append(Disagreement(labels["document"], "(plan)", name, expected[name], got[name]))
    return score


def label_files(labels_dir: Path = LABELS_DIR) -> list[Path]:
    return sorted(labels_dir.glob("*.json"))


def load_labels(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def score_all(seeds_dir: Path, labels_dir: Path = LABELS_DIR, load: Callable[[Path], Any] | None = None
              ) -> list[DocumentScore]:
    """Every labelled reference document read by the loader (`loaders.load_document` unless `load` is given)."""
    if load is None:
        from loaders import load_document as load
    scores = []
    for path in label_files(labels_dir):
        labels = load_labels(path)
        scores.append(score_document(labels, load(Path(seeds_dir) / labels["document"])))
    return scores


# ---------------------------------------------------------------------------------------------------- printing
def _cell(correct: int, total: int) -> str:
    return f"{correct}/{total} {100 * correct / total:3.0f}%" if total else "–"


def format_table(scores: Iterable[DocumentScore]) -> str:
    scores = list(scores)
    heads = [score.document.split("_")[0] for score in scores] + ["total"]
    width = 13
    total_labelled = sum(score.labelled for score in scores)
    rows = [("", heads)]
    rows.append(("labelled projects", [str(score.labelled) for score in scores] + [str(total_labelled)]))
    rows.append(("read projects", [str(score.read) for score in scores] + [str(sum(s.read for s in scores))]))
    rows.append(("matched", [_cell(s.matched, s.labelled) for s in scores]
                 + [_cell(sum(s.matched for s in scores), total_labelled)]))
    rows.append(("read, not labelled", [str(len(s.extra)) for s in scores] + [str(sum(len(s.extra) for s in scores))]))
    for name in PROJECT_FIELDS:
        rows.append((name, [_cell(s.correct[name], s.labelled) for s in scores]
                     + [_cell(sum(s.correct[name] for s in scores), total_labelled)]))
    all_correct = sum(sum(s.correct.values()) for s in scores)
    rows.append(("all fields", [_cell(sum(s.correct.values()), s.labelled * len(PROJECT_FIELDS)) for s in scores]
                 + [_cell(all_correct, total_labelled * len(PROJECT_FIELDS))]))
    rows.append(("plan fields", [_cell(sum(s.plan_correct.values()), len(PLAN_FIELDS)) for s in scores]
                 + [_cell(sum(sum(s.plan_correct.values()) for s in scores), len(PLAN_FIELDS) * len(scores))]))
    label_width = max(len(label) for label, _ in rows) + 2
    return "\n".join(label.ljust(label_width) + "".join(cell.rjust(width) for cell in cells) for label, cells in rows)


def _show(value: Any) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(_show(item) for item in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(item) for item in value) + ")"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return repr(value) if isinstance(value, str) else str(value)


def format_disagreements(scores: Iterable[DocumentScore]) -> str:
    lines = []
    for score in scores:
        for name in score.missed:
            lines.append(f"{score.document[:3]}  {name}: labelled project not read")
        for name in score.extra:
            lines.append(f"{score.document[:3]}  {name}: read, matches no labelled project")
        for item in score.disagreements:
            lines.append(f"{item.document[:3]}  {item.project}  {item.field}: expected {_show(item.expected)}, "
                         f"read {_show(item.read)}")
    return "\n".join(lines)
