"""pkit benchmarks: startup, responsiveness, bandwidth, memory and scale.

Every program runs in a real PTY whose output is rendered by pyte, and every figure is a
ratio against a baseline measured in the same run (shared machines are noisy). Run it with
``make bench`` or ``python -m bench`` (``--quick`` for a short development run).
"""
