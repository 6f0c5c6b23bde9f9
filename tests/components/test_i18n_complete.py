"""The catalogue is finished in Finnish and English: every text key the code uses (the app's pages and
components, and the reports built from them, such as the meeting pack), every loader error and every parse-note
code the loaders can emit has words in both languages. The keys and codes are found by reading the source, so a
new one without texts fails here."""
from __future__ import annotations

import ast
import string
from functools import cache
from pathlib import Path

import pytest

from components.i18n import TEXTS, note_message

ROOT = Path(__file__).resolve().parents[2]
UI_SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py")),
              *sorted((ROOT / "reports").rglob("*.py"))]
LOADER_SOURCES = [path for folder in ("loaders", "data_model") for path in sorted((ROOT / folder).rglob("*.py"))
                  if "migrations" not in path.parts]
# These rebuild notes read back from the store or an exported workbook: the code comes from data, not from here.
NOTE_READERS = {"loaders/serialize.py", "loaders/sheets/workbook.py"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _text_calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(_tree(path))
            if isinstance(node, ast.Call) and _name(node.func) in ("t", "translate") and node.args]


@cache
def used_text_keys(sources: tuple[Path, ...] = tuple(UI_SOURCES)) -> tuple[set[str], set[str]]:
    """Literal keys passed to t()/translate() in app.py, pages/, components/ and reports/, and the fixed
    prefixes of f-string keys such as t(f"plans.status.{value}")."""
    keys, prefixes = set(), set()
    for path in sources:
        for node in _text_calls(path):
            first = node.args[0]
            if (key := _text(first)) is not None:
                keys.add(key)
            elif isinstance(first, ast.JoinedStr) and (lead := _text(first.values[0])):
                prefixes.add(lead)
    return keys, prefixes


def loader_error_classes() -> set[str]:
    """LoaderError and every class that inherits from it, anywhere in loaders/ and data_model/."""
    bases: dict[str, set[str]] = {}
    for path in LOADER_SOURCES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {name for base in node.bases if (name := _name(base))}
    found = {"LoaderError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _module_strings(tree: ast.Module) -> dict[str, object]:
    """Module-level NAME = "text" and NAME = ("a", "b") constants."""
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            for target in targets:
                if isinstance(target, ast.Name):
                    values[target.id] = value
    return values


def _parse_note_code(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    return call.args[1] if len(call.args) > 1 else None


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _loop_values(node: ast.AST, name: str, parents: dict, constants: dict) -> list[str] | None:
    """The strings a loop variable takes, when it loops over a module-level tuple of strings."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == name:
            values = constants.get(_name(node.iter)) if isinstance(node.iter, ast.Name) else None
            if isinstance(values, (tuple, list)) and all(isinstance(value, str) for value in values):
                return list(values)
    return None


def _note_sites(path: Path) -> tuple[set[str], list[str]]:
    """The note codes one module can emit, and the ParseNote calls whose code could not be worked out.

    A code is a literal ('sheet.no_title'), an f-string over a loop of module constants (f"{name}.missing"),
    or a helper's parameter (def _note(code, ...): ParseNote(code=f"{FIELD}.{code}")), followed through
    helpers that call helpers (def flag(name, ...): _note(name, ...)) to the literals they are called with.
    """
    tree = _tree(path)
    constants = _module_strings(tree)
    parents = _parents(tree)
    codes: set[str] = set()
    unresolved: list[str] = []
    helpers: dict[str, tuple[int, str, str]] = {}  # helper name -> (parameter position, prefix, suffix)

    def function_of(node: ast.AST) -> ast.FunctionDef | None:
        while node in parents:
            node = parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return None

    def parameter(function: ast.FunctionDef | None, name: str) -> int | None:
        if function is None:
            return None
        names = [argument.arg for argument in function.args.args]
        return names.index(name) if name in names else None

    def resolve(expression: ast.expr, site: ast.AST, prefix: str = "", suffix: str = "") -> bool:
        if (literal := _text(expression)) is not None:
            codes.add(prefix + literal + suffix)
            return True
        if isinstance(expression, ast.Name):
            function = function_of(site)
            if (position := parameter(function, expression.id)) is not None:
                helpers[function.name] = (position, prefix, suffix)
                return True
            if (values := _loop_values(site, expression.id, parents, constants)) is not None:
                codes.update(prefix + value + suffix for value in values)
                return True
            return False
        if isinstance(expression, ast.JoinedStr):
            parts = expression.values
            holes = [index for index, part in enumerate(parts) if isinstance(part, ast.FormattedValue)]
            fixed = []
            for index, part in enumerate(parts):
                if isinstance(part, ast.Constant):
                    fixed.append(part.value)
                elif index != holes[-1]:
                    value = constants.get(_name(part.value)) if isinstance(part.value, ast.Name) else None
                    if not isinstance(value, str):
                        return False
                    fixed.append(value)
                else:
                    fixed.append(None)
            split = fixed.index(None)
            lead = "".join(fixed[:split])
            tail = "".join(fixed[split + 1:])
            return resolve(parts[holes[-1]].value, site, prefix + lead, tail + suffix)
        return False

    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    for call in calls:
        if _name(call.func) == "ParseNote":
            code = _parse_note_code(call)
            if code is None or not resolve(code, call):
                unresolved.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    resolved_helpers: set[str] = set()
    while set(helpers) - resolved_helpers:
        for name in sorted(set(helpers) - resolved_helpers):
            resolved_helpers.add(name)
            position, prefix, suffix = helpers[name]
            for call in calls:
                if (_name(call.func) == name and len(call.args) > position
                        and not resolve(call.args[position], call, prefix, suffix)):
                    unresolved.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    return codes, unresolved


@cache
def _all_note_sites() -> tuple[frozenset[str], tuple[str, ...]]:
    codes: set[str] = set()
    unresolved: list[str] = []
    for path in LOADER_SOURCES:
        if str(path.relative_to(ROOT)) in NOTE_READERS:
            continue
        found, unknown = _note_sites(path)
        codes |= found
        unresolved += unknown
    return frozenset(codes), tuple(unresolved)


def emitted_note_codes() -> frozenset[str]:
    return _all_note_sites()[0]


def test_the_scan_finds_the_known_note_codes_and_works_out_every_code():
    codes = emitted_note_codes()
    assert {"sheet.no_title", "schedule.end_before_start", "structure.prose_only", "costs.negative",
            "schedule.open_end", "resources.own_work_as_it", "costs.missing", "encoding.cp1252"} <= codes
    assert _all_note_sites()[1] == ()


def _written(text: object) -> bool:
    """A text, or a counting text whose 'one' and 'other' forms are both written."""
    if isinstance(text, dict):
        return set(text) >= {"one", "other"} and all(isinstance(form, str) and form.strip() for form in text.values())
    return isinstance(text, str) and bool(text.strip())


def _both(key: str) -> bool:
    finnish, english = TEXTS.get(key, ("", ""))
    return _written(finnish) and _written(english)


def test_every_text_key_the_code_uses_is_in_both_languages():
    keys, prefixes = used_text_keys()
    assert len(keys) > 300
    assert sorted(key for key in keys if not _both(key)) == []
    assert sorted(prefix for prefix in prefixes if not any(key.startswith(prefix) for key in TEXTS)) == []


def test_the_scan_reads_the_reports_too():
    keys, _ = used_text_keys((ROOT / "reports" / "meeting_pack.py",))
    assert {"pack.title", "pack.schedule_unknown", "pack.schedule_more", "common.not_stated", "col.service_area"} <= keys
    assert keys <= used_text_keys()[0]


def _placeholders(text: object) -> set[str]:
    forms = text.values() if isinstance(text, dict) else [text]
    return {name.split(".")[0].split("[")[0] for form in forms for _, name, _, _ in string.Formatter().parse(form)
            if name}


def test_every_text_call_gives_the_values_its_text_names():
    """A call with a literal key and no **values passes every placeholder of both languages (a counting text's
    count= among them), so no text fails with a KeyError in one language or one branch only."""
    wrong = []
    for path in UI_SOURCES:
        for call in _text_calls(path):
            key = _text(call.args[0])
            if key not in TEXTS or any(keyword.arg is None for keyword in call.keywords):
                continue
            given = {keyword.arg for keyword in call.keywords}
            needed = set().union(*(_placeholders(text) for text in TEXTS[key]))
            if any(isinstance(text, dict) for text in TEXTS[key]):
                needed.add("count")
            if needed - given:
                wrong.append(f"{path.relative_to(ROOT)}:{call.lineno} {key} lacks {sorted(needed - given)}")
    assert wrong == []


def test_every_catalogue_text_is_in_both_languages():
    assert sorted(key for key in TEXTS if not _both(key)) == []


def test_every_loader_error_has_a_text_in_both_languages():
    classes = loader_error_classes()
    assert {"LoaderError", "NoProjectsError", "PlanConflictError"} <= classes
    assert sorted(name for name in classes if not _both(f"error.{name}")) == []


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_note_code_the_loaders_emit_reads_in_both_languages(language):
    stored = "STORED MESSAGE"
    missing = []
    for code in sorted(emitted_note_codes()):
        message = note_message(code, stored, language)
        # The stored (loader's) message is English: Finnish must come from the catalogue.
        if not message.strip() or (language == "fi" and message == stored):
            missing.append(code)
    assert missing == []
