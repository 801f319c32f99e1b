"""UI tests of the pkit Textual app (a package, so its conftest does not clash with tests/')."""
