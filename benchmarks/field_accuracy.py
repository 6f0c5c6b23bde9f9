"""Field accuracy of the document loader against hand labels of the five reference documents.

Per reference document (../shared/seeds beside the project) and in total: the labelled project count, the project
count the loader read, how many labelled projects it found (by code, else by title), how many it read that match no
label, and per field the labelled projects whose value it read right (a missed project is wrong in every field).
The labels are tests/fixtures/labels/*.json; the comparison is tests/loaders/labels.py, shared with
tests/loaders/test_field_accuracy.py.

Run: .venv/bin/python -m benchmarks.field_accuracy [--details]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.loaders.labels import (
    LABELS_DIR,
    format_disagreements,
    format_table,
    score_all,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--labels", type=Path, default=LABELS_DIR)
    parser.add_argument("--details", action="store_true", help="list every disagreement, missed and extra project")
    arguments = parser.parse_args()
    if not arguments.seeds.is_dir():
        sys.exit(f"the reference documents are not at {arguments.seeds}")
    scores = score_all(arguments.seeds, arguments.labels)
    print(format_table(scores))
    if arguments.details:
        print()
        print(format_disagreements(scores))


if __name__ == "__main__":
    main()
