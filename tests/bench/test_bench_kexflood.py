"""The key-exchange flood of the serve-ssh section: its packets, and the report pairs loaded
with unloaded runs (tests/serve/test_serve_floods.py runs its raw client against a server)."""

from __future__ import annotations

from bench import kexflood, report


def test_packets_are_padded_to_the_block_size() -> None:
    for size in range(1, 40):
        framed = kexflood.packet(b"x" * size)
        assert len(framed) % 8 == 0
        assert 4 <= framed[4] < 12
        assert int.from_bytes(framed[:4], "big") == len(framed) - 4


def test_flood_report_pairs_each_round_with_its_unloaded_run() -> None:
    rounds = [
        {
            "run": i,
            "ok": True,
            "quiet": 0.100,
            "one_address": {
                "latency": 0.120 + i * 0.01,
                "flood": {"ecdh": 20, "refused": 900},
                "seconds": 2.0,
            },
            "quiet_before_many": 0.100,
            "many_addresses": {
                "latency": 0.200,
                "flood": {"ecdh": 300, "refused": 0},
                "seconds": 2.0,
            },
        }
        for i in range(3)
    ]
    one, many = report.flood_metrics(rounds, "80x24, loopback")
    assert one.ratio is not None and abs(one.ratio.median - 1.3) < 1e-9
    assert one.met is True and "10 key exchanges/s" in one.note and "450 connections/s" in one.note
    assert many.ratio is not None and abs(many.ratio.median - 2.0) < 1e-9
    assert many.met is False
