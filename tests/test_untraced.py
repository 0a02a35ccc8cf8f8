"""The cycle collector is paused inside `untraced` and runs again after it, however it is left,
and an inner pause never starts it early."""

from __future__ import annotations

import gc

import pytest

from checker.engine import untraced as trick
from checker.engine.untraced import untraced


def test_the_collector_is_paused_inside_and_running_after():
    assert gc.isenabled()
    with untraced():
        assert not gc.isenabled()
        with untraced():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not start it again
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error():
    with pytest.raises(ValueError), untraced():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_stopped_before_stays_stopped():
    gc.disable()
    try:
        with untraced():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_bench_can_leave_it_running(monkeypatch):
    monkeypatch.setattr(trick, "PAUSE", False)
    with untraced():
        assert gc.isenabled()


@untraced()
def _decorated() -> bool:
    return gc.isenabled()


def test_as_a_decorator_it_pauses_each_call():
    assert _decorated() is False and gc.isenabled()
    assert _decorated() is False and gc.isenabled()
