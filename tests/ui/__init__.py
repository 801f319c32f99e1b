"""UI tests of the pkit Textual app.

A package (``ui``) so that mypy does not see two top-level ``conftest`` modules (this folder's
and ``tests/conftest.py``); the test modules import their helpers from ``.helpers``.
"""
