"""Provides `python -m tui`, the same as the `onward` command."""

import sys

from tui.launch import main

sys.exit(main())
