"""Everything Textual: the app, its main screen, panes, dialogs and widgets."""
