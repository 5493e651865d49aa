#!/usr/bin/env python3
"""End-to-end test of iconect-mcp over stdio with the official Python MCP client (PyPI `mcp`, pinned by .ci/run).

    python3 Tests/MCPEndToEnd/test_mcp_stdio.py [--bin-path DIR]

Starts `iconect-emulator` on a free port and `iconect-mcp` (both from DIR, default `swift build --show-bin-path`) with
ICONECT_* variables pointing at it and an allowed directory, then checks: initialize; tools/list against the whole catalogue
(names and required arguments); a record search with operator filters; a chunked upload through
`filePath` and a byte-identical download through `outputPath`; progress notifications during a 64 MiB upload and a
cancelled upload whose session the emulator no longer holds; a base64 round trip of all 256 byte values; a 404 as an
isError result with status 404; that iconect-mcp exits 0 at end of input and drains a call in flight on SIGTERM; and
that nothing but JSON-RPC appeared on its stdout (a small tee records the raw bytes). The attacks are in
test_mcp_attacks.py. Prints "N passed, M failed"; exits 1 on failure.
"""
import argparse, asyncio, base64, hashlib, json, os, signal, subprocess, sys, tempfile, time

from support import HERE, ROOT, Checks, Emulator, RawServer, credentials, result_object, session


def load_catalogue():
    """The parsed catalogue: the committed snapshot, checked against scripts/catalogue.md."""
    snapshot = json.load(open(os.path.join(HERE, "catalogue.json")))
    source = os.path.join(ROOT, "scripts", "catalogue.md")
    fresh = None
    if os.path.exists(source):
        sys.path.insert(0, os.path.join(ROOT, "scripts"))
        from catalogue import parse
        fresh = parse(source)
    return snapshot, fresh


def write_random(path, size):
    payload = os.urandom(size)
    with open(path, "wb") as handle:
        handle.write(payload)
    return payload


async def catalogue_checks(checks, client):
    snapshot, fresh = load_catalogue()
    if fresh is not None:
        checks.check(fresh == snapshot["operations"], "the committed catalogue snapshot matches scripts/catalogue.md",
                     "(run scripts/generate-tool-schemas.py)")
    operations = snapshot["operations"]
    overrides = snapshot["overrides"]
    tools = (await client.list_tools()).tools
    by_name = {tool.name: tool for tool in tools}
    checks.check([t.name for t in tools] == [op["name"] for op in operations],
                 f"tools/list names are the catalogue's {len(operations)} tools",
                 sorted(set(by_name) ^ {op["name"] for op in operations}))
    wrong = []
    for op in operations:
        tool = by_name.get(op["name"])
        override = overrides.get(op["name"], {"added": [], "madeOptional": []})
        expected = [p["name"] for p in op["params"] if p["required"] and p["name"] not in override["madeOptional"]]
        properties = {p["name"] for p in op["params"]}
        if tool is None or tool.input_schema.get("required", []) != expected \
                or set(tool.input_schema.get("properties", {})) != properties | set(override["added"]):
            wrong.append(op["name"])
    checks.check(not wrong, "required arguments and argument names equal the catalogue's", wrong)
    upload_schema = by_name["iconect_upload_file"].input_schema
    checks.check("filePath" in upload_schema["properties"] and "fileContent" not in upload_schema["required"],
                 "iconect_upload_file adds filePath and makes fileContent optional (documented override)")
    unannotated = [t.name for t in tools if t.annotations is None or t.annotations.read_only_hint is None or not t.title]
    checks.check(not unannotated, "every tool has a title and read-only, destructive and idempotent hints", unannotated)


async def search_checks(checks, client, emulator, project):
    for doc, date, custodian in [("E2E-1", "2023-03-01", "A"), ("E2E-2", "2024-02-10", "B"),
                                 ("E2E-3", "2024-04-01", "C"), ("E2E-4", "2024-09-30", "A")]:
        created = await client.call_tool("iconect_create_record", {
            "documentId": doc, "projectId": project, "fields": {"docDate": date, "custodian": custodian}})
        if created.is_error:
            checks.check(False, f"create {doc}", result_object(created))
    search = await client.call_tool("iconect_search_records", {
        "projectId": project, "filters": {"docDate": {"$gte": "2024-01-01"}, "custodian": {"$in": ["A", "B"]}},
        "sortBy": "documentId", "pageSize": 50})
    page = result_object(search)
    found = [record["documentId"] for record in page.get("data", [])]
    checks.check(not search.is_error and found == ["E2E-2", "E2E-4"], "search with $gte and $in selects E2E-2, E2E-4", page)
    checks.check(page.get("hasMore") is False and page.get("page") == 1, "search keeps page and hasMore", page)
    recent = emulator.stats()["recentRequests"]
    query = next((r.get("query") or "" for r in reversed(recent) if r.get("route") == "/v1/records/search"), "")
    checks.check("filter.docDate%5B%24gte%5D=2024-01-01" in query and "filter.custodian%5B%24in%5D=A%2CB" in query,
                 "the filter travelled as operators, not [object Object]", query)


async def transfer_checks(checks, client, emulator, seed, allowed):
    upload_target = {"projectId": seed["projectId"], "fileStoreId": seed["fileStoreId"], "mimeType": "application/octet-stream"}
    source = os.path.join(allowed, "production.bin")
    payload = write_random(source, 20 * 1024 * 1024 + 12345)
    puts_before = emulator.count("PUT", "/chunks/")
    upload = await client.call_tool("iconect_upload_file", dict(upload_target, fileName="production.bin", filePath=source),
                                    read_timeout_seconds=300)
    uploaded = result_object(upload)
    checks.check(not upload.is_error and uploaded.get("size") == len(payload), "filePath upload stored every byte", uploaded)
    checks.check(emulator.count("PUT", "/chunks/") - puts_before >= 3, "the upload went through chunked sessions (3 chunks)")
    destination = os.path.join(allowed, "copy.bin")
    download = await client.call_tool("iconect_download_file", {"id": uploaded.get("id", ""), "outputPath": destination},
                                      read_timeout_seconds=300)
    same = os.path.exists(destination) and hashlib.sha256(open(destination, "rb").read()).digest() == hashlib.sha256(payload).digest()
    checks.check(not download.is_error and same, "outputPath download is byte-identical", result_object(download))
    again = await client.call_tool("iconect_download_file", {"id": uploaded.get("id", ""), "outputPath": destination})
    checks.check(again.is_error and "overwrite" in result_object(again).get("message", ""),
                 "a second download to the same path is refused without overwrite", result_object(again))
    too_big = await client.call_tool("iconect_download_file", {"id": uploaded.get("id", "")})
    checks.check(too_big.is_error and result_object(too_big).get("code") == "tooLarge",
                 "an inline download over the cap is a clear error", result_object(too_big))

    every_byte = bytes(range(256)) * 3
    small = await client.call_tool("iconect_upload_file", dict(upload_target, fileName="bytes.bin",
                                                                 fileContent=base64.b64encode(every_byte).decode()))
    inline = await client.call_tool("iconect_download_file", {"id": result_object(small).get("id", "")})
    content = result_object(inline).get("content", "")
    checks.check(not inline.is_error and base64.b64decode(content) == every_byte,
                 "base64 upload and download keep all 256 byte values")


async def progress_checks(checks, client, emulator, seed, allowed):
    """Progress notifications during a 64 MiB upload; a cancelled upload leaves no session open on the emulator."""
    arguments = {"projectId": seed["projectId"], "fileStoreId": seed["fileStoreId"], "fileName": "big.bin",
                 "filePath": os.path.join(allowed, "big.bin")}
    size = 64 * 1024 * 1024
    write_random(arguments["filePath"], size)
    steps = []

    async def record(progress, total, message):
        steps.append((progress, total, message))

    result = await client.call_tool("iconect_upload_file", arguments, read_timeout_seconds=600, progress_callback=record)
    checks.check(not result.is_error and result_object(result).get("size") == size, "the 64 MiB upload succeeded",
                 result_object(result))
    increasing = all(a[0] < b[0] for a, b in zip(steps, steps[1:]))
    checks.check(len(steps) >= 4 and increasing and steps[-1][0] == size and steps[-1][1] == size,
                 f"progress notifications arrived during the 64 MiB upload ({len(steps)}, increasing to the total)", steps[:3])
    checks.check(all(message and "MiB" in message for _, _, message in steps), "each progress step has a message", steps[:1])

    # Cancel: the first chunk goes through, the others hang until cancelled.
    emulator.set_faults([{"method": "PUT", "path": "/v1/files/upload/chunked/*/chunks/*", "latencyMs": 3000, "skip": 1}])
    aborts_before = emulator.count("DELETE", "/files/upload/chunked/")
    completes_before = emulator.count("POST", "/complete")
    first_step = asyncio.Event()

    async def first(progress, total, message):
        first_step.set()

    call = asyncio.ensure_future(client.call_tool("iconect_upload_file", arguments, read_timeout_seconds=600,
                                                  progress_callback=first))
    await asyncio.wait_for(first_step.wait(), timeout=120)
    call.cancel()  # the client sends notifications/cancelled for the abandoned request
    try:
        await call
    except (asyncio.CancelledError, Exception):  # noqa: BLE001 - only the side effects matter here
        pass
    deadline = time.monotonic() + 60
    while emulator.count("DELETE", "/files/upload/chunked/") == aborts_before and time.monotonic() < deadline:
        await asyncio.sleep(0.05)  # waiting for the server's abort to arrive, bounded
    emulator.set_faults([])
    checks.check(emulator.count("DELETE", "/files/upload/chunked/") == aborts_before + 1
                 and emulator.count("POST", "/complete") == completes_before,
                 "a cancelled upload aborted its session on the emulator and never completed it")
    await client.send_ping()
    checks.check(True, "the server answers ping after the cancellation")


async def error_checks(checks, client, project):
    missing = await client.call_tool("iconect_get_project", {"id": "prj_does_not_exist"})
    error = result_object(missing)
    checks.check(missing.is_error is True and error.get("status") == 404 and error.get("code") == "notFound"
                 and error.get("serverCode") == "NOT_FOUND" and error.get("requestId"),
                 "a 404 is an isError result with status 404, server code and request id", error)
    bad = await client.call_tool("iconect_list_projects", {"pageSize": 1000})
    checks.check(bad.is_error and result_object(bad).get("argument") == "pageSize", "an argument error names the argument",
                 result_object(bad))
    samples = []
    for _ in range(100):
        start = time.perf_counter()
        await client.call_tool("iconect_get_project", {"id": project})
        samples.append(time.perf_counter() - start)
    samples.sort()
    print(f"  info  tools/call iconect_get_project round trip from Python, median {samples[50] * 1e6:.0f} µs "
          f"(debug build; the bench's mcp scenario measures the added latency)")


async def review_workspace_tools(checks, session, project):
    """A read and a write tool of each review-workspace area (fields, folders, views, panels, users, dashboards)."""
    async def call(name, arguments):
        result = await session.call_tool(name, arguments)
        return result.is_error, result_object(result)

    failed, field = await call("iconect_create_field", {
        "name": "e2e_bates", "displayName": "Bates", "fieldType": "text", "dataType": "string", "projectId": project,
        "maxLength": 6})
    _, check = await call("iconect_validate_field_value", {"fieldId": field.get("id", ""), "value": "TOO-LONG-1"})
    rules = [rule.get("rule") for rule in check.get("failedRules", [])]
    checks.check(not failed and rules == ["maxLength"], "fields: create, then validate names the broken rule", check)

    _, top = await call("iconect_create_folder", {"name": "E2E", "projectId": project})
    _, child = await call("iconect_create_folder", {"name": "Inner", "projectId": project, "parentId": top.get("id", "")})
    failed, cycle = await call("iconect_move_folder", {"id": top.get("id", ""), "newParentId": child.get("id", "")})
    _, tree = await call("iconect_get_folder_tree", {"projectId": project, "rootFolderId": top.get("id", "")})
    checks.check(failed and cycle.get("status") == 409 and tree.get("folders", [{}])[0].get("children", [{}])[0].get("path") == "/E2E/Inner",
                 "folders: create, tree, and a move into the own subtree is a 409", [cycle, tree])

    query = {"grouping": ["custodian"], "aggregations": [{"function": "count", "alias": "n"}],
             "filters": {"documentId": {"$regex": "^E2E-"}}}
    _, view = await call("iconect_create_view", {"name": "e2e", "displayName": "E2E", "type": "grid", "projectId": project,
                                                "baseQuery": query, "displayOptions": {}})
    _, data = await call("iconect_get_view_data", {"id": view.get("id", "")})
    counts = {row.get("custodian"): row.get("n") for row in data.get("data", [])}
    checks.check(counts == {"A": 2, "B": 1, "C": 1}, "views: data grouped by custodian over the records created above", data)
    _, export = await call("iconect_export_view", {"id": view.get("id", ""), "format": "csv"})
    checks.check(export.get("content", "").splitlines() == ["custodian,n", "A,2", "B,1", "C,1"], "views: csv export", export)

    _, panel = await call("iconect_create_panel", {"name": "e2e", "displayName": "E2E", "type": "chart", "projectId": project,
                                                  "layout": {}, "configuration": {"viewId": view.get("id", ""), "filters": {"custodian": "A"}}})
    _, panel_data = await call("iconect_get_panel_data", {"id": panel.get("id", "")})
    checks.check(panel_data.get("data") == [{"custodian": "A", "n": 2}], "panels: data narrows the view it names", panel_data)

    _, me = await call("iconect_get_current_user", {"includePreferences": True})
    _, preferences = await call("iconect_update_current_user_preferences", {"preferences": {"e2e": True}})
    _, activity = await call("iconect_get_user_activity", {"userId": me.get("id", ""), "activityType": "login"})
    checks.check(me.get("username") == "demo" and preferences.get("preferences", {}).get("e2e") is True
                 and activity.get("total", 0) >= 1, "users: me, preferences, sign-ins recorded by the token endpoint",
                 [me, preferences, activity])

    _, dashboard = await call("iconect_create_dashboard", {"name": "E2E", "layout": {}, "projectId": project})
    _, widget = await call("iconect_add_widget", {"dashboardId": dashboard.get("id", ""), "widget": {
        "type": "metric", "title": "E2E documents", "configuration": {"viewId": view.get("id", ""), "grouping": [],
                                                                      "aggregations": [{"function": "count", "alias": "n"}]}}})
    _, widget_data = await call("iconect_get_widget_data", {"dashboardId": dashboard.get("id", ""), "widgetId": widget.get("id", "")})
    checks.check(widget_data.get("data") == [{"n": 4}], "dashboards: a widget over the view counts its records", widget_data)


async def workflow_tools(checks, session, seed, work):
    """Jobs, templates and themes: a read and a write tool of each area, and an import job that really runs."""
    project = seed["projectId"]
    lines = [json.dumps({"documentId": f"WF-{n:04d}", "batch": "wf"}) if n % 100 else "{broken" for n in range(1, 1001)]
    source = os.path.join(work, "wf.ndjson")
    with open(source, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    upload = result_object(await session.call_tool("iconect_upload_file", {
        "fileName": "wf.ndjson", "filePath": source, "projectId": project, "fileStoreId": seed["fileStoreId"]}))
    created = await session.call_tool("iconect_create_import_job", {
        "name": "wf import", "projectId": project, "configuration": {"fileId": upload.get("id", "")}})
    job = result_object(created)
    checks.check(not created.is_error and job.get("status") == "pending", "iconect_create_import_job creates a pending job", job)
    deadline = time.time() + 60
    while job.get("status") not in ("completed", "failed", "cancelled") and time.time() < deadline:
        await asyncio.sleep(0.05)
        job = result_object(await session.call_tool("iconect_get_job", {"id": job.get("id", ""), "includeResults": True}))
    checks.check(job.get("status") == "completed" and job.get("progress", {}).get("successfulItems") == 990
                 and job.get("results", {}).get("linesFailed") == 10, "the import job ran: 990 records, 10 bad lines", job)
    logs = result_object(await session.call_tool("iconect_get_job_logs", {"id": job.get("id", ""), "level": "error", "pageSize": 100}))
    checks.check(sorted(entry.get("line") for entry in logs.get("data", [])) == list(range(100, 1001, 100)),
                 "iconect_get_job_logs names the bad lines", logs)
    templates = result_object(await session.call_tool("iconect_list_job_templates", {"type": "import"}))
    checks.check(templates.get("total") == 1, "iconect_list_job_templates lists the seeded import template", templates)

    template = result_object(await session.call_tool("iconect_create_template", {
        "name": "wf", "displayName": "WF", "type": "document", "content": {"html": "<p>{{who}}</p>"}}))
    rendered = result_object(await session.call_tool("iconect_render_template", {
        "id": template.get("id", ""), "variables": {"who": "<i>A & B</i>"}, "outputFormat": "html"}))
    checks.check(rendered.get("content") == "<p>&lt;i&gt;A &amp; B&lt;/i&gt;</p>", "iconect_render_template escapes values in html",
                 rendered)
    variables = result_object(await session.call_tool("iconect_get_template_variables", {"id": template.get("id", "")}))
    checks.check([v.get("name") for v in variables.get("data", [])] == ["who"], "iconect_get_template_variables", variables)

    theme = result_object(await session.call_tool("iconect_create_theme", {
        "name": "WF", "type": "dark", "colors": {"primary": "#123456", "background": "#000", "text": "#fff"}}))
    exported = result_object(await session.call_tool("iconect_export_theme", {"id": theme.get("id", ""), "format": "scss"}))
    back = result_object(await session.call_tool("iconect_import_theme", {
        "name": "WF copy", "format": "scss", "data": exported.get("content", "")}))
    checks.check(back.get("colors") == theme.get("colors") and back.get("type") == "dark",
                 "a theme exported as scss imports back to the same colours", back)
    current = result_object(await session.call_tool("iconect_get_current_theme", {}))
    checks.check(current.get("source") == "default" and current.get("theme", {}).get("name") == "Light",
                 "iconect_get_current_theme falls back to the default theme", current)


async def run_client(checks, bin_path, emulator, environment, work, allowed):
    raw_path, rc_path = os.path.join(work, "stdout.raw"), os.path.join(work, "rc")
    tee = [sys.executable, os.path.join(HERE, "support.py"), "--tee", raw_path, rc_path, os.path.join(bin_path, "iconect-mcp")]
    seed = emulator.seed()
    async with session(bin_path, environment, os.path.join(work, "stderr.log"), command=tee) as client:
        init = client.initialize_result
        checks.check(init.server_info.name == "iconect-mcp", "initialize names the server", init.server_info)
        checks.check(init.protocol_version == "2025-11-25", "protocol 2025-11-25 negotiated", init.protocol_version)
        checks.check(allowed in (init.instructions or "") and "pageSize" in (init.instructions or ""),
                     "the instructions name the allowed directory and how to page", init.instructions)
        await catalogue_checks(checks, client)
        await search_checks(checks, client, emulator, seed["projectId"])
        await review_workspace_tools(checks, client, seed["projectId"])
        await transfer_checks(checks, client, emulator, seed, allowed)
        await progress_checks(checks, client, emulator, seed, allowed)
        await workflow_tools(checks, client, seed, allowed)
        await error_checks(checks, client, seed["projectId"])

    deadline = time.time() + 30
    while not os.path.exists(rc_path) and time.time() < deadline:
        time.sleep(0.05)
    code = open(rc_path).read() if os.path.exists(rc_path) else "(no exit)"
    checks.check(code == "0", "iconect-mcp exits 0 at end of input", code)

    raw = open(raw_path, "rb").read()
    lines = raw.split(b"\n")
    problems = []
    if lines and lines[-1] != b"":
        problems.append("stdout does not end with a newline")
    for number, line in enumerate(lines[:-1]):
        try:
            message = json.loads(line)
            items = message if isinstance(message, list) else [message]
            for item in items:
                if item.get("jsonrpc") != "2.0" or not ("method" in item or ("id" in item and ("result" in item or "error" in item))):
                    problems.append(f"line {number + 1} is not a JSON-RPC 2.0 message")
        except Exception as error:  # noqa: BLE001 - any undecodable line is the failure being looked for
            problems.append(f"line {number + 1} is not JSON: {line[:120]!r} ({error})")
    checks.check(not problems and len(lines) > 10, f"stdout held JSON-RPC only ({len(lines) - 1} messages, {len(raw)} bytes)", problems[:5])
    stderr = open(os.path.join(work, "stderr.log")).read()
    checks.check("serving" in stderr and "demo-password" not in stderr and "emulator-secret" not in stderr,
                 "logs went to stderr, without secrets")


def sigterm_drain(checks, bin_path, emulator, environment):
    """SIGTERM while a call waits on a slow server: the call still answers, then the process logs out and exits 0.

    The emulator delays GET /v1/projects by 1.5 s; the signal is sent once the server's debug log shows the HTTP
    request went out, so the call is surely in flight.
    """
    emulator.set_faults([{"method": "GET", "path": "/v1/projects", "latencyMs": 1500}])
    server = RawServer(bin_path, dict(environment, ICONECT_LOG_LEVEL="debug"))
    process = server.process

    import threading
    watchdog = threading.Timer(60, process.kill)  # a server that never logs the request must not hang the run
    watchdog.start()
    try:
        server.initialize()
        server.send({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "iconect_list_projects", "arguments": {}}})
        for line in process.stderr:  # blocks until the server logs; ends if it exits
            if b"request" in line and b"iconect_list_projects" in line:
                break
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
        waited = time.monotonic() - started
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        waited = 0
    finally:
        watchdog.cancel()
        emulator.set_faults([])
    answers = [json.loads(line) for line in out.splitlines() if line.strip()]
    checks.check(any(a.get("id") == 2 and "result" in a and not a["result"].get("isError") for a in answers),
                 "SIGTERM: the call in flight still answered", out[:300])
    checks.check(waited > 0.5, f"SIGTERM: the server waited for it ({waited:.2f} s)")
    checks.check(process.returncode == 0, "SIGTERM: iconect-mcp logged out and exited 0", f"{process.returncode} {err[-500:]!r}")


def bin_path_from_arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-path", help="where iconect-mcp and iconect-emulator are (default: swift build --show-bin-path)")
    options = parser.parse_args()
    bin_path = options.bin_path or subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                                  capture_output=True, text=True).stdout.strip()
    for name in ["iconect-mcp", "iconect-emulator"]:
        if not os.access(os.path.join(bin_path, name), os.X_OK):
            print(f"{name} is not built in {bin_path}: run swift build first")
            sys.exit(1)
    return bin_path


def main():
    bin_path = bin_path_from_arguments()
    checks = Checks()
    emulator = Emulator(bin_path)
    print(f"iconect-mcp end-to-end: {bin_path}, emulator at {emulator.base_url}")
    try:
        with tempfile.TemporaryDirectory(prefix="iconect-mcp-e2e-") as work:
            allowed = os.path.realpath(os.path.join(work, "allowed"))
            os.makedirs(allowed)
            environment = dict(credentials(emulator.base_url), ICONECT_LOG_LEVEL="info", ICONECT_MCP_ALLOWED_DIRS=allowed,
                               ICONECT_MCP_MAX_INLINE_BYTES=str(4 * 1024 * 1024))
            asyncio.run(asyncio.wait_for(run_client(checks, bin_path, emulator, environment, work, allowed), timeout=900))
            sigterm_drain(checks, bin_path, emulator, environment)
    except Exception as error:  # noqa: BLE001 - report and fail
        import traceback
        traceback.print_exc()
        checks.check(False, f"the run completed ({type(error).__name__}: {error})")
    finally:
        emulator.stop()
    print(f"{checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
