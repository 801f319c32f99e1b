"""authorized_keys: the options pkit enforces, the ones it refuses, StrictModes, counting."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

import asyncssh
import pytest

from tui.serve.authorized_keys import AuthorizedKeys
from tui.serve.authorized_keys_file import parse_expiry
from tui.serve.config import ConfigError
from tui.serve.main import startup_lines

from .helpers import Keys, ServerFactory
from .sshclient import authorized_line, connect

LOCAL = ("127.0.0.1", "127.0.0.1")


def write(keys: Keys, *lines: str) -> None:
    keys.authorized.write_text("".join(line + "\n" for line in lines))


@pytest.mark.parametrize("name", ["from", "FROM", "From"])  # OpenSSH ignores the case
def test_from_is_enforced(keys: Keys, name: str) -> None:
    write(keys, f'{name}="10.0.0.0/8,!10.9.9.9" {authorized_line(keys.client)}')
    ak = AuthorizedKeys(keys.authorized)
    assert not ak.validate(keys.client, *LOCAL)
    assert not ak.validate(keys.client, "10.9.9.9", "10.9.9.9")
    assert ak.validate(keys.client, "10.1.2.3", "10.1.2.3")


def test_expiry_time_is_enforced(keys: Keys) -> None:
    now = [parse_expiry("20300101Z") - 1]
    write(
        keys,
        f'expiry-time="20300101Z" {authorized_line(keys.client)}',
        f'expiry-time="19990101" {authorized_line(keys.stranger)}',
    )
    ak = AuthorizedKeys(keys.authorized, clock=lambda: now[0])
    assert ak.validate(keys.client, *LOCAL)
    assert not ak.validate(keys.stranger, *LOCAL)  # expired last century
    now[0] += 1  # 2030-01-01T00:00:00Z
    assert not ak.validate(keys.client, *LOCAL)


def test_expiry_time_formats() -> None:
    utc = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc).timestamp()
    assert parse_expiry("20300102030405Z") == utc
    assert parse_expiry("203001020304Z") == utc - 5
    assert parse_expiry("20300102") == dt.datetime(2030, 1, 2).timestamp()  # local time
    for bad in ("2030-01-02", "20301302", "tomorrow", "2030010"):
        with pytest.raises(ValueError, match=bad):
            parse_expiry(bad)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ('command="/bin/sh"', "option command= is not enforced by pkit"),
        ('environment="A=b"', "option environment= is not enforced"),
        ('permitopen="db:5432"', "never allows forwarding"),
        ("port-forwarding", "never allows forwarding"),
        ("cert-authority", "certificates are not supported"),
        ("verify-required", "option verify-required is not enforced"),
        ("frobnicate", "unknown option 'frobnicate'"),
        ('expiry-time="soon"', 'expiry-time="soon": give YYYYMMDD'),
        ('from="10.0.0.1', "unbalanced quote"),
        ("from=10.0.0.1", "from= needs a quoted value"),
    ],
)
def test_options_pkit_does_not_enforce_refuse_the_file(
    keys: Keys, option: str, message: str
) -> None:
    write(
        keys, "# team", authorized_line(keys.stranger), f"{option} {authorized_line(keys.client)}"
    )
    with pytest.raises(ConfigError) as info:
        AuthorizedKeys(keys.authorized)
    assert f"{keys.authorized}:3: " in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_every_refused_line_is_named(keys: Keys) -> None:
    line = authorized_line(keys.client)
    write(keys, f'command="x" {line}', line, f'tunnel="1" {line}')
    with pytest.raises(ConfigError) as info:
        AuthorizedKeys(keys.authorized)
    assert f"{keys.authorized}:1: " in str(info.value)
    assert f"{keys.authorized}:3: " in str(info.value)


def test_accepted_options(keys: Keys) -> None:
    options = "restrict,pty,no-port-forwarding,no-agent-forwarding,No-X11-Forwarding,no-user-rc"
    write(keys, f"{options} {authorized_line(keys.client)}")
    ak = AuthorizedKeys(keys.authorized)
    entry = ak.match(keys.client, *LOCAL)
    assert entry is not None and not entry.no_pty


def test_reload_with_a_refused_option_keeps_the_previous_keys(
    keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="tui.serve")
    ak = AuthorizedKeys(keys.authorized)
    write(keys, f'command="/bin/sh" {authorized_line(keys.stranger)}')
    assert ak.validate(keys.client, *LOCAL)
    assert not ak.validate(keys.stranger, *LOCAL)
    assert f"{keys.authorized}:1: option command=" in caplog.text


def test_garbage_lines_are_reported_not_counted(
    keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    write(keys, authorized_line(keys.client), "ssh-ed25519 not-base64!!", "hello world")
    ak = AuthorizedKeys(keys.authorized)
    assert ak.count == 1
    assert [s.split(": ")[0] for s in ak.skipped] == [
        f"{keys.authorized}:2",
        f"{keys.authorized}:3",
    ]


async def test_startup_log_counts_valid_keys_and_reports_garbage(
    make_server: ServerFactory, keys: Keys
) -> None:
    write(keys, authorized_line(keys.client), "garbage here", authorized_line(keys.stranger))
    server = await make_server()
    lines = startup_lines(server.config, server)
    assert f"keys in {keys.authorized} (2)" in lines[1][1]
    warnings = [text for level, text in lines if level == logging.WARNING]
    assert len(warnings) == 1
    assert f"authorized keys: {keys.authorized}:2: not a public key" in warnings[0]


# -- StrictModes -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_file_writable_by_others_is_refused(keys: Keys, mode: int) -> None:
    keys.authorized.chmod(mode)
    with pytest.raises(ConfigError, match="writable by group or others.*chmod go-w"):
        AuthorizedKeys(keys.authorized)


def test_a_folder_writable_by_others_is_refused_unless_sticky(keys: Keys) -> None:
    keys.folder.chmod(0o777)
    with pytest.raises(ConfigError, match=f"its folder {keys.folder} is writable"):
        AuthorizedKeys(keys.authorized)
    keys.folder.chmod(0o1777)  # like /tmp: only the owner can replace the file
    assert AuthorizedKeys(keys.authorized).count == 1


def test_becoming_writable_by_others_keeps_the_previous_keys(
    keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="tui.serve")
    ak = AuthorizedKeys(keys.authorized)
    keys.authorized.chmod(0o666)
    write(keys, authorized_line(keys.stranger))  # the kind of edit StrictModes is about
    assert not ak.validate(keys.stranger, *LOCAL)
    assert ak.validate(keys.client, *LOCAL)
    assert "writable by group or others" in caplog.text


def test_cli_refuses_command_option_and_open_file(keys: Keys, tmp_path: Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        args = ["--authorized-keys", str(keys.authorized), "--host-key", str(tmp_path / "hk")]
        return subprocess.run(
            [sys.executable, "-m", "tui", "serve-ssh", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    write(keys, f'command="/usr/bin/id" {authorized_line(keys.client)}')
    done = run()
    assert done.returncode == 2
    assert f"{keys.authorized}:1: option command= is not enforced" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr

    write(keys, authorized_line(keys.client))
    keys.authorized.chmod(0o646)
    done = run()
    assert done.returncode == 2 and "writable by group or others" in done.stderr


# -- no-pty and expiry over a real connection --------------------------------------------------


async def test_no_pty_key_logs_in_but_gets_no_session(
    make_server: ServerFactory, keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="tui.serve")
    write(keys, f"no-pty {authorized_line(keys.client)}", authorized_line(keys.stranger))
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        process = await conn.create_process(term_type="xterm", encoding=None)
        stderr = await process.stderr.read()
        await process.wait_closed()
    assert process.exit_status == 1
    assert b"this key may not open a terminal (no-pty in authorized_keys)" in stderr
    assert not server.children
    assert any("end=refused-no-pty-key" in r.getMessage() for r in caplog.records)
    async with await connect(server.port, keys.stranger) as conn:  # another key: unaffected
        process = await conn.create_process(term_type="xterm", encoding=None)
        assert await process.stdout.read(1)  # pkit starts drawing
        process.close()


async def test_an_expired_key_cannot_log_in(make_server: ServerFactory, keys: Keys) -> None:
    write(
        keys,
        f'expiry-time="20000101" {authorized_line(keys.client)}',
        authorized_line(keys.stranger),
    )
    server = await make_server()
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, keys.client)
    async with await connect(server.port, keys.stranger):
        pass
