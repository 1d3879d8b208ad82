"""Links that hand the kit to a class: an nbgitpuller link for a JupyterHub, a Binder link.

    python -m widgets.course.links nbgitpuller --hub https://hub.example.edu \\
        --repo https://github.com/OWNER/REPO --branch main [--notebook notebooks/01_origins.ipynb] \\
        [--targetpath spring-course]
    python -m widgets.course.links binder --repo OWNER/REPO [--branch main] [--voila]

An nbgitpuller link (``HUB/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=…``, the format
of nbgitpuller's own link generator) logs a student into the hub, clones the repository on the
first click and merges the instructor's updates on later clicks without losing the student's
work, then opens JupyterLab at the notebook. nbgitpuller clones into ``targetpath`` when the link
names one, else into a folder named after the last part of the repository address; the notebook's
path in ``urlpath`` starts with that folder.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

from . import build

BINDER = "https://mybinder.org"
SANDBOX = "notebooks/sandbox.ipynb"
_BRANCH_FORBIDDEN = re.compile(r"[\s~^:?*\[\\\x00-\x1f\x7f]|\.\.|//|@\{")
_GITHUB_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]+$")


def start_notebook() -> str:
    """The notebook a class opens first: the start page if it exists, else notebook 01."""
    start = "notebooks/00_start_here.ipynb"
    return start if (build.ROOT / start).exists() else "notebooks/01_origins.ipynb"


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {type(value).__name__}")
    if not value.strip() or value != value.strip() or any(c.isspace() for c in value):
        raise ValueError(f"{name} must be non-empty and contain no spaces; got {value!r}")
    return value


def check_branch(branch: object) -> str:
    """A branch or tag name git accepts (no spaces, no '..', not starting with '-' or '/')."""
    branch = _check_text("branch", branch)
    if (_BRANCH_FORBIDDEN.search(branch) or branch.startswith(("-", "/", "."))
            or branch.endswith(("/", ".", ".lock")) or branch == "@"):
        raise ValueError(f"branch must be a git branch or tag name such as 'main'; got {branch!r}")
    return branch


def check_hub(hub: object) -> str:
    """A JupyterHub address: ``http(s)://host[/prefix]``, returned without a trailing slash."""
    hub = _check_text("hub", hub)
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"hub must be the hub's address, like https://hub.example.edu; got {hub!r}")
    return hub.rstrip("/")


def check_git_url(repo: object) -> str:
    """A git repository address a hub can clone: ``https://host/OWNER/REPO`` (http, https or file)."""
    repo = _check_text("repo", repo)
    parts = urlsplit(repo)
    if parts.scheme not in ("http", "https", "file") or parts.query or parts.fragment or not parts.path.strip("/"):
        raise ValueError(f"repo must be the repository's address, like https://github.com/OWNER/REPO; got {repo!r}")
    if parts.scheme != "file" and (not parts.hostname or parts.path.strip("/").count("/") < 1):
        raise ValueError(f"repo must be the repository's address, like https://github.com/OWNER/REPO; got {repo!r}")
    return repo


def check_notebook(notebook: object) -> str:
    """A relative path inside the repository (``notebooks/01_origins.ipynb``), no '..'."""
    notebook = _check_text("notebook", notebook)
    path = PurePosixPath(notebook)
    if path.is_absolute() or ".." in path.parts or "\\" in notebook or not path.parts:
        raise ValueError(f"notebook must be a path inside the repository, like notebooks/01_origins.ipynb; got {notebook!r}")
    return str(path)


def check_targetpath(targetpath: object) -> str:
    """A folder path relative to the student's home (``spring-course``), no '..'."""
    targetpath = _check_text("targetpath", targetpath)
    path = PurePosixPath(targetpath)
    if path.is_absolute() or ".." in path.parts or "\\" in targetpath or str(path) in ("", "."):
        raise ValueError(f"targetpath must be a folder inside the student's home, like spring-course; got {targetpath!r}")
    return str(path)


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the last part of its address (as nbgitpuller names it)."""
    return repo.rstrip("/").split("/")[-1]


def nbgitpuller_link(hub: str, repo: str, branch: str, notebook: str | None = None,
                     targetpath: str | None = None) -> str:
    """The nbgitpuller link that syncs ``repo`` at ``branch`` into a student's hub home and opens ``notebook``.

    ``targetpath``: the folder to pull into (default: named after the repository)."""
    hub, repo, branch = check_hub(hub), check_git_url(repo), check_branch(branch)
    notebook = check_notebook(start_notebook() if notebook is None else notebook)
    fields = {"repo": repo, "branch": branch}
    if targetpath is not None:
        fields["targetpath"] = check_targetpath(targetpath)
    folder = repo_folder(repo) if targetpath is None else fields["targetpath"]
    query = urlencode({**fields, "urlpath": f"lab/tree/{folder}/{notebook}"})
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def binder_link(repo: str, branch: str = "HEAD", voila: bool = False) -> str:
    """The mybinder.org link for GitHub ``OWNER/REPO``: JupyterLab at the start notebook, or the sandbox in Voilà."""
    repo = _check_text("repo", repo)
    if not _GITHUB_REPO.match(repo):
        raise ValueError(f"repo must be a GitHub repository as OWNER/REPO, like scs-teaching-kit/scs-teaching-kit; got {repo!r}")
    branch = check_branch(branch)
    if not isinstance(voila, bool):
        raise TypeError(f"voila must be True or False; got {type(voila).__name__}")
    urlpath = f"voila/render/{SANDBOX}" if voila else f"lab/tree/{start_notebook()}"
    return f"{BINDER}/v2/gh/{repo}/{quote(branch, safe='')}?urlpath={quote(urlpath, safe='/')}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.course.links",
                                     description="Print a link that hands the kit to a class.")
    commands = parser.add_subparsers(dest="command", required=True)
    hub = commands.add_parser("nbgitpuller", help="a JupyterHub link that pulls the kit and opens a notebook")
    hub.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    hub.add_argument("--repo", required=True, help="the kit's git address, e.g. https://github.com/OWNER/REPO")
    hub.add_argument("--branch", required=True, help="the branch students pull, e.g. main")
    hub.add_argument("--notebook", default=None,
                     help=f"the notebook to open, relative to the repository (default: {start_notebook()})")
    hub.add_argument("--targetpath", default=None,
                     help="the folder to pull into, relative to the student's home (default: the repository's name)")
    binder = commands.add_parser("binder", help="a mybinder.org link")
    binder.add_argument("--repo", required=True, help="the GitHub repository as OWNER/REPO")
    binder.add_argument("--branch", default="HEAD", help="branch, tag or commit (default: HEAD)")
    binder.add_argument("--voila", action="store_true", help=f"open {SANDBOX} as a Voilà app instead of JupyterLab")
    args = parser.parse_args(argv)
    try:
        if args.command == "nbgitpuller":
            print(nbgitpuller_link(args.hub, args.repo, args.branch, args.notebook, args.targetpath))
        else:
            print(binder_link(args.repo, args.branch, args.voila))
    except (TypeError, ValueError) as error:
        parser.error(str(error))  # prints usage and the message, exits with status 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
