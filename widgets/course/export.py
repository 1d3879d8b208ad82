"""Offline copies of the executed notebooks: one HTML page per notebook, one slide deck per session.

    python -m widgets.course.export html [NN ...]   # instructor/dist/html/NN_topic.html
    python -m widgets.course.export slides [--schedule 3x90]   # instructor/dist/slides/3x90-session-N.html, ...

Pages carry no JavaScript and load nothing from elsewhere (``widgets.course.offline``); the decks,
one per session of each schedule of the course map, are made by ``widgets.course.slides``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from .. import course_map
from . import slides
from .build import ROOT
from .offline import OfflineOutputs, checked, exporter, strip_css_comments, stylesheet

NOTEBOOK_DIR = ROOT / "notebooks"
HTML_DIR = ROOT / "instructor" / "dist" / "html"


def html_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with the kit's offline template and ``OfflineOutputs``."""
    page = exporter(HTMLExporter, "kit_offline.html.j2")
    page.register_preprocessor(OfflineOutputs(), enabled=True)
    return page


def notebooks(prefixes: Sequence[str] | None = None, folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The executed notebooks ``NN_topic.ipynb`` in ``folder``, optionally only those starting with ``prefixes``."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if prefixes:
        unknown = [p for p in prefixes if not any(nb.name.startswith(p) for nb in found)]
        if unknown:
            raise ValueError(f"prefixes {unknown} match no notebook in {folder}; "
                             f"available: {[nb.name for nb in found]}")
        found = [nb for nb in found if any(nb.name.startswith(p) for p in prefixes)]
    return found


def export_html(notebook: Path, out_dir: Path = HTML_DIR) -> Path:
    """Write ``out_dir/NN_topic.html``: one self-contained page, no JavaScript, no network."""
    nb = nbformat.read(notebook, as_version=4)
    note = (f"Offline copy of the notebook {notebook.name} from the teaching kit. Charts are static pictures "
            "with a text description; live panels appear in their default state. Open the notebook in "
            "Jupyter to run the code, move the controls and check your answers.")
    body, _ = html_exporter().from_notebook_node(
        nb, resources={"metadata": {"name": notebook.stem}, "kit": {"css": stylesheet("kit.css"), "note": note}})
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{notebook.stem}.html"
    path.write_text(checked(strip_css_comments(body), path.name), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.course.export", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    html_cmd = sub.add_parser("html", help="one self-contained HTML page per notebook")
    html_cmd.add_argument("prefixes", nargs="*", help="notebook numbers, e.g. 01 03 (default: all)")
    html_cmd.add_argument("--out", type=Path, default=HTML_DIR)
    slides_cmd = sub.add_parser("slides", help="one reveal.js deck per teaching session of each schedule")
    slides_cmd.add_argument("--out", type=Path, default=slides.SLIDES_DIR)
    slides_cmd.add_argument("--schedule", action="append", choices=sorted(course_map.load_map().schedules),
                            help="only this schedule of instructor/course.yml (default: all; may be repeated)")
    args = parser.parse_args(argv)
    try:
        if args.command == "html":
            written = [export_html(nb, args.out) for nb in notebooks(args.prefixes)]
        else:
            written = slides.export_all({nb.name[:2]: nb for nb in notebooks()}, args.out, args.schedule)
    except (ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not written:
        print(f"error: no executed notebooks in {NOTEBOOK_DIR}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
