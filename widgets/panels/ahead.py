"""Results one key press ahead: what a live panel shows before the kernel answers.

After each update, once the kernel is idle, a panel computes the result of every setting one key
press away from the current one (a slider's next step either way, a box ticked or cleared, a menu's
or a radio group's neighbouring option) with its own ``compute`` and sends them to the front-end in
one custom message. When the user makes one of those changes, the front-end draws that result at
once, while the kernel computes it again; the kernel's answer is the same, so it changes nothing on
screen and only confirms. Python computes every number either way: this moves the kernel's round
trip (20 ms and more in JupyterLab) out of the time between a key and its frame.

Each setting carries only the datasets, parameters and slots that differ from the current result,
and the values after ``linked`` when that moves another control. The control changed last comes
first; the kernel stops after ``MAX_COMPUTE_S`` of computing or ``MAX_BYTES`` of message, and starts
only after ``DELAY_S`` of quiet, so that a drag's moves never wait behind it. A panel whose
``linked`` or ``clicked`` sets attributes that ``compute`` reads names them in ``ahead_state`` (they
are put back after each look-ahead); buttons whose ``clicked`` only sets such attributes can be
named in ``ahead_buttons``. ``look_ahead = False`` turns it off for a panel, ``KIT_LOOK_AHEAD=0``
for the kernel.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import os
import time
from collections.abc import Callable, Collection
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .controls import Checkbox, Radio, Select, Slider

if TYPE_CHECKING:
    from .live import LivePanel

DELAY_S = 0.03          # wait this long after an update before looking ahead (a drag's next move comes first)
MAX_COMPUTE_S = 0.03    # stop computing settings after this much kernel time per update
MAX_BYTES = 64_000      # and after this much message


def slider_step(control: Slider, value: Any, direction: int) -> int | float | None:
    """The value a browser's range input takes one arrow key from ``value`` (None at either end, or
    off the grid). Decimal arithmetic, as the browser's, so 0.1 + 0.2 is 0.3; whole numbers as int,
    as the front-end sends them."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        low, step, now = Decimal(str(control.min)), Decimal(str(control.step)), Decimal(str(value))
        high = Decimal(str(control.max))
    except InvalidOperation:
        return None
    if step <= 0 or (now - low) % step != 0:
        return None
    new = now + step * direction
    if new < low or new > high:
        return None
    return int(new) if new == new.to_integral_value() else float(new)


def key_values(control: Any, value: Any) -> list[Any]:
    """The values one key press takes ``control`` to from ``value``, in the order tried."""
    if isinstance(control, Slider):
        return [v for v in (slider_step(control, value, 1), slider_step(control, value, -1)) if v is not None]
    if isinstance(control, Checkbox):
        return [not bool(value)]
    if isinstance(control, (Radio, Select)):
        options = [v for _, v in control.options]
        if value not in options:   # none chosen yet: Space on the first radio (where Tab lands) picks it
            return [options[0]] if isinstance(control, Radio) and value is None and options else []
        i, n = options.index(value), len(options)
        around = [(i + 1) % n, (i - 1) % n] if isinstance(control, Radio) else [i + 1, i - 1]
        return list(dict.fromkeys(options[j] for j in around if 0 <= j < n and j != i))
    return []   # a number box is typed, not stepped


def settings(panel: LivePanel, first: str | None = None, rising: bool = True) -> list[tuple[str, Any]]:
    """(control, value) for each setting one key press from the panel's current values; the settings
    of ``first`` (the control changed last, the one a user most often moves again) come first, the
    step in the same direction (``rising``) before the other; then sliders and boxes, which a user
    steps more often than menus and radio groups (a menu mostly picks a preset)."""
    values = panel.values
    found = [(name, value) for name, control in panel._kinds.items() for value in key_values(control, values.get(name))]

    def rank(setting: tuple[str, Any]) -> tuple[int, int]:
        name, value = setting
        if name != first:
            return (1, 0 if isinstance(panel._kinds[name], (Slider, Checkbox)) else 1)
        now = values.get(name)
        up = isinstance(value, (int, float)) and isinstance(now, (int, float)) and value > now
        return (0, 0 if up == rising else 1)
    return sorted(found, key=rank)


def _preview(panel: LivePanel, change: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    """The result the panel would show after ``change()`` (which returns the values to compute),
    with the attributes named in ``panel.ahead_state`` put back afterwards; None for a refused value."""
    saved = {name: copy.copy(getattr(panel, name)) for name in ("_notice", *panel.ahead_state)}
    try:
        update = panel.compute(dict(change()))
    except (ValueError, TypeError):
        return None
    finally:
        for name, value in saved.items():
            now = getattr(panel, name)
            if isinstance(now, dict) and isinstance(value, dict):   # the same dict, as others may hold it
                now.clear()
                now.update(value)
            else:
                setattr(panel, name, value)
    result = panel._payload(update)
    now = panel.widget.result
    for part in ("data", "params", "slots"):   # only what differs from the result on screen
        shown = now.get(part) or {}
        result[part] = {k: v for k, v in result[part].items() if shown.get(k) != v}
    return result


def entry(panel: LivePanel, name: str, value: Any) -> dict[str, Any] | None:
    """What the front-end needs to show ``name = value`` at once (None for a value ``compute`` refuses:
    the front-end then waits for the kernel's message). The values after ``linked`` are sent too
    when that moves another control, as the kernel would show them."""
    wanted = {**panel.values, name: value}
    linked: dict[str, Any] = {}

    def change() -> dict[str, Any]:
        linked.update(panel.linked(dict(wanted), {name}))
        return linked
    result = _preview(panel, change)
    if result is None:
        return None
    found = {"name": name, "value": value, "result": result}
    if linked != wanted:
        found["values"] = linked
    return found


def click_entry(panel: LivePanel, name: str) -> dict[str, Any] | None:
    """What the front-end needs to show a press of the button ``name`` at once (``ahead_buttons``)."""
    values = panel.values

    def change() -> dict[str, Any]:
        panel.clicked(name)
        if panel._notice is not None:   # a note or an error the kernel adds to its answer: wait for it
            raise ValueError(panel._notice[1])
        return values
    result = _preview(panel, change)
    return None if result is None else {"click": name, "result": result}


def looks(panel: LivePanel, first: str | None = None, rising: bool = True) -> list[tuple[Callable[..., Any], tuple]]:
    """What a look-ahead computes, in order, as (``entry`` or ``click_entry``, its arguments): the
    buttons named in ``ahead_buttons``, then the settings (``settings``)."""
    return ([(click_entry, (name,)) for name in panel.ahead_buttons]
            + [(entry, setting) for setting in settings(panel, first, rising)])


def message(panel: LivePanel, first: str | None = None, rising: bool = True) -> dict[str, Any]:
    """The whole look-ahead for the current values, with no budget (``LookAhead`` keeps to one)."""
    found = [make(panel, *args) for make, args in looks(panel, first, rising)]
    return {"type": "ahead", "base": panel.values, "entries": [e for e in found if e is not None]}


def enabled() -> bool:
    """False when the environment sets ``KIT_LOOK_AHEAD=0`` (a hub short of CPU can turn it off)."""
    return os.environ.get("KIT_LOOK_AHEAD", "1").strip() not in ("0", "false", "no", "off")


class LookAhead:
    """Computes a panel's look-ahead one setting per turn of the kernel's event loop, after
    ``DELAY_S`` of quiet, within ``MAX_COMPUTE_S`` of computing and ``MAX_BYTES`` of message, and
    drops it as soon as the panel changes again."""

    def __init__(self, panel: LivePanel) -> None:
        self.panel = panel
        self.generation = 0

    def schedule(self, before: dict[str, Any] | None = None, changed: Collection[str] = ()) -> None:
        """Start again for the panel's current values. ``before``: the values the change started from,
        ``changed``: the controls the user changed (not those that followed them); one changed control
        is looked at first, in the direction it moved. Nothing happens without a running event loop
        (a plain script)."""
        self.generation += 1
        if not self.panel.look_ahead or not enabled():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        first, rising = None, True
        if before is not None and len(changed) == 1:
            first = next(iter(changed))
            now = self.panel.values
            with contextlib.suppress(TypeError, KeyError):
                rising = bool(now[first] > before[first])
        state = {"todo": None, "first": first, "rising": rising, "done": [], "spent": 0.0, "bytes": 0}
        loop.call_later(DELAY_S, self._step, loop, self.generation, state)

    def _step(self, loop: asyncio.AbstractEventLoop, generation: int, state: dict[str, Any]) -> None:
        if generation != self.generation or self.panel.widget.comm is None:
            return
        # never let a look-ahead raise into the kernel: at worst the front-end waits for the kernel
        with contextlib.suppress(Exception):
            if state["todo"] is None:
                state["todo"] = looks(self.panel, state["first"], state["rising"])
            budget = state["spent"] < MAX_COMPUTE_S and state["bytes"] < MAX_BYTES
            if state["todo"] and (budget or not state["done"]):   # at least one, then within the budget
                start = time.perf_counter()
                make, args = state["todo"].pop(0)
                found = make(self.panel, *args)
                if found is not None:
                    state["done"].append(found)
                    state["bytes"] += len(json.dumps(found, default=str))
                state["spent"] += time.perf_counter() - start
                loop.call_soon(self._step, loop, generation, state)
                return
            if state["done"]:
                self.panel.widget.send({"type": "ahead", "base": self.panel.values, "entries": state["done"]})
