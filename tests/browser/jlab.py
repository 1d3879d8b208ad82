"""Helpers for driving JupyterLab and Voilà in Debian's Chromium through Playwright.

Everything here is offline and local: the servers listen on 127.0.0.1 only, with a
random token, and keep their config, runtime files, settings and workspaces in a
temporary folder so that the developer's own Jupyter set-up never leaks in.

Measured recipes used below: open ``/lab/tree/NB?reset`` (no restored tabs), wait for
the status bar's ``| Idle`` (the toolbar reads idle before a kernel is attached), Run
menu → "Run All Cells", sliders are noUiSlider (``.noUi-handle``), charts are
``.vega-embed`` holding an ``svg`` or a ``canvas``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error as PlaywrightError,
    Locator,
    Page,
    Playwright,
    WebSocket,
    expect,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
SERVER_START_TIMEOUT_S = 60.0


# --------------------------------------------------------------------------- servers


@dataclass(frozen=True)
class ServerInfo:
    """A running Jupyter server: ``url`` ends with ``/``; ``log`` holds its output."""

    kind: str
    url: str
    token: str = field(repr=False)
    root_dir: Path
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def api(self, method: str, path: str, *, timeout: float = 10.0) -> Any:
        """Call the REST API with the token; return the decoded JSON (None if empty)."""
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def page_url(self, relpath: str) -> str:
        """Browser URL of a notebook: JupyterLab's tree view or Voilà's render view."""
        path = quote(Path(relpath).as_posix())
        if self.kind == "lab":
            # ?reset: do not restore tabs from an earlier workspace.
            return f"{self.url}lab/tree/{path}?reset&token={self.token}"
        return f"{self.url}voila/render/{path}?token={self.token}"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _isolated_env(tmp: Path) -> dict[str, str]:
    """Environment with every per-user Jupyter location moved into ``tmp``.

    JUPYTER_DATA_DIR only replaces the *user* data dir (~/.local/share/jupyter); the
    venv's ``share/jupyter`` (kernelspec ``python3``, lab extensions, Voilà templates)
    stays on the search path because jupyter_core puts ``sys.prefix`` paths first in
    a virtual environment.  The kernelspec's ``python`` is replaced by the server's
    own ``sys.executable`` by jupyter_client, so kernels run in the same venv.
    """
    dirs = {
        "HOME": tmp / "home",
        "JUPYTER_CONFIG_DIR": tmp / "config",
        "JUPYTER_RUNTIME_DIR": tmp / "runtime",
        "JUPYTER_DATA_DIR": tmp / "data",
        "JUPYTERLAB_SETTINGS_DIR": tmp / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": tmp / "lab-workspaces",
        "IPYTHONDIR": tmp / "ipython",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    settings = {
        # No news / update-check toast popping over the notebook.
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # Never write the executed notebook back into the repository.
        "docmanager-extension/plugin": {"autosave": False},
    }
    for plugin, values in settings.items():
        path = dirs["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    # KIT_BUILD (set for the test run) is dropped: these servers' kernels are a student's, which
    # send charts as Vega-Lite alone and never load vl-convert (see widgets/runtime.py)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER") and k != "KIT_BUILD"}
    env.update({k: str(v) for k, v in dirs.items()})
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _server_command(kind: str, root_dir: Path, port: int, token: str, python: str) -> list[str]:
    if kind == "lab":
        return [
            python, "-m", "jupyterlab", "--no-browser",
            "--port", str(port), "--ServerApp.port_retries=0", "--ip", "127.0.0.1",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
        ] + (["--allow-root"] if os.geteuid() == 0 else [])  # CI runs as root  # fmt: skip
    if kind == "voila":
        # Voilà 0.5 builds its own IdentityProvider with the token from Voila.token
        # (alias --token). --IdentityProvider.token and --ServerApp.token are
        # accepted but ignored: the pages are then served to anyone, no token asked.
        return [
            python, "-m", "voila", str(root_dir), "--no-browser",
            "--port", str(port), "--Voila.port_retries=0", "--Voila.ip=127.0.0.1",
            f"--token={token}",
        ]  # fmt: skip
    raise ValueError(f"kind must be 'lab' or 'voila', not {kind!r}")


def _wait_until_answering(server: ServerInfo) -> None:
    """Poll until the server answers an authenticated request (HTTP 200)."""
    probe = "api/status" if server.kind == "lab" else ""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.kind} server exited with {server.process.returncode}:\n"
                + server.log.read_text(errors="replace")[-3000:]
            )
        try:
            with urllib.request.urlopen(
                f"{server.url}{probe}?token={server.token}", timeout=2
            ) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(
        f"{server.kind} server did not answer within {SERVER_START_TIMEOUT_S:.0f} s:\n"
        + server.log.read_text(errors="replace")[-3000:]
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # surface the 302 to /login instead of following it


def _assert_token_required(server: ServerInfo) -> None:
    """Refuse to run against a server that answers without the token."""
    probe = "api/status" if server.kind == "lab" else ""
    try:
        urllib.request.build_opener(_NoRedirect).open(server.url + probe, timeout=5)
    except urllib.error.HTTPError as refused:  # lab: 403; Voilà: 302 to /login
        if refused.code in (302, 401, 403):
            return
    raise RuntimeError(f"{server.kind} server at {server.url} answers without its token")


def delete_sessions(server: ServerInfo, path: str | None = None) -> int:
    """Delete the sessions (and so the kernels) of ``path``, or all; return the count.

    JupyterLab only: Voilà has no sessions API; its page kernels are shut down when
    the process receives SIGTERM (see ``jupyter_server``).
    """
    if server.kind != "lab":
        return 0
    deleted = 0
    for session in server.api("GET", "api/sessions"):
        if path is None or session.get("path") == Path(path).as_posix():
            server.api("DELETE", f"api/sessions/{session['id']}")
            deleted += 1
    return deleted


def _stop(server: ServerInfo) -> None:
    """SIGTERM the process group, then SIGKILL it if it has not gone in 15 s.

    Kernels run in their own sessions (jupyter_client starts them with
    start_new_session), so the group signal does not reach them: the servers shut
    them down themselves on SIGTERM, after we already deleted the lab's sessions.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=5)


@contextlib.contextmanager
def jupyter_server(kind: str, root_dir: Path, tmp: Path, python: Path | None = None) -> Iterator[ServerInfo]:
    """Run JupyterLab (``kind="lab"``) or Voilà (``kind="voila"``) on ``root_dir``.

    Token auth is on (random token); all per-user state lives under ``tmp``; the
    server's output goes to ``tmp/<kind>-server.log``.  On exit the lab's sessions
    are deleted through the REST API and the process group is terminated.
    ``python``: another environment's interpreter to run the server (default: this
    one); its ``bin`` folder then comes first on PATH and PYTHONPATH is dropped, as
    in a container image.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    log = tmp / f"{kind}-server.log"
    command = _server_command(kind, root_dir.resolve(), port, token, str(python or sys.executable))
    start = root_dir / "start"
    if start.is_file():  # as Binder and ./kit start a server: with the kit's Jupyter settings
        command = ["bash", str(start.resolve()), *command]
    env = _isolated_env(tmp)
    if python is not None:
        for name in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"):
            env.pop(name, None)
        env["PATH"] = f"{Path(python).parent}{os.pathsep}{env.get('PATH', os.defpath)}"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, for killpg
        )
    server = ServerInfo(kind, f"http://127.0.0.1:{port}/", token, root_dir, log, process)
    try:
        _wait_until_answering(server)
        _assert_token_required(server)
        yield server
    finally:
        if process.poll() is None:
            with contextlib.suppress(Exception):
                delete_sessions(server)
            _stop(server)


# --------------------------------------------------------------------------- browser


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch Debian's Chromium headless (never a Playwright-downloaded browser)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install chromium")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


@dataclass
class ConsoleErrors:
    """Collects a page's ``console.error`` messages and uncaught page errors.

    ``unexpected()`` drops only the noise listed in ``_is_harmless``.
    """

    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type == "error" and not self._is_harmless(msg):
            self.errors.append(f"console.error: {msg.text} ({msg.location.get('url')})")

    @staticmethod
    def _is_harmless(msg: ConsoleMessage) -> bool:
        url = msg.location.get("url", "") or ""
        # 1. A request to another host failed: these machines have no internet,
        #    so anything fetched from elsewhere (CDN, news feed) fails by design.
        #    Failures on our own server are NOT filtered.
        if msg.text.startswith("Failed to load resource") and urlsplit(url).hostname not in (
            None, "127.0.0.1", "localhost",
        ):  # fmt: skip
            return True
        # 2. The browser asks for /favicon.ico on its own; not the page's fault.
        if url.endswith("/favicon.ico"):
            return True
        # 3. Voilà loads every installed lab extension; two that otter-grader brings
        #    in need JupyterLab services Voilà does not have and fail to activate
        #    there (jupytext: @jupyterlab/docmanager; ipylab: the main menu). So does
        #    notebook 7's lab extension (@jupyterlab/docregistry), which Binder-like
        #    images hold (environment.yml pins notebook; Binder's base image has it).
        #    Widgets and charts do not depend on them.
        return any(f"/voila/labextensions/{name}/" in msg.text
                   for name in ("jupyterlab-jupytext", "@jupyter-notebook/lab-extension")) or msg.text.startswith(
            "Plugin 'ipylab:plugin' failed to activate"
        )

    def unexpected(self) -> list[str]:
        return list(self.errors)


@dataclass
class KernelWatch:
    """Watches the page's kernel websocket: kernel errors and unanswered requests.

    A traceback raised in a widget callback (during a ``comm_msg``, not a cell) is
    sent by the kernel but shown in no cell: JupyterLab passes it only to the log
    console, below that console's default level.  ``errors`` catches it here.
    ``pending`` holds the shell requests the kernel has not yet finished (no
    ``status: idle`` with that parent), so tests can wait for widget updates.
    """

    errors: list[str] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)

    def attach(self, page: Page) -> None:
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws: WebSocket) -> None:
        if "/api/kernels/" in ws.url:
            ws.on("framesent", self._on_sent)
            ws.on("framereceived", self._on_received)

    def _on_sent(self, payload: str | bytes) -> None:
        with contextlib.suppress(ValueError, IndexError, UnicodeDecodeError, KeyError):
            channel, header, _, _ = _kernel_message(payload)
            if channel == "shell":
                self.pending.add(header["msg_id"])

    def _on_received(self, payload: str | bytes) -> None:
        with contextlib.suppress(ValueError, IndexError, UnicodeDecodeError, KeyError):
            channel, header, parent, content = _kernel_message(payload)
            if channel != "iopub":
                return
            if header["msg_type"] == "error":
                during = parent.get("msg_type", "?")
                self.errors.append(
                    f"kernel error during {during}: {content.get('ename')}: {content.get('evalue')}"
                )
            elif header["msg_type"] == "status" and content.get("execution_state") == "idle":
                self.pending.discard(parent.get("msg_id", ""))

    def wait_settled(self, page: Page, quiet_ms: int = 500, timeout_ms: int = 30_000) -> None:
        """Wait until every request the page sent has been handled, for ``quiet_ms``.

        The quiet period covers a widget update that ipywidgets holds back until
        the previous one is answered.
        """
        quiet_since = None
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright deliver the frame events
            if self.pending:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_ms / 1000:
                return
        raise TimeoutError(f"kernel still busy after {timeout_ms} ms: {len(self.pending)} requests")


def _kernel_message(payload: str | bytes) -> tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(channel, header, parent_header, content) of a kernel websocket frame.

    Text frames use the legacy JSON protocol; binary frames the
    ``v1.kernel.websocket.jupyter.org`` one: a little-endian uint64 count n, n
    uint64 offsets, then channel, header, parent_header, metadata, content, buffers.
    """
    if isinstance(payload, str):
        msg = json.loads(payload)
        return msg["channel"], msg["header"], msg["parent_header"], msg["content"]
    count = int.from_bytes(payload[:8], "little")
    offsets = [int.from_bytes(payload[8 * i : 8 * i + 8], "little") for i in range(1, count + 1)]
    parts = [payload[a:b] for a, b in zip(offsets, offsets[1:] + [len(payload)])]
    return parts[0].decode(), json.loads(parts[1]), json.loads(parts[2]), json.loads(parts[4])


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as tests/artifacts/screenshots/<name>.png (git-ignored)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --------------------------------------------------------------------------- JupyterLab


def open_notebook(page: Page, server: ServerInfo, relpath: str) -> None:
    """Open ``relpath`` (relative to the server's root) and wait for its cells."""
    page.goto(server.page_url(relpath))
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(
        state="visible", timeout=60_000
    )


def code_cell_with_source(page: Page, source: str, timeout_ms: float = 60_000) -> Locator:
    """The one code cell whose editor holds exactly ``source``.

    JupyterLab 4 creates a cell's editor only once the cell comes near the viewport
    (and, for the rest, in idle time, which a loaded machine may not have), so a cell
    halfway down a long notebook can have no ``.cm-content`` yet: scroll through the
    code cells until it shows up.
    """
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    wanted = cells.filter(
        has=page.locator(".cm-content", has_text=re.compile(rf"^{re.escape(source)}$")))
    deadline = time.monotonic() + timeout_ms / 1000
    while wanted.count() == 0 and time.monotonic() < deadline:
        for i in range(cells.count()):
            # the notebook may detach a cell while it lays out the others: go on with the next one
            with contextlib.suppress(PlaywrightError):
                cells.nth(i).scroll_into_view_if_needed(timeout=2_000)
            if wanted.count():
                break
    expect(wanted).to_have_count(1)
    return wanted


def wait_kernel_idle(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait for the status bar to read ``<kernel> | Idle``.

    The toolbar's ``[data-status="idle"]`` already reads idle before a kernel is
    attached, so it is not a reliable signal.
    """
    expect(
        page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\| Idle$"))
    ).to_be_visible(timeout=timeout_ms)


def run_all_cells(page: Page) -> None:
    """Run menu → "Run All Cells" (the kernel must be idle first)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def run_all(page: Page, kernel: KernelWatch | None = None, *, idle_timeout_ms: float = 60_000,
            timeout_ms: float = 180_000) -> None:
    """Wait for the kernel, Run All Cells, wait until the run is over (and, with ``kernel``, until
    every request the page sent has been answered)."""
    wait_kernel_idle(page, timeout_ms=idle_timeout_ms)
    run_all_cells(page)
    wait_run_finished(page, timeout_ms=timeout_ms)
    if kernel is not None:
        kernel.wait_settled(page)


def wait_run_finished(page: Page, timeout_ms: float = 120_000) -> None:
    """Wait until no input prompt shows ``*`` and the run is over.

    Clicking "Run All Cells" clears the counts and sets ``[*]`` synchronously.  The
    run is over when no ``*`` is left and either every non-empty code cell has a
    number, or it stopped at an error (later cells keep ``[ ]``; a traceback is a
    stderr output) — ``error_outputs`` then reports it.
    """
    page.wait_for_function(
        """() => {
            const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
            const prompt = c => c.querySelector('.jp-InputPrompt')?.textContent ?? '';
            if (cells.length === 0 || cells.some(c => prompt(c).includes('*'))) return false;
            const ran = c => /\\[\\d+\\]/.test(prompt(c))
                || (c.querySelector('.jp-Editor')?.textContent ?? '').trim() === '';
            return cells.every(ran) || document.querySelector(
                '.jp-CodeCell .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
            ) !== null;
        }""",
        timeout=timeout_ms,
        polling=250,
    )


def wait_all_charts_rendered(page: Page, expected_min: int, timeout_ms: float = 60_000) -> None:
    """Wait for at least ``expected_min`` ``.vega-embed`` views, each with svg or canvas."""
    page.wait_for_function(
        """(min) => {
            const views = [...document.querySelectorAll('.vega-embed')];
            return views.length >= min && views.every(v => v.querySelector('svg, canvas'));
        }""",
        arg=expected_min,
        timeout=timeout_ms,
        polling=250,
    )


# Error outputs: JupyterLab 4 turns an ``error`` output into a bundle holding
# ``application/vnd.jupyter.error`` (no renderer in core) and the traceback as
# ``application/vnd.jupyter.stderr``, so it is drawn by the stderr renderer, the same
# as a warning.  Tracebacks are told apart by their text.
_ERROR_SELECTOR = ", ".join(
    f'.jp-OutputArea-output[data-mime-type="{mime}"]'
    for mime in ("application/vnd.jupyter.stderr", "application/vnd.jupyter.error")
)
_TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|^\s*\w*(Error|Exception)\b.*:", re.MULTILINE
)


def error_outputs(page: Page) -> list[str]:
    """Texts of the notebook's error outputs (tracebacks), including widget outputs."""
    # textContent, not innerText: JupyterLab skips rendering off-screen cells
    # (content-visibility), and their innerText then reads as empty.
    texts = page.locator(_ERROR_SELECTOR).all_text_contents()
    return [t for t in texts if _TRACEBACK.search(t)]
