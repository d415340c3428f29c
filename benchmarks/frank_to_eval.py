"""Turn FRANK (../shared/data/frank/frank.jsonl) into ``storycheck eval`` lines, one file per split.

    python benchmarks/frank_to_eval.py            # writes benchmarks/data/frank-valid.jsonl, frank-test.jsonl

Each line: id, source (the article), text (the summary), label (1 = no annotated error), split, dataset,
and error_types: the FRANK error types present in the summary (those whose error-free share < 1).
The data is not copied into the repository; this script makes it from the shared folder.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shared_data import shared_data

HERE = Path(__file__).resolve().parent
SHARED = shared_data()
DEFAULT_IN = SHARED / "frank" / "frank.jsonl"
TYPES = ("RelE", "EntE", "CircE", "OutE", "CorefE", "LinkE", "GramE", "Other")


def convert(src: Path, out_dir: Path) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    handles = {split: open(out_dir / f"frank-{split}.jsonl", "w", encoding="utf-8") for split in ("valid", "test")}
    counts = {"valid": 0, "test": 0}
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            shares = row.get("error_free_share") or {}
            errors = [t for t in TYPES if shares.get(t, 1.0) < 1.0]
            item = {"id": row["id"], "source": row["article"], "text": row["summary"], "label": int(row["label"]),
                    "split": row["split"], "dataset": row["dataset"], "error_types": errors}  # fmt: skip
            handles[row["split"]].write(json.dumps(item, ensure_ascii=False) + "\n")
            counts[row["split"]] += 1
    for h in handles.values():
        h.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_IN)
    parser.add_argument("--out", type=Path, default=HERE / "data")
    args = parser.parse_args()
    print(convert(args.input, args.out))


if __name__ == "__main__":
    main()
