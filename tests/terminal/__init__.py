"""Terminal-compatibility tests: themes, preferences, colour, ASCII, PTY behaviour."""
