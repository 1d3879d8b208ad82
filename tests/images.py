"""Stand-ins for the images the kit is launched from, as cached virtual environments.

- ``binder``: ``environment.yml``'s pip list and nothing else (not the kit, not the test
  extra): what repo2docker installs on Binder on top of Python and pip.
- ``hub``: the same plus ``jupyterhub`` at the hub's own pin, which a hub's single-user
  image must add: ``jupyterhub-singleuser`` lives in that package. (repo2docker's base
  environment carries it too; a course image built from ``environment.yml`` gets it there.)

Each environment is built once per content of its requirement list (a hash of it names the
folder) under ``$KIT_ENV_CACHE`` or ``~/.cache/scs-teaching-kit/envs``, so local reruns
reuse it and CI pays once. A file lock makes parallel test workers wait for one build.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("binder", "hub")
KEEP_PER_KIND = 2  # older builds of a kind are deleted (each is about 0.8 GB)


def environment_pip_list(root: Path = ROOT) -> list[str]:
    """The ``pip:`` entries of ``environment.yml``, as written."""
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    lists = [dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict)]
    return [str(spec) for spec in lists[0]] if lists else []


def pinned_in_test_extra(name: str, root: Path = ROOT) -> str:
    """``name==version`` as pinned in pyproject.toml's test extra."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["optional-dependencies"]["test"]:
        if re.match(rf"{re.escape(name)}==", spec, re.IGNORECASE):
            return spec
    raise LookupError(f"{name} is not pinned in pyproject.toml's test extra")


def requirements(kind: str) -> list[str]:
    """What the image of ``kind`` installs with pip."""
    if kind == "binder":
        return environment_pip_list()
    if kind == "hub":
        return environment_pip_list() + [pinned_in_test_extra("jupyterhub")]
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scs-teaching-kit" / "envs"
    return Path(os.environ.get("KIT_ENV_CACHE") or default)


def image_env(kind: str) -> Path:
    """The environment of ``kind`` (built now if missing); returns its folder (``bin/python`` inside)."""
    specs = requirements(kind)
    digest = hashlib.sha256("\n".join(specs).encode()).hexdigest()[:12]
    env = cache_dir() / f"{kind}-{digest}"
    done = env / ".kit-image-complete"
    env.parent.mkdir(parents=True, exist_ok=True)
    with open(env.parent / f"{kind}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it
        if done.exists():
            return env
        shutil.rmtree(env, ignore_errors=True)  # a build that was interrupted
        _build(env, specs)
        done.write_text("\n".join(specs) + "\n")
        _prune(kind, keep=env)
    return env


def _build(env: Path, specs: list[str]) -> None:
    # the base interpreter (venv uses sys._base_executable, not this test venv's packages)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")}
    result = subprocess.run(
        [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-input", *specs],
        env=clean, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(env, ignore_errors=True)
        raise RuntimeError(f"pip could not build the image environment from {specs}:\n{result.stderr[-4000:]}")


def _prune(kind: str, keep: Path) -> None:
    builds = sorted((p for p in keep.parent.glob(f"{kind}-*") if p.is_dir() and p != keep),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP_PER_KIND - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def fresh_clone(dest: Path, root: Path = ROOT) -> Path:
    """``git clone`` of the working repository (its committed HEAD) into ``dest``."""
    subprocess.run(["git", "clone", "--quiet", str(root), str(dest)], check=True,
                   env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"})
    return dest
