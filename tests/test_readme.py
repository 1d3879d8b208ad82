"""The README stays true: two set-up commands, CI runs the test one, the lab one serves JupyterLab."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.jlab import free_port

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.S)]


def test_readme_has_exactly_two_setup_commands():
    assert setup_commands() == ["./kit lab", "./kit test"]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./kit test" in ci.splitlines()[-1]


def test_binder_badge_opens_an_existing_notebook():
    target = re.search(r"mybinder\.org/v2/gh/[^)]*urlpath=lab/tree/([^)&\s]+)", README).group(1)
    assert (ROOT / target).exists(), target
    start = "notebooks/00_start_here.ipynb"
    assert target == start or not (ROOT / start).exists(), "the badge should open the start page once it exists"


def test_lab_command_serves_jupyterlab_on_loopback_with_a_token(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, HOME=str(tmp_path), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    proc = subprocess.Popen([str(ROOT / "kit"), "lab", "--no-browser", f"--port={port}",
                             f"--IdentityProvider.token={token}"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        status = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5) as reply:
                    status, page = reply.status, reply.read().decode()
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, "./kit lab exited early"
                time.sleep(1)
        assert status == 200 and "JupyterLab" in page
        # token authentication is on: without the token the API refuses
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/sessions", timeout=5)
            refused = False
        except urllib.error.HTTPError as error:
            refused = error.code in (401, 403)
        assert refused
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_hub_section_sets_no_pythonpath_and_links_the_deploy_folder():
    section = README.split("### Teaching on a JupyterHub", 1)[1].split("\n### ", 1)[0]
    assert "PYTHONPATH:" not in section and "extraEnv" not in section
    assert "](instructor/deploy/)" in section and (ROOT / "instructor" / "deploy" / "config.yaml").is_file()


def test_binder_section_says_what_opens_and_how_long_a_first_build_takes():
    section = README.split("### Binder", 1)[1].split("\n## ", 1)[0]
    assert "notebooks/00_start_here.ipynb" in section and "sandbox" in section
    assert re.search(r"first\s+build.*\d+ to \d+ minutes", section, re.S) and "estimate" in section
