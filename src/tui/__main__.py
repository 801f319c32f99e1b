"""``python -m tui`` does what ``pkit`` does."""

from tui.cli import main

raise SystemExit(main())
