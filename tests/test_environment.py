"""pyproject.toml and environment.yml pin the same packages at the same versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    pins = {}
    for spec in specs:
        name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)", spec).groups()
        pins[name.lower()] = version
    return pins


def environment_pins() -> tuple[dict[str, str], str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins, python = {}, ""
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for spec in dep["pip"]:
                if spec.startswith("-e"):
                    continue
                name, version = spec.split("==")
                pins[name.lower()] = version
            continue
        name, _, version = dep.partition("=")
        if name == "python":
            python = version
        elif name != "pip":
            pins[name.lower()] = version
    return pins, python


def test_every_pin_is_exact():
    for name, version in pyproject_pins().items():
        assert re.fullmatch(r"\d+(\.\d+)*(\.post\d+)?", version), f"{name} is not pinned exactly: {version}"


def test_environment_matches_pyproject():
    env, python = environment_pins()
    project = pyproject_pins()
    assert python == "3.11"
    assert sorted(set(project) - set(env)) == [], "in pyproject.toml but not environment.yml"
    assert sorted(set(env) - set(project)) == [], "in environment.yml but not pyproject.toml"
    drift = {n: (project[n], env[n]) for n in project if project[n] != env[n]}
    assert drift == {}, f"versions differ (pyproject, environment.yml): {drift}"


def test_environment_uses_conda_forge_only():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    mismatched = {n: (v, version(n)) for n, v in pyproject_pins().items() if version(n) != v}
    assert mismatched == {}, f"installed versions differ from the pins (pinned, installed): {mismatched}"


def test_binder_builds_from_environment_yml_alone():
    # repo2docker would run these; the kit needs none (no downloads at build time)
    for name in ("postBuild", "start", "apt.txt", "requirements.txt", "Dockerfile"):
        for folder in (ROOT, ROOT / "binder", ROOT / ".binder"):
            assert not (folder / name).exists(), f"{folder / name} would change what Binder builds"
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip, "Binder must install the kit itself (the widgets package)"
