"""Class-deployment links: nbgitpuller (JupyterHub) and Binder."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.course import build, links

HUB = "https://hub.example.edu"
REPO = "https://github.com/OWNER/REPO"


def query(link: str) -> dict[str, str]:
    parsed = parse_qs(urlsplit(link).query, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values())
    return {k: v[0] for k, v in parsed.items()}


@pytest.fixture
def kit_without_start_page(tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01_origins.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(build, "ROOT", tmp_path)
    return tmp_path


# --- nbgitpuller ------------------------------------------------------------------------------
def test_nbgitpuller_link_has_the_documented_shape():
    link = links.nbgitpuller_link(HUB, REPO, "main", "notebooks/01_origins.ipynb")
    assert link == ("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2FREPO"
                    "&branch=main&urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2F01_origins.ipynb")
    assert query(link) == {"repo": REPO, "branch": "main", "urlpath": "lab/tree/REPO/notebooks/01_origins.ipynb"}


def test_hub_under_a_path_prefix_and_trailing_slash():
    link = links.nbgitpuller_link("https://uni.example.edu/jupyter/", REPO, "spring-2026")
    assert link.startswith("https://uni.example.edu/jupyter/hub/user-redirect/git-pull?")
    assert query(link)["branch"] == "spring-2026"


def test_default_notebook_is_the_start_page_when_it_exists(tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_start_here.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(build, "ROOT", tmp_path)
    assert query(links.nbgitpuller_link(HUB, REPO, "main"))["urlpath"] == "lab/tree/REPO/notebooks/00_start_here.ipynb"


def test_default_notebook_falls_back_to_01(kit_without_start_page):
    assert query(links.nbgitpuller_link(HUB, REPO, "main"))["urlpath"] == "lab/tree/REPO/notebooks/01_origins.ipynb"


def test_folder_is_named_as_nbgitpuller_names_it():
    # nbgitpuller 1.3.0 clones into the last part of the address, a ".git" suffix included
    assert query(links.nbgitpuller_link(HUB, REPO + ".git", "main", "notebooks/x.ipynb"))["urlpath"] == \
        "lab/tree/REPO.git/notebooks/x.ipynb"
    assert links.repo_folder(REPO + "/") == "REPO"


@pytest.mark.parametrize("hub", ["hub.example.edu", "ftp://hub.example.edu", "https://", "https://hub.example.edu?x=1", ""])
def test_bad_hub_is_refused(hub):
    with pytest.raises(ValueError, match="^hub must"):
        links.nbgitpuller_link(hub, REPO, "main")


@pytest.mark.parametrize("repo", ["github.com/OWNER/REPO", "https://github.com", "https://github.com/OWNER", "OWNER/REPO",
                                  "https://github.com/OWNER/REPO?tab=readme", "https://github.com/O W/REPO", "file://", "file:///"])
def test_bad_repo_is_refused(repo):
    with pytest.raises(ValueError, match="^repo must"):
        links.nbgitpuller_link(HUB, repo, "main")


@pytest.mark.parametrize("branch", ["", "a b", "a..b", "-x", "x/", "x.lock", "a:b", "a~1", "@"])
def test_bad_branch_is_refused(branch):
    with pytest.raises(ValueError, match="^branch must"):
        links.nbgitpuller_link(HUB, REPO, branch)


@pytest.mark.parametrize("notebook", ["/etc/passwd", "../other/x.ipynb", "notebooks/../../x.ipynb", "a\\b.ipynb", " "])
def test_bad_notebook_is_refused(notebook):
    with pytest.raises(ValueError, match="^notebook must"):
        links.nbgitpuller_link(HUB, REPO, "main", notebook)


@given(st.sampled_from(["hub", "repo", "branch", "notebook"]),
       st.one_of(st.integers(), st.floats(), st.binary(), st.lists(st.text())))
def test_non_text_input_names_the_parameter(name, value):
    args = {"hub": HUB, "repo": REPO, "branch": "main", "notebook": "notebooks/01_origins.ipynb", name: value}
    with pytest.raises(TypeError, match=f"^{name} must be a string"):
        links.nbgitpuller_link(**args)


@given(st.text(min_size=1))
def test_any_typed_hub_gives_a_link_or_a_message_naming_hub(hub):
    try:
        link = links.nbgitpuller_link(hub, REPO, "main", "notebooks/01_origins.ipynb")
    except (TypeError, ValueError) as error:
        assert str(error).startswith("hub must")
    else:
        assert link.startswith(hub.rstrip("/") + "/hub/user-redirect/git-pull?")


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}(/[A-Za-z0-9_-]{1,15}){0,2}", fullmatch=True),
       st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True).filter(lambda n: not n.endswith((".", ".lock"))))
def test_branch_and_repo_name_round_trip(branch, name):
    repo = f"https://git.example.edu/teaching/{name}"
    q = query(links.nbgitpuller_link(HUB, repo, branch, "notebooks/01_origins.ipynb"))
    assert q == {"repo": repo, "branch": branch, "urlpath": f"lab/tree/{name}/notebooks/01_origins.ipynb"}


# --- Binder -----------------------------------------------------------------------------------
def test_binder_link_opens_lab_at_the_start_notebook():
    assert links.binder_link("OWNER/REPO") == \
        f"https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=lab/tree/{links.start_notebook()}"


def test_binder_link_falls_back_to_01(kit_without_start_page):
    assert links.binder_link("OWNER/REPO", "main") == \
        "https://mybinder.org/v2/gh/OWNER/REPO/main?urlpath=lab/tree/notebooks/01_origins.ipynb"


def test_binder_voila_link_opens_the_sandbox():
    assert links.binder_link("OWNER/REPO", "v1.0", voila=True) == \
        "https://mybinder.org/v2/gh/OWNER/REPO/v1.0?urlpath=voila/render/notebooks/sandbox.ipynb"


def test_binder_branch_with_a_slash_is_escaped():
    assert "/v2/gh/OWNER/REPO/term%2Fspring?" in links.binder_link("OWNER/REPO", "term/spring")


@pytest.mark.parametrize("repo", ["OWNER", "https://github.com/OWNER/REPO", "OWNER/REPO/extra", "OWNER/RE PO", "/REPO"])
def test_binder_bad_repo_is_refused(repo):
    with pytest.raises(ValueError, match="^repo must"):
        links.binder_link(repo)


def test_binder_voila_must_be_a_flag():
    with pytest.raises(TypeError, match="^voila must be True or False"):
        links.binder_link("OWNER/REPO", voila="yes")


# --- command line -----------------------------------------------------------------------------
def test_cli_prints_an_nbgitpuller_link(capsys):
    assert links.main(["nbgitpuller", "--hub", HUB, "--repo", REPO, "--branch", "main",
                       "--notebook", "notebooks/01_origins.ipynb"]) == 0
    assert capsys.readouterr().out == links.nbgitpuller_link(HUB, REPO, "main", "notebooks/01_origins.ipynb") + "\n"


def test_cli_prints_binder_links(capsys):
    assert links.main(["binder", "--repo", "OWNER/REPO", "--voila"]) == 0
    assert capsys.readouterr().out.strip().endswith("?urlpath=voila/render/notebooks/sandbox.ipynb")


def test_cli_bad_input_is_a_message_not_a_traceback(capsys):
    with pytest.raises(SystemExit) as exit_:
        links.main(["nbgitpuller", "--hub", "hub.example.edu", "--repo", REPO, "--branch", "main"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "error: hub must be the hub's address" in err and "Traceback" not in err


# --- a target folder of another name (nbgitpuller's targetpath) --------------------------------
def test_targetpath_names_the_folder_to_pull_into_and_to_open():
    q = query(links.nbgitpuller_link(HUB, REPO, "main", "notebooks/01_origins.ipynb", "spring-course"))
    assert q == {"repo": REPO, "branch": "main", "targetpath": "spring-course",
                 "urlpath": "lab/tree/spring-course/notebooks/01_origins.ipynb"}


def test_without_targetpath_the_link_names_none():
    assert "targetpath" not in query(links.nbgitpuller_link(HUB, REPO, "main"))


@pytest.mark.parametrize("targetpath", ["/home/jovyan/x", "../x", "a/../../x", ".", "a\\b", " x", ""])
def test_bad_targetpath_is_refused(targetpath):
    with pytest.raises(ValueError, match="^targetpath must"):
        links.nbgitpuller_link(HUB, REPO, "main", targetpath=targetpath)


def test_cli_passes_targetpath(capsys):
    assert links.main(["nbgitpuller", "--hub", HUB, "--repo", REPO, "--branch", "main",
                       "--targetpath", "courses/scs"]) == 0
    assert query(capsys.readouterr().out.strip())["urlpath"] == f"lab/tree/courses/scs/{links.start_notebook()}"
