"""UI tests of the pkit Textual app, driven with Textual's Pilot; helpers in ``helpers.py``."""
