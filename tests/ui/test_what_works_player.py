"""Relief adapts to what has worked for this person (core/guidance/what_works.py decides), says
why in one line, and `adapt: off` keeps the usual routine. The relief routine: 1 stretch then
"has it let go?", 2 massage, 3 walk, 4 heat, 5 ice, 6 Afterwards (the close-out)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.journal.store import Journal
from coach.core.journal.writer import Writer
from coach.core.settings import settings_path

from .helpers import (
    footer,
    journal_rows,
    make_app,
    phase,
    player,
    relief,
    title,
    visible_text,
    wait_until,
)

SIZE = (100, 34)


def seed(*steps: str) -> None:
    """Past relief sessions, one cramp a day, each let go during `step`."""
    start = datetime.now(UTC) - timedelta(days=len(steps) + 1)
    with Journal.open() as journal:
        for day, step in enumerate(steps):
            began = start + timedelta(days=day)
            sid = journal.start_session("cramp-now", "relief", started=began)
            journal.update_session(sid, steps_done=["Stretch"], release_seconds=60.0)
            journal.update_session(sid, release_step=step)
            journal.end_session(sid, "completed", ended=began + timedelta(minutes=4))


def notices(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(n.message) for n in app._notifications)


async def adapted(pilot, app, words: str) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
    await wait_until(pilot, lambda: words in notices(app), words)


async def test_first_stretch_almost_always_goes_straight_to_the_close_out() -> None:
    seed(*["stretch"] * 8, "massage")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await adapted(pilot, app, "Your cramps usually ease in the first stretch")
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: title(app).startswith("Afterwards"), "the close-out")
        assert player(app).session.skipped_steps == [1, 2, 3, 4]  # type: ignore[union-attr]


async def test_massage_comes_sooner_and_y_during_it_records_the_release() -> None:
    seed("stretch", *["massage"] * 6)
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await adapted(pilot, app, "Your cramps usually ease with massage: it comes sooner")
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "the question")
        await wait_until(pilot, lambda: "n  no, on to massage" in visible_text(app), "prompt")
        await pilot.press("n")  # not yet: massage now, not a second round of stretching
        await wait_until(pilot, lambda: title(app).startswith("Rub the muscle"), "massage")
        await wait_until(pilot, lambda: "y It let go" in footer(app), "the key bar offers y")
        await pilot.press("y")
        await wait_until(pilot, lambda: "Noted: it let go." in notices(app), "noted")
        await pilot.pause()
    newest = journal_rows()[0]
    assert newest.release_step == "massage" and newest.release_seconds is not None


async def test_adapt_off_keeps_the_usual_routine() -> None:
    seed("stretch", *["massage"] * 6)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("adapt: off\n", encoding="utf-8")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
        assert Writer.flush_all(5.0)  # the journal has been read for what works...
        await pilot.pause()  # ... and its answer handled
        assert app.settings.adapt == "off"
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Hold", "the stretch again")
        assert title(app).startswith("Pull your toes")
        assert "usually ease" not in notices(app)


async def test_history_shows_what_has_worked_honest_about_small_numbers() -> None:
    from coach.ui.app import CoachApp
    from coach.ui.screens.history import HistoryScreen

    from .helpers import FakeCues, wait_for_screen, wait_for_text

    seed("stretch", "massage", "stretch")
    app = CoachApp(cues=FakeCues(), emergency_number="112", start_screen="history")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await wait_for_text(pilot, "What has worked for you")
        await wait_for_text(pilot, "3 cramps so far: too few to say what works for you:")
        await wait_for_text(pilot, "the first stretch: 2 of 3, median 1:00 to let go")
