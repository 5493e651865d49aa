#!/usr/bin/env python3
"""Reads scripts/catalogue.md (a copy of the project's api/CATALOGUE.md, kept in the repository so the package
regenerates with nothing outside it; or the path given) and prints its operations as JSON.

Each operation: name, area, params [{name, type, required, range, enum}], method, path, query [names].
Used to generate the SDK's route table and to check the MCP tool table against the catalogue.
"""
import json, re, sys, os

def parse(path):
    ops, area = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^#{3,4} (.+?)(?: \(\d+ tools\))?\s*$", line)
        if m:
            area = m.group(1).strip("` ")
            continue
        if not line.startswith("| `iconect_"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = cells[0].strip("`")
        params = []
        if cells[1] != "(none)":
            for part in re.split(r",\s*(?=\*\*`|`)", cells[1]):
                pm = re.match(r"(\*\*)?`(\w+)`(\*\*)?:\s*(.*)$", part.strip())
                if not pm:
                    continue
                spec = pm.group(4)
                rng = re.search(r"\[(-?\d+)\.\.(\d*)\]", spec)
                enum = re.search(r"enum\(([^)]*)\)", spec)
                params.append({
                    "name": pm.group(2), "required": bool(pm.group(1)),
                    "type": re.split(r"[\s(\[]", spec.strip())[0],
                    "spec": spec.strip(),
                    "range": [int(rng.group(1)), int(rng.group(2)) if rng.group(2) else None] if rng else None,
                    "enum": enum.group(1).split("/") if enum else None,
                })
        http = cells[2] if len(cells) > 2 else ""
        hm = re.match(r"`(GET|POST|PUT|DELETE|PATCH) ([^`]+)`(?: — query: (.*))?", http)
        op = {"name": name, "area": area, "params": params}
        if hm:
            op["method"], op["path"] = hm.group(1), hm.group(2)
            op["query"] = re.findall(r"`([^`]+)`", hm.group(3) or "")
        ops.append(op)
    return ops

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "catalogue.md")
    print(json.dumps(parse(path), indent=1))
