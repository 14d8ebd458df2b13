"""Open-loop HTTP load at a fixed rate, for "p99 latency at N requests per second".

    python bench/paced.py http://127.0.0.1:8000/some/page/ --rate 150 --duration 10

wrk keeps a fixed number of connections busy, so its latency figures grow with the number
of connections rather than with the rate asked of the server. This sends request i at
start + i / rate whatever happened to earlier requests (like wrk2's -R), over keep-alive
connections opened as needed, and times each request from the moment it was due: a
server that falls behind shows it in the latency (no coordinated omission). Prints one
JSON line: rate asked and achieved, p50/p90/p99/max in ms, errors, connections used.
"""

import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit


class StaleConnection(ConnectionError):
    """The connection was closed before any byte of the answer came back."""


class Connection:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    async def get(self, request: bytes) -> int:
        self.writer.write(request)
        status_line = await self.reader.readline()
        if not status_line:
            raise StaleConnection("connection closed before the answer")
        status = int(status_line.split()[1])
        length, close = None, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        if length is None:
            await self.reader.read()
            close = True
        else:
            await self.reader.readexactly(length)
        if close:
            self.writer.close()
            raise EOFError(status)
        return status


async def run(url: str, rate: float, duration: float, timeout: float, headers=()) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "User-Agent: paced", *headers]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    idle: list[Connection] = []
    opened = 0
    latencies: list[float] = []
    errors = 0
    error_kinds: dict[str, int] = {}

    def failed(kind: str) -> None:
        nonlocal errors
        errors += 1
        error_kinds[kind] = error_kinds.get(kind, 0) + 1

    async def connect() -> Connection:
        nonlocal opened
        reader, writer = await asyncio.open_connection(host, port)
        opened += 1
        return Connection(reader, writer)

    async def one(due: float) -> None:
        reused = idle.pop() if idle else None
        try:
            try:
                connection = reused or await connect()
                status = await asyncio.wait_for(connection.get(request), timeout)
            except StaleConnection:
                # The server closed this idle keep-alive connection (its keep-alive
                # timeout) before our request reached it: retry once on a new connection,
                # as browsers and HTTP libraries do for a GET.
                connection = await connect()
                status = await asyncio.wait_for(connection.get(request), timeout)
            idle.append(connection)
        except EOFError as closed:
            status = closed.args[0]
        except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError) as error:
            failed(type(error).__name__)
            return
        latencies.append(time.perf_counter() - due)
        if not 200 <= status < 400:
            failed(f"HTTP {status}")

    start = time.perf_counter() + 0.05
    total = int(rate * duration)
    tasks = []
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    for connection in idle:
        connection.writer.close()
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return {
        "rate_asked": rate,
        "rps": round(len(latencies) / elapsed, 1),
        "requests": len(latencies),
        "p50_ms": round(pct(0.50), 2),
        "p90_ms": round(pct(0.90), 2),
        "p99_ms": round(pct(0.99), 2),
        "max_ms": round(pct(1.0), 2),
        "errors": errors,
        "error_kinds": error_kinds,
        "connections": opened,
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, required=True, help="requests per second")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument(
        "--header", action="append", default=[], help='e.g. "Accept-Encoding: gzip"'
    )
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.url, args.rate, args.duration, args.timeout, args.header))
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
