"""instructor/deploy/: the Zero to JupyterHub config and the sizing table agree with the class
benchmark's measured figures (instructor/deploy/measured.yml, written by
``benchmarks/bench_class.py --record``)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "instructor" / "deploy"
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_class  # noqa: E402


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def measured() -> dict:
    return yaml.safe_load((DEPLOY / "measured.yml").read_text(encoding="utf-8"))


def test_memory_guarantee_and_limit_cover_the_measured_peak(config: dict, measured: dict) -> None:
    memory = config["singleuser"]["memory"]
    guarantee, limit = bench_class.mb(memory["guarantee"]), bench_class.mb(memory["limit"])
    peak, server = measured["peak_mb_per_student"], measured["peak_mb_server_alone"]
    assert 0 < server < peak
    assert guarantee >= peak, "the guarantee must hold a student's server with one notebook running"
    assert limit >= peak + (peak - server), "the limit must leave room for a second notebook's kernel"


def test_measured_classes_all_ran_notebook_01(measured: dict) -> None:
    classes = measured["classes"]
    assert classes and all(c["executed_without_error"] == c["students"] for c in classes)
    within = [c["students"] for c in classes
              if (c["seconds_to_executed_notebook"]["max"] or float("inf")) <= measured["target_seconds"]]
    assert measured["largest_class_within_target"] == max(within, default=0)


def test_image_holds_the_environment_and_the_kit_arrives_by_nbgitpuller(config: dict) -> None:
    single = config["singleuser"]
    assert single["defaultUrl"] == "/lab"
    assert "PYTHONPATH" not in yaml.safe_dump(config)  # the notebooks find the kit themselves
    assert config["cull"]["enabled"] is True and config["cull"]["timeout"] <= 3600
    culling = single["extraFiles"]["kernel-culling"]["data"]["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_connected"] is False
    assert "nbgitpuller==" in (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_sizing_table_is_the_measured_one(config: dict, measured: dict) -> None:
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    table = text.split(bench_class.SIZING_START, 1)[1].split(bench_class.SIZING_END, 1)[0].strip()
    assert table == bench_class.sizing_table(measured, config["singleuser"]["memory"]["limit"])


def test_littlest_jupyterhub_note_uses_the_same_limit(config: dict) -> None:
    note = (DEPLOY / "tljh.md").read_text(encoding="utf-8")
    assert re.search(r"tljh-config set limits\.memory (\S+)", note)[1] == config["singleuser"]["memory"]["limit"]
    assert "PYTHONPATH" in note and "set no `PYTHONPATH`" in note


def test_hub_servers_get_the_kits_websocket_settings(config: dict) -> None:
    """The single-user servers mount the kit's server settings (the same file ./start uses), and the
    real config loader turns them into the TCP_NODELAY kernel websocket."""
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from traitlets.config.loader import PyFileConfigLoader

    settings = ROOT / "instructor" / "deploy" / "jupyter" / "jupyter_server_config.py"
    mounted = config["singleuser"]["extraFiles"]["kernel-websocket"]
    assert mounted["mountPath"] == "/etc/jupyter/jupyter_server_config.py"
    assert mounted["stringData"] == settings.read_text()
    loaded = PyFileConfigLoader(settings.name, path=str(settings.parent)).load_config()
    connection = loaded.ServerApp.kernel_websocket_connection_class
    assert issubclass(connection, ZMQChannelsWebsocketConnection) and connection is not ZMQChannelsWebsocketConnection
    assert loaded.Voila.kernel_websocket_connection_class is connection
