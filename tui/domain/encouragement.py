"""Provides the short, kind words Onward says at hard and happy moments (strategies 1, 3 and 7)."""

from __future__ import annotations

REJECTION_NOTES = (
    "It's okay to feel disappointed. Let it land; you can reflect when you're ready.",
    "That one stings. It says nothing about your worth — one step closer.",
    "Feeling let down is natural. Be gentle with yourself today.",
    "A no is a detour, not the end of the road. Take a breath.",
)

CELEBRATION_NOTES = {
    "screening": "A screening call — they want to hear from you!",
    "interview": "An interview! Your application stood out.",
    "final_round": "The final round! That's a real achievement — celebrate it.",
    "offer": "An offer! All that persistence paid off. Well done!",
}


def rejection_note(seed: int) -> str:
    """A gentle note for a rejection; `seed` picks one so repeated rejections don't read the same."""
    return REJECTION_NOTES[seed % len(REJECTION_NOTES)]
