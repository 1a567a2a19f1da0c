"""Provides typed access to the running OnwardApp from any screen or widget (as Posting does with `cast`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from tui.app import OnwardApp


def onward_of(node: DOMNode) -> OnwardApp:
    """`node.app` typed as OnwardApp, for a class that cannot take the mixin: Textual takes a widget's CSS
    type names from its first base class, so a mixin put first drops its Textual base's styles."""
    return cast("OnwardApp", node.app)


class OnwardAccess(DOMNode):
    """Mixin: `self.onward` is `self.app` typed as OnwardApp, so a missing journal method fails the type check."""

    @property
    def onward(self) -> OnwardApp:
        return cast("OnwardApp", self.app)
