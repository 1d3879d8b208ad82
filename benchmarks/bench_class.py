"""A class arriving at once on one JupyterHub: figures for sizing a course hub (not a test).

    .venv/bin/python benchmarks/bench_class.py [--students 30] [--sizes 5,10,20,30] [--record]

Starts a real JupyterHub on 127.0.0.1 (``tests/hub``: configurable-http-proxy, password login,
a local-process spawner, single-user servers from an environment made from environment.yml plus
jupyterhub, the kit not installed) and serves the kit as a local git repository. Then N
simulated students, all at once (or spread over ``--ramp`` seconds), do what hubtraf and the
hub-stress-test script do: through the hub's REST API (an admin service token) each student is
created and their server started; the student pulls the kit with nbgitpuller (its git-pull API,
into a folder not named after the repository), opens notebook 01 (a session, as JupyterLab makes
one), and runs its code cells in order through the kernel websocket, stopping at an error.

Printed: p50, p95 and max of the time from the student's arrival to a running server, to the
pulled files and to the executed notebook; peak memory (RSS of the server and its kernel,
sampled every 0.5 s) per student and for the whole class; the hub and proxy; and the p95 of the
hub API's response times during the rush (every call the students make: creating the user and
polling the server's state; not the spawn request, which the hub holds open for up to 10 s
while the server starts). ``--sizes`` runs several classes, each on a fresh hub,
and names the largest in which every notebook was executed within ``--target`` seconds (60) of
the student's arrival. ``--record`` writes the figures to instructor/deploy/measured.yml, which
the deployment config's test reads, and rewrites the sizing table in instructor/deploy/README.md.

Loopback only; bounded (at most 100 students, ``--timeout`` seconds per class); everything it
starts is stopped at the end, also after an error.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import psutil
import yaml
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import images  # noqa: E402
from tests.hub import Hub, hub_tree, running_hub, served_repo  # noqa: E402

MEASURED = ROOT / "instructor" / "deploy" / "measured.yml"
NOTEBOOK = "notebooks/01_origins.ipynb"
TARGET = "scs-course"  # nbgitpuller's target folder: not the repository's name
MAX_STUDENTS = 100
SAMPLE_S = 0.5


# --------------------------------------------------------------------------- one student


@dataclass
class Student:
    name: str
    arrived: float = 0.0
    server_s: float = math.nan
    pulled_s: float = math.nan
    executed_s: float = math.nan
    cells: int = 0
    errors: list[str] = field(default_factory=list)
    reconnects: list[str] = field(default_factory=list)  # kernel websocket drops, each reconnected
    peak_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and not math.isnan(self.executed_s)


class Client:
    """The students' HTTP side: timed hub API calls, single-user calls, all with the service token."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.http = AsyncHTTPClient(force_instance=True, max_clients=2 * MAX_STUDENTS)
        self.hub_api_ms: list[float] = []
        self.headers = {"Authorization": f"token {hub.token}", "Content-Type": "application/json"}

    async def hub_api(self, method: str, path: str, body: object = None, timed: bool = True) -> object:
        """``timed=False`` for the spawn request, which the hub holds open while the server starts."""
        start = time.perf_counter()
        try:
            reply = await self.http.fetch(
                f"{self.hub.url}hub/api/{path}", method=method, headers=self.headers, request_timeout=120,
                body=None if body is None and method == "GET" else json.dumps(body or {}), allow_nonstandard_methods=True)
        finally:
            if timed:
                self.hub_api_ms.append((time.perf_counter() - start) * 1000)
        return json.loads(reply.body) if reply.body else None

    async def user_api(self, user: str, method: str, path: str, body: object = None, **kwargs) -> object:
        reply = await self.http.fetch(
            f"{self.hub.url}user/{user}/{path}", method=method, headers=self.headers,
            body=None if body is None else json.dumps(body), request_timeout=kwargs.pop("timeout", 120), **kwargs)
        return json.loads(reply.body) if reply.body else None


async def start_server(client: Client, student: Student, deadline: float) -> None:
    await client.hub_api("POST", f"users/{student.name}")
    await client.hub_api("POST", f"users/{student.name}/server", timed=False)
    while time.monotonic() < deadline:
        model = await client.hub_api("GET", f"users/{student.name}")
        server = (model.get("servers") or {}).get("")
        if server and server.get("ready"):
            return
        await asyncio.sleep(0.5)
    raise TimeoutError("server not ready in time")


async def pull(client: Client, student: Student, repo: str, branch: str) -> None:
    """nbgitpuller's git-pull API (what the link's page calls): an event stream ending 'finished'."""
    events: list[dict] = []
    buffer = bytearray()

    def on_chunk(chunk: bytes) -> None:
        buffer.extend(chunk)
        while b"\n\n" in buffer:
            raw, _, rest = bytes(buffer).partition(b"\n\n")
            buffer[:] = rest
            if raw.startswith(b"data: "):
                events.append(json.loads(raw[6:]))

    query = urlencode({"repo": repo, "branch": branch, "targetpath": TARGET})
    await client.user_api(student.name, "GET", f"git-pull/api?{query}", streaming_callback=on_chunk, timeout=300)
    phases = [e.get("phase") for e in events]
    if phases[-1:] != ["finished"]:
        raise RuntimeError(f"nbgitpuller did not finish: {events[-1:] or 'no events'}")


def _message(session: str, code: str) -> dict:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": "execute_request", "session": session,
                   "username": "student", "version": "5.3", "date": dt.datetime.now(dt.UTC).isoformat()},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }


async def run_notebook(client: Client, student: Student, deadline: float) -> None:
    """Open notebook 01 as JupyterLab does (a session) and run its code cells in order."""
    path = f"{TARGET}/{NOTEBOOK}"
    model = await client.user_api(student.name, "GET", f"api/contents/{quote(path)}?content=1")
    cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    session = await client.user_api(student.name, "POST", "api/sessions", {
        "path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
    kernel = session["kernel"]["id"]
    # JupyterLab's way: a session id in the address, so that if the websocket drops the server
    # keeps the kernel's messages and replays them when the same session reconnects
    session_id = uuid.uuid4().hex
    ws_url = (client.hub.url.replace("http", "ws", 1)
              + f"user/{student.name}/api/kernels/{kernel}/channels?session_id={session_id}")

    async def connect():
        return await websocket_connect(HTTPRequest(ws_url, headers=client.headers, request_timeout=120))

    conn = await connect()
    try:
        for cell in cells:
            msg = _message(session_id, "".join(cell["source"]))
            conn.write_message(json.dumps(msg))
            replied = idle = False
            while not (replied and idle):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"cell {student.cells + 1} of {len(cells)} still running")
                raw = await asyncio.wait_for(conn.read_message(), remaining)
                if raw is None:  # dropped: reconnect as JupyterLab does (at most 3 times)
                    student.reconnects.append(f"cell {student.cells + 1}: {conn.close_code} {conn.close_reason}")
                    if len(student.reconnects) > 3:
                        raise ConnectionError(f"kernel websocket closed: {student.reconnects}")
                    conn = await connect()
                    continue
                reply = json.loads(raw)
                if reply.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
                    continue
                kind = reply["header"]["msg_type"]
                if kind == "error":
                    student.errors.append(f"{reply['content']['ename']}: {reply['content']['evalue']}")
                elif kind == "execute_reply":
                    replied = True
                    if reply["content"]["status"] != "ok":
                        student.errors.append(f"execute_reply {reply['content']['status']}")
                elif kind == "status" and reply["content"]["execution_state"] == "idle":
                    idle = True
            if student.errors:
                return
            student.cells += 1
    finally:
        conn.close()


async def one_student(client: Client, student: Student, repo: str, branch: str, delay: float,
                      timeout: float) -> None:
    await asyncio.sleep(delay)
    student.arrived = time.monotonic()
    deadline = student.arrived + timeout
    step = "server"
    try:
        await start_server(client, student, deadline)
        student.server_s = time.monotonic() - student.arrived
        step = "pull"
        await pull(client, student, repo, branch)
        student.pulled_s = time.monotonic() - student.arrived
        step = "notebook"
        await run_notebook(client, student, deadline)
        if not student.errors:
            student.executed_s = time.monotonic() - student.arrived
    except (HTTPClientError, OSError, TimeoutError, RuntimeError, KeyError, ValueError) as error:
        student.errors.append(f"{step}: {type(error).__name__}: {error}")


# --------------------------------------------------------------------------- memory


class MemorySampler(threading.Thread):
    """Every 0.5 s: RSS of each user's single-user server plus its kernels, and of the hub and proxy."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(daemon=True)
        self.hub_process = psutil.Process(hub.process.pid)
        self.peak_by_user: dict[str, float] = {}
        self.peak_server_mb = 0.0  # a single-user server alone, without its kernels
        self.peak_total_mb = 0.0
        self.peak_hub_mb = 0.0
        self.load: list[float] = []  # the machine's 1-minute load average, other jobs included
        self.stop = threading.Event()

    def sample(self) -> None:
        per_user: dict[str, float] = {}
        hub_mb = self.hub_process.memory_info().rss / 2**20
        for child in self.hub_process.children():
            try:
                server = child.memory_info().rss / 2**20
                rss = server + sum(p.memory_info().rss for p in child.children(recursive=True)) / 2**20
                user = child.environ().get("JUPYTERHUB_USER")
            except psutil.Error:
                continue
            if user:
                per_user[user] = rss
                self.peak_server_mb = max(self.peak_server_mb, server)
            else:
                hub_mb += rss  # the proxy
        for user, mb in per_user.items():
            self.peak_by_user[user] = max(self.peak_by_user.get(user, 0.0), mb)
        self.peak_total_mb = max(self.peak_total_mb, sum(per_user.values()))
        self.load.append(os.getloadavg()[0])
        self.peak_hub_mb = max(self.peak_hub_mb, hub_mb)

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_S):
            try:
                self.sample()
            except psutil.Error:
                pass


# --------------------------------------------------------------------------- a class


@dataclass
class ClassRun:
    students: list[Student]
    hub_api_ms: list[float]
    peak_total_mb: float
    peak_hub_mb: float
    peak_server_mb: float
    wall_s: float
    load: float  # median 1-minute load average during the run

    def times(self, attr: str) -> list[float]:
        return [getattr(s, attr) for s in self.students if not math.isnan(getattr(s, attr))]

    def summary(self) -> dict:
        def pct(values: list[float]) -> dict:
            if not values:
                return {"p50": None, "p95": None, "max": None}
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
            return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "max": round(ordered[-1], 1)}

        peaks = [s.peak_mb for s in self.students if s.peak_mb]
        return {
            "students": len(self.students),
            "executed_without_error": sum(s.ok for s in self.students),
            "websocket_reconnects": sum(len(s.reconnects) for s in self.students),
            "seconds_to_running_server": pct(self.times("server_s")),
            "seconds_to_pulled_files": pct(self.times("pulled_s")),
            "seconds_to_executed_notebook": pct(self.times("executed_s")),
            "peak_mb_per_student": {"median": round(statistics.median(peaks)) if peaks else None,
                                    "max": round(max(peaks)) if peaks else None},
            "peak_mb_server_alone": round(self.peak_server_mb),
            "peak_mb_all_students": round(self.peak_total_mb),
            "peak_mb_hub_and_proxy": round(self.peak_hub_mb),
            "hub_api_ms": pct(self.hub_api_ms) | {"requests": len(self.hub_api_ms)},
            "wall_seconds": round(self.wall_s, 1),
            "load_average": round(self.load, 1),
        }


async def _run(hub: Hub, repo: str, branch: str, names: list[str], ramp: float, timeout: float) -> ClassRun:
    client = Client(hub)
    students = [Student(name) for name in names]
    for student in students:
        hub.prepare_home(student.name)
    sampler = MemorySampler(hub)
    sampler.start()
    start = time.monotonic()
    try:
        delays = [ramp * i / max(1, len(students) - 1) for i in range(len(students))]
        await asyncio.wait_for(asyncio.gather(*(
            one_student(client, s, repo, branch, d, timeout) for s, d in zip(students, delays))), timeout + ramp + 60)
        sampler.sample()  # every kernel still alive: the class's footprint
    finally:
        sampler.stop.set()
        sampler.join()
        wall = time.monotonic() - start
        for student in students:  # stop their servers (and kernels) before the next class
            try:
                await client.hub_api("DELETE", f"users/{student.name}/server", timed=False)
            except (HTTPClientError, OSError):
                pass
        client.http.close()
    for student in students:
        student.peak_mb = sampler.peak_by_user.get(student.name, 0.0)
    return ClassRun(students, client.hub_api_ms, sampler.peak_total_mb, sampler.peak_hub_mb,
                    sampler.peak_server_mb, wall, statistics.median(sampler.load) if sampler.load else math.nan)


def run_class(hub: Hub, repo: str, students: int, *, branch: str = "main", prefix: str = "student",
              ramp: float = 0.0, timeout: float = 600.0) -> ClassRun:
    """Run one class of ``students`` against a running ``hub`` pulling ``repo`` (a git address)."""
    if not 1 <= students <= MAX_STUDENTS:
        raise ValueError(f"students must be between 1 and {MAX_STUDENTS}; got {students}")
    names = [f"{prefix}-{i:03d}" for i in range(1, students + 1)]
    # its own thread and event loop: callers may already run one (Playwright's sync API does)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _run(hub, repo, branch, names, ramp, timeout)).result()


# --------------------------------------------------------------------------- command line


def print_run(run: ClassRun) -> None:
    s = run.summary()
    print(f"\n{s['students']} students, {s['executed_without_error']} executed notebook 01 without error "
          f"({s['wall_seconds']} s for the whole class; machine load average {s['load_average']} "
          f"on {os.cpu_count()} cores)")
    print(f"{'seconds from arrival to':<32}{'p50':>8}{'p95':>8}{'max':>8}")
    for label, key in (("a running server", "seconds_to_running_server"), ("pulled files", "seconds_to_pulled_files"),
                       ("an executed notebook 01", "seconds_to_executed_notebook")):
        print(f"{label:<32}" + "".join(f"{s[key][q] if s[key][q] is not None else '-':>8}" for q in ("p50", "p95", "max")))
    print(f"peak MB per student (server + kernel): median {s['peak_mb_per_student']['median']}, "
          f"max {s['peak_mb_per_student']['max']} (the server alone {s['peak_mb_server_alone']}); "
          f"all students {s['peak_mb_all_students']}; "
          f"hub + proxy {s['peak_mb_hub_and_proxy']}")
    print(f"hub API: {s['hub_api_ms']['requests']} requests, p50 {s['hub_api_ms']['p50']} ms, "
          f"p95 {s['hub_api_ms']['p95']} ms, max {s['hub_api_ms']['max']} ms")
    for student in run.students:
        if student.errors:
            print(f"  {student.name}: {student.errors[0]}")
        for drop in student.reconnects:
            print(f"  {student.name}: kernel websocket dropped and reconnected at {drop}")


SIZING_START, SIZING_END = "<!-- sizing table: written by bench_class.py --record -->", "<!-- end of sizing table -->"
DEPLOY_README = MEASURED.parent / "README.md"


def mb(quantity: str) -> float:
    """MB in a Kubernetes/KubeSpawner memory quantity such as 512M or 1G (powers of 1024)."""
    units = {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024**2}
    number, unit = quantity[:-1], quantity[-1].upper()
    if unit not in units:
        raise ValueError(f"memory quantity must end in K, M, G or T; got {quantity!r}")
    return float(number) * units[unit]


def sizing_table(measured: dict, limit: str) -> str:
    """The sizing table of instructor/deploy/README.md, from measured.yml and the config's memory limit."""
    cores, target = measured["machine"]["cores"], measured["target_seconds"]
    rows = ["| students arriving at once | all executed notebook 01 | p95 / max seconds to an executed notebook "
            "| peak MB per student | peak GB, whole class | machine load during the run |", "|---|---|---|---|---|---|"]
    for c in measured["classes"]:
        t = c["seconds_to_executed_notebook"]
        within = c["executed_without_error"] == c["students"] and (t["max"] or math.inf) <= target
        rows.append(f"| {c['students']} | {c['executed_without_error']} of {c['students']}"
                    f"{'' if within else f' (not all within {target:.0f} s)'} | {t['p95']} / {t['max']} "
                    f"| {c['peak_mb_per_student']['max']} | {c['peak_mb_all_students'] / 1024:.1f} "
                    f"| {c.get('load_average', '–')} |")
    per_core = measured["largest_class_within_target"] / cores
    per_gb = 1024 / measured["peak_mb_per_student"]
    return "\n".join([
        f"Measured {measured['measured']} on one machine with {cores} cores and "
        f"{measured['machine']['memory_gb']} GB ({measured['machine']['note']}).", "",
        *rows, "",
        "| resource | students | from |", "|---|---|---|",
        f"| per CPU core, a class arriving at once | {per_core:.0f} | the largest class above with every "
        f"notebook executed within {target:.0f} s: {measured['largest_class_within_target']} on {cores} cores |",
        f"| per GB of memory, one notebook open each | {per_gb:.1f} | {measured['peak_mb_per_student']} MB peak "
        "per student (server and kernel) |",
        f"| per GB of memory, every student at the limit | {1024 / mb(limit):.1f} | the limit in config.yaml, {limit} |",
    ])


def write_sizing_table(measured: dict) -> None:
    config = yaml.safe_load((MEASURED.parent / "config.yaml").read_text(encoding="utf-8"))
    text = DEPLOY_README.read_text(encoding="utf-8")
    head, rest = text.split(SIZING_START, 1)
    _, tail = rest.split(SIZING_END, 1)
    table = sizing_table(measured, config["singleuser"]["memory"]["limit"])
    DEPLOY_README.write_text(f"{head}{SIZING_START}\n{table}\n{SIZING_END}{tail}", encoding="utf-8")


def record(runs: list[ClassRun], target: float) -> dict:
    """The figures instructor/deploy/measured.yml holds (the config test and the sizing table read it)."""
    held = [r for r in runs if all(s.ok and s.executed_s <= target for s in r.students)]
    largest = max((len(r.students) for r in held), default=0)
    return {
        "measured": dt.date.today().isoformat(),
        "machine": {"cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30),
                    "note": "shared with other jobs while measured: timings are noisy"},
        "notebook": NOTEBOOK,
        "target_seconds": target,
        "largest_class_within_target": largest,
        "peak_mb_per_student": max(r.summary()["peak_mb_per_student"]["max"] or 0 for r in runs),
        "peak_mb_server_alone": max(r.summary()["peak_mb_server_alone"] for r in runs),
        "classes": [r.summary() for r in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="class size (default 30, at most 100)")
    parser.add_argument("--sizes", default="", help="several class sizes, e.g. 5,10,20,30 (each on a fresh hub)")
    parser.add_argument("--ramp", type=float, default=0.0, help="spread arrivals over this many seconds (default 0)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds each student may take (default 600)")
    parser.add_argument("--target", type=float, default=60.0, help="seconds to an executed notebook (default 60)")
    parser.add_argument("--record", action="store_true", help=f"write the figures to {MEASURED.relative_to(ROOT)}")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()] or [args.students]
    if any(not 1 <= n <= MAX_STUDENTS for n in sizes):
        parser.error(f"class sizes must be between 1 and {MAX_STUDENTS}")
    image = images.image_env("hub")
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        repo = served_repo(Path(tmp) / "served" / "scs-teaching-kit", ROOT)
        for n in sizes:
            with running_hub(Path(tmp) / f"hub-{n}", image) as hub:
                run = run_class(hub, repo.as_uri(), n, ramp=args.ramp, timeout=args.timeout)
            print_run(run)
            runs.append(run)
            if hub_tree(hub.process):
                print("warning: processes of the hub outlived it")
    figures = record(runs, args.target)
    print(f"\nlargest class with every notebook executed within {args.target:.0f} s of arrival: "
          f"{figures['largest_class_within_target'] or 'none of the sizes run'} (of {sizes}); "
          f"{os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f}")
    if args.record:
        MEASURED.parent.mkdir(parents=True, exist_ok=True)
        MEASURED.write_text("# Written by benchmarks/bench_class.py --record; read by tests/test_deploy.py and\n"
                            "# instructor/deploy/README.md's sizing table.\n" + yaml.safe_dump(figures, sort_keys=False),
                            encoding="utf-8")
        write_sizing_table(figures)
        print(f"wrote {MEASURED.relative_to(ROOT)} and the sizing table in {DEPLOY_README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
