"""Goals and check-ins on the store: the operations the CLI, the TUI and the exercise runner share.

Every change to a goal goes through here so it leaves history: a new cadence becomes a version
from today (earlier periods keep the cadence they had), wording changes and status changes are
logged as :class:`~workbook.goals.models.Adjustment` entries, and pausing records an interval
rather than erasing anything. Check-ins are keyed by (goal, partner, date), so recording one for
a day that already has one replaces it.

Queries return plain dataclasses (:class:`DueItem`) holding everything a screen needs; progress
(streaks, completion, ratings) is :mod:`workbook.goals.progress`, which reads without the models.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from workbook.errors import NotFoundError, WorkbookError
from workbook.goals.cadence import Cadence, parse_cadence
from workbook.goals.models import (
    Adjustment,
    CadenceVersion,
    CheckIn,
    Goal,
    GoalSource,
    PauseInterval,
)
from workbook.goals.plain import (
    CHECKINS_TABLE,
    ENDED,
    GOALS_TABLE,
    PRIVATE_TITLE,
    GoalStatus,
    by_age,
    is_current,
)
from workbook.goals.schedule import (
    CheckInStatus,
    Period,
    due_status,
    local_today,
    period_on,
    progress_text,
)
from workbook.partners import PARTNERS, PartnerKey
from workbook.store import Repository, Store

MAX_TITLE = 200
FALLBACK_CADENCE = Cadence.per_week(1)
"""How often an agreement's goal comes round when the exercise's cadence cannot be read."""


def goals(store: Store) -> Repository[Goal]:
    return store.repo(Goal, GOALS_TABLE)


def checkins(store: Store) -> Repository[CheckIn]:
    return store.repo(CheckIn, CHECKINS_TABLE)


# -- finding ---------------------------------------------------------------------------------


def resolve_goal(store: Store, ref: str) -> Goal:
    """The goal whose id is ``ref`` or starts with it (a unique prefix is enough)."""
    ref = ref.strip().lower()
    if not ref:
        raise WorkbookError("Give a goal id (or the first few characters of one).")
    exact = goals(store).get(ref)
    if exact is not None:
        return exact
    matches = goals(store).find(lambda g: g.id.startswith(ref))
    if not matches:
        raise NotFoundError(
            f"There is no goal with an id starting '{ref}'. `workbook goals list` shows the ids."
        )
    if len(matches) > 1:
        raise WorkbookError(
            f"More than one goal has an id starting '{ref}'; type a few more characters."
        )
    return matches[0]


def _cadence(value: Cadence | str) -> Cadence:
    return value if isinstance(value, Cadence) else parse_cadence(value)


# What a private goal's skip shows in the clear; the reason itself is sealed.
PRIVATE_REASON = "(private)"


def _seal_private(store: Store, partner: PartnerKey, payload: Mapping[str, Any]) -> str:
    """Seal a private goal's words with the journal's key for ``partner`` (lazy import)."""
    from workbook.journal import vault  # deferred: pulls in the crypto layer

    seal = cast(Callable[[Store, PartnerKey, Mapping[str, Any]], str], vault.seal_for)
    return seal(store, partner, payload)


# -- goals -----------------------------------------------------------------------------------


def add_goal(
    store: Store,
    *,
    title: str,
    cadence: Cadence | str,
    partner: PartnerKey | None = None,
    why: str = "",
    private: bool = False,
    start: date | None = None,
    target: date | None = None,
    source: GoalSource | None = None,
    today: date | None = None,
) -> Goal:
    """Create a goal. A private goal keeps its title and why sealed to its partner's key."""
    title = " ".join(title.split())
    if not title:
        raise WorkbookError("A goal needs a title of a few words.")
    if len(title) > MAX_TITLE:
        raise WorkbookError(f"A goal's title can be at most {MAX_TITLE} characters.")
    today = today or local_today()
    start = start or today
    if target is not None and target < start:
        raise WorkbookError("The target date is before the start date.")
    if private and partner is None:
        raise WorkbookError("Only one partner's own goal can be private; a shared goal cannot.")
    fields: dict[str, Any] = {"title": title, "why": why.strip()}
    encrypted = None
    if private:
        assert partner is not None
        encrypted = _seal_private(store, partner, fields)
        fields = {"title": PRIVATE_TITLE, "why": ""}
    goal = Goal(
        **fields,
        partner=partner,
        private=private,
        encrypted=encrypted,
        cadence_versions=[CadenceVersion(effective_from=start, cadence=_cadence(cadence))],
        start_date=start,
        target_date=target,
        source=source or GoalSource(),
    )
    return goals(store).add(goal)


@dataclass(frozen=True, slots=True)
class AgreementPlan:
    """What a confirmed agreement becomes: a title and a cadence that the goal will accept, and
    a sentence for each thing that had to change to get there (empty when nothing did)."""

    title: str
    cadence: Cadence
    changes: tuple[str, ...] = ()


def plan_agreement_goal(title: str, cadence_text: str, text: str = "") -> AgreementPlan:
    """Check an agreement's goal the way :func:`add_goal` will, repairing instead of refusing.

    The couple has already agreed by the time this runs, so nothing they wrote may be lost to a
    problem in the exercise file: an unreadable cadence becomes weekly, an empty title becomes
    the agreement's own words, a long one is shortened, and each change is said in a sentence.
    ``workbook validate --walk`` calls this too, so an author sees the same problems first.
    """
    changes: list[str] = []
    title = " ".join(title.split())
    if not title:
        title = " ".join(text.split()) or "Our agreement"
        changes.append("The goal's title came out empty, so it is named after the agreement.")
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rstrip() + "…"
        changes.append(f"The goal's title was longer than {MAX_TITLE} characters; it is shortened.")
    try:
        cadence = parse_cadence(cadence_text)
    except WorkbookError:
        cadence = FALLBACK_CADENCE
        changes.append(
            f"The exercise asks for the cadence '{cadence_text}', which I can't read, so the "
            f"goal comes round {cadence.describe()}; change it on the goals screen or with "
            "`workbook goals edit`."
        )
    return AgreementPlan(title, cadence, tuple(changes))


@dataclass(frozen=True, slots=True)
class AgreementGoal:
    """The goal made from an agreement, and the sentences saying what had to change."""

    goal: Goal
    changes: tuple[str, ...] = ()


def create_goal_from_agreement(
    store: Store,
    *,
    title: str,
    cadence_text: str,
    text: str,
    session_id: str,
    exercise_id: str,
    partner: PartnerKey | None = None,
    why: str = "",
    private: bool = False,
) -> AgreementGoal:
    """Turn an agreement reached in an exercise into a goal that links back to it.

    A problem in the exercise's goal template never loses the agreement: see
    :func:`plan_agreement_goal`; the returned ``changes`` are for the couple to read.
    An agreement made in a private exercise is private too: the goal is sealed to its partner
    and the agreement's words travel inside the sealed ``why``, never in the plain link back.
    """
    plan = plan_agreement_goal(title, cadence_text, text)
    source = GoalSource(
        kind="agreement",
        agreement_text="" if private else text,
        session_id=session_id,
        exercise_id=exercise_id,
    )
    if private and text:
        why = f"{why.strip()}\n\nWe agreed: {text}".strip()
    goal = add_goal(
        store,
        title=plan.title,
        cadence=plan.cadence,
        partner=partner,
        why=why,
        private=private,
        source=source,
    )
    return AgreementGoal(goal, plan.changes)


def _update(store: Store, ref: str, change: Callable[[Goal], Goal]) -> Goal:
    with store.transaction():
        goal = resolve_goal(store, ref)
        return goals(store).put(change(goal))


def edit_goal(
    store: Store,
    ref: str,
    *,
    title: str | None = None,
    why: str | None = None,
    cadence: Cadence | str | None = None,
    target: date | None = None,
    reason: str = "",
    today: date | None = None,
) -> Goal:
    """Change wording, cadence or target; each change is logged with old, new and reason.

    A new cadence applies from ``today``; the days before keep the cadence they had.
    """
    today = today or local_today()
    new_cadence = None if cadence is None else _cadence(cadence)

    def change(goal: Goal) -> Goal:
        _no_reason_in_the_clear(goal, reason)
        if goal.private and (title is not None or why is not None):
            raise WorkbookError(
                "A private goal's wording is sealed; it cannot be changed from here. "
                "Its cadence, dates and status can."
            )
        data = goal.model_copy(deep=True)
        log: list[Adjustment] = []
        if title is not None:
            clean = " ".join(title.split())
            if not clean:
                raise WorkbookError("A goal needs a title of a few words.")
            if clean != data.title:
                log.append(Adjustment(field="title", old=data.title, new=clean, reason=reason))
                data.title = clean
        if why is not None and why.strip() != data.why:
            log.append(Adjustment(field="why", old=data.why, new=why.strip(), reason=reason))
            data.why = why.strip()
        if new_cadence is not None and new_cadence != data.cadence:
            old = data.cadence.to_text()
            versions = data.cadence_versions
            if versions[-1].effective_from >= today:
                # Not yet in effect (or set earlier today): replace rather than stack versions.
                versions[-1] = CadenceVersion(
                    effective_from=versions[-1].effective_from, cadence=new_cadence
                )
            else:
                versions.append(CadenceVersion(effective_from=today, cadence=new_cadence))
            log.append(
                Adjustment(field="cadence", old=old, new=new_cadence.to_text(), reason=reason)
            )
        if target is not None and target != data.target_date:
            if target < data.start_date:
                raise WorkbookError("The target date is before the start date.")
            old_target = None if data.target_date is None else data.target_date.isoformat()
            log.append(
                Adjustment(
                    field="target_date", old=old_target, new=target.isoformat(), reason=reason
                )
            )
            data.target_date = target
        if not log:
            raise WorkbookError("Nothing to change: give a new title, why, cadence or target.")
        data.adjustments.extend(log)
        return Goal.model_validate(data.model_dump())

    return _update(store, ref, change)


def _no_reason_in_the_clear(goal: Goal, reason: str) -> None:
    """A private goal's history keeps no reason: it would sit in the file unsealed (and, from
    the CLI, in the shell's history). Refused before anything is stored."""
    if goal.private and reason.strip():
        raise WorkbookError(
            "A private goal keeps no reason for a change, since it would be stored unsealed; "
            "leave the reason out (your journal is the place for it)."
        )


def _set_status(goal: Goal, status: GoalStatus, reason: str) -> Goal:
    _no_reason_in_the_clear(goal, reason)
    data = goal.model_copy(deep=True)
    data.adjustments.append(
        Adjustment(field="status", old=goal.status.value, new=status.value, reason=reason)
    )
    data.status = status
    return data


def pause_goal(store: Store, ref: str, *, reason: str = "", today: date | None = None) -> Goal:
    """Pause from today: nothing is due and no streak can break until it is resumed."""
    today = today or local_today()

    def change(goal: Goal) -> Goal:
        if goal.status is not GoalStatus.ACTIVE:
            raise WorkbookError(f"This goal is {goal.status.value}, so it cannot be paused.")
        data = _set_status(goal, GoalStatus.PAUSED, reason)
        data.pauses.append(PauseInterval(start=today))
        return data

    return _update(store, ref, change)


def resume_goal(store: Store, ref: str, *, reason: str = "", today: date | None = None) -> Goal:
    """Resume: today counts again; the paused days stay excused."""
    today = today or local_today()

    def change(goal: Goal) -> Goal:
        if goal.status is not GoalStatus.PAUSED:
            raise WorkbookError(f"This goal is {goal.status.value}, not paused.")
        data = _set_status(goal, GoalStatus.ACTIVE, reason)
        open_pause = next((p for p in data.pauses if p.end is None), None)
        if open_pause is not None:
            if open_pause.start >= today:
                data.pauses.remove(open_pause)  # paused and resumed the same day: no gap
            else:
                open_pause.end = today - timedelta(days=1)
        return data

    return _update(store, ref, change)


def end_goal(
    store: Store, ref: str, status: GoalStatus, *, reason: str = "", today: date | None = None
) -> Goal:
    """Mark a goal achieved or archived; it stops being due after today."""
    if status not in ENDED:
        raise WorkbookError("A goal ends as achieved or archived.")
    today = today or local_today()

    def change(goal: Goal) -> Goal:
        if goal.status is status:
            raise WorkbookError(f"This goal is already {status.value}.")
        data = _set_status(goal, status, reason)
        for pause in data.pauses:
            if pause.end is None:
                pause.end = max(pause.start, today)
        if data.ended_on is None:
            data.ended_on = max(today, data.start_date)
        return data

    return _update(store, ref, change)


def achieve_goal(store: Store, ref: str, *, reason: str = "", today: date | None = None) -> Goal:
    return end_goal(store, ref, GoalStatus.ACHIEVED, reason=reason, today=today)


def archive_goal(store: Store, ref: str, *, reason: str = "", today: date | None = None) -> Goal:
    return end_goal(store, ref, GoalStatus.ARCHIVED, reason=reason, today=today)


# -- check-ins -------------------------------------------------------------------------------


def record_checkin(
    store: Store,
    ref: str,
    partner: PartnerKey,
    status: CheckInStatus | str,
    *,
    day: date | None = None,
    rating: int | None = None,
    skip_reason: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> CheckIn:
    """Record (or replace) ``partner``'s check-in on a goal for ``day`` (default today)."""
    today = today or local_today()
    day = day or today
    try:
        status = CheckInStatus(status)
    except ValueError:
        raise WorkbookError(
            f"'{status}' is not a check-in status; use done, partly, skipped or missed."
        ) from None
    if rating is not None and not 1 <= rating <= 10:
        raise WorkbookError("A rating is a whole number from 1 to 10.")
    skip_reason = (skip_reason or "").strip() or None
    if status is CheckInStatus.SKIPPED and skip_reason is None:
        raise WorkbookError("A skip needs a short reason (it keeps the streak intact).")
    if day > today:
        raise WorkbookError("A check-in cannot be for a day that has not come yet.")
    with store.transaction():
        goal = resolve_goal(store, ref)
        if partner not in goal.partners():
            raise WorkbookError("This goal belongs to the other partner; only they check in on it.")
        if day < goal.start_date:
            raise WorkbookError(f"This goal starts on {goal.start_date.isoformat()}.")
        note = (note or "").strip() or None
        skip_reason = skip_reason if status is CheckInStatus.SKIPPED else None
        sealed = None
        if goal.private and (note or skip_reason):
            # A private goal's words stay private on its check-ins too.
            sealed = _seal_private(store, partner, {"note": note, "skip_reason": skip_reason})
            note = None
            skip_reason = PRIVATE_REASON if skip_reason else None
        checkin = CheckIn(
            id=CheckIn.key(goal.id, partner, day),
            goal_id=goal.id,
            partner=partner,
            day=day,
            status=status,
            skip_reason=skip_reason,
            rating=rating,
            note=note,
            sealed=sealed,
        )
        return checkins(store).put(checkin)


def checkins_of(store: Store, goal_id: str, partner: PartnerKey | None = None) -> list[CheckIn]:
    """A goal's check-ins (one partner's, if given), oldest first."""
    found = checkins(store).find(
        lambda c: c.goal_id == goal_id and (partner is None or c.partner == partner)
    )
    return sorted(found, key=lambda c: (c.day, c.partner))


# -- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One goal due for one partner on one day, with how far the period has got.

    ``filled`` counts the period's check-ins up to and including the day (done, partly or
    skipped); ``today`` is the partner's check-in for the day itself, if they made one.
    """

    goal: Goal
    partner: PartnerKey
    period: Period
    filled: int
    today: CheckIn | None

    @property
    def progress_text(self) -> str:
        """E.g. "1 of 3 this week" for flexible periods; empty for single-day ones."""
        return progress_text(self.period, self.filled)


def due_on(store: Store, day: date | None = None) -> dict[PartnerKey, list[DueItem]]:
    """What each partner is asked about on ``day``: active goals due then, and today's answers."""
    day = day or local_today()
    active = goals(store).where(lambda doc: doc.get("status") == GoalStatus.ACTIVE.value)
    if not active:
        return {key: [] for key in PARTNERS}
    today_periods = {g.id: period_on(g.plan(), day) for g in active}
    starts = [p.start for p in today_periods.values() if p is not None]
    if not starts:
        return {key: [] for key in PARTNERS}
    ids = {gid for gid, p in today_periods.items() if p is not None}
    # Only the periods holding ``day`` matter: read (and validate) just their check-ins.
    earliest, latest = min(starts).isoformat(), day.isoformat()
    recent: dict[tuple[str, str], list[CheckIn]] = {}
    for c in checkins(store).where(
        lambda doc: doc.get("goal_id") in ids and earliest <= str(doc.get("day")) <= latest
    ):
        recent.setdefault((c.goal_id, c.partner), []).append(c)
    out: dict[PartnerKey, list[DueItem]] = {key: [] for key in PARTNERS}
    for goal in sorted(active, key=by_age):
        period = today_periods[goal.id]
        if period is None:
            continue
        plan = goal.plan()
        for partner in goal.partners():
            mine = recent.get((goal.id, partner), [])
            status = due_status(plan, day, [c.fact() for c in mine])
            if status is not None:
                todays = next((c for c in mine if c.day == day), None)
                out[partner].append(DueItem(goal, partner, status[0], status[1], todays))
    return out


def listed_goals(store: Store, *, include_ended: bool = False) -> list[Goal]:
    """The goals a progress view lists (the current ones, or all), oldest first, validated."""
    found = goals(store).where(lambda doc: include_ended or is_current(doc))
    return sorted(found, key=by_age)
