#!/usr/bin/env python3
"""Writes the MCP tool schemas of every catalogue operation (see catalogue.py).

    python3 scripts/generate-tool-schemas.py [path/to/catalogue.md]

Outputs, both committed (CI runs on a clone where the catalogue may be absent):
- Sources/IconectMCP/Catalogue/ToolSchemas+Catalogue.swift: name, description and parameters of all tools, from which
  `ToolSchema.inputSchema` builds the JSON schema (types, required, ranges, enums exactly as the catalogue says).
- Tests/MCPEndToEnd/catalogue.json: the parsed catalogue itself, which the Swift tests and the end-to-end test compare
  the served tools against.

Type mapping: string, boolean, object, `any` (no type), `array<T>` (with `items`); `number` with an integral range
(`[1..100]`, `[0..]`) becomes `integer` with minimum/maximum, `number` without one stays `number`.
The few deliberate departures from the catalogue are in OVERRIDES below, each with its reason.
"""
import json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalogue import parse

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "catalogue.md")
ops = parse(source)

FILTER_HELP = ('Field conditions: a value means equality ({"status": "active"}); an object of operators compares '
               '({"docDate": {"$gte": "2024-01-01"}, "custodian": {"$in": ["A", "B"]}}). '
               'Operators: $eq $ne $gt $gte $lt $lte $in $nin $regex $exists.')

# Descriptions of parameters that mean the same in every tool.
COMMON_HELP = {
    "page": "Page number, from 1.",
    "pageSize": "Items per page.",
    "sortBy": "Field to sort by.",
    "sortOrder": "Sort direction.",
    "filter": FILTER_HELP,
    "filters": FILTER_HELP,
    "dateRange": 'Dates on one field, inclusive: {"field": "docDate", "from": "2024-01-01", "to": "2024-12-31"}.',
    "chunkData": "The chunk's bytes, base64 (standard alphabet).",
    "chunkNumber": "The chunk's number, from 0.",
    "fileSize": "The file's size in bytes.",
    "chunkSize": "Bytes per chunk (the server accepts 262144 to 67108864).",
    "metadata": "Free-form JSON object.",
    "settings": "Free-form JSON object.",
}

# Tools whose catalogue row has no HTTP route: their description is written here.
LOCAL_DESCRIPTIONS = {
    "iconect_configure": "Sets the connection details of this server's iCONECT client (replaces the current client). "
                         "Prefer the ICONECT_* environment variables of the server process, so secrets never pass "
                         "through the conversation.",
    "iconect_auth_password": "Signs in with the OAuth password grant (form-encoded, scope iconect_api). Answers the "
                             "sign-in status, never a token.",
    "iconect_auth_code": "Exchanges an authorization code from the authorize redirect (with PKCE). The verifier and "
                         "redirect URI of the latest iconect_generate_auth_url are used when not given.",
    "iconect_refresh_token": "Signs in with a refresh token from an earlier authorization-code sign-in.",
    "iconect_generate_auth_url": "Builds the authorize URL to open in a browser; generates the PKCE pair and state "
                                 "when not given and keeps the verifier for iconect_auth_code.",
    "iconect_logout": "Clears the cached tokens (revoking the refresh token where the provider allows it).",
    "iconect_get_auth_status": "Tells whether the client is configured and signed in, and until when. Never shows a secret.",
}

# Deliberate departures from the catalogue, applied after parsing. Each changes what a client sees in tools/list.
OVERRIDES = {
    # A timeout is range-checked before any arithmetic (1e19 ms overflowed a Duration and crashed the process): at least
    # 1 ms, at most an hour. The type stays `number`, as the catalogue has it.
    "iconect_configure": {
        "bounds": {"timeout": [1, 3600000]},
    },
    # Beyond the catalogue: `filePath` uploads a file of the server's machine through the chunked uploader (no base64
    # through the model, no size limit), so `fileContent` stops being required; exactly one of the two must be given.
    "iconect_upload_file": {
        "add": [{"name": "filePath", "type": "string", "required": False, "range": None, "enum": None,
                 "help": "Beyond the catalogue: a regular file on the MCP server's machine, inside the allowed "
                         "directories (ICONECT_MCP_ALLOWED_DIRS or the client's roots), uploaded in chunks from disk "
                         "(instead of fileContent)."}],
        "optional": ["fileContent"],
        "help": {"fileContent": "The file's bytes, base64 (standard alphabet). Give this or filePath, not both."},
        "description": "Uploads a file: fileContent (base64) in one request, or filePath (a file on the server's "
                       "machine) through chunked upload sessions with per-chunk SHA-256. POST /files/upload.",
    },
    # Beyond the catalogue: `outputPath` writes the bytes to a file of the server's machine instead of returning them,
    # and `overwrite` allows that file to exist already (a download never replaces a file unless asked to).
    "iconect_download_file": {
        "add": [{"name": "outputPath", "type": "string", "required": False, "range": None, "enum": None,
                 "help": "Beyond the catalogue: writes the bytes to this file on the MCP server's machine, inside "
                         "the allowed directories (ICONECT_MCP_ALLOWED_DIRS or the client's roots), instead of "
                         "returning them; no size limit. The file must not exist unless overwrite is true."},
                {"name": "overwrite", "type": "boolean", "required": False, "range": None, "enum": None,
                 "help": "Beyond the catalogue: with outputPath, replace an existing regular file (never a directory "
                         "or a symbolic link). Default false."}],
        "help": {"responseType": "Without outputPath the bytes always come back base64 (the only form a JSON result "
                                 "can carry); stream and buffer are accepted for compatibility.",
                 "range": 'Bytes to fetch, offsets inclusive: {"start": 0, "end": 1023}.'},
        "properties": {"range": [{"name": "start", "type": "number", "required": True, "range": [0, None], "enum": None},
                                 {"name": "end", "type": "number", "required": True, "range": [0, None], "enum": None}]},
        "description": "Downloads a file's bytes: to outputPath, or inline as base64 up to a size cap. "
                       "GET /files/{id}/download.",
    },
}


def camel_words(name):
    return name.removeprefix("iconect_").replace("_", " ")


def describe(op):
    if op["name"] in OVERRIDES and "description" in OVERRIDES[op["name"]]:
        return OVERRIDES[op["name"]]["description"]
    if op["name"] in LOCAL_DESCRIPTIONS:
        return LOCAL_DESCRIPTIONS[op["name"]]
    words = camel_words(op["name"])
    text = words[:1].upper() + words[1:]
    if "path" in op:
        text += f'. {op["method"]} {op["path"]}'
        if op["name"].startswith("iconect_list_") or op["name"] == "iconect_search_records":
            text += " (answers {data, total, page, pageSize, hasMore})"
    return text + "."


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def kind_of(param):
    """The Swift ToolParameter.Kind, and the enum values when the type carries them."""
    spec = param["spec"] if "spec" in param else param["type"]
    enum = param.get("enum")
    if spec.startswith("array<"):
        inner = spec[len("array<"):].rstrip(">").strip()
        inner_type = inner.split(" ")[0]
        return f".array(.{ {'string': 'string', 'object': 'object', 'number': 'number', 'boolean': 'boolean'}[inner_type] })", enum
    base = param["type"]
    if base == "enum":  # `enum DEBUG/INFO/WARN/ERROR`: a string enum written without parentheses
        values = re.search(r"enum\s+([\w/]+)", spec).group(1).split("/")
        return ".string", values
    if base == "number":
        return (".integer" if param.get("range") else ".number"), enum
    return {"string": ".string", "boolean": ".boolean", "object": ".object", "any": ".any"}[base], enum


def param_line(param, help_text=None, properties=None, bounds=None, indent="            "):
    kind, enum = kind_of(param)
    parts = [swift_string(param["name"]), kind]
    if param["required"]:
        parts.append("required: true")
    rng = param.get("range") or bounds
    if rng:
        parts.append(f"minimum: {rng[0]}")
        if rng[1] is not None:
            parts.append(f"maximum: {rng[1]}")
    if enum:
        parts.append("allowedValues: [" + ", ".join(swift_string(v) for v in enum) + "]")
    spec = param.get("spec", "")
    if "(url)" in spec:
        parts.append('format: "uri"')
    default = re.search(r"default (\d+)", spec)
    if default:
        parts.append(f"defaultValue: {default.group(1)}")
    text = help_text or param.get("help") or COMMON_HELP.get(param["name"])
    if "(ms" in spec:
        text = "Milliseconds."
    if text:
        parts.append("summary: " + swift_string(text))
    if properties:
        inner = ",\n".join(param_line(p, indent=indent + "    ") for p in properties)
        parts.append("properties: [\n" + inner + ",\n" + indent + "]")
    return indent + "ToolParameter(" + ", ".join(parts) + ")"


out = [
    "// Generated by scripts/generate-tool-schemas.py from the operation catalogue (scripts/catalogue.md). Do not edit:",
    "// change the catalogue, or the commented OVERRIDES in the script, and run",
    "//     python3 scripts/generate-tool-schemas.py [path/to/catalogue.md]",
    "",
    "extension ToolSchema {",
    f"    /// Every tool of the catalogue ({len(ops)}), in its order, with the overrides of the generator applied.",
    "    static let catalogue: [ToolSchema] = [",
]
area = None
for op in ops:
    if op["area"] != area:
        area = op["area"]
        out.append(f"        // MARK: {area}")
    override = OVERRIDES.get(op["name"], {})
    params = [dict(p) for p in op["params"]] + [dict(p, spec=p["type"]) for p in override.get("add", [])]
    for p in params:
        if p["name"] in override.get("optional", []):
            p["required"] = False
    lines = [param_line(p, help_text=override.get("help", {}).get(p["name"]),
                        properties=override.get("properties", {}).get(p["name"]),
                        bounds=override.get("bounds", {}).get(p["name"])) for p in params]
    route = f', method: "{op["method"]}", path: {swift_string(op["path"])}' if "path" in op else ""
    head = f'        ToolSchema({swift_string(op["name"])}, area: {swift_string(op["area"])}{route}, {swift_string(describe(op))}'
    if lines:
        out.append(head + ", [")
        out.extend(line + "," for line in lines)
        out.append("        ]),")
    else:
        out.append(head + ", []),")
out += ["    ]", "}", ""]

dest = os.path.join(root, "Sources", "IconectMCP", "Catalogue", "ToolSchemas+Catalogue.swift")
os.makedirs(os.path.dirname(dest), exist_ok=True)
open(dest, "w").write("\n".join(out))

snapshot = os.path.join(root, "Tests", "MCPEndToEnd", "catalogue.json")
os.makedirs(os.path.dirname(snapshot), exist_ok=True)
open(snapshot, "w").write(json.dumps({
    "_comment": "Generated by scripts/generate-tool-schemas.py: the parsed scripts/catalogue.md (scripts/catalogue.py), "
                "without overrides. The tests compare the served tools against it.",
    "overrides": {name: {"added": [p["name"] for p in o.get("add", [])], "madeOptional": o.get("optional", []),
                         "bounds": o.get("bounds", {})}
                  for name, o in OVERRIDES.items()},
    "operations": ops,
}, indent=1, sort_keys=True) + "\n")
print(f"wrote {dest}: {len(ops)} tools; {snapshot}")
