#!/usr/bin/env python3
"""`iconect` on a terminal and off one, end to end (standard library only).

    python3 Tests/CLIEndToEnd/test_cli_terminal.py [--bin-path DIR]

Starts `iconect-emulator` on a free port (chunk uploads slowed, so progress lasts a while) and runs `iconect upload`
(both from DIR, default `swift build --show-bin-path`):
- under a pseudo-terminal (Python's pty: the child's controlling terminal), with no ICONECT_PASSWORD: the password is
  asked for and not echoed, and the progress bars are redrawn in place (cursor up, clear to the end of the screen);
- with standard output a pipe: plain progress lines, no control characters at all;
- with no password and no terminal: a prompt-free error naming ICONECT_PASSWORD, not a hang;
then `iconect import` of 150,000 NDJSON lines under a pseudo-terminal: the import job's bar (lines done of total,
percent, lines/s) is redrawn in place until the job ends.
Prints "N passed, M failed"; exits 1 on failure.
"""
import argparse, fcntl, json, os, pty, re, select, signal, struct, subprocess, sys, tempfile, termios, time, urllib.request

PASSWORD = b"demo-password"


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, condition, label, detail=""):
        if condition:
            self.passed += 1
            print(f"  ok    {label}")
        else:
            self.failed += 1
            print(f"  FAIL  {label} {detail}"[:3000])
        return condition


def start_emulator(bin_path):
    emulator = subprocess.Popen([os.path.join(bin_path, "iconect-emulator"), "--port", "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
    line = emulator.stdout.readline()
    if "http://" not in line:
        emulator.kill()
        raise RuntimeError(f"the emulator did not start: {line!r}")
    read_admin_token(emulator)
    return emulator, line[line.index("http://"):].strip()


ADMIN_HEADERS = {}


def read_admin_token(emulator):
    """/_emulator/* needs the admin token iconect-emulator prints on its second line ("... admin token: <token>")."""
    ADMIN_HEADERS["Authorization"] = "Bearer " + emulator.stdout.readline().rsplit(":", 1)[-1].strip()


def emulator_call(base_url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", **ADMIN_HEADERS})
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read()
        return json.loads(text) if text else None


def run_in_terminal(argv, environment, answers, timeout=120):
    """Runs argv with a pseudo-terminal as its controlling terminal (120×40), typing each answer once its prompt appears.
    Returns the exit status and every byte the terminal received."""
    pid, master = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, environment)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    output, answered = b"", set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if master in ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child has gone and closed the terminal
                break
            if not chunk:
                break
            output += chunk
            for prompt, answer in answers:
                if prompt in output and prompt not in answered:
                    answered.add(prompt)
                    os.write(master, answer)
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(master)
    return os.waitstatus_to_exitcode(status), output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-path")
    arguments = parser.parse_args()
    bin_path = arguments.bin_path or subprocess.check_output(["swift", "build", "--show-bin-path"], text=True).strip()
    iconect = os.path.join(bin_path, "iconect")
    for path in [iconect, os.path.join(bin_path, "iconect-emulator")]:
        if not os.access(path, os.X_OK):
            print(f"{path} is not built: run swift build first")
            sys.exit(1)
    checks = Checks()
    emulator, base_url = start_emulator(bin_path)
    print(f"iconect on a terminal and off one: {iconect}, emulator at {base_url}")
    try:
        with tempfile.TemporaryDirectory(prefix="iconect-cli-e2e-") as work:
            seed = emulator_call(base_url, "GET", "/_emulator/seed")
            emulator_call(base_url, "POST", "/_emulator/faults",
                          [{"method": "PUT", "path": "/v1/files/upload/chunked/*", "latencyMs": 200}])
            source = os.path.join(work, "production.bin")
            with open(source, "wb") as handle:
                handle.write(os.urandom(12 * 1024 * 1024))
            environment = {"PATH": os.environ.get("PATH", ""), "HOME": work, "XDG_CONFIG_HOME": os.path.join(work, "config"),
                           "XDG_CACHE_HOME": os.path.join(work, "cache"), "TERM": "xterm-256color", "ICONECT_BASE_URL": base_url,
                           "ICONECT_CLIENT_ID": "emulator-client", "ICONECT_CLIENT_SECRET": "emulator-secret",
                           "ICONECT_USERNAME": "demo"}
            # A build instrumented for coverage writes its profile there, not into the checkout as default.profraw.
            if "LLVM_PROFILE_FILE" in os.environ:
                environment["LLVM_PROFILE_FILE"] = os.environ["LLVM_PROFILE_FILE"]
            def upload_command(concurrency):
                return [iconect, "upload", source, "--project", seed["projectId"], "--store", seed["fileStoreId"],
                        "--chunk-size", "1", "--concurrency", str(concurrency), "--compress", "never"]
            upload = upload_command(2)

            # 1. On a terminal: the prompt, no echo, bars redrawn in place.
            status, screen = run_in_terminal(upload, environment, [(b"Password for demo", PASSWORD + b"\n")])
            checks.check(status == 0, "upload on a terminal exits 0", f"status {status}: {screen[-2000:]!r}")
            checks.check(b"Password for demo at " + base_url.encode() in screen, "the password is asked for on the terminal")
            checks.check(PASSWORD not in screen, "the typed password is not echoed")
            redraws = re.findall(rb"\x1b\[(\d+)A\r\x1b\[J", screen)
            checks.check(len(redraws) >= 3, f"the bars are redrawn in place ({len(redraws)} redraws: cursor up, clear below)")
            percents = sorted({int(value) for value in re.findall(rb"(\d+)%", screen)})
            checks.check(len(percents) >= 3 and percents[-1] == 100, f"the bars advance ({percents[:12]}...)")
            checks.check(b"\xe2\x96\x88" in screen, "the bars are drawn (full blocks)")
            checks.check(b"upload: 1/1 files" in screen, "the final tally is printed")

            # 2. Off a terminal: plain lines only.
            environment_with_password = dict(environment, ICONECT_PASSWORD=PASSWORD.decode())
            piped = subprocess.run(upload_command(1), env=environment_with_password, stdin=subprocess.DEVNULL, capture_output=True,
                                   timeout=120, start_new_session=True)
            text = piped.stdout + piped.stderr
            checks.check(piped.returncode == 0, "upload to a pipe exits 0", piped.stderr[-2000:])
            controls = sorted({byte for byte in text if byte < 0x20 and byte != 0x0A})
            checks.check(not controls, "the piped output has no control characters", f"found {controls}")
            lines = piped.stdout.decode().splitlines()
            checks.check(any(line.startswith("upload: 0/1 files, ") for line in lines),
                         "periodic plain progress lines", "\n".join(lines[:10]))
            checks.check(any(line.startswith("uploaded production.bin as ") for line in lines), "a line for the finished file")

            # 3. No password and no terminal: an error, not a prompt or a hang.
            blind = subprocess.run(upload, env=environment, stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
                                   start_new_session=True)
            checks.check(blind.returncode != 0 and b"ICONECT_PASSWORD" in blind.stderr,
                         "without a password or a terminal it fails naming ICONECT_PASSWORD", blind.stderr[-1000:])

            # 4. An import on a terminal: after the upload's bars, the job's bar, redrawn in place until the job ends.
            emulator_call(base_url, "DELETE", "/_emulator/faults")
            records = os.path.join(work, "vol003.ndjson")
            with open(records, "w") as handle:
                for number in range(1, 150_001):
                    handle.write(json.dumps({"documentId": f"VOL003-{number:06d}", "custodian": f"C{number % 9}"}) + "\n")
            status, screen = run_in_terminal([iconect, "import", records, "--project", seed["projectId"], "--store",
                                              seed["fileStoreId"]], environment_with_password, [])
            checks.check(status == 0, "import on a terminal exits 0", f"status {status}: {screen[-2000:]!r}")
            created = screen.find(b"created import job")
            job_screen = screen[created:] if created >= 0 else b""
            checks.check(created >= 0, "the import job is created after the upload")
            redraws = re.findall(rb"\x1b\[(\d+)A\r\x1b\[J", job_screen)
            checks.check(len(redraws) >= 3, f"the job's bar is redrawn in place ({len(redraws)} redraws)")
            percents = sorted({int(value) for value in re.findall(rb"(\d+)%", job_screen)})
            checks.check(len(percents) >= 3 and percents[-1] == 100, f"the job's bar advances ({percents[:12]}...)")
            checks.check(b"lines/s" in job_screen and b"150,000" in job_screen, "the bar counts lines of the job's total")
            checks.check(b"import: 150,000 records created, 0 lines failed" in screen, "the summary counts the records created",
                         repr(screen[-600:]))
    except Exception as error:  # noqa: BLE001 - report and fail
        import traceback
        traceback.print_exc()
        checks.check(False, f"the run completed ({type(error).__name__}: {error})")
    finally:
        emulator.terminate()
        try:
            emulator.wait(timeout=10)
        except subprocess.TimeoutExpired:
            emulator.kill()
    print(f"{checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
