"""The kit's Jupyter settings (``instructor/deploy/jupyter``) reach real servers through ``./start``.

The settings turn on TCP_NODELAY for kernel websockets: without it, Nagle's algorithm holds a
panel's update behind the kernel's small "busy" message until the browser's delayed ACK (up to
40 ms). Binder runs ``start`` before its server; ``./kit lab``, ``./kit sandbox`` and the test
servers do too. These tests ask the real JupyterLab and Voila which connection class they use
and check that a live server's kernel websocket actually goes through it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import subprocess
import sys
import uuid
from pathlib import Path

from tornado.websocket import websocket_connect

from . import jlab

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CLASS_LINE = ".kernel_websocket_connection_class = <class 'NoDelayWebsocketConnection'>"


def shown_config(tmp: Path, *command: str, through_start: bool = True) -> str:
    """What the server prints for ``--show-config``, started with the isolated settings of the test servers."""
    env = jlab._isolated_env(tmp)
    full = (["bash", str(ROOT / "start")] if through_start else []) + list(command)
    done = subprocess.run(full, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return done.stdout + done.stderr


def test_jupyterlab_started_through_start_uses_the_nodelay_websocket(tmp_path: Path) -> None:
    assert CLASS_LINE in shown_config(tmp_path, str(BIN / "jupyter"), "lab", "--show-config")
    # and the check can fail: the same server started without ./start keeps the default class
    assert CLASS_LINE not in shown_config(tmp_path, str(BIN / "jupyter"), "lab", "--show-config",
                                          through_start=False)


def test_voila_on_its_own_started_through_start_uses_the_nodelay_websocket(tmp_path: Path) -> None:
    text = shown_config(tmp_path, str(BIN / "voila"), "--Voila.show_config=True", "notebooks/sandbox.ipynb")
    assert "Voila\n" + "  " + CLASS_LINE in text


def test_a_live_servers_kernel_websocket_has_nodelay(lab_server: jlab.ServerInfo) -> None:
    kernel = lab_server.api("POST", "api/kernels")
    try:
        async def kernel_info() -> dict:
            url = f"{lab_server.url.replace('http', 'ws', 1)}api/kernels/{kernel['id']}/channels"
            ws = await websocket_connect(f"{url}?token={lab_server.token}")
            msg_id = uuid.uuid4().hex
            await ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "kernel_info_request", "username": "test",
                           "session": uuid.uuid4().hex, "date": "", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}))
            while True:
                raw = await asyncio.wait_for(ws.read_message(), 60)
                if isinstance(raw, str):
                    reply = json.loads(raw)
                    if reply["msg_type"] == "kernel_info_reply" and reply["parent_header"]["msg_id"] == msg_id:
                        ws.close()
                        return reply
        # in a thread of its own: Playwright's sync API may already run an event loop in this one
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            reply = pool.submit(asyncio.run, kernel_info()).result(timeout=120)
        assert reply["content"]["status"] == "ok"
        log = lab_server.log.read_text(errors="replace")
        assert f"Kernel websocket for {kernel['id']}: TCP_NODELAY on" in log
    finally:
        lab_server.api("DELETE", f"api/kernels/{kernel['id']}")
