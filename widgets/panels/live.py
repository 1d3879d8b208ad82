"""Live panels: native, labelled controls and one Vega view that is updated in place.

A ``LivePanel`` declares its controls (from ``controls.py``: ``Slider``, ``Number``, ``Select``,
``Radio``, ``Checkbox``, ``Button``; ``Text``, ``Slot``, ``Group``, ``Row`` for layout; re-exported
here), builds its chart ONCE as an Altair skeleton whose data are named datasets
(``alt.Data(name=...)``) and whose purely visual settings are parameters, and implements
``compute(values) -> Update``: the key numbers, the description sentence and the new rows of each
named dataset. The front-end (``frontend/panel.js``, an anywidget module) draws the controls, sends
their values, compiles the skeleton's Vega-Lite to Vega once, and redraws the same Vega view with
the rows it gets back; parameters bound to a control (``local_params``) move in the browser at once.

Vega and the Vega-Lite compiler come from ``frontend/dist/vega-lib.min.js`` (built from npm
packages, committed), sent once per kernel, gzipped, by one ``VegaLibrary`` widget that every panel
refers to; the kernel never starts a JavaScript runtime of its own. Bad input never raises out of
a widget callback: ``compute`` raises ``ValueError``/``TypeError`` and the panel shows the message
(role=alert), keeping the last good numbers and chart.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import altair as alt
import anywidget
import ipywidgets as ipw
import numpy as np
import pandas as pd
import traitlets

from .. import charts
from .ahead import LookAhead
from .controls import (
    VALUED, Button, ButtonRef, Checkbox, ControlRef, Group, Number, Radio, Row, Select, Slider, Slot, SlotRef, Text,
    to_json, walk,
)

__all__ = ["BUNDLE", "FRONTEND", "VALUED", "Button", "ButtonRef", "Checkbox", "ControlRef", "Group", "LivePanel",
           "Number", "PanelWidget", "Radio", "Row", "Select", "Slider", "Slot", "SlotRef", "StaticChart", "Text",
           "Update", "VegaLibrary", "columns", "plain_text", "records", "to_json", "vega_library", "walk"]

FRONTEND = Path(__file__).resolve().parent / "frontend"
BUNDLE = FRONTEND / "dist" / "vega-lib.min.js"


# --------------------------------------------------------------------------- one update


@dataclass
class Update:
    """What ``compute`` returns for one setting of the controls."""

    numbers: str                                  # key numbers (HTML, the kit's own markup)
    description: str                              # one plain sentence describing the chart
    data: dict[str, pd.DataFrame]                 # rows of each named dataset of the chart
    title: str = ""                               # the chart's title in this state (for its label)
    params: dict[str, Any] = field(default_factory=dict)   # chart parameters set from Python
    slots: dict[str, str] = field(default_factory=dict)    # HTML for the panel's Slot items
    info: str = ""                                # a neutral note (not an error), plain text


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (NaN -> null, dates as ISO strings, categories as strings)."""
    return json.loads(frame.to_json(orient="records", date_format="iso"))


def columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """Columns as JSON-ready lists (what a live update sends: half the size of rows, and faster).

    Missing values become null, dates ISO strings, categories and text strings; the front-end
    turns the columns back into rows.
    """
    out: dict[str, list[Any]] = {}
    for name in frame.columns:
        column = frame[name]
        dtype = column.dtype
        if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
            out[str(name)] = column.tolist()
        elif pd.api.types.is_float_dtype(dtype):
            array = column.to_numpy(dtype=float)
            out[str(name)] = np.where(np.isnan(array), None, array).tolist()
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            out[str(name)] = [None if pd.isna(v) else v.isoformat() for v in column]
        else:
            out[str(name)] = [None if v is None or (isinstance(v, float) and np.isnan(v)) else
                              (v if isinstance(v, (bool, int, float)) else str(v)) for v in column.tolist()]
    return out


def plain_text(markup: str) -> str:
    """Markup as the plain sentence a reader sees."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


# --------------------------------------------------------------------------- widgets


class VegaLibrary(ipw.Widget):
    """The Vega bundle, gzipped, as one widget model per kernel; panels refer to it by id."""

    version = traitlets.Unicode().tag(sync=True)
    bundle = traitlets.Bytes().tag(sync=True)


@cache
def _packed_bundle() -> tuple[str, bytes]:
    source = BUNDLE.read_bytes()
    return hashlib.sha256(source).hexdigest()[:16], gzip.compress(source, compresslevel=9, mtime=0)


_library: VegaLibrary | None = None


def vega_library() -> VegaLibrary:
    """The kernel's one VegaLibrary widget (made again if it was closed)."""
    global _library
    if _library is None or _library.comm is None:
        version, packed = _packed_bundle()
        _library = VegaLibrary(version=version, bundle=packed)
    return _library


class PanelWidget(anywidget.AnyWidget):
    """The live panel in the browser (see frontend/panel.js)."""

    _esm = (FRONTEND / "panel.js").read_text(encoding="utf-8")
    _css = (FRONTEND / "panel.css").read_text(encoding="utf-8")
    library = traitlets.Unicode().tag(sync=True)
    title = traitlets.Unicode().tag(sync=True)
    note = traitlets.Unicode().tag(sync=True)
    css_class = traitlets.Unicode().tag(sync=True)
    controls = traitlets.List().tag(sync=True)
    beside_chart = traitlets.List().tag(sync=True)   # Slot items drawn to the right of the chart
    spec = traitlets.Dict().tag(sync=True)           # the chart's Vega-Lite skeleton (compiled in the browser)
    local_params = traitlets.Dict().tag(sync=True)
    # no echo of the values the front-end sends: it already shows them, and the echo would be one
    # more kernel message before the result (ipywidgets 8 echoes every synced trait by default)
    values = traitlets.Dict().tag(sync=True, echo_update=False)
    result = traitlets.Dict().tag(sync=True)


class StaticChart:
    """A chart spec shown through the kit's renderer (Vega-Lite, SVG and text): a static companion."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.spec))

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        return charts.kit_renderer(self.to_dict())


# --------------------------------------------------------------------------- the panel


class LivePanel:
    """Base class of a live panel. Subclasses call ``super().__init__`` with their controls and
    implement ``compute(values) -> Update`` and ``chart(first) -> Altair skeleton``."""

    css_class = "kit-panel"
    local_params: ClassVar[dict[str, str]] = {}   # chart parameter -> the control that moves it
    # results one key press away, sent ahead (ahead.py): attributes linked()/clicked() set and compute()
    # reads (restored after each look-ahead), and buttons whose clicked() only sets those
    look_ahead: ClassVar[bool] = True
    ahead_state: ClassVar[tuple[str, ...]] = ()
    ahead_buttons: ClassVar[tuple[str, ...]] = ()

    def __init__(self, title: str, controls: list[Any], note: str, *, beside_chart: list[Slot] | None = None) -> None:
        self.title, self.note = title, note
        self.controls = tuple(controls)
        self.beside_chart = tuple(beside_chart or ())
        self._kinds = {c.name: c for c in walk(self.controls) if isinstance(c, VALUED)}
        self._slots = {c.name for c in walk(self.controls + self.beside_chart) if isinstance(c, Slot)}
        self._values: dict[str, Any] = {name: c.value for name, c in self._kinds.items()}
        first = self.compute(dict(self._values))   # the default state must be valid
        self._first = self._last = first
        self._seq = 0
        # What the front-end's next values are compared with to find what the user changed (see
        # _values_changed): the last values it sent, and the values Python showed it, by sequence number.
        self._received: tuple[int, dict[str, Any]] = (0, dict(self._values))
        self._shown: dict[int, dict[str, Any]] = {0: dict(self._values)}
        self._message = ""
        self._notice: tuple[str, str] | None = None
        skeleton = self.chart(first)
        self._skeleton_spec = skeleton.to_dict()
        self.widget = PanelWidget(
            library=f"IPY_MODEL_{vega_library().model_id}", title=title, note=note, css_class=self.css_class,
            controls=[to_json(c) for c in self.controls], beside_chart=[to_json(c) for c in self.beside_chart],
            spec=self._skeleton_spec,
            local_params=dict(self.local_params), values={**self._values, "_seq": 0},
            result=self._payload(first))
        self.widget.observe(self._values_changed, names="values")
        self.widget.on_msg(self._custom_message)
        self._ahead = LookAhead(self)   # started by the front-end's "ahead" message when a view is drawn

    # --- subclasses implement these ----------------------------------------------------
    def compute(self, values: dict[str, Any]) -> Update:
        """The numbers, description and chart rows for ``values``; ValueError/TypeError for bad input."""
        raise NotImplementedError

    def chart(self, first: Update) -> alt.TopLevelMixin:
        """The chart skeleton, built once: named datasets (``alt.Data(name=...)``) and parameters."""
        raise NotImplementedError

    def clicked(self, name: str) -> None:
        """A button was pressed (override in panels with buttons; the panel refreshes after it)."""

    def linked(self, values: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        """Values that follow others (e.g. a menu that follows a slider); returns the values to show."""
        return values

    def button(self, name: str) -> ButtonRef:
        """The button called ``name``."""
        if name not in {b.name for b in walk(self.controls) if isinstance(b, Button)}:
            raise KeyError(f"unknown button {name!r}")
        return ButtonRef(self, name)

    def notify(self, text: str, *, error: bool = False) -> None:
        """Show a one-off note (``error=True``: in the alert area) after a button's action."""
        self._notice = ("message" if error else "info", text)

    def slot(self, name: str) -> SlotRef:
        """The slot called ``name`` (the HTML that ``compute`` puts there)."""
        if name not in self._slots:
            raise KeyError(f"unknown slot {name!r}; this panel has {', '.join(sorted(self._slots)) or 'none'}")
        return SlotRef(self, name)

    def control(self, name: str) -> ControlRef:
        """The control called ``name``, to read or set as a user would."""
        if name not in self._kinds:
            raise KeyError(f"unknown control {name!r}; this panel has {', '.join(self._kinds)}")
        return ControlRef(self, name)

    # --- state -----------------------------------------------------------------------
    @property
    def values(self) -> dict[str, Any]:
        """The values now set in the controls (including a bad one that is being reported)."""
        return dict(self._values)

    @property
    def numbers(self) -> str:
        """The key numbers (HTML) of the last good state."""
        return self._last.numbers

    @property
    def description(self) -> str:
        return self._last.description

    @property
    def message(self) -> str:
        """The message shown for a bad value ('' when the values are good)."""
        return self._message

    @property
    def last(self) -> Update:
        """The last good update (what the panel shows)."""
        return self._last

    def summary(self) -> str:
        """The key numbers as one plain-text sentence."""
        return plain_text(self._last.numbers)

    def set(self, **values: Any) -> bool:
        """Set controls as a user would (then the panel updates); False if a value is refused."""
        unknown = sorted(set(values) - set(self._kinds))
        if unknown:
            raise KeyError(f"unknown control(s) {', '.join(unknown)}; this panel has {', '.join(self._kinds)}")
        old = dict(self._values)
        self._values = self.linked({**self._values, **values}, set(values))
        ok = self.refresh()
        self._show_values()
        self._ahead.schedule(old, set(values))
        return ok

    def _show_values(self) -> None:
        """Send the values to the front-end (when Python, not the user, changed them)."""
        self.widget.unobserve(self._values_changed, names="values")
        try:
            self.widget.values = {**self._values, "_seq": self._seq}
            self._shown = {**dict(list(self._shown.items())[-7:]), self._seq: dict(self._values)}
        finally:
            self.widget.observe(self._values_changed, names="values")

    def refresh(self) -> bool:
        """Recompute for the current values; on bad input show the message, keep the last good state."""
        try:
            update = self.compute(dict(self._values))
        except (ValueError, TypeError) as error:
            self._message = str(error)
            self.widget.result = {**self.widget.result, "ok": False, "message": self._message, "seq": self._seq}
            return False
        self._message = ""
        self._last = update
        payload = self._payload(update)
        if self._notice:
            kind, text = self._notice
            self._notice = None
            payload[kind] = text
            if kind == "message":
                self._message = text
        self.widget.result = payload
        return True

    def static_chart(self) -> StaticChart:
        """The chart of the panel's default state (Vega-Lite with its data inline, SVG, text)."""
        return self._chart_for(self._first)

    def _chart_for(self, update: Update) -> StaticChart:
        spec = json.loads(json.dumps(self._skeleton_spec))
        spec["datasets"] = {**spec.get("datasets", {}),
                            **{name: records(frame) for name, frame in update.data.items()}}
        spec["description"] = update.description
        for param in spec.get("params", []):
            if param.get("name") in update.params:
                param["value"] = update.params[param["name"]]
        return StaticChart(spec)

    # --- plumbing ----------------------------------------------------------------------
    def _payload(self, update: Update) -> dict[str, Any]:
        label = f"Chart: {update.title}. {update.description}" if update.title else f"Chart. {update.description}"
        return {"ok": True, "seq": self._seq, "message": "", "info": update.info, "numbers": update.numbers,
                "description": update.description, "chart_label": label,
                "data": {name: columns(frame) for name, frame in update.data.items()},
                "params": update.params, "slots": update.slots}

    def _values_changed(self, change: Mapping[str, Any]) -> None:
        new = dict(change["new"])
        self._seq = int(new.pop("_seq", self._seq) or 0)
        sent = {k: v for k, v in new.items() if k in self._kinds}
        # What the user changed: against the values Python showed, if the front-end had adopted them
        # (``_echo``: the sequence number of the values it adopted) since its last message, else against
        # its last message. Not against Python's own values: a message sent before Python's answer
        # arrived still holds the old value of a control Python moved (a menu that follows a slider),
        # and that must not count as the user choosing it again.
        echo = int(new.pop("_echo", 0) or 0)
        last_seq, last_sent = self._received
        base = self._shown[echo] if echo >= last_seq and echo in self._shown else last_sent
        changed = {k for k, v in sent.items() if base.get(k) != v}
        self._received = (self._seq, sent)
        old, before = dict(self._values), {**self._values, **sent}
        self._values = self.linked(dict(before), changed)
        self.refresh()
        if self._values != before:   # Python moved other controls: show them
            self._show_values()
        self._ahead.schedule(old, changed)

    def _custom_message(self, _widget: Any, content: Mapping[str, Any], _buffers: Any) -> None:
        if isinstance(content, Mapping) and content.get("type") == "click":
            self._seq = int(content.get("seq") or self._seq)
            self._click(str(content.get("name")))
        elif isinstance(content, Mapping) and content.get("type") == "ahead":   # a new view asks for it
            self._ahead.schedule()

    def _click(self, name: str) -> None:
        self.clicked(name)
        self.refresh()
        self._show_values()
        self._ahead.schedule()

    def current_chart(self) -> StaticChart:
        """The chart as it stands now (the skeleton with the current rows, parameters and description)."""
        return self._chart_for(self._last)

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        data, metadata = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.summary()
        return data, metadata
