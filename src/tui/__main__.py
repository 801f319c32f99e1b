"""``python -m tui`` does what ``pkit`` does."""

from tui.cli.main import main

raise SystemExit(main())
