"""The reminder benchmark's mail server: accepts every message over SMTP and notes its reminder id.

It stands in for the mail relay that production sends to, which runs on other machines. It
runs in a process of its own and does no more than the protocol needs (greeting, EHLO or
HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), so that what it costs the benchmark's two cores
stays small beside the worker it measures.

    python -m bench.smtp_sink --port 2525 --report received.json [--log received.log]

On SIGTERM or SIGINT it writes the reminder id of every message it accepted (0 where a
message had none) to the report file as JSON, then exits. With ``--log``, it also appends
"<reminder id> <unix time>" to that file for each message as it accepts it, before its reply:
the fault tests (reminders/tests/test_faults.py) read it while the sink runs, and a sink that
is killed still leaves the record of every message it accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import time
from pathlib import Path
from typing import IO, cast

HEADER = re.compile(rb"^X-Mallard-Reminder: *(\d+)", re.MULTILINE | re.IGNORECASE)
END_OF_DATA = b"\r\n.\r\n"


class SmtpSession(asyncio.Protocol):
    """One client connection. Commands are lines; after DATA, the message runs to a lone dot."""

    def __init__(self, received: list[int], log: IO[str] | None = None) -> None:
        self.received = received
        self.log = log
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.in_data = False
        self.quitting = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # a stream: create_server's kind
        self.transport.write(b"220 bench sink ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None and not self.transport.is_closing():
            if self.in_data:
                # The terminator follows the CRLF that ends the message's last line.
                end = self.buffer.find(END_OF_DATA)
                if end < 0:
                    return
                message, self.buffer = self.buffer[: end + 2], self.buffer[end + len(END_OF_DATA) :]
                self.in_data = False
                found = HEADER.search(message)
                self.received.append(int(found.group(1)) if found else 0)
                if self.log is not None:
                    self.log.write(f"{self.received[-1]} {time.time():.6f}\n")
                    self.log.flush()
                self.transport.write(b"250 OK: queued\r\n")
                continue
            line_end = self.buffer.find(b"\r\n")
            if line_end < 0:
                return
            line, self.buffer = self.buffer[:line_end], self.buffer[line_end + 2 :]
            self.transport.write(self.reply(line))
            if self.quitting:
                self.transport.close()

    def reply(self, line: bytes) -> bytes:
        verb = line[:4].upper()
        if verb == b"EHLO":
            return b"250-bench sink\r\n250 8BITMIME\r\n"
        if verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
            return b"250 OK\r\n"
        if verb == b"DATA":
            self.in_data = True
            # A message may start at once; "\r\n" before it lets the terminator match an empty one.
            self.buffer = b"\r\n" + self.buffer
            return b"354 End data with <CR><LF>.<CR><LF>\r\n"
        if verb == b"QUIT":
            self.quitting = True
            return b"221 Bye\r\n"
        return b"502 Command not implemented\r\n"


async def serve(port: int, report: Path, log_path: Path | None = None) -> None:
    received: list[int] = []
    log = log_path.open("a", encoding="ascii") if log_path else None
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SmtpSession(received, log), "127.0.0.1", port, reuse_address=True
    )
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f"listening on 127.0.0.1:{port}", flush=True)
    await stop.wait()
    server.close()
    report.write_text(json.dumps(received))
    if log is not None:
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--report", type=Path, required=True, help="where to write the ids received, as JSON")
    parser.add_argument("--log", type=Path, help="append '<id> <unix time>' per message as it is accepted")
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.report, args.log))


if __name__ == "__main__":
    main()
