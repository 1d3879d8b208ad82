"""Every documented form of ``./kit sandbox`` and ``./kit lab`` starts, and the address it prints
is the one that answers (an HTTP request with the printed token gets the page)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.jlab import free_port

ROOT = Path(__file__).resolve().parent.parent
PRINTED = {
    "sandbox": re.compile(r"The sandbox: (http://127\.0\.0\.1:(\d+)/\?token=\w+)"),
    "lab": re.compile(r"(http://127\.0\.0\.1:(\d+)/lab\S*\?token=\w+)"),
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # surface the redirect to the login page


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start(command: str, args: list[str], tmp: Path) -> tuple[subprocess.Popen[str], str, int]:
    """Run ``./kit COMMAND ARGS``; return the process and the address and port it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(tmp), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTER_DATA_DIR=str(tmp / "data"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([str(ROOT / "kit"), command, *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    output = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        output.append(line)
        match = PRINTED[command].search(line)
        if match:  # keep reading its output, so the server never blocks on a full pipe
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            return proc, match[1], int(match[2])
    stop(proc)
    raise AssertionError(f"./kit {command} {' '.join(args)} printed no address:\n{''.join(output)[-3000:]}")


def stop(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def get(url: str, timeout: float = 60) -> tuple[int, str]:
    """Status and the first 200 KB of the page, retried while the server is still starting."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as reply:
                return reply.status, reply.read(200_000).decode(errors="replace")
        except (urllib.error.URLError, ConnectionError) as error:
            if isinstance(error, urllib.error.HTTPError) or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


SANDBOX_FORMS = {
    "space": lambda port: ["--port", str(port)],
    "equals": lambda port: [f"--port={port}"],
    "Voila.port": lambda port: [f"--Voila.port={port}"],
    "extra option": lambda port: ["--port", str(port), "--theme=dark"],
}


@pytest.mark.parametrize("form", list(SANDBOX_FORMS))
def test_sandbox_serves_on_the_printed_address(form: str, tmp_path: Path) -> None:
    port = free_port()
    proc, address, printed_port = start("sandbox", SANDBOX_FORMS[form](port), tmp_path)
    try:
        assert printed_port == port
        status, page = get(address)
        assert status == 200 and "voila" in page.lower()
        if form == "extra option":
            assert "theme-dark" in page or "jp-theme-dark" in page or '"theme": "dark"' in page
        with pytest.raises(urllib.error.HTTPError) as refused:  # token authentication is on
            urllib.request.build_opener(NoRedirect).open(address.split("?")[0], timeout=30)
        assert refused.value.code in (302, 401, 403)  # Voila sends you to its login page
    finally:
        stop(proc)


def test_sandbox_default_port(tmp_path: Path) -> None:
    if not port_is_free(8866):
        pytest.skip("port 8866 is in use on this machine")
    proc, address, port = start("sandbox", [], tmp_path)
    try:
        assert port == 8866
        assert get(address)[0] == 200
    finally:
        stop(proc)


def test_sandbox_refuses_a_bad_port() -> None:
    result = subprocess.run([str(ROOT / "kit"), "sandbox", "--port=eighty"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "--port must be a port number" in result.stderr and "Traceback" not in result.stderr


LAB_FORMS = {
    "README": lambda port: ["--no-browser", "--port", str(port)],
    "equals": lambda port: ["--no-browser", f"--port={port}"],
    "own ip": lambda port: ["--no-browser", "--ip=127.0.0.1", f"--port={port}"],
}


@pytest.mark.parametrize("form", list(LAB_FORMS))
def test_lab_serves_on_the_printed_address(form: str, tmp_path: Path) -> None:
    port = free_port()
    proc, address, printed_port = start("lab", LAB_FORMS[form](port), tmp_path)
    try:
        assert printed_port == port
        status, page = get(address)
        assert status == 200 and "JupyterLab" in page
    finally:
        stop(proc)
