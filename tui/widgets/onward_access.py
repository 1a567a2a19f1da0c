"""Provides typed access to the running OnwardApp from any screen or widget (as Posting does with `cast`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.app import App

    from tui.app import OnwardApp


def onward_of(node: DOMNode) -> OnwardApp:
    """`node.app` typed as OnwardApp, for code given a node rather than written in its class."""
    return cast("OnwardApp", node.app)


class OnwardAccess:
    """Mixin: `self.onward` is `self.app` typed as OnwardApp, so a missing journal method fails the type check.
    Not a DOMNode itself: Textual takes a class's CSS type names (and its bases' default CSS) by following the
    first base that is a DOMNode, so as one, put first (`class TimelineScreen(OnwardAccess, ModalScreen)`), it
    hid ModalScreen and Screen: their rules (`ModalScreen ToastRack`, the toasts a dialog holds back) missed
    nine screens."""

    if TYPE_CHECKING:
        app: App[None]  # the DOMNode it is mixed into gives it

    @property
    def onward(self) -> OnwardApp:
        return cast("OnwardApp", self.app)
