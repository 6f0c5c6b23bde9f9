"""Benchmark: each dashboard page's warm run against a bare Streamlit page that draws the same elements, at
several store sizes, in one run; and (with --cold-and-memory) each page's cold run and peak memory.

For every page the real page runs in AppTest on a generated store (10 organisations, 30 plans, more
above 14,850 entries: the loader reads up to 99 projects per area); its rendered
tree is counted (dataframes and tables with their rows and columns, Altair and plotly charts with their data
rows / traces and points, metrics, text elements) and the frames it drew are pickled into a temp dir. The bare
page (benchmarks/bare_page.py) then draws the same from those precomputed frames (read from the pickle on every run,
as a page reads its frames from st.cache_data), and the same widgets (the frame's sidebar filters among them). Both warm runs are timed the
same way (a new session, caches filled by an earlier run, the best of --repeat), and the ratio page / bare is
printed, with how each page's time grows from one size to the next.

Run: .venv/bin/python -m benchmarks.page_speed [--sizes 10000 50000] [--selection all|default|both]
     [--keep-stores DIR]  (reuse or keep the generated stores between runs)
     .venv/bin/python -m benchmarks.page_speed --entries 10000 --cold-and-memory  (the older cold/peak table)
"""
from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import tempfile
import time
import tracemalloc
from pathlib import Path

PAGES = (
    ("yleiskuva", None), ("aikataulu", "pages/schedule.py"), ("kustannukset", "pages/costs.py"),
    ("todennakoisyys", "pages/probability.py"), ("resurssit", "pages/resources.py"), ("hankkeet", "pages/projects.py"),
    ("suunnitelmat", "pages/plans.py"), ("tietojen-laatu", "pages/quality.py"), ("tuonti", "pages/import_page.py"),
)
ROOT = Path(__file__).resolve().parents[1]
if (ROOT / "pages" / "presentation.py").exists():
    PAGES += (("esitys", "pages/presentation.py"),)
NAVIGATION_PAGES = len(PAGES)  # what the dashboard's navigation lists (--pages only chooses which are timed)
BARE = Path(__file__).resolve().parent / "bare_page.py"
SELECTIONS = {"default": ("default selection (latest plan of each organisation)", {}), "all": ("all plans", {"plan": ""})}
TEXT_TYPES = {"markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error", "divider"}
VEGA_TYPES = {"vega_lite_chart", "arrow_vega_lite_chart"}  # st.altair_chart's element (named by Streamlit's version)
# Widgets the bare page draws too (the frame's sidebar filters are on every page); options counted for the lists.
WIDGET_TYPES = {"text_input", "number_input", "button", "download_button", "toggle", "checkbox", "button_group",
                "expander", "file_uploader"}
TARGET_RATIO = 2.0
MAX_PER_AREA = 99


def build_store(url: str, entries: int) -> int:
    from benchmarks.plan_generator import AREAS, make_plan, plan_identity, render_text
    from data_model.db import make_engine
    from data_model.store import import_plans
    from loaders import load_document_bytes

    # The loader reads at most 99 projects per area (codes N.1 to N.99): a larger store has more plans.
    plans_wanted = max(30, math.ceil(entries / len(AREAS) / MAX_PER_AREA))
    per_area = max(1, min(MAX_PER_AREA, round(entries / plans_wanted / len(AREAS))))
    engine = make_engine(url)
    records = []
    for index in range(plans_wanted):
        (genitive, _), year = plan_identity(index)
        plan = make_plan(seed=index, projects_per_area=per_area, municipality=(genitive, ""), year=year)
        unreadable(plan)
        text = render_text(plan)
        records.append(load_document_bytes(f"{genitive.lower()}_{year}.txt", text.encode("utf-8")))
    import_plans(engine, records)
    engine.dispose()
    return sum(len(record.projects) for record in records), plans_wanted


def unreadable(plan) -> None:  # noqa: ANN001
    """Some values no reader could classify, as in real plans: the Data quality page then has parse notes to show
    (about a third of the projects, one note or more each)."""
    for number, project in enumerate(plan.projects):
        if number % 7 == 3:
            project.schedule = "kun rahoitus varmistuu"
        if number % 9 == 4:
            project.cost_text = "tarkentuu myöhemmin"
        if number % 11 == 5:
            project.probability = "ei arvioitu"


def store_for(entries: int, directory: Path) -> tuple[str, str]:
    """The store URL for `entries` (built here unless `directory` already holds it) and what it took."""
    path = directory / f"bench-{entries}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        return url, f"store of ~{entries} entries reused from {path}"
    started = time.perf_counter()
    count, plans = build_store(url, entries)
    return url, f"store: {count} project entries, {plans} plans, 10 organisations ({time.perf_counter() - started:.1f} s to build)"


_COMPONENTS = []


def share_script_cache() -> None:
    """The server keeps one ScriptCache (compiled scripts) for all its sessions: a warm run compiles nothing.
    AppTest makes a new one on every run, which compiles app.py and the page (or the bare page) again each time;
    here one is shared, as on the server, by both the pages and the bare page."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    if getattr(ScriptCache.get_bytecode, "shared", False):
        return
    compiled: dict[str, object] = {}
    original = ScriptCache.get_bytecode

    def get_bytecode(self, script_path: str):  # noqa: ANN001, ANN202
        path = os.path.abspath(script_path)
        if path not in compiled:
            compiled[path] = original(self, script_path)
        return compiled[path]

    get_bytecode.shared = True
    ScriptCache.get_bytecode = get_bytecode


def _app(script: Path, query: dict[str, str]):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=300)
    # AppTest scans every installed package for custom components on a new AppTest's first run (0.1–0.2 s): done
    # once here and shared, so no timed run pays it (the overview's and the bare page's timed runs are first runs).
    if not _COMPONENTS:
        from streamlit.components.v2.component_manager import BidiComponentManager

        manager = BidiComponentManager()
        manager.discover_and_register_components(start_file_watching=False)
        _COMPONENTS.append(manager)
    if hasattr(at, "_bidi_component_manager"):
        at._bidi_component_manager = _COMPONENTS[0]
    for key, value in query.items():
        at.query_params[key] = value
    return at


def run_page(file: str | None, query: dict[str, str], *, cold: bool = False, trace_memory: bool = False,
             keep: list | None = None) -> float:
    """Seconds for one script run of the page (frame included); with trace_memory, peak MB instead
    (tracemalloc slows Python down, so time and memory are measured in separate runs). `keep` receives the AppTest."""
    at = _app(ROOT / "app.py", query)
    if file:
        at.run()  # AppTest needs the frame's first run before it can switch; not timed
        at.switch_page(file)
    if cold:
        clear_caches()
    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if trace_memory:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        elapsed = peak / 1024 / 1024
    if at.exception:
        raise RuntimeError(f"{file or 'app.py'}: {at.exception[0].value}")
    if at.error:  # app.py turns an unexpected error into a message with a reference
        raise RuntimeError(f"{file or 'app.py'} showed an error: {at.error[0].value}")
    if keep is not None:
        keep.append(at)
    return elapsed


def run_bare(layout: Path) -> float:
    os.environ["SALKKU_BARE_LAYOUT"] = str(layout)
    os.environ["SALKKU_BARE_PAGES"] = str(NAVIGATION_PAGES)
    at = _app(BARE, {})
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"bare page: {at.exception[0].value}")
    return elapsed


def clear_caches() -> None:
    import streamlit as st

    from data_model.db import get_engine

    st.cache_data.clear()
    st.cache_resource.clear()
    get_engine.cache_clear()


def _walk(node):  # noqa: ANN001, ANN202
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _dataset_rows(data) -> int:  # noqa: ANN001
    from streamlit import dataframe_util

    return len(dataframe_util.convert_arrow_bytes_to_pandas_df(data)) if data else 0


def _mark(spec: dict) -> str:
    mark = spec.get("mark")
    if mark is None:
        for part in spec.get("layer", []) + spec.get("hconcat", []) + spec.get("vconcat", []):
            found = _mark(part)
            if found:
                return found
        return "bar"
    return mark if isinstance(mark, str) else mark.get("type", "bar")


def record_layout(at) -> tuple[list[tuple], dict[str, int]]:  # noqa: ANN001
    """The elements the page drew, in order, as bare_page items; and a count of every element type."""
    layout, counts = [], {}
    for node in _walk(at._tree):
        kind = getattr(node, "type", None)
        if kind is None or not hasattr(node, "proto"):
            continue
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "dataframe":
            styler = node.proto.arrow_data.styler
            styled = node.proto.arrow_data.HasField("styler") and bool(styler.display_values)
            layout.append(("styled_dataframe" if styled else "dataframe", node.value))
        elif kind == "table":
            layout.append(("table", node.value))
        elif kind in VEGA_TYPES:
            proto = node.proto
            rows = _dataset_rows(proto.data.data) + sum(_dataset_rows(named.data.data) for named in proto.datasets)
            layout.append(("altair", rows, _mark(json.loads(proto.spec))))
        elif kind == "plotly_chart":
            figure = json.loads(node.proto.spec) if node.proto.spec else {"data": []}
            traces = []
            for trace in figure.get("data", []):
                values = trace.get("x") or trace.get("y") or trace.get("z") or []
                if isinstance(values, dict):  # plotly's binary form {"dtype", "bdata", "shape"}
                    points = int(str(values.get("shape", "0")).split(",")[0] or 0) or len(values.get("bdata", "")) // 8
                else:
                    points = len(values)
                traces.append((trace.get("type", "scatter"), max(points, 1)))
            layout.append(("plotly", traces))
        elif kind == "metric":
            layout.append(("metric", node.proto.label, node.proto.body))
        elif kind in ("multiselect", "selectbox"):
            layout.append((kind, len(node.proto.options)))
        elif kind in WIDGET_TYPES:
            layout.append((kind,))
        elif kind in TEXT_TYPES:
            layout.append(("markdown", getattr(node.proto, "body", "") or "—"))
    return layout, counts


def describe(layout: list[tuple]) -> str:
    parts = []
    for item in layout:
        if item[0] in ("dataframe", "styled_dataframe", "table"):
            parts.append(f"{item[0][:2]}{item[1].shape[0]}x{item[1].shape[1]}")
        elif item[0] == "altair":
            parts.append(f"alt:{item[2]}{item[1]}")
        elif item[0] == "plotly":
            parts.append("plotly:" + "+".join(f"{kind}{points}" for kind, points in item[1]))
    counted = {}
    for item in layout:
        if item[0] not in ("dataframe", "styled_dataframe", "table", "altair", "plotly"):
            counted[item[0]] = counted.get(item[0], 0) + 1
    return " ".join(parts) + " " + " ".join(f"{kind}:{count}" for kind, count in counted.items())


def compare(url: str, query: dict[str, str], repeat: int, workdir: Path, verbose: bool) -> dict[str, tuple]:
    """Per page: (page s, bare s) of the warm runs, the bare page drawing what the page drew."""
    os.environ["DATABASE_URL"] = url
    clear_caches()
    results = {}
    for name, file in PAGES:
        run_page(file, query)  # fills the caches
        kept: list = []
        page = min(run_page(file, query, keep=kept) for _ in range(repeat))
        layout, counts = record_layout(kept[-1])
        path = workdir / f"layout-{name}.pickle"
        path.write_bytes(pickle.dumps(layout))
        run_bare(path)  # fills the bare page's cache of precomputed frames
        bare = min(run_bare(path) for _ in range(repeat))
        results[name] = (page, bare)
        ratio = page / bare if bare else float("inf")
        flag = "" if ratio <= TARGET_RATIO else "  over 2x"
        print(f"  {name:<16}{page:>8.3f}{bare:>8.3f}{ratio:>7.1f}{flag}", flush=True)
        if verbose:
            print(f"      drew: {describe(layout)}")
            widgets = {kind: count for kind, count in counts.items() if kind not in TEXT_TYPES and kind not in (
                "dataframe", "table", "plotly_chart", "metric", "multiselect", "selectbox") and kind not in VEGA_TYPES
                       | WIDGET_TYPES}
            print(f"      other elements (not mirrored): {widgets}")
    return results


def growth_table(sizes: list[int], results: dict[int, dict[str, tuple]]) -> None:
    print(f"\ngrowth of the warm page run from {sizes[0]:,} to {sizes[-1]:,} entries (x{sizes[-1] / sizes[0]:.0f} data):")
    print(f"  {'page':<16}" + "".join(f"{size:>10}" for size in sizes) + f"{'page x':>9}{'bare x':>9}")
    for name, _ in PAGES:
        times = [results[size][name][0] for size in sizes]
        first, last = results[sizes[0]][name], results[sizes[-1]][name]
        print(f"  {name:<16}" + "".join(f"{value:>10.2f}" for value in times)
              + f"{last[0] / first[0]:>9.1f}{last[1] / first[1]:>9.1f}")


def cold_and_memory(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    for label, query in SELECTIONS.values():
        print(f"\n{label}:")
        print(f"  {'page':<16}{'cold s':>8}{'warm s':>8}{'peak MB':>9}")
        for name, file in PAGES:
            cold = run_page(file, query, cold=True)
            warm = min(run_page(file, query) for _ in range(3))  # the same selection again: caches are warm
            peak = run_page(file, query, cold=True, trace_memory=True)
            print(f"  {name:<16}{cold:>8.2f}{warm:>8.2f}{peak:>9.1f}")
    print("\ntargets: warm < 1 s, cold < 3 s per page. Times include the frame (sidebar filters) and AppTest's own overhead.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000], help="store sizes in entries")
    parser.add_argument("--entries", type=int, help="one size (same as --sizes N)")
    parser.add_argument("--selection", choices=("all", "default", "both"), default="all")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per page; the best counts")
    parser.add_argument("--keep-stores", type=Path, help="directory to keep the generated stores in and reuse them from")
    parser.add_argument("--pages", nargs="+", help="only these pages (URL paths, e.g. tietojen-laatu)")
    parser.add_argument("--verbose", action="store_true", help="list what each page drew")
    parser.add_argument("--cold-and-memory", action="store_true", help="the cold / warm / peak-memory table instead")
    args = parser.parse_args()
    from streamlit.logger import set_log_level

    share_script_cache()
    set_log_level("error")  # AppTest's "no runtime" / "missing ScriptRunContext" warnings, once per run
    sizes = [args.entries] if args.entries else sorted(args.sizes)
    global PAGES
    if args.pages:
        PAGES = tuple(page for page in PAGES if page[0] in args.pages)
    selections = ["default", "all"] if args.selection == "both" else [args.selection]
    with tempfile.TemporaryDirectory() as directory:
        workdir = Path(directory)
        store_dir = args.keep_stores or workdir
        store_dir.mkdir(parents=True, exist_ok=True)
        if args.cold_and_memory:
            url, built = store_for(sizes[0], store_dir)
            print(built)
            cold_and_memory(url)
            return
        results: dict[str, dict[int, dict[str, tuple]]] = {selection: {} for selection in selections}
        for size in sizes:
            url, built = store_for(size, store_dir)
            print(f"\n{built}", flush=True)
            for selection in selections:
                label, query = SELECTIONS[selection]
                print(f"{size:,} entries, {label}; warm runs, best of {args.repeat}:")
                print(f"  {'page':<16}{'page s':>8}{'bare s':>8}{'ratio':>7}")
                results[selection][size] = compare(url, query, args.repeat, workdir, args.verbose)
        for selection in selections:
            if len(sizes) > 1:
                print(f"\n{SELECTIONS[selection][0]}:", end="")
                growth_table(sizes, results[selection])
    print(f"\ntarget: every page's warm run at most {TARGET_RATIO:g}x the bare page drawing the same elements. Both "
          "times include AppTest's own overhead; the page's include the frame (sidebar filters).")


if __name__ == "__main__":
    main()
