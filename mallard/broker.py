"""The zero-config broker: kombu's filesystem transport, made safe for a message still being written.

kombu's filesystem transport writes each message straight into the queue folder under its final
name, so the file is there, empty or half-written, while the sender is still writing it; its
``flock`` lock is advisory and the worker never asks for it. A worker polling every 0.1 s can
take such a file, fail to parse it and stop with "Unrecoverable error: JSONDecodeError": reminders
stop until someone restarts it, and the message is gone with it.

Here a sender writes each message under a name the worker does not look at, and renames it into
place only when complete (a rename within one folder is atomic). A worker reads a message before
taking it: a file it cannot parse yet is left where it is for the next poll, and set aside in
``broken/`` beside the queue folder, with an error in the log, only once it is old enough that no
sender can still be writing it. (docs/configuration.md, "Reminders without Redis".)
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import uuid
from queue import Empty
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

logger = logging.getLogger(__name__)

# A message file no sender has finished after this long never will be: it is set aside.
UNREADABLE_AFTER_SECONDS = 30.0
BROKEN_FOLDER = "broken"
# Names being written or taken start with a dot: the transport takes only "<stamp>_<uuid>.<queue>.msg".
PARTIAL_PREFIX = ".partial-"
TAKEN_PREFIX = ".taken-"


class Channel(filesystem.Channel):
    # kombu's stubs give this method two signatures, its base's and the filesystem one's; this is the latter.
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        """Put a message on ``queue``: written whole under a hidden name, then renamed into place."""
        folder = self.data_folder_out
        name = f"{round(time.monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        partial = os.path.join(folder, f"{PARTIAL_PREFIX}{uuid.uuid4()}")
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, os.path.join(folder, name))
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise ChannelError(f"Cannot add file {name!r} to directory") from exc

    def _get(self, queue: str, timeout: float | None = None) -> Any:
        """The next complete message on ``queue``; a file not complete yet waits for a later poll."""
        folder = self.data_folder_in
        wanted = f"{queue}.msg"
        for filename in sorted(os.listdir(folder)):
            if filename.partition(".")[2] != wanted:
                continue
            path = os.path.join(folder, filename)
            try:
                with open(path, "rb") as f:
                    raw = f.read()
                    stamp = os.fstat(f.fileno()).st_mtime
            except OSError:
                continue  # another worker took it meanwhile
            try:
                payload = loads(bytes_to_str(raw))
            except (json.JSONDecodeError, UnicodeDecodeError):
                if time.time() - stamp >= UNREADABLE_AFTER_SECONDS:
                    self._set_aside(path, filename)
                continue
            if self._take(path, filename):
                return payload
        raise Empty()

    def _take(self, path: str, filename: str) -> bool:
        """Claim the message: the one worker whose rename succeeds delivers it. The rename stays
        in the queue folder, so it is atomic wherever the folder is."""
        taken = os.path.join(self.data_folder_in, f"{TAKEN_PREFIX}{uuid.uuid4()}")
        try:
            os.rename(path, taken)
        except OSError:
            return False
        with contextlib.suppress(OSError):
            if self.store_processed:
                shutil.move(taken, os.path.join(self.processed_folder, filename))
            else:
                os.remove(taken)
        return True

    def _set_aside(self, path: str, filename: str) -> None:
        broken = os.path.join(self.data_folder_in, BROKEN_FOLDER)
        os.makedirs(broken, exist_ok=True)
        try:
            os.rename(path, os.path.join(broken, filename))
        except OSError:
            return
        logger.error("Broker message %s could not be read and was moved to %s", filename, broken)


class Transport(filesystem.Transport):
    """kombu's filesystem transport with :class:`Channel`: set as ``CELERY_BROKER_TRANSPORT``."""

    Channel = Channel
