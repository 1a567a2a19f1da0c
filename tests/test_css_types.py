"""Every screen and widget of Onward's is styled as the Textual class it is: Textual takes a class's CSS type
names (and its bases' default CSS) by following the first base that is a DOMNode, so a DOMNode mixin put
first (`class TimelineScreen(OnwardAccess, ModalScreen)`) hid ModalScreen and Screen from nine screens: the
timeline was not centred nor dimmed behind as a dialog, and the rules for toasts over dialogs missed it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.screen import ModalScreen, Screen
from textual.widget import Widget

import tui


def onward_classes() -> list[type]:
    found = []
    for module in pkgutil.walk_packages(tui.__path__, "tui."):
        if module.name.endswith("__main__"):
            continue  # runs the command line
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ == loaded.__name__ and issubclass(cls, Widget):
                found.append(cls)
    return found


def test_every_screen_and_widget_carries_its_textual_base_s_css_type_names() -> None:
    classes = onward_classes()
    assert len(classes) > 30
    hidden = []
    for cls in classes:
        for base in (ModalScreen, Screen, Widget):
            if issubclass(cls, base) and base.__name__ not in cls._css_type_names:
                hidden.append(f"{cls.__module__}.{cls.__name__} is not styled as {base.__name__}")
    assert hidden == []
