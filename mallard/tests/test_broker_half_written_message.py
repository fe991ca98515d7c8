"""The zero-config broker (mallard/broker.py) never stops a worker on a message still being written.

kombu's own filesystem transport writes a message under its final name, so a worker polling ten
times a second can find it half-written, fail with JSONDecodeError and stop for good.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kombu import Connection

from mallard import broker

STOCK = "kombu.transport.filesystem:Transport"
MALLARD = "mallard.broker:Transport"


def connect(folder: Path, transport: str) -> Connection:
    return Connection(
        "filesystem://localhost//",
        transport=transport,
        transport_options={
            "data_folder_in": str(folder),
            "data_folder_out": str(folder),
            "control_folder": str(folder.parent / "control"),
            "polling_interval": 0.05,
        },
    )


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A queue folder of this test's own. The transport keeps its bindings in one state for the
    whole process, so a binding an earlier test made would skip writing this test's."""
    broker.Transport.global_state.clear()
    path = tmp_path / "broker"
    path.mkdir()
    yield path
    broker.Transport.global_state.clear()


def message_bytes(tmp_path: Path, body: dict[str, str]) -> bytes:
    """A message file exactly as a sender writes it, made in a scratch folder."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with connect(scratch, STOCK) as connection:
        connection.SimpleQueue("wake").put(body)
    (written,) = scratch.glob("*.wake.msg")
    return written.read_bytes()


@pytest.fixture
def half_written(tmp_path: Path, folder: Path) -> Iterator[tuple[Path, bytes]]:
    """A message file a sender has begun but not finished: its first half is on disk."""
    whole = message_bytes(tmp_path, {"remind": "now"})
    path = folder / f"{int(time.monotonic() * 1000)}_0000.wake.msg"
    path.write_bytes(whole[: len(whole) // 2])
    yield path, whole


def test_kombus_own_transport_fails_on_a_half_written_message(
    half_written: tuple[Path, bytes], folder: Path
) -> None:
    """Why Mallard has its own: this is what stopped the worker."""
    with connect(folder, STOCK) as connection, pytest.raises(json.JSONDecodeError):
        connection.SimpleQueue("wake").get(timeout=1)


def test_a_half_written_message_waits_and_is_delivered_once_complete(
    half_written: tuple[Path, bytes], folder: Path
) -> None:
    path, whole = half_written
    with connect(folder, MALLARD) as connection:
        queue = connection.SimpleQueue("wake")
        with pytest.raises(queue.Empty):
            queue.get(timeout=0.3)
        assert path.exists(), "a message not complete yet stays for a later poll"

        finish = threading.Timer(0.3, path.write_bytes, args=(whole,))
        finish.start()
        message = queue.get(timeout=5)
        finish.join()
        assert message.payload == {"remind": "now"}
        message.ack()
        with pytest.raises(queue.Empty):
            queue.get(timeout=0.2)  # delivered once
    assert not list(folder.glob("*.msg"))


def test_a_message_that_never_completes_is_set_aside_and_the_next_one_still_comes(
    half_written: tuple[Path, bytes], folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, _ = half_written
    old = time.time() - broker.UNREADABLE_AFTER_SECONDS - 1
    os.utime(path, (old, old))
    with connect(folder, MALLARD) as connection:
        queue = connection.SimpleQueue("wake")
        queue.put({"remind": "later"})
        message = queue.get(timeout=5)
        assert message.payload == {"remind": "later"}
        message.ack()
    assert (folder / broker.BROKEN_FOLDER / path.name).exists()
    assert "could not be read" in caplog.text


def test_a_sent_message_appears_in_the_folder_only_when_whole(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen_while_writing: list[list[str]] = []
    replace = os.replace

    def watch(source: str, target: str) -> None:
        seen_while_writing.append(sorted(name for name in os.listdir(folder) if name.endswith(".msg")))
        replace(source, target)

    monkeypatch.setattr(broker.os, "replace", watch)
    with connect(folder, MALLARD) as connection:
        connection.SimpleQueue("wake").put({"remind": "now"})
    assert seen_while_writing == [[]]
    (written,) = folder.glob("*.wake.msg")
    assert json.loads(written.read_bytes())["body"]
    assert not [name for name in os.listdir(folder) if name.startswith(".")]
