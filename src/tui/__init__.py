"""pkit: a keyboard-driven terminal explorer of Pakistan's IT trade."""

__version__ = "0.1.0"
