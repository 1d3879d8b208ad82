"""Run a notebook in a fresh kernel with outbound network blocked (test helper)."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from widgets.course.build import comparable

# Executed in the kernel before the notebook: any connection that is not loopback or a
# Unix socket fails, as it would on a machine with no network.
BLOCK_NETWORK = r'''
import socket as _socket
_LOCAL = ("127.0.0.1", "::1", "localhost")
_real_connect = _socket.socket.connect
_real_getaddrinfo = _socket.getaddrinfo
def _kit_guard(host):
    if isinstance(host, (bytes, bytearray)):
        host = host.decode()
    if isinstance(host, str) and host not in _LOCAL and not host.startswith("/"):
        raise OSError(f"network blocked by the kit's test: {host}")
def _kit_connect(self, address, *args):
    _kit_guard(address[0] if isinstance(address, tuple) else address)
    return _real_connect(self, address, *args)
def _kit_getaddrinfo(host, *args, **kwargs):
    _kit_guard(host)
    return _real_getaddrinfo(host, *args, **kwargs)
_socket.socket.connect = _kit_connect
_socket.getaddrinfo = _kit_getaddrinfo
'''


def run_twice_offline(path: Path, extra_first: str | None = None) -> tuple[list, list]:
    """Run every cell of ``path`` top to bottom, then again in the same kernel; return both runs' cells."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    runs = []
    with client.setup_kernel():
        reply = run_sync(client.kc.execute_interactive)(BLOCK_NETWORK + (extra_first or ""), timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        for _ in range(2):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            runs.append(copy.deepcopy(nb.cells))
    return runs[0], runs[1]


def errors(cells: list) -> list[str]:
    """Error outputs (exceptions) in executed cells, as 'cell N: Name: message'."""
    found = []
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output['ename']}: {output['evalue']}")
    return found


def comparable_outputs(cells: list) -> list:
    """Outputs of each code cell, sanitized like nbval's comparison."""
    nb = nbformat.v4.new_notebook(cells=copy.deepcopy(cells))
    outputs = [c.get("outputs", []) for c in comparable(nb)["cells"]]
    for cell_outputs in outputs:  # a second run numbers its cells on from the first
        for output in cell_outputs:
            output.pop("execution_count", None)
    return outputs
