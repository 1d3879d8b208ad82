"""The controls a live panel declares, and how Python code reads and moves them.

Declarations (frozen dataclasses, sent to the front-end as JSON by ``to_json``): ``Slider``,
``Number``, ``Select``, ``Radio``, ``Checkbox`` and ``Button``; ``Text``, ``Slot``, ``Group`` and
``Row`` for layout. ``ControlRef``, ``ButtonRef`` and ``SlotRef`` are a panel's controls as Python
code and tests see them (``panel.control(name).value = 3`` moves a control as a user would).
The panel itself is ``widgets.panels.live.LivePanel``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .live import LivePanel


@dataclass(frozen=True)
class Slider:
    """A range input (arrow keys step it) with a visible label; ``box_label`` adds a number box bound to it."""

    name: str
    label: str
    unit: str
    min: float
    max: float
    step: float
    value: float
    decimals: int = 0
    unit_text: str | None = None    # how the value is read out (aria-valuetext), e.g. "points"
    display_scale: float = 1        # shown and read out as value x this (e.g. 100 for a share as %)
    box_label: str | None = None
    help: str | None = None
    kind: ClassVar[str] = "slider"


@dataclass(frozen=True)
class Number:
    """A number box (the value is sent on Enter, on leaving the box, or on an arrow-key step)."""

    name: str
    label: str
    unit: str
    value: float
    min: float | None = None
    max: float | None = None
    step: float | None = None
    kind: ClassVar[str] = "number"


@dataclass(frozen=True)
class Select:
    """A drop-down list of (label, value) options."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    value: Any
    unit: str = ""
    kind: ClassVar[str] = "select"


@dataclass(frozen=True)
class Radio:
    """A group of radio buttons (arrow keys move between them); ``value`` None = nothing chosen."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    value: Any = None
    tooltips: tuple[str, ...] | None = None
    help: str | None = None          # a sentence shown in the group and read as its description
    kind: ClassVar[str] = "radio"


@dataclass(frozen=True)
class Checkbox:
    """A checkbox with its label (Space ticks it)."""

    name: str
    label: str
    value: bool
    kind: ClassVar[str] = "checkbox"


@dataclass(frozen=True)
class Button:
    """A push button; a click calls the panel's ``clicked(name)``."""

    name: str
    label: str
    primary: bool = False
    tooltip: str | None = None
    kind: ClassVar[str] = "button"


@dataclass(frozen=True)
class Text:
    """Fixed explanatory HTML among the controls (the kit's own markup, never user input)."""

    html: str
    kind: ClassVar[str] = "html"


@dataclass(frozen=True)
class Slot:
    """HTML that ``compute`` fills (``Update.slots[name]``), e.g. feedback under a question."""

    name: str
    html: str = ""
    kind: ClassVar[str] = "slot"


@dataclass(frozen=True)
class Group:
    """Controls that belong together, in a fieldset whose legend names them."""

    label: str
    items: tuple[Any, ...]
    kind: ClassVar[str] = "group"


@dataclass(frozen=True)
class Row:
    """Controls side by side (wrapping on a narrow screen)."""

    items: tuple[Any, ...]
    kind: ClassVar[str] = "row"


VALUED = (Slider, Number, Select, Radio, Checkbox)


def walk(items: tuple | list) -> Iterator[Any]:
    """Every control and layout item, depth first."""
    for item in items:
        yield item
        if isinstance(item, (Group, Row)):
            yield from walk(item.items)


def to_json(item: Any) -> dict[str, Any]:
    """The declaration the front-end reads."""
    if isinstance(item, (Group, Row)):
        data = {"label": item.label} if isinstance(item, Group) else {}
        return {"kind": item.kind, **data, "items": [to_json(i) for i in item.items]}
    return {"kind": item.kind, **_jsonable(asdict(item))}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


class SlotRef:
    """A slot of a live panel as Python code sees it: the HTML it shows now (read only)."""

    def __init__(self, panel: LivePanel, name: str) -> None:
        self._panel, self.name = panel, name

    @property
    def value(self) -> str:
        return self._panel.last.slots.get(self.name, "")


class ButtonRef:
    """A button of a live panel: ``click()`` does what a click in the browser does."""

    def __init__(self, panel: LivePanel, name: str) -> None:
        self._panel, self.name = panel, name

    def click(self) -> None:
        self._panel._click(self.name)


class ControlRef:
    """One control of a live panel as Python code sees it: read or set its value as a user would."""

    def __init__(self, panel: LivePanel, name: str) -> None:
        self._panel, self.name = panel, name

    @property
    def value(self) -> Any:
        return self._panel.values[self.name]

    @value.setter
    def value(self, new: Any) -> None:
        self._panel.set(**{self.name: new})

    @property
    def description(self) -> str:
        """The control's visible label."""
        return self._panel._kinds[self.name].label

    @property
    def options(self) -> list[tuple[str, Any]]:
        """The (label, value) options of a Select or Radio control."""
        return [tuple(o) for o in getattr(self._panel._kinds[self.name], "options", ())]

    def __repr__(self) -> str:
        return f"<control {self.name}={self.value!r}>"
