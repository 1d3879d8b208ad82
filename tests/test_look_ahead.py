"""Results sent one key press ahead (``widgets/panels/ahead.py``): each is what the kernel answers
when the user makes that change, the look-ahead leaves the panel as it was, and it keeps to its budget."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any

import pytest

from widgets import panels
from widgets.panels import ahead, live
from widgets.panels.controls import Checkbox, Number, Radio, Select, Slider

from .test_panel_frontend import _factories


def _fact_check_with_a_verdict() -> live.LivePanel:
    panel = panels.FactCheckPanel()
    panel.set(verdict="confirmed")
    return panel


def _all_factories() -> dict[str, Callable[[], live.LivePanel]]:
    return {**_factories(), "quiz": lambda: panels.MythOrFactPanel(mode="final"),
            "fact check": panels.FactCheckPanel, "fact check, a verdict chosen": _fact_check_with_a_verdict}


FACTORIES = _all_factories()


def _answer(panel: live.LivePanel, found: dict[str, Any], seq: int) -> dict[str, Any]:
    """Make the change of ``found`` as the browser does; what the kernel then shows."""
    if "click" in found:
        panel._custom_message(panel.widget, {"type": "click", "name": found["click"], "seq": seq}, None)
    else:
        panel.widget.set_state({"values": {**panel.values, found["name"]: found["value"], "_seq": seq}})
    return panel.widget.result


def _drawn(shown: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """What the front-end draws from an entry: its result over what the panel showed."""
    early = found["result"]
    return {**early, **{part: {**(shown.get(part) or {}), **early[part]} for part in ("data", "params", "slots")}}


VISIBLE = ("ok", "message", "info", "numbers", "description", "chart_label", "data", "params", "slots")


@pytest.mark.parametrize("name", list(FACTORIES))
def test_every_result_sent_ahead_is_what_the_kernel_answers(name: str) -> None:
    sent = ahead.message(FACTORIES[name]())
    assert sent["entries"], f"{name}: nothing was sent ahead"
    changed = 0
    for seq, found in enumerate(sent["entries"], start=1):
        panel = FACTORIES[name]()   # each change from the state it was computed for
        assert panel.values == sent["base"]
        shown = panel.widget.result
        answer = _answer(panel, found, seq)
        drawn = _drawn(shown, found)
        for key in VISIBLE:
            assert drawn[key] == answer[key], f"{name}, {found.get('name', found.get('click'))}: {key} differs"
        if "values" in found:
            assert panel.values == found["values"]
        changed += any(drawn[k] != shown[k] for k in ("numbers", "data", "slots"))
    assert changed, f"{name}: no result sent ahead changes what the panel shows"


@pytest.mark.parametrize("name", ["quiz", "fact check, a verdict chosen", "list experiment", "fairness"])
def test_looking_ahead_leaves_the_panel_as_it_was(name: str) -> None:
    panel = FACTORIES[name]()
    if name == "quiz":
        panel.set(**{k: "myth" for k in list(panel.values)[:2]})
        panel._click("check")
    held = {k: getattr(panel, k) for k in panel.ahead_state if isinstance(getattr(panel, k), dict)}
    state = {k: copy.copy(getattr(panel, k)) for k in panel.ahead_state}
    result, values = dict(panel.widget.result), panel.values
    looks = ahead.looks(panel)
    assert looks
    for make, args in looks:   # each on its own: one look's change must not hide another's
        make(panel, *args)
        assert {k: getattr(panel, k) for k in panel.ahead_state} == state, f"{name}: {args} left state behind"
        assert panel.widget.result == result and panel.values == values and panel._notice is None
    assert all(getattr(panel, k) is d for k, d in held.items())   # a dict put back is the same dict
    assert panel.summary() == live.plain_text(result["numbers"])


def test_a_changed_quiz_answer_sent_ahead_clears_the_checked_feedback() -> None:
    """The quiz's linked() sets state: the look-ahead must see it (ahead_state) and put it back."""
    panel = FACTORIES["quiz"]()
    first = next(iter(panel.values))
    panel.set(**{first: "myth"})
    panel._click("check")
    checked = panel.widget.result["numbers"]
    found = next(e for e in ahead.message(panel)["entries"] if e.get("name") == first)
    assert "press" in live.plain_text(found["result"]["numbers"]) and "press" not in live.plain_text(checked)
    assert panel.widget.result["numbers"] == checked


def test_a_slider_steps_as_the_browser_does() -> None:
    share = Slider("s", "Share", "share", 0, 1, 0.1, 0.2, decimals=1)
    assert ahead.slider_step(share, 0.2, 1) == 0.3 and ahead.slider_step(share, 0.2, 1) != 0.2 + 0.1
    assert ahead.slider_step(share, 0.2, -1) == 0.1
    assert ahead.slider_step(share, 1, 1) is None and ahead.slider_step(share, 0, -1) is None
    assert ahead.slider_step(share, 0.25, 1) is None   # off the grid: the browser would snap first
    years = Slider("y", "Years", "years", 1, 10, 1, 3)
    assert ahead.slider_step(years, 3, 1) == 4 and type(ahead.slider_step(years, 3, 1)) is int
    assert ahead.slider_step(years, True, 1) is None and ahead.slider_step(years, "3", 1) is None


def test_the_values_one_key_away() -> None:
    assert ahead.key_values(Checkbox("c", "Box", False), False) == [True]
    options = (("a", "a"), ("b", "b"), ("c", "c"))
    assert ahead.key_values(Radio("r", "Pick", options, "a"), "a") == ["b", "c"]   # arrows wrap round
    assert ahead.key_values(Select("m", "Menu", options, "a"), "a") == ["b"]           # a menu stops at its end
    assert ahead.key_values(Select("m", "Menu", options, "a"), "z") == []
    assert ahead.key_values(Radio("r", "Pick", options), None) == ["a"]   # none chosen: Space on the first
    assert ahead.key_values(Number("n", "Count", "people", 5), 5) == []                # typed, not stepped


def test_the_last_moved_control_is_looked_at_first() -> None:
    panel = FACTORIES["city points"]()
    now = panel.values["count_traffic_offence"]
    order = ahead.settings(panel, first="count_traffic_offence", rising=False)
    assert order[:2] == [("count_traffic_offence", now - 1), ("count_traffic_offence", now + 1)]
    assert ahead.settings(panel)[0][0] != "count_traffic_offence"


def _run_look_ahead(panel: live.LivePanel, seconds: float = 0.4, *, change: bool = False,
                    after: tuple = ()) -> list[dict]:
    """Schedule a look-ahead in a running event loop (as in a kernel; ``after``: the values before
    the change and the controls changed) and collect what it sends."""
    sent: list[dict] = []
    panel.widget.send = lambda content, buffers=None: sent.append(content)

    async def main() -> None:
        panel._ahead.schedule(*after)
        if change:
            await asyncio.sleep(ahead.DELAY_S + 0.005)
            panel._ahead.generation += 1   # the panel changed again meanwhile
        await asyncio.sleep(seconds)
    asyncio.run(main())
    return sent


def test_a_kernel_sends_the_look_ahead_when_idle_within_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    panel = FACTORIES["fragmentation"]()
    sent = _run_look_ahead(panel)
    assert len(sent) == 1 and sent[0]["type"] == "ahead" and sent[0]["base"] == panel.values
    everything = ahead.message(panel)["entries"]
    assert 0 < len(sent[0]["entries"]) <= len(everything)
    assert sent[0]["entries"] == everything[:len(sent[0]["entries"])]
    monkeypatch.setattr(ahead, "MAX_COMPUTE_S", 0.0)
    assert [len(m["entries"]) for m in _run_look_ahead(panel)] == [1]


def test_a_look_ahead_overtaken_by_a_change_is_dropped() -> None:
    assert _run_look_ahead(FACTORIES["fragmentation"](), change=True) == []


def test_no_look_ahead_without_an_event_loop_or_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    panel = FACTORIES["city points"]()
    sent: list[dict] = []
    panel.widget.send = lambda content, buffers=None: sent.append(content)
    panel._ahead.schedule()   # a plain script: no loop, nothing scheduled, nothing raised
    assert sent == []
    monkeypatch.setenv("KIT_LOOK_AHEAD", "0")
    assert _run_look_ahead(panel) == []


def test_the_control_the_user_moved_comes_first_in_the_direction_it_moved() -> None:
    panel = FACTORIES["fairness"]()   # the policy moves B's cut-off with A's: two values change
    old = panel.values
    panel.set(cutoff=old["cutoff"] - 10)
    assert sum(panel.values[k] != old[k] for k in old) == 2
    first = _run_look_ahead(panel, after=(old, {"cutoff"}))[0]["entries"][0]
    assert (first["name"], first["value"]) == ("cutoff", panel.values["cutoff"] - panel._kinds["cutoff"].step)
