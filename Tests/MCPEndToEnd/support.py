"""Shared pieces of the iconect-mcp end-to-end tests: checks, the emulator, sessions of the official Python MCP client.

The tests are written against the PyPI `mcp` package at the version `.ci/run` pins (2.3.0).
`python3 support.py --tee RAW RC COMMAND...` runs COMMAND with this process's stdin and stdout, recording its stdout.
"""
import contextlib, json, os, subprocess, sys, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def tee(raw_path, rc_path, command):
    """Runs `command` with this process's stdin, copies its stdout to ours and records every byte in raw_path."""
    child = subprocess.Popen(command, stdin=sys.stdin.fileno(), stdout=subprocess.PIPE)
    with open(raw_path, "wb") as raw:
        while True:
            chunk = os.read(child.stdout.fileno(), 65536)
            if not chunk:
                break
            raw.write(chunk)
            raw.flush()
            os.write(sys.stdout.fileno(), chunk)
    code = child.wait()
    with open(rc_path, "w") as handle:
        handle.write(str(code))
    sys.exit(code)


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, condition, label, detail=""):
        if condition:
            self.passed += 1
            print(f"  ok    {label}")
        else:
            self.failed += 1
            print(f"  FAIL  {label} {detail}"[:2000])
        return condition


class Emulator:
    """An `iconect-emulator` child process on a free port."""

    def __init__(self, bin_path):
        self.process = subprocess.Popen([os.path.join(bin_path, "iconect-emulator"), "--port", "0"], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if "http://" not in line:
            self.process.kill()
            raise RuntimeError(f"the emulator did not start: {line!r}")
        self.base_url = line[line.index("http://"):].split()[0].strip()
        # /_emulator/* needs the admin token iconect-emulator prints on its second line ("... admin token: <token>").
        self.admin_token = self.process.stdout.readline().rsplit(":", 1)[-1].strip()

    def json(self, path, method="GET", body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": "Bearer " + self.admin_token})
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return json.loads(text) if text else None

    def stats(self):
        return self.json("/_emulator/stats")

    def seed(self):
        return self.json("/_emulator/seed")

    def set_faults(self, rules):
        self.json("/_emulator/faults", method="PUT", body=rules)

    def count(self, method, fragment):
        """Requests answered on routes of `method` whose key contains `fragment`."""
        return sum(sum(by_status.values()) for route, by_status in self.stats()["requests"].items()
                   if route.startswith(method + " ") and fragment in route)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def result_object(result):
    """structured_content, after checking the text content holds the same JSON."""
    text = json.loads(result.content[0].text) if result.content else None
    return result.structured_content if text == result.structured_content else {"_mismatch": [text, result.structured_content]}


def credentials(base_url):
    """The emulator's demo user and client, as iconect-mcp reads them."""
    return {"ICONECT_BASE_URL": base_url, "ICONECT_CLIENT_ID": "emulator-client", "ICONECT_CLIENT_SECRET": "emulator-secret",
            "ICONECT_USERNAME": "demo", "ICONECT_PASSWORD": "demo-password", "PATH": os.environ.get("PATH", "")}


def with_profile_file(environment):
    """`environment` plus this process's LLVM_PROFILE_FILE, so an instrumented iconect-mcp writes its coverage profile
    where CI asked (not a default.profraw in the checkout)."""
    profile = os.environ.get("LLVM_PROFILE_FILE")
    return environment if profile is None or environment is None else dict(environment, LLVM_PROFILE_FILE=profile)


@contextlib.asynccontextmanager
async def session(bin_path, environment, errlog_path, command=None, **options):
    """An initialized `ClientSession` with iconect-mcp (or `command`) over stdio; `options` go to `ClientSession`."""
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    command = command or [os.path.join(bin_path, "iconect-mcp")]
    parameters = StdioServerParameters(command=command[0], args=command[1:], env=with_profile_file(environment))
    with open(errlog_path, "a") as errlog:
        async with stdio_client(parameters, errlog=errlog) as (read, write):
            async with ClientSession(read, write, **options) as client:
                await client.initialize()  # its answer stays readable as client.initialize_result
                yield client


class RawServer:
    """iconect-mcp spoken to line by line, for what a well-behaved client would never send."""

    def __init__(self, bin_path, environment):
        self.process = subprocess.Popen([os.path.join(bin_path, "iconect-mcp")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=with_profile_file(environment))

    def send(self, message):
        line = message if isinstance(message, bytes) else json.dumps(message).encode()
        self.process.stdin.write(line + b"\n")
        self.process.stdin.flush()

    def read(self):
        line = self.process.stdout.readline()
        return json.loads(line) if line.strip() else None

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e", "version": "1"}}})
        answer = self.read()
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return answer

    def finish(self, timeout=30):
        """Ends the input (as a client closing stdin does) and waits for the exit."""
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err.decode(errors="replace")


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--tee":
    tee(sys.argv[2], sys.argv[3], sys.argv[4:])
