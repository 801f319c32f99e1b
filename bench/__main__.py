"""``python -m bench`` (``make bench``): see bench/cli.py and docs/benchmarks.md."""

import sys

from bench.cli import main

sys.exit(main())
