"""The warning-sign check itself: asks the questions of warning-signs.yaml, most urgent tier
first, records the answers and picks what to say. It never diagnoses and never imports textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coach.core.guidance.call_numbers import GENERIC_ADVICE
from coach.core.guidance.checklist import TIER_ORDER, Checklist, Question, fill
from coach.core.settings import DEFAULT_EMERGENCY_NUMBER
from coach.core.wrap import wrap_line

LIST_HEADING = "Do any of these apply to you?"


@dataclass(frozen=True)
class Finding:
    """One "yes": asked and answered, or known already (`observed` holds the fact shown)."""

    id: str
    tier: str
    text: str  # the question asked, or the observed fact
    advice: str
    observed: bool = False


@dataclass(frozen=True)
class CheckResult:
    tier: str | None  # the most urgent tier with a "yes", or None
    headline: str
    action: str
    urgent_items: tuple[Finding, ...]  # the "yes" items of that tier
    mention_items: tuple[Finding, ...]  # the "yes" items of less urgent tiers
    stops_coaching: bool = False
    avoid: frozenset[str] = frozenset()  # activities not to coach ("stretch", "massage", "heat")
    disclaimer: str = ""


class WarningCheck:
    """Asks the checklist's questions, most urgent tier first; `observed` ids are not asked.

    `observed` maps a question id to the fact to show instead ("" = the file's observed_fact);
    an observed question counts as a "yes". `after_relief=False` leaves out relief-only
    questions (T1), for a check run outside a relief session.
    """

    def __init__(
        self,
        checklist: Checklist,
        observed: Mapping[str, str] | None = None,
        emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
        *,
        after_relief: bool = True,
        known_no: Iterable[str] = (),
        routine_ran: bool = True,
        advice_line: str = GENERIC_ADVICE,
    ) -> None:
        """`known_no`: questions the session already answers "no" (T1 when the cramp let go
        within 10 minutes): not asked, kept as "no" in `answers`. `routine_ran=False` (a cramp
        logged afterwards): the result does not say to stop a routine."""
        self.checklist = checklist
        self.routine_ran = routine_ran
        self.after_relief = after_relief
        self.emergency_number = emergency_number or DEFAULT_EMERGENCY_NUMBER
        self.advice_line = advice_line  # the region's health advice line (call_numbers.py)
        known = {q.id for q in checklist.questions}
        self.observed: dict[str, str] = {k: v for k, v in (observed or {}).items() if k in known}
        self.known_no = frozenset(k for k in known_no if k in known and k not in self.observed)
        rank = {tier: i for i, tier in enumerate(TIER_ORDER)}
        wanted = [
            q
            for q in checklist.questions
            if q.id not in self.observed
            and q.id not in self.known_no
            and (after_relief or not q.relief_only)
        ]
        # sorted() is stable: within a tier, the file's order stays.
        self.questions: tuple[Question, ...] = tuple(sorted(wanted, key=lambda q: rank[q.tier]))
        self.answers: dict[str, bool] = dict.fromkeys(sorted(self.known_no), False)
        self._asked: list[str] = []  # ids in the order answered
        self._steps: list[int] = []  # how many ids each answer step added, so back() undoes one

    # -- asking

    @property
    def position(self) -> tuple[int, int]:
        """(number of the current question, 1-based; how many there are), for "3 of 20"."""
        total = len(self.questions)
        return min(len(self._asked) + 1, total), total

    @property
    def done(self) -> bool:
        return len(self._asked) >= len(self.questions) or self._ended_early()

    @property
    def current(self) -> Question | None:
        return None if self.done else self.questions[len(self._asked)]

    @property
    def answer_steps(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The ids answered, in order, and how many each step answered (check_progress.py)."""
        return tuple(self._asked), tuple(self._steps)

    def answer(self, yes: bool) -> None:
        question = self.current
        if question is None:
            raise RuntimeError("the check is finished; there is no question to answer")
        self.answers[question.id] = bool(yes)
        self._asked.append(question.id)
        self._steps.append(1)

    @property
    def group(self) -> str:
        """What the current question's tier calls its questions ("" when the check is done)."""
        question = self.current
        return "" if question is None else self.checklist.tiers[question.tier].group

    @property
    def rest_of_group(self) -> tuple[Question, ...]:
        """The current question and those after it in the same tier: what "none of these" covers."""
        question = self.current
        if question is None:
            return ()
        start = len(self._asked)
        return tuple(q for q in self.questions[start:] if q.tier == question.tier)

    def answer_rest_of_group_no(self, count: int | None = None) -> int:
        """Answer "no" to the first `count` questions of `rest_of_group` (all by default: what
        was listed, see list_page) as one step; back() undoes it whole. Returns how many."""
        rest = self.rest_of_group[:count] if count is not None else self.rest_of_group
        if not rest:
            raise RuntimeError("the check is finished; there is no question to answer")
        for question in rest:
            self.answers[question.id] = False
            self._asked.append(question.id)
        self._steps.append(len(rest))
        return len(rest)

    def back(self) -> bool:
        """Undo the last answer step (asked again from there); False when there is none."""
        if not self._steps:
            return False
        for _ in range(self._steps.pop()):
            del self.answers[self._asked.pop()]
        return True

    def list_item(self, question: Question) -> str:
        """One question as the "none of these" list shows it: the question and all it covers
        (its detail too), since one "no" answers the whole of it."""
        return "- " + " ".join(self.question_text(question).split())

    def list_page(self, width: int, rows: int) -> tuple[Question, ...]:
        """The questions of `rest_of_group` whose list items fit in `rows` rows at `width`
        columns under the heading (at least one): "n" then answers only what was read."""
        page: list[Question] = []
        used = 1  # the heading
        for question in self.rest_of_group:
            used += len(wrap_line(self.list_item(question), max(width, 10)))
            if page and used > rows:
                break
            page.append(question)
        return tuple(page)

    def list_text(self, page: Iterable[Question]) -> str:
        return "\n".join([LIST_HEADING, *(self.list_item(q) for q in page)])

    @property
    def intro(self) -> str:
        """The file's intro with {count}: how many questions there are, most urgent first."""
        return self.checklist.intro.replace("{count}", str(len(self.questions)))

    def _ended_early(self) -> bool:
        tiers = self.checklist.tiers
        return any(tiers[f.tier].ends_check for f in self._findings())

    # -- what to say

    @property
    def observed_findings(self) -> tuple[Finding, ...]:
        """The facts the app already knows, to show before (or instead of) the questions."""
        return tuple(f for f in self._findings() if f.observed)

    def question_text(self, question: Question | None = None) -> str:
        """The question (the current one by default) with its detail line, placeholder filled."""
        question = question or self.current
        if question is None:
            return ""
        text = f"{question.question}\n{question.detail}" if question.detail else question.question
        return fill(text, self.emergency_number, self.advice_line)

    def _findings(self) -> list[Finding]:
        out = []
        for question in self.checklist.questions:
            if question.id in self.observed:
                fact = self.observed[question.id] or question.observed_fact or question.question
                out.append(self._finding(question, fact, observed=True))
            elif self.answers.get(question.id):
                said = f"You said: {question.said}" if question.said else question.question
                out.append(self._finding(question, said, observed=False))
        return out

    def _finding(self, question: Question, text: str, *, observed: bool) -> Finding:
        advice = fill(question.advice, self.emergency_number, self.advice_line)
        return Finding(question.id, question.tier, text, advice, observed)

    def result(self) -> CheckResult:
        """What to say for the answers so far (normally called once `done`)."""
        findings = self._findings()
        avoid = self.checklist.avoided_activities(f.id for f in findings)
        for tier_id in TIER_ORDER:
            urgent = tuple(f for f in findings if f.tier == tier_id)
            if not urgent:
                continue
            rank = TIER_ORDER.index(tier_id)
            mention = tuple(f for t in TIER_ORDER[rank + 1 :] for f in findings if f.tier == t)
            tier = self.checklist.tiers[tier_id]
            action = tier.action
            if self.routine_ran and tier.while_coaching:
                action = f"{tier.while_coaching} {action}"
            return CheckResult(
                tier=tier_id,
                headline=tier.title,
                action=fill(action, self.emergency_number, self.advice_line),
                urgent_items=urgent,
                mention_items=mention,
                stops_coaching=tier.stops_coaching,
                avoid=avoid,
                disclaimer=self.checklist.disclaimer,
            )
        return CheckResult(
            tier=None,
            headline=self.checklist.no_signs_headline,
            action=fill(self.checklist.no_signs_action, self.emergency_number, self.advice_line),
            urgent_items=(),
            mention_items=(),
            disclaimer=self.checklist.disclaimer,
        )


def result_text(result: CheckResult) -> str:
    """The result as plain text: headline, what to do, each "yes" with its advice, disclaimer."""
    lines = [result.headline, result.action]
    for finding in result.urgent_items:
        lines += ["", f"- {finding.text}", f"  {finding.advice}"]
    if result.mention_items:
        lines += ["", "Also mention:"]
        for finding in result.mention_items:
            lines += [f"- {finding.text}", f"  {finding.advice}"]
    if result.disclaimer:
        lines += ["", result.disclaimer]
    return "\n".join(lines)
