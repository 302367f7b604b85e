"""Hostile and broken input: always one clear error with a position, fast, never an exception."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.routines.errors import RoutineFileInvalid
from coach.core.routines.loader import check_routine_text, load_routine_file
from coach.core.routines.routine import Exercise
from coach.core.routines.yaml_source import MAX_BYTES, MAX_DEPTH

VALID = (
    b"name: Nightly\nkind: prevention\nlead_in: 5s\nsteps:\n"
    b"  - exercise: calf\n    hold: 30s\n    sets: 3\n    rest: 10s\n    sides: both\n"
    b"  - {name: Pumps, instructions: Point and flex, reps: 30}\n"
)
LIBRARY = {"calf": Exercise("calf", "Calf stretch", "Lean", hold=10)}


def check(data: str | bytes) -> list[tuple[int, int, str]]:
    routine, errors = check_routine_text(data, "h.yaml", LIBRARY)
    assert routine is None and errors
    return [(e.line, e.column, e.message) for e in errors]


def only(data: str | bytes) -> tuple[int, int, str]:
    (error,) = check(data)
    return error


def test_the_baseline_is_valid() -> None:
    routine, errors = check_routine_text(VALID, "ok.yaml", LIBRARY)
    assert errors == [] and routine is not None


@pytest.mark.parametrize("data", [b"", "", b"\n\n", b"# just a comment\n   # another\n"])
def test_empty_or_only_comments(data: str | bytes) -> None:
    assert only(data)[:2] == (1, 1)
    assert "empty" in only(data)[2]


def test_utf8_bom_is_fine() -> None:
    routine, errors = check_routine_text(b"\xef\xbb\xbf" + VALID, "bom.yaml", LIBRARY)
    assert errors == [] and routine is not None
    routine, errors = check_routine_text("\ufeff" + VALID.decode(), "bom.yaml", LIBRARY)
    assert errors == [] and routine is not None


def test_not_utf8_names_the_first_bad_byte() -> None:
    line, column, message = only(b"name: ok\nkind: relief\nsteps: \xc3\x28\n")
    assert (line, column) == (3, 8) and "UTF-8" in message


def test_utf16_is_named() -> None:
    assert "UTF-16" in only("name: x\n".encode("utf-16"))[2]


def test_binary_nul() -> None:
    assert only(b"name: x\nki\x00nd\n")[:2] == (2, 3)
    assert "binary" in only(b"\x00\x01\x02")[2]


def test_control_character() -> None:
    assert only("name: a\x1bb\n")[:2] == (1, 8)


def test_too_large(tmp_path: Path) -> None:
    big = b"# " + b"x" * MAX_BYTES + b"\n"
    assert only(big)[:2] == (1, 1)
    path = tmp_path / "big.yaml"
    path.write_bytes(big)
    with pytest.raises(RoutineFileInvalid) as caught:
        load_routine_file(path, LIBRARY)
    assert "KiB" in caught.value.errors[0].message


def test_several_documents() -> None:
    assert check(VALID + b"---\nname: two\n")[0][:2] == (11, 1)


def test_syntax_error_uses_the_problem_mark() -> None:
    line, column, message = only(b"name: x\nkind: [relief\nsteps: 1\n")
    assert (line, column) == (3, 6) and "syntax error" in message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000, 500_000])
def test_deep_flow_nesting(depth: int) -> None:
    line, column, message = only("x: " + "[" * depth + "]" * depth)
    assert (line, column) == (1, 3 + MAX_DEPTH) and "nesting" in message


@pytest.mark.parametrize(
    "value, kind", [('!!int ""', "int"), ("!!int _", "int"), ('!!float "__"', "float")]
)
def test_a_tagged_value_its_constructor_chokes_on_is_a_located_error(value: str, kind: str) -> None:
    # PyYAML's own constructors raise IndexError on these; the loader reports them like any value.
    line, column, message = only(f"name: x\nkind: relief\nsteps:\n  - name: a\n    hold: {value}\n")
    assert (line, column) == (5, 11) and f"expected a valid {kind}" in message


def test_deep_block_nesting() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(200))
    line, column, message = only(text)
    assert (line, column) == (MAX_DEPTH + 1, MAX_DEPTH + 1) and "nesting" in message
    line, column, _ = only("- " * 10_000 + "x\n")
    assert (line, column) == (1, 2 * MAX_DEPTH + 1)


def test_nesting_at_the_limit_is_only_a_type_error() -> None:
    text = "name: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert (1, 7, "expected text, got a list") in check(text)


def test_billion_laughs() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    errors = check("\n".join(lines) + "\n")
    assert errors[0][:2] == (1, 1)
    assert any("alias" in message for _, _, message in errors)


def test_many_values_are_capped() -> None:
    # Refused where the 50,001st value stands, not after reading the rest of the file.
    (flow,) = check("[" + "1, " * 300_000 + "]")
    assert flow[:2] == (1, 3 * 50_000 - 7) and "at most 50000 values" in flow[2]
    (block,) = check("".join(f"k{i}: {i}\n" for i in range(60_000)))
    assert block[0] == 25_000 - 1 and "at most 50000 values" in block[2]


def test_huge_number() -> None:
    text = VALID.decode().replace("sets: 3", "sets: " + "9" * 100_000)
    line, column, message = only(text)
    assert (line, column) == (7, 11) and len(message) < 200


def test_unsafe_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'name: !!python/object/apply:os.system ["touch {marker}"]\nkind: relief\n'
    text += "steps: [{name: a}]\n"
    line, column, message = only(text)
    assert (line, column) == (1, 7) and "unsafe tag !!python/object/apply:os.system" in message
    assert not marker.exists()


@pytest.mark.parametrize(
    "tag", ["!!binary aGk=", "!!timestamp 2020-01-01", "!custom x", "!!set {a}"]
)
def test_other_tags_are_refused(tag: str) -> None:
    assert only(f"name: {tag}\nkind: relief\nsteps: [{{name: a}}]\n")[:2] == (1, 7)


@pytest.mark.parametrize("top", ["- a\n- b\n", "just words\n", "42\n", "~\n", "[]\n"])
def test_top_level_must_be_a_mapping(top: str) -> None:
    line, column, message = only(top)
    assert (line, column) == (1, 1) and message.startswith("expected a routine")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(RoutineFileInvalid):
        load_routine_file(fifo, LIBRARY)


FAST = settings(
    max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow], database=None
)


def _assert_reported(data: bytes) -> None:
    routine, errors = check_routine_text(data, "fuzz.yaml", LIBRARY)
    assert (routine is None) == bool(errors)
    for error in errors:
        assert error.line >= 1 and error.column >= 1 and "\n" not in str(error)


@FAST
@given(st.binary(max_size=2_000))
def test_random_bytes_never_raise(data: bytes) -> None:
    _assert_reported(data)


@FAST
@given(st.text(alphabet=st.sampled_from(list("[]{}:-,&*!#|>'\"\n\t ?%@`ab01")), max_size=400))
def test_yaml_punctuation_soup_never_raises(text: str) -> None:
    _assert_reported(text.encode())


@FAST
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 4), st.binary(max_size=6)),
        min_size=1,
        max_size=6,
    )
)
def test_mutations_of_a_valid_file_never_raise(edits: list[tuple[int, int, bytes]]) -> None:
    data = bytearray(VALID)
    for position, cut, insert in edits:
        data[position : position + cut] = insert
    _assert_reported(bytes(data))
