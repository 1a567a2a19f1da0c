"""Long list lines end after a whole part or word, never mid-word (issue 11: "due since 2 we…" at 80×24)."""

import pytest
from textual.content import Content

from tui.widgets.lazy_list import cut_at_a_word


@pytest.mark.parametrize("text, width, shown", [
    ("    software · applied 3 weeks ago · due since 2 weeks ago", 46, "    software · applied 3 weeks ago…"),
    ("  Saffron Media — Data Visualisation Designer", 40, "  Saffron Media — Data Visualisation…"),
    ("    data · applied 2 weeks ago", 46, "    data · applied 2 weeks ago"),
    ("    applied · no word for 35 days · g if ghosted", 40, "    applied · no word for 35 days…"),
    ("Supercalifragilisticexpialidocious-and-more", 20, "Supercalifragilisti…"),
    ("two words", 1, "t"),
])
def test_a_line_too_long_is_cut_after_a_whole_part_or_word(text, width, shown):
    cut = cut_at_a_word(Content(text), width)
    assert cut.plain == shown
    assert cut.cell_length <= width


def test_styles_survive_the_cut():
    line = Content.assemble(("Acme", "bold"), " · applied three weeks ago")
    cut = cut_at_a_word(line, 20)
    assert cut.plain == "Acme · applied…" and any("bold" in str(span.style) for span in cut.spans)
