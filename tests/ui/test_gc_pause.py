"""The garbage collector paused by `pkit` during start-up is back on once the explorer has
drawn its first frame (and a process that never paused it is left as it was)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui import gc_pause
from tui.data import snapshot
from tui.ui.launch import validated_before

from .helpers import DATA, make_app


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc_pause.resume(freeze=False)  # whatever a failed test left behind
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_resume_alone_changes_nothing(collector: None) -> None:
    frozen = gc.get_freeze_count()  # an earlier test in this worker may have frozen some
    gc.disable()
    gc_pause.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_pause_then_resume_turns_it_back_on(collector: None) -> None:
    gc_pause.pause()
    assert not gc.isenabled()
    gc_pause.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what start-up made is left out of later collections


async def test_the_explorer_resumes_it_after_its_first_frame(collector: None) -> None:
    snapshot.validate_and_keep(DATA)
    start = validated_before(DATA, bundled=True, serve_mode=False)
    app = make_app(facts=start.facts, facts_from=start.origin)
    gc_pause.pause()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # the first frame, then its after-refresh callbacks
            if gc.isenabled():
                break
            await pilot.pause(0.02)
        assert gc.isenabled()


def test_a_command_run_in_process_leaves_the_collector_on(
    collector: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main

    gc.enable()
    assert main(["summary", "--format", "json"]) == 0
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["summary", "--no-such-option"])
    assert gc.isenabled()
    capsys.readouterr()
