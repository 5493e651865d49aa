#!/usr/bin/env python3
"""Prints line coverage per target, and the least-covered files, from the JSON `swift test --enable-code-coverage` writes.

    swift build --build-tests --enable-code-coverage
    swift test --skip-build --enable-code-coverage
    python3 scripts/coverage.py "$(swift test --show-codecov-path)" [--least 12]

A report, not a gate: it exits 0 whatever the figures, and 1 only when the file cannot be read. Only the package's own
sources count (Sources/, Examples/, Benchmarks/); dependencies and tests are left out.
"""
import argparse
import json
import os
import sys
from collections import defaultdict

OWN_ROOTS = ("Sources", "Examples", "Benchmarks")


def own_target(path, root):
    """The target a source file belongs to (`Iconect`, `IconectMCP`, ...), or None for files that are not ours."""
    relative = os.path.relpath(path, root)
    parts = relative.split(os.sep)
    if len(parts) < 3 or parts[0] not in OWN_ROOTS or ".build" in parts:
        return None
    return parts[1], relative


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codecov", help="the JSON file `swift test --show-codecov-path` names")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                        help="the package root (default: this script's parent folder)")
    parser.add_argument("--least", type=int, default=12, help="how many least-covered files to list")
    parser.add_argument("--min-lines", type=int, default=30, help="ignore smaller files in the least-covered list")
    options = parser.parse_args()
    root = os.path.realpath(options.root)
    try:
        export = json.load(open(options.codecov))
    except (OSError, ValueError) as error:
        print(f"coverage: cannot read {options.codecov}: {error}", file=sys.stderr)
        return 1

    targets = defaultdict(lambda: [0, 0])
    files = []
    for data in export.get("data", []):
        for entry in data.get("files", []):
            owned = own_target(os.path.realpath(entry["filename"]), root)
            if owned is None:
                continue
            target, relative = owned
            lines = entry["summary"]["lines"]
            targets[target][0] += lines["count"]
            targets[target][1] += lines["covered"]
            files.append((relative, lines["count"], lines["covered"]))

    if not files:
        print("coverage: no source file of this package in the report", file=sys.stderr)
        return 1
    print(f"{'target':<28} {'lines':>8} {'covered':>8} {'coverage':>9}")
    total, covered = 0, 0
    for target in sorted(targets):
        count, hit = targets[target]
        total, covered = total + count, covered + hit
        print(f"{target:<28} {count:>8} {hit:>8} {100 * hit / max(count, 1):>8.1f}%")
    print(f"{'all':<28} {total:>8} {covered:>8} {100 * covered / max(total, 1):>8.1f}%")

    print(f"\nleast-covered files (of at least {options.min_lines} lines):")
    ranked = sorted((f for f in files if f[1] >= options.min_lines), key=lambda f: (f[2] / f[1], -f[1]))
    for relative, count, hit in ranked[:options.least]:
        print(f"  {100 * hit / count:5.1f}%  {hit:>5}/{count:<5} {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
