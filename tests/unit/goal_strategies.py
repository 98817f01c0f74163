"""Hypothesis strategies for goal schedules, shared by the property tests of the schedule."""

from __future__ import annotations

from hypothesis import strategies as st

from workbook.goals.cadence import Cadence
from workbook.goals.schedule import CheckInStatus

statuses = st.sampled_from(list(CheckInStatus))


def cadences(longest_block: int) -> st.SearchStrategy[Cadence]:
    """Every shape of cadence: daily, N per week, chosen weekdays, monthly, and blocks of
    two to ``longest_block`` days."""
    return st.one_of(
        st.just(Cadence.daily()),
        st.integers(1, 7).map(Cadence.per_week),
        st.sets(st.integers(0, 6), min_size=1).map(Cadence.on_weekdays),
        st.integers(2, longest_block).map(Cadence.every_n_days),
        st.just(Cadence.monthly()),
    )
