"""One module per ``pkit`` subcommand, each with ``run(args) -> exit status``; ``explorer``
is ``pkit`` without one. The options are declared in :mod:`tui.cli.parser`."""
