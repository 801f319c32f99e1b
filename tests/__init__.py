"""The pkit test suite: one package, a subpackage per part (bench, cli, data, serve, terminal, ui).

Every folder is a package, so test modules are named by their path (``tests.ui.test_overview``)
and the shared modules are imported as ``tests.synthdata`` and ``tests.hostile``; a folder's
fixtures live in its ``conftest.py``, its other shared code in named modules beside them.
"""
