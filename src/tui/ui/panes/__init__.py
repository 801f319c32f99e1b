"""The five panes of the explorer."""
