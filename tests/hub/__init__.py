"""A real JupyterHub on 127.0.0.1 for the hub tests and ``benchmarks/bench_class.py``.

``running_hub(tmp, image)`` starts ``jupyterhub`` (PyPI, the test extra) with
``tests/hub/jupyterhub_config.py``: configurable-http-proxy from npm (``tests/hub/node_modules``,
installed by ``./kit test``), password login, a local-process spawner with every user's home
under ``tmp/homes``, and single-user servers from ``image`` (``tests.images.image_env("hub")``).
It also serves a git repository the way a course does: ``served_repo`` clones the kit into a
temporary folder that nbgitpuller pulls from (a ``file://`` address).

On exit (also after a failure) the hub is stopped, which stops the proxy and every single-user
server; any process of the tree still alive a few seconds later is killed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "jupyterhub_config.py"
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
START_TIMEOUT_S = 60.0
LAB_SETTINGS = {
    # no news or update-check toast over the notebook (these machines have no internet)
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Hub:
    """A running hub: ``url`` (the proxy, ending in ``/``), the service ``token``, the login ``password``."""

    url: str
    token: str = field(repr=False)
    password: str = field(repr=False)
    homes: Path
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def api(self, method: str, path: str, body: Any = None, *, timeout: float = 30.0) -> Any:
        """Call the hub's REST API (``/hub/api/<path>``) with the service token; decoded JSON or None."""
        request = urllib.request.Request(
            f"{self.url}hub/api/{path.lstrip('/')}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            text = reply.read()
        return json.loads(text) if text else None

    def home(self, user: str) -> Path:
        return self.homes / user

    def prepare_home(self, user: str) -> Path:
        """A user's home with JupyterLab's news toast turned off (what a course image's settings do)."""
        settings = self.home(user) / ".jupyter" / "lab" / "user-settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        return self.home(user)

    def wait_server_ready(self, user: str, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"users/{user}")
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                return
            if not model.get("pending") and not server:
                raise RuntimeError(f"{user}'s server is not starting: {model}\n{self.log_tail()}")
            time.sleep(0.5)
        raise TimeoutError(f"{user}'s server was not ready within {timeout:.0f} s\n{self.log_tail()}")

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def _hub_env(tmp: Path, image: Path, ports: dict[str, int], token: str, password: str,
             runtime: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "KIT_HUB_")) and k not in ("PYTHONPATH", "VIRTUAL_ENV", "KIT_BUILD")}
    env.update({
        "KIT_HUB_PORT": str(ports["proxy"]),
        "KIT_HUB_API_PORT": str(ports["hub"]),
        "KIT_HUB_PROXY_API_PORT": str(ports["proxy_api"]),
        "KIT_HUB_STATE": str(tmp / "state"),
        "KIT_HUB_HOMES": str(tmp / "homes"),
        "KIT_HUB_IMAGE": str(image),
        "KIT_HUB_RUNTIME": str(runtime),
        "KIT_HUB_PASSWORD": password,
        "KIT_HUB_API_TOKEN": token,
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _wait_answering(hub: Hub) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"jupyterhub exited with {hub.process.returncode}:\n{hub.log_tail()}")
        try:
            hub.api("GET", "", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise TimeoutError(f"jupyterhub did not answer within {START_TIMEOUT_S:.0f} s:\n{hub.log_tail()}")


def _stop(process: subprocess.Popen[bytes], tree: list[psutil.Process]) -> None:
    """SIGTERM the hub (it stops the proxy and the servers), then kill whatever of its tree is left."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    gone, alive = psutil.wait_procs(tree, timeout=10)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=5)


def hub_tree(process: subprocess.Popen[bytes]) -> list[psutil.Process]:
    with contextlib.suppress(psutil.Error):
        return psutil.Process(process.pid).children(recursive=True)
    return []


@contextlib.contextmanager
def running_hub(tmp: Path, image: Path) -> Iterator[Hub]:
    """Run a JupyterHub whose single-user servers come from the environment ``image``."""
    if not PROXY.exists():
        raise FileNotFoundError(f"{PROXY} is missing: run ./kit test (it installs the proxy with npm ci)")
    (tmp / "state").mkdir(parents=True, exist_ok=True)
    (tmp / "homes").mkdir(parents=True, exist_ok=True)
    ports = {"proxy": free_port(), "hub": free_port(), "proxy_api": free_port()}
    token, password = secrets.token_hex(32), secrets.token_urlsafe(12)
    log = tmp / "jupyterhub.log"
    runtime = Path(tempfile.mkdtemp(prefix="kit-hub-"))  # short: kernels' Unix sockets live here
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=tmp / "state",
            env=_hub_env(tmp, image, ports, token, password, runtime), stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{ports['proxy']}/", token, password, tmp / "homes", log, process)
    seen: dict[int, psutil.Process] = {}
    try:
        _wait_answering(hub)
        yield hub
    finally:
        for proc in hub_tree(process):  # servers and kernels too (kernels run in their own sessions)
            seen[proc.pid] = proc
        _stop(process, list(seen.values()))
        shutil.rmtree(runtime, ignore_errors=True)


# --------------------------------------------------------------------------- the served repository


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Instructor",
           "GIT_AUTHOR_EMAIL": "instructor@example.edu", "GIT_COMMITTER_NAME": "Instructor",
           "GIT_COMMITTER_EMAIL": "instructor@example.edu"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def served_repo(dest: Path, source: Path) -> Path:
    """The course repository nbgitpuller pulls from: a clone of ``source`` on branch ``main``."""
    from tests.images import fresh_clone

    fresh_clone(dest, source)
    git(dest, "checkout", "--quiet", "-B", "main")
    return dest
