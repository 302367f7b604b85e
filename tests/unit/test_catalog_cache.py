"""The catalog's cache: used when nothing changed, never trusted for a file that did."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from coach import cli
from coach.core import paths
from coach.core.routines import catalog_cache
from coach.core.routines.catalog import load_catalog
from coach.core.routines.catalog_cache import FILE_NAME, CatalogCache

ROUTINE = (
    "name: {name}\nkind: prevention\nsteps:\n  - exercise: wall-calf-straight\n    hold: {hold}s\n"
)
LONG_AGO = time.time() - 3600


def write(path: Path, text: str, mtime: float = LONG_AGO) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


@pytest.fixture
def folder(coach_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A test's files are seconds old at most (ctime cannot be set back): keep every entry here,
    # except in the test of the rule itself. Each change below comes a load_catalog() after the
    # last one, so well past a tick of the file system's clock.
    monkeypatch.setattr(catalog_cache, "RACY_NS", 0)
    routines = coach_home / "routines"
    routines.mkdir()
    for n in range(3):
        write(routines / f"mine-{n}.yaml", ROUTINE.format(name=f"Mine {n}", hold=30 + n))
    return routines


def cache_file() -> Path:
    return paths.user_cache_dir() / FILE_NAME


def cached_names() -> set[str]:
    if not cache_file().exists():
        return set()
    return {Path(name).name for name in json.loads(cache_file().read_text())["files"]}


def listing(capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["list"]) == 0
    return capsys.readouterr().out


def hits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The hits of every CatalogCache made from now on."""
    counted: list[int] = []
    save = CatalogCache.save

    def counting_save(self: CatalogCache) -> None:
        counted.append(self.hits)
        save(self)

    monkeypatch.setattr(CatalogCache, "save", counting_save)
    return counted


def test_an_unchanged_folder_is_read_from_the_cache_with_the_same_result(folder, monkeypatch):
    write(folder / "broken.yaml", "name: Broken\nkind: sometimes\nsteps: []\n")
    first = load_catalog(user_dir=folder)
    counted = hits(monkeypatch)
    second = load_catalog(user_dir=folder)
    assert counted == [len(first.routines) + 1]  # every file, the broken one too
    assert second.routines == first.routines
    assert [r.source_path for r in second.routines.values()] == [
        r.source_path for r in first.routines.values()
    ]
    assert [str(e) for e in second.broken] == [str(e) for e in first.broken] != []
    assert second.broken_ids.keys() == first.broken_ids.keys() == {"broken"}


def test_a_changed_added_removed_or_broken_file_is_seen_by_the_next_list(folder, capsys):
    assert "mine-1" in listing(capsys) and "mine-2" in listing(capsys)
    assert {"mine-0.yaml", "mine-1.yaml", "mine-2.yaml"} <= cached_names()
    # Changed to the same size and given back the same mtime: only ctime tells.
    write(folder / "mine-0.yaml", ROUTINE.format(name="Mine 0", hold=40))
    write(folder / "mine-1.yaml", "name: Mine 1\nkind: prevention\nsteps: [oops\n")
    (folder / "mine-2.yaml").unlink()
    write(folder / "mine-3.yaml", ROUTINE.format(name="Mine 3", hold=30))
    out = listing(capsys)
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("mine-")}
    assert set(rows) == {"mine-0", "mine-3"}  # mine-1 broken, mine-2 gone, mine-3 new
    assert "mine-1.yaml:" in out and "syntax error" in out  # the broken file's error
    assert load_catalog().routines["mine-0"].steps[0].hold == 40
    assert "mine-2.yaml" not in cached_names()
    write(folder / "mine-1.yaml", ROUTINE.format(name="Mine 1 fixed", hold=30))
    assert load_catalog().routines["mine-1"].name == "Mine 1 fixed"


def test_a_file_replaced_by_another_of_the_same_size_and_times_is_seen(folder):
    load_catalog(user_dir=folder)
    other = folder.parent / "other.yaml"
    write(other, ROUTINE.format(name="Mine 9", hold=30))
    os.replace(other, folder / "mine-0.yaml")  # same size, same mtime; another inode
    assert load_catalog(user_dir=folder).routines["mine-0"].name == "Mine 9"


def test_a_file_written_just_now_is_not_cached(folder, monkeypatch):
    monkeypatch.setattr(catalog_cache, "RACY_NS", 2 * 10**9)
    write(folder / "fresh.yaml", ROUTINE.format(name="Fresh", hold=30), mtime=time.time())
    assert "fresh" in load_catalog(user_dir=folder).routines
    assert "fresh.yaml" not in cached_names()
    monkeypatch.setattr(catalog_cache, "RACY_NS", 0)  # the same file, seen as old enough
    load_catalog(user_dir=folder)
    assert "fresh.yaml" in cached_names()


def test_another_exercise_library_or_loader_does_not_use_the_cache(folder, monkeypatch):
    first = load_catalog(user_dir=folder)
    counted = hits(monkeypatch)
    library = dict(first.library)
    library.pop(next(iter(library)))
    load_catalog(user_dir=folder, library=library)
    monkeypatch.setattr(catalog_cache, "__version__", "99.0")
    load_catalog(user_dir=folder)
    assert counted == [0, 0]


@pytest.mark.parametrize(
    "content",
    [b"\x00\xff not json", b'{"identity": 1, "files": []}', b"[1, 2]", b'{"files": {"x": 1}}'],
)
def test_a_damaged_or_foreign_cache_file_is_ignored_and_written_anew(folder, content):
    first = load_catalog(user_dir=folder)
    cache_file().write_bytes(content)
    assert load_catalog(user_dir=folder).routines == first.routines
    assert "mine-0.yaml" in cached_names()
    assert [p.name for p in cache_file().parent.iterdir()] == [FILE_NAME]  # no temp file left


def test_a_damaged_entry_is_read_from_the_file(folder):
    first = load_catalog(user_dir=folder)
    data = json.loads(cache_file().read_text())
    for entry in data["files"].values():
        entry["routine"] = {"steps": "not a list"}
    cache_file().write_text(json.dumps(data))
    assert load_catalog(user_dir=folder).routines == first.routines


def test_a_cache_folder_that_cannot_be_written_only_costs_time(folder, coach_home):
    (coach_home / "cache").write_text("a file where the folder should be")
    assert "mine-0" in load_catalog(user_dir=folder).routines
