"""Tests of `pkit serve-ssh` over real SSH connections on 127.0.0.1 (a package, like tests/ui)."""
