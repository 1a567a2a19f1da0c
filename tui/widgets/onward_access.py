"""Provides typed access to the running OnwardApp from any screen or widget (as Posting does with `cast`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from tui.app import OnwardApp


class OnwardAccess(DOMNode):
    """Mixin: `self.onward` is `self.app` typed as OnwardApp, so a missing journal method fails the type check."""

    @property
    def onward(self) -> OnwardApp:
        return cast("OnwardApp", self.app)
