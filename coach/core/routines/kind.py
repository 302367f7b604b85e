"""The two kinds of routine, named once: every comparison of a routine's or a journal row's kind
goes through RoutineKind, so a typo is a NameError, not a rule that silently never matches.

RoutineKind is a StrEnum: its members equal the plain strings routine files and the journal
store ("relief" == RoutineKind.RELIEF), and they format as those strings inside SQL text.
"""

from __future__ import annotations

from enum import StrEnum


class RoutineKind(StrEnum):
    RELIEF = "relief"  # for a cramp now (`coach now`): ends with the warning-sign check
    PREVENTION = "prevention"  # the nightly routine: counts for the streak and the trial


KINDS: tuple[str, ...] = tuple(kind.value for kind in RoutineKind)  # the files' order
