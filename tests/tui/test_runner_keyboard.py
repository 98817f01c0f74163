"""The hand-over rule on its own: when must the keyboard change hands before a step is shown."""

from __future__ import annotations

from workbook.tui.runner.keyboard import UNKNOWN, Keyboard


def test_a_hand_over_whenever_the_acting_partner_changes_either_way() -> None:
    """A to B and B to A both need a hand-over; the same partner again does not."""
    keyboard = Keyboard("a")
    assert not keyboard.needs_hand_over("a")
    assert keyboard.needs_hand_over("b")
    keyboard.handed_to("b")
    assert not keyboard.needs_hand_over("b")
    assert keyboard.needs_hand_over("a")  # B to A, as between two `each` steps


def test_a_step_done_together_leaves_the_keyboard_with_both() -> None:
    """After a together step (nobody or both acting) the next partner takes it without one."""
    keyboard = Keyboard("b")
    assert not keyboard.needs_hand_over(None)
    assert not keyboard.needs_hand_over("both")
    assert not keyboard.needs_hand_over("a")
    assert keyboard.holder == "a"
    assert keyboard.needs_hand_over("b")


def test_after_a_restart_the_acting_partner_takes_the_keyboard_first() -> None:
    """Nobody knows who sits there after a restart; a solo run never hands over."""
    keyboard = Keyboard()
    assert keyboard.holder == UNKNOWN
    assert keyboard.needs_hand_over("a")
    keyboard.lost()
    assert keyboard.needs_hand_over("b")
    assert not Keyboard("a").needs_hand_over("b", solo=True)
