"""environment.yml (what Binder and conda users install) and pyproject.toml (what the kit's own
environment and CI install) pin the same runtime packages at the same versions, and every pin in
environment.yml is one that can be checked here."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9_.-]*)==(\d+(?:\.\d+)*(?:\.post\d+)?)")

# In environment.yml only, each with the reason. The kit itself does not use these, so they are
# not in pyproject.toml; they are checked where environment.yml is installed (the Binder-like
# launch test in tests/browser/test_binder_launch.py builds an environment from this list alone,
# and pip refuses a list whose pins conflict).
ENVIRONMENT_ONLY = {
    # Binder's base image ships notebook 7, and an older notebook 7 would hold JupyterLab below
    # the pinned 4.6 (notebook 7.5 requires jupyterlab < 4.6); this release accepts 4.6.6.
    "notebook": "7.6.5",
}


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pins(specs: list[str], where: str) -> dict[str, str]:
    found = {}
    for spec in specs:
        match = PIN.fullmatch(spec)
        assert match, f"{where}: {spec!r} is not pinned exactly (name==version)"
        found[match[1].lower()] = match[2]
    return found


def runtime_pins() -> dict[str, str]:
    return pins(project()["dependencies"], "pyproject.toml dependencies")


def extra_pins() -> dict[str, str]:
    return pins(project()["optional-dependencies"]["test"], "pyproject.toml [test]")


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def conda_dependencies() -> list[str]:
    return [dep for dep in environment()["dependencies"] if not isinstance(dep, dict)]


def pip_list() -> list[str]:
    lists = [dep["pip"] for dep in environment()["dependencies"] if isinstance(dep, dict)]
    assert len(lists) == 1, "environment.yml must have one pip: list"
    return lists[0]


def test_every_pin_is_exact():
    runtime_pins()
    extra_pins()
    pins(pip_list(), "environment.yml pip:")


def test_conda_installs_only_python_and_pip():
    # conda-forge lags PyPI and carries no post-releases (vl-convert-python 1.9.0.post1 is not
    # there: its feedstock went from 1.9.0 to 2.0.0rc1), and no conda channel is reachable where
    # the tests run, so a conda pin could never be checked: a wrong one only shows as a failed
    # Binder build. A pip pin is installed by CI (the kit's environment and the Binder-like
    # image), so every package except Python and pip goes under pip:.
    assert conda_dependencies() == ["python=3.11", "pip"]


def test_environment_pins_the_runtime_dependencies_at_the_pyproject_versions():
    env = pins(pip_list(), "environment.yml pip:")
    runtime = runtime_pins()
    assert sorted(set(runtime) - set(env)) == [], "in pyproject.toml dependencies but not environment.yml"
    extra = {name: version for name, version in env.items() if name not in runtime}
    assert extra == ENVIRONMENT_ONLY, "environment.yml lists packages the kit does not depend on"
    drift = {n: (runtime[n], env[n]) for n in runtime if runtime[n] != env[n]}
    assert drift == {}, f"versions differ (pyproject, environment.yml): {drift}"


def test_environment_holds_no_test_tools():
    env = pins(pip_list(), "environment.yml pip:")
    tools = set(extra_pins()) - set(runtime_pins())
    assert sorted(tools & set(env)) == [], "test tools belong in pyproject.toml's [test] extra only"


def test_environment_names_no_local_package():
    # `-e .` or `.` makes repo2docker install after copying the repository, so the environment
    # layer is rebuilt on every push; the notebooks import the kit from the repository instead.
    for spec in pip_list():
        assert not re.match(r"(-e|--editable)\b|[.~/]|file:", spec.strip()), f"local reference: {spec!r}"


def test_environment_uses_conda_forge_only():
    assert environment()["channels"] == ["conda-forge"]


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    wanted = {**runtime_pins(), **extra_pins()}
    mismatched = {n: (v, version(n)) for n, v in wanted.items() if version(n) != v}
    assert mismatched == {}, f"installed versions differ from the pins (pinned, installed): {mismatched}"


def test_binder_builds_from_environment_yml_alone():
    # repo2docker would run these at build time or prefer them to environment.yml; the kit needs none
    for name in ("postBuild", "apt.txt", "requirements.txt", "Dockerfile", "runtime.txt"):
        for folder in (ROOT, ROOT / "binder", ROOT / ".binder"):
            assert not (folder / name).exists(), f"{folder / name} would change what Binder builds"
    # a binder/ folder would make repo2docker ignore the top-level environment.yml and start
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_binders_start_script_only_sets_the_kits_settings_and_runs_the_server():
    """``start`` runs at launch, not at build: it may set the environment, never install anything."""
    lines = [line.strip() for line in (ROOT / "start").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines[-1] == 'exec "$@"'
    assert any(line.startswith("export JUPYTER_CONFIG_PATH=") and "instructor/deploy/jupyter" in line
               for line in lines)
    assert not re.search(r"\b(pip|conda|mamba|apt-get|npm)\b", "\n".join(lines))
