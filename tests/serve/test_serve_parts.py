"""The server's parts without a network: child environment, arguments, host key, keys, limits."""

from __future__ import annotations

import argparse
import fcntl
import os
import stat
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from tui.serve.authorized_keys import AuthorizedKeys, fingerprint
from tui.serve.config import ConfigError, ServeConfig, from_args, is_loopback
from tui.serve.hostkey import load_or_create_host_key
from tui.serve.limits import PreAuthLimits, SessionLimits, Slot, TokenBucket, address_group
from tui.serve.runtime import remove_stale, start_time
from tui.serve.session_env import build_child_env, normalise_locale, safe_term
from tui.serve.session_process import MAX_COLS, MAX_ROWS, set_window_size

from .helpers import FakeClock, Keys
from .sshclient import authorized_line

HOSTILE = {
    "TEXTUAL_DRIVER": "evil:Driver",
    "PYTHONPATH": "/tmp/evil",
    "PYTHONSTARTUP": "/tmp/evil.py",
    "LD_PRELOAD": "/tmp/evil.so",
    "COLUMNS": "10",
    "LINES": "5",
    "PATH": "/tmp/evil",
    "HOME": "/root",
    "PKIT_SERVE_MODE": "0",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "XDG_STATE_HOME": "/tmp/evil",
    "SSH_CONNECTION": "spoofed",
}


def child_env(client_env: dict[Any, Any], term: str | None = "xterm-256color") -> dict[str, str]:
    return build_child_env(
        term=term,
        client_env=client_env,
        home=Path("/srv/pkit-home"),
        ssh_connection="127.0.0.1 5000 127.0.0.1 2222",
    )


def test_child_env_is_built_from_scratch_not_from_the_server_or_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SERVER_SECRET", "s3cret")
    env = child_env(HOSTILE)
    assert "SERVER_SECRET" not in env
    for name in ("TEXTUAL_DRIVER", "PYTHONPATH", "PYTHONSTARTUP", "LD_PRELOAD", "COLUMNS", "LINES"):
        assert name not in env
    assert "TEXTUAL_COLOR_SYSTEM" not in env
    assert env["PATH"] == os.defpath
    assert env["HOME"] == "/srv/pkit-home"
    assert env["XDG_STATE_HOME"].startswith("/srv/pkit-home")
    assert env["PKIT_SERVE_MODE"] == "1"
    assert env["SSH_CONNECTION"] == "127.0.0.1 5000 127.0.0.1 2222"
    assert env["TERM"] == "xterm-256color"
    assert env["LANG"] == "C.UTF-8"


def test_child_env_passes_the_allow_list_normalised() -> None:
    env = child_env(
        {
            "COLORTERM": "truecolor",
            "NO_COLOR": "yes",
            "LANG": "en_GB.UTF-8",
            "LC_ALL": "de_DE.ISO-8859-1",
            "LC_CTYPE": "POSIX",
            "LC_TIME": "fr_FR.utf8",
            "LC_EVIL": "x",
            b"LC_MESSAGES": b"pt_BR.UTF-8",
        },
        term="screen-256color",
    )
    assert env["COLORTERM"] == "truecolor"
    assert env["NO_COLOR"] == "1"
    assert env["LANG"] == "en_GB.UTF-8"
    assert env["LC_ALL"] == "C.UTF-8"
    assert env["LC_CTYPE"] == "C.UTF-8"
    assert env["LC_TIME"] == "fr_FR.utf8"
    assert env["LC_MESSAGES"] == "pt_BR.UTF-8"
    assert "LC_EVIL" not in env
    assert env["TERM"] == "screen-256color"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en_US.UTF-8", "en_US.UTF-8"),
        ("C.UTF-8", "C.UTF-8"),
        ("sr_RS.UTF-8@latin", "sr_RS.UTF-8@latin"),
        ("en_US", "C.UTF-8"),
        ("ja_JP.eucJP", "C.UTF-8"),
        ("../../etc/passwd.UTF-8", "C.UTF-8"),
        ("", "C.UTF-8"),
    ],
)
def test_locale_normalised_to_utf8(value: str, expected: str) -> None:
    assert normalise_locale(value) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("xterm-kitty", "xterm-kitty"),
        ("vt100", "vt100"),
        (None, "xterm-256color"),
        ("", "xterm-256color"),
        ("xterm\x1b[31m", "xterm-256color"),
        ("a b", "xterm-256color"),
        ("../../x", "xterm-256color"),
        ("x" * 100, "xterm-256color"),
    ],
)
def test_term_is_a_terminfo_name_or_a_default(term: str | None, expected: str) -> None:
    assert safe_term(term) == expected


def test_window_size_is_clamped() -> None:
    master, slave = os.openpty()
    try:
        set_window_size(master, 100_000, 50_000)
        rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(slave, termios.TIOCGWINSZ, b"\0" * 8))
        assert (cols, rows) == (MAX_COLS, MAX_ROWS)
        set_window_size(master, 0, 0)
        rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(slave, termios.TIOCGWINSZ, b"\0" * 8))
        assert (cols, rows) == (1, 1)
    finally:
        os.close(master)
        os.close(slave)


# -- arguments -------------------------------------------------------------------------------


def serve_args(**overrides: Any) -> argparse.Namespace:
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 2222,
        "host_key": None,
        "authorized_keys": None,
        "allow_any_key": False,
        "max_sessions": 32,
        "idle_timeout": 900,
    }
    values.update(overrides)
    return argparse.Namespace(**values)


def test_arguments_need_an_auth_mode() -> None:
    with pytest.raises(ConfigError, match="needs --authorized-keys"):
        from_args(serve_args())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"port": 70000}, "--port 70000"),
        ({"max_sessions": 0}, "--max-sessions 0"),
        ({"idle_timeout": -1}, "--idle-timeout -1"),
        ({"authorized_keys": "/nonexistent/keys"}, "no such file"),
        ({"allow_any_key": True, "authorized_keys": "x"}, "not both"),
        ({"allow_any_key": True, "data": "/nonexistent"}, "--data /nonexistent"),
        ({"allow_any_key": True, "fy": "nonsense"}, "--fy"),
        ({"allow_any_key": True, "host": " "}, "--host"),
    ],
)
def test_bad_arguments_are_one_line_errors(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        from_args(serve_args(**overrides))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_good_arguments(keys: Keys, tmp_path: Path) -> None:
    config = from_args(
        serve_args(
            authorized_keys=str(keys.authorized),
            host_key=str(tmp_path / "hk"),
            max_sessions=3,
            idle_timeout=0,
            fy="2023-24",
        )
    )
    assert config.authorized_keys == keys.authorized
    assert config.host_key == tmp_path / "hk"
    assert (config.max_sessions, config.max_per_ip, config.max_per_key) == (3, 3, 3)
    assert config.idle_timeout == 0
    assert config.fy == "2023-24"
    assert config.loopback


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "serve-ssh", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "needs --authorized-keys"),
        (("--allow-any-key", "--port", "99999"), "--port 99999"),
        (("--authorized-keys", "/nonexistent"), "no such file"),
    ],
)
def test_cli_bad_arguments_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_cli_bad_key_files_exit_2(keys: Keys, tmp_path: Path) -> None:
    empty = tmp_path / "empty_keys"
    empty.write_text("# nobody yet\n")
    done = run_cli("--authorized-keys", str(empty), "--host-key", str(tmp_path / "hk"))
    assert done.returncode == 2 and "no public keys" in done.stderr
    assert "Traceback" not in done.stderr

    garbage = tmp_path / "garbage_keys"
    garbage.write_text("ssh-ed25519 not-base64!!\n")
    done = run_cli("--authorized-keys", str(garbage), "--host-key", str(tmp_path / "hk"))
    assert done.returncode == 2 and "garbage_keys" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr

    open_key = tmp_path / "open_host_key"
    open_key.write_bytes(asyncssh.generate_private_key("ssh-ed25519").export_private_key())
    open_key.chmod(0o644)
    done = run_cli("--authorized-keys", str(keys.authorized), "--host-key", str(open_key))
    assert done.returncode == 2 and "chmod 600" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_port_in_use_exit_2(keys: Keys, tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_cli(
            "--authorized-keys",
            str(keys.authorized),
            "--host-key",
            str(tmp_path / "hk"),
            "--port",
            str(port),
        )
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


# -- host key --------------------------------------------------------------------------------


def test_host_key_generated_once_0600_then_reused(tmp_path: Path) -> None:
    path = tmp_path / "state" / "ssh_host_ed25519_key"
    key, created = load_or_create_host_key(path)
    assert created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again, created_again = load_or_create_host_key(path)
    assert not created_again
    assert fingerprint(again) == fingerprint(key)


def test_host_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "key"
    load_or_create_host_key(path)
    path.chmod(0o640)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_or_create_host_key(path)


# -- authorized keys -------------------------------------------------------------------------


def test_authorized_keys_reread_when_the_file_changes(keys: Keys) -> None:
    ak = AuthorizedKeys(keys.authorized)
    assert ak.validate(keys.client, "127.0.0.1", "127.0.0.1")
    assert not ak.validate(keys.stranger, "127.0.0.1", "127.0.0.1")

    keys.authorized.write_text(
        authorized_line(keys.client) + "\n" + authorized_line(keys.stranger) + "\n"
    )
    os.utime(keys.authorized, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert ak.validate(keys.stranger, "127.0.0.1", "127.0.0.1")

    keys.authorized.write_text(authorized_line(keys.stranger) + "\n")  # client revoked
    os.utime(keys.authorized, ns=(time.time_ns(), time.time_ns() + 2 * 10**9))
    assert not ak.validate(keys.client, "127.0.0.1", "127.0.0.1")

    keys.authorized.write_text("ssh-ed25519 broken!!\n")  # a bad edit keeps the last good keys
    os.utime(keys.authorized, ns=(time.time_ns(), time.time_ns() + 3 * 10**9))
    assert ak.validate(keys.stranger, "127.0.0.1", "127.0.0.1")

    keys.authorized.unlink()  # deleted: no one
    assert not ak.validate(keys.stranger, "127.0.0.1", "127.0.0.1")


def test_authorized_keys_honour_from_option(keys: Keys) -> None:
    keys.authorized.write_text(f'from="10.0.0.0/8" {authorized_line(keys.client)}\n')
    ak = AuthorizedKeys(keys.authorized)
    assert not ak.validate(keys.client, "127.0.0.1", "127.0.0.1")
    assert ak.validate(keys.client, "10.1.2.3", "10.1.2.3")


# -- limits ----------------------------------------------------------------------------------


def test_session_limits_total_per_ip_per_key() -> None:
    limits = SessionLimits(total=3, per_ip=2, per_key=2)
    a = limits.acquire("10.0.0.1", "k1")
    b = limits.acquire("10.0.0.1", "k2")
    assert isinstance(a, Slot) and isinstance(b, Slot)
    assert "from 10.0.0.1" in str(limits.acquire("10.0.0.1", "k3"))
    c = limits.acquire("10.0.0.2", "k1")
    assert isinstance(c, Slot)
    assert "full" in str(limits.acquire("10.0.0.3", "k9"))
    limits.release(c)
    limits.release(a)
    limits.release(b)
    assert limits.active == 0
    assert isinstance(limits.acquire("10.0.0.9", "k1"), Slot)


def test_session_limits_per_key() -> None:
    limits = SessionLimits(total=10, per_ip=10, per_key=1)
    assert isinstance(limits.acquire("10.0.0.1", "k"), Slot)
    assert "this key" in str(limits.acquire("10.0.0.2", "k"))


async def test_token_bucket_caps_the_rate_on_a_fake_clock() -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate=20_000, burst=5_000, clock=clock, sleep=clock.sleep)
    start = clock()
    sent = 0
    while sent < 15_000:
        n = await bucket.wait_for(4096)
        bucket.spend(n)
        sent += n
    # 5 kB of burst, then 10 kB at 20 kB/s: half a second (plus the bucket's 1 ms margins)
    assert 0.5 <= clock() - start < 0.52


def test_token_bucket_try_take_refills_with_time_up_to_the_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(rate=2, burst=3, clock=clock)
    assert [bucket.try_take() for _ in range(4)] == [True, True, True, False]
    clock.advance(0.5)  # one token back
    assert bucket.try_take() and not bucket.try_take()
    clock.advance(3600)  # saved up: never more than the burst
    assert [bucket.try_take() for _ in range(4)] == [True, True, True, False]
    assert not bucket.full
    clock.advance(10)
    assert bucket.full


def test_preauth_share_and_rate_are_per_address() -> None:
    clock = FakeClock()
    limits = PreAuthLimits(per_address=2, rate=1, burst=3, clock=clock)
    assert limits.admit("10.0.0.1") is None and limits.admit("10.0.0.1") is None
    assert "waiting to log in (2)" in str(limits.admit("10.0.0.1"))
    assert limits.admit("10.0.0.2") is None  # another address is not affected
    limits.done("10.0.0.1")
    assert limits.admit("10.0.0.1") is None  # the third token
    limits.done("10.0.0.1")
    assert "too many new connections from 10.0.0.1" in str(limits.admit("10.0.0.1"))
    clock.advance(1.0)
    assert limits.admit("10.0.0.1") is None
    assert limits.waiting("10.0.0.1") == 2 and limits.waiting("10.0.0.2") == 1


def test_ipv6_addresses_count_per_64() -> None:
    assert address_group("2001:db8::1") == address_group("2001:db8::ffff") == "2001:db8::/64"
    assert address_group("2001:db8:0:1::1") != address_group("2001:db8::1")
    assert address_group("::ffff:10.0.0.1") == "10.0.0.1"
    assert address_group("10.0.0.1") == "10.0.0.1"


def test_default_config_is_loopback_with_limits() -> None:
    config = ServeConfig()
    assert config.host == "127.0.0.1" and config.loopback
    assert config.max_sessions == 32 and config.idle_timeout == 900
    assert config.connection_limit >= config.max_sessions
    assert 2 <= config.preauth_share < config.connection_limit


# -- the runtime folder ----------------------------------------------------------------------


def runtime_folder(parent: Path, name: str, owner: str | None, mode: int = 0o700) -> Path:
    folder = parent / f"pkit-serve-{name}"
    folder.mkdir(mode=mode)
    folder.chmod(mode)
    (folder / "s1").mkdir()
    (folder / "s1" / "prefs.toml").write_text("x")
    if owner is not None:
        (folder / "owner").write_text(owner)
    return folder


def test_stale_runtime_folders_are_removed_only_when_provably_ours(tmp_path: Path) -> None:
    me = os.getpid()
    stale = runtime_folder(tmp_path, "stale", f"{me} 1\n")  # our pid, an older process
    live = runtime_folder(tmp_path, "live", f"{me} {start_time(me)}\n")
    unmarked = runtime_folder(tmp_path, "unmarked", None)
    shared = runtime_folder(tmp_path, "shared", f"{me} 1\n", mode=0o755)
    garbage = runtime_folder(tmp_path, "garbage", "rm -rf /\n")
    other = tmp_path / "other-stale"
    other.mkdir()
    (other / "owner").write_text(f"{me} 1\n")
    (tmp_path / "pkit-serve-link").symlink_to(stale)

    assert remove_stale(tmp_path) == [stale]
    assert not stale.exists()
    for kept in (live, unmarked, shared, garbage, other):
        assert kept.is_dir()


async def test_a_server_removes_stale_folders_and_its_own(
    make_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = runtime_folder(tmp_path, "killed", f"{os.getpid()} 1\n")
    server = await make_server()
    assert not stale.exists()
    (own,) = tmp_path.glob("pkit-serve-*")
    assert (own / "owner").read_text().split()[0] == str(os.getpid())
    await server.close()
    assert not own.exists()


def test_the_template_warms_modules_that_exist() -> None:
    """The warm list names modules by string (the server never imports the UI) and skips
    any that fail to import: a renamed module would silently go cold."""
    import importlib.util

    from tui.serve.fork_template import WARM_MODULES, WARM_PACKAGES
    from tui.serve.session_bootstrap import PROGRAM

    names = [*WARM_MODULES, *WARM_PACKAGES, PROGRAM]
    assert [n for n in names if importlib.util.find_spec(n) is None] == []
    assert "tui.cli.main" in WARM_MODULES and "tui.ui.app" in WARM_MODULES
