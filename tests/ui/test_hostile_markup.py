"""Text from files is text, never markup: every string of tests/data/hostile/markup.txt, put
where a routine file, the exercise library, the settings, the environment or the journal puts
words, shows on every screen exactly as typed (no MarkupError, no style, no @click action)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coach.core.builder.draft import RoutineDraft
from coach.core.journal.store import Journal
from coach.core.routines.routine import Exercise, Routine, Step
from coach.ui.builder.screen import BuilderScreen
from coach.ui.check.screen import CheckScreen, ResultScreen
from coach.ui.dialogs.builder_choices import ChoiceScreen, NewStepDialog, StartPicker
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.urgent import UrgentScreen

from .helpers import make_app, routine_from_text, title, visible_text, wait_for_screen, wait_until

CORPUS_FILE = Path(__file__).parents[1] / "data" / "hostile" / "markup.txt"
CORPUS = [
    line
    for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("# ")
]
BIG = (150, 60)


def test_the_corpus_is_what_the_issue_lists() -> None:
    for needed in ("[/]", "[bold]x[/bold]", "[@click=app.quit]tap[/]", "\\[x]", "[", "[red"):
        assert needed in CORPUS
    assert "[link=file:///etc/passwd]x[/link]" in CORPUS and ":smile:" in CORPUS


async def shows(pilot: Pilot, texts: list[str], where: str) -> None:
    for text in texts:
        await wait_until(pilot, lambda t=text: t in visible_text(pilot.app), f"{text!r} {where}")


def user_routine(folder: Path, routine_id: str, **fields: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # JSON is YAML: every string is quoted exactly, whatever its brackets.
    (folder / f"{routine_id}.yaml").write_text(json.dumps(fields), encoding="utf-8")


async def test_home_lists_routine_names_as_typed(coach_home: Path) -> None:
    for n, text in enumerate(CORPUS):
        user_routine(
            coach_home / "routines",
            f"r{n:02d}",
            name=text,
            kind="prevention",
            steps=[{"name": "s"}],
        )
    # A broken file's bad value, quoted in its error line, is shown as typed too.
    user_routine(coach_home / "routines", "broken", name="b", kind="[/]", steps=[{"name": "s"}])
    app, _clock, _cues = make_app()
    async with app.run_test(size=(150, 80)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await shows(pilot, CORPUS, "in the routine list")
        await shows(pilot, ["'[/]'"], "in the broken file's error")


def hostile_routine(corpus: list[str]) -> str:
    steps = [
        {"name": text, "instructions": f"do {text}", "caution": f"careful {text}"}
        for text in corpus
    ]
    return json.dumps({"name": "Hostile", "kind": "prevention", "steps": steps})


async def test_player_shows_titles_instructions_and_cautions_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An @click that would write a screenshot (to DIR/x) writes it here, were the text markup.
    monkeypatch.chdir(tmp_path)
    corpus = CORPUS
    app, _clock, _cues = make_app(routine_from_text(hostile_routine(corpus)))
    async with app.run_test(size=(250, 60)) as pilot:
        for number, text in enumerate(corpus, 1):
            step = f"step {number} of {len(corpus)}"
            await wait_until(pilot, lambda s=step: title(app).endswith(s), step)
            assert title(app) == f"{text}  ·  {step}"
            await shows(pilot, [text, f"do {text}", f"careful {text}"], f"at step {number}")
            if "@click" in text:
                await pilot.click("#instructions")  # nothing to click: it is only text
            await pilot.press("enter")  # a note: Enter moves on
        await pilot.pause()
        assert not list(tmp_path.iterdir())
        assert app.is_running


async def test_urgent_help_and_the_check_show_the_emergency_number_as_typed() -> None:
    app, _clock, _cues = make_app()
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        for text in CORPUS:
            app._emergency_number = text
            app._call_advice = None  # worked out once per run: as if started with this number
            await pilot.press("exclamation_mark")
            await wait_for_screen(pilot, UrgentScreen)
            await shows(pilot, [f"Call {text} now"], "on the urgent screen")
            await pilot.press("exclamation_mark")  # closes it again; the app is still there
            await wait_for_screen(pilot, HomeScreen)
        assert app.is_running
        app._emergency_number = "112 [/]"
        app._call_advice = None
        await app.push_screen(CheckScreen())
        await wait_for_screen(pilot, CheckScreen)
        await pilot.press("y")  # the first question is an emergency sign
        await wait_for_screen(pilot, ResultScreen)
        await shows(pilot, ["Call 112 [/] now"], "in the check's result")


@pytest.mark.parametrize("half", [CORPUS[::2], CORPUS[1::2]])  # the screen lists the last 20
async def test_history_table_shows_journal_words_as_typed(half: list[str]) -> None:
    journal = Journal.open()
    now = datetime.now()
    for n, text in enumerate(half):
        journal.start_session(text, "relief", started=now - timedelta(minutes=n))
    journal.close()
    app, _clock, _cues = make_app(start_screen="history")
    async with app.run_test(size=(250, 80)) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await shows(pilot, half, "in the history table")


def hostile_library() -> dict[str, Exercise]:
    return {
        f"ex{n:02d}": Exercise(f"ex{n:02d}", text, f"do {text}", hold=30, targets=("calf",))
        for n, text in enumerate(CORPUS)
    }


async def test_builder_lists_fields_dialogs_and_toasts_show_words_as_typed() -> None:
    library = hostile_library()
    app, _clock, _cues = make_app()
    async with app.run_test(size=(150, 90), notifications=True) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await app.push_screen(BuilderScreen(RoutineDraft(library), routines={}))
        await wait_for_screen(pilot, BuilderScreen)
        builder = app.screen
        assert isinstance(builder, BuilderScreen)
        await shows(pilot, CORPUS, "in the exercise library")
        for exercise_id in list(library)[:12]:
            builder._add(exercise_id)  # the status line says "Added NAME"
        last = list(library.values())[11]
        await shows(pilot, [f"Added {last.name}"], "the status line")
        await shows(pilot, CORPUS[:12], "in the step table")
        sets = builder.query_one("#edit-sets", Input)
        for text in CORPUS:
            sets.value = text  # as if typed: the draft refuses it and says what was typed
            await shows(pilot, [text], "quoted in the Sets field's error")
            assert app.is_running and app.screen is builder
        app.notify(CORPUS[0] + " " + CORPUS[-1])
        await shows(pilot, [CORPUS[0] + " " + CORPUS[-1]], "in a toast")


@pytest.mark.parametrize("text", ["[/]", "[@click=app.quit]tap[/]", "Calves [/]"])
async def test_builder_dialogs_show_routine_names_and_questions_as_typed(text: str) -> None:
    routine = routine_from_text(
        json.dumps({"name": text, "kind": "prevention", "steps": [{"name": "x"}]})
    )
    app, _clock, _cues = make_app()
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await app.push_screen(StartPicker([routine]))
        await shows(pilot, [f"edit yours: {text}"], "in the start picker")
        app.pop_screen()
        await app.push_screen(ChoiceScreen(f"{text}.yaml is there", [("n", text, "new")]))
        await shows(pilot, [f"{text}.yaml is there", f"n  {text}"], "in a question")


async def test_control_characters_from_a_file_show_escaped_on_screen() -> None:
    step = Step(name="a\x1b]0;x\x07b", instructions="one\n\x1b[2Jtwo\u202e", caution="c\x9bd")
    app, _clock, _cues = make_app(Routine("r", "R", "prevention", (step,)))
    async with app.run_test(size=BIG) as pilot:
        await shows(pilot, ["a\\x1b]0;x\\x07b", "\\x1b[2Jtwo\\u202e", "c\\x9bd"], "escaped")
        lines = [line.strip() for line in visible_text(app).splitlines()]
        one = lines.index("one")  # the instructions keep their lines
        assert lines[one + 1].startswith("\\x1b[2Jtwo")


async def test_builder_inputs_never_hold_a_control_character() -> None:
    """An Input draws its value raw: a pasted escape sequence, or one a file held, would reach
    the terminal. Pasted text loses it; a loaded value is shown (and kept, once edited) escaped."""
    draft = RoutineDraft(hostile_library())
    app, _clock, _cues = make_app()
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = BuilderScreen(draft, routines={})
        await app.push_screen(screen)
        await wait_for_screen(pilot, BuilderScreen)
        description = screen.query_one("#routine-description", Input)
        description.focus()
        await pilot.pause()
        # As the terminal sends it: the app hands it to the focused widget.
        app.post_message(Paste("Sip \x1b]0;x\x07slowly\u202e"))
        await wait_until(pilot, lambda: "slowly" in description.value, "the paste")
        assert description.value == "Sip ]0;xslowly"
        assert draft.description == "Sip ]0;xslowly"
        await app.push_screen(NewStepDialog(lambda *_: ""))  # its instructions: a TextArea
        await wait_for_screen(pilot, NewStepDialog)
        area = app.screen.query_one("#new-step-instructions", TextArea)
        area.focus()
        await pilot.pause()
        app.post_message(Paste("one\x1b[2J\ntwo\x07"))
        await wait_until(pilot, lambda: "two" in area.text, "the paste")
        assert area.text == "one[2J\ntwo"
        app.pop_screen()
        await wait_for_screen(pilot, BuilderScreen)
        draft.name = "Mine\x1b[2J"  # as an older file could hold it (the loader now refuses)
        screen.load_draft(draft)
        await pilot.pause()
        assert screen.query_one("#routine-name", Input).value == "Mine\\x1b[2J"
