"""Comment-check throughput and latency over HTTP against `parley serve`, measured with wrk.

Starts `parley serve --workers N` on a fresh data dir (SQLite unless --database-url), creates
an API key, writes a wrk Lua script that POSTs form-encoded comment-checks (varied text and
IPs, like real traffic, so the duplicate and flood checks do real work), runs wrk from a
separate process and prints requests/s, p50, p99 and errors.

    python bench/spam_http.py                      # 20 s, 32 connections, 2 workers
    python bench/spam_http.py --duration 5 --connections 8   # a quick run

Target (issue 4): >= 800 comment-checks/s with p99 <= 25 ms on a 2-core machine.
wrk runs on the same machine and takes CPU from the server: numbers are pessimistic.
"""

import sys
from pathlib import Path

# Python puts this script's folder first on sys.path; a sibling bench script named like a
# stdlib module (bench/http.py) would then shadow it for urllib below.
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

LUA = r"""
-- Form-encoded Akismet comment-checks with varied text, author and IP.
local key = "%(key)s"
local texts = {
  "I tried this on my own server and the page loads halved; thanks for the numbers.",
  "Which version of PostgreSQL did you measure this with? I see different results on 16.",
  "Great deals on watches http://cheap.example/ [url=http://cheap.example/]buy[/url]",
  "The second chart is mislabelled, I think: the axis says ms but the text says seconds.",
  "My grandmother made this every winter, with a little more nutmeg than you use here.",
  "Could you share the config file? The part about connection pooling is unclear to me.",
}
local n = 0
local function esc(s)
  return (s:gsub("[^%%w%%-_%%.~]",
    function(c) return string.format("%%%%%%02X", string.byte(c)) end))
end
request = function()
  n = n + 1
  local text = texts[(n %% #texts) + 1] .. " (" .. n .. ")"
  local body = "api_key=" .. key
    .. "&blog=" .. esc("https://bench.example/")
    .. "&user_ip=10." .. (n %% 200) .. "." .. (math.floor(n / 200) %% 250) .. ".7"
    .. "&user_agent=" .. esc("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
    .. "&permalink=" .. esc("https://bench.example/2026/11/26/post-" .. (n %% 50) .. "/")
    .. "&comment_type=comment"
    .. "&comment_author=" .. esc("Reader " .. (n %% 997))
    .. "&comment_author_email=" .. esc("reader" .. (n %% 997) .. "@example.net")
    .. "&comment_content=" .. esc(text)
  return wrk.format("POST", "/1.1/comment-check",
    {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
"""


NO_ENGINE_SETTINGS = """
from parley.settings import *  # noqa: F403

# --engine none: the pipeline runs no rule and records nothing, so what is left is the
# cost of the HTTP server, Django and the API layer (keys, parsing, rate limit, counters).
PARLEY_ANTISPAM = {"enabled": [], "record_history": False}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("parley serve exited before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.read() == b"connected":
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"parley serve did not answer {url} in {seconds:.0f} s")


def server_cpu_seconds(master: int) -> float:
    """User + system CPU of the gunicorn master and its workers so far (Linux /proc).

    On a shared machine wall-clock throughput says as much about the neighbours as about
    Parley; CPU time per request does not, and gives the capacity of idle cores.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if master in (pid, ppid):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output: str) -> dict:
    latency = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)", output, re.MULTILINE))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "p50_ms": milliseconds(latency["50"]),
        "p99_ms": milliseconds(latency["99"]),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of load")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load not counted")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--server-threads",
        type=int,
        default=1,
        help="threads per worker (over 1, gunicorn's gthread worker keeps connections alive)",
    )
    parser.add_argument("--database-url", default="", help="PostgreSQL instead of SQLite")
    parser.add_argument("--cache-url", default="", help="e.g. redis://127.0.0.1:6379/9")
    parser.add_argument("--keep", action="store_true", help="keep the data dir and server log")
    parser.add_argument(
        "--engine",
        choices=["full", "none"],
        default="full",
        help="none: no rules and no history store, to measure the API and server alone",
    )
    args = parser.parse_args()

    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    parley = [sys.executable, "-m", "parley"]
    data_dir = Path(tempfile.mkdtemp(prefix="parley-bench-http-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARLEY_CACHE_URL")}
    # The per-key rate limit stays on (its cost is part of a check) but far above the load.
    env.update(PARLEY_DATA_DIR=str(data_dir), PARLEY_API_RATE_LIMIT="1000000000/60")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.cache_url:
        env["PARLEY_CACHE_URL"] = args.cache_url
    if args.engine == "none":
        (data_dir / "bench_settings.py").write_text(NO_ENGINE_SETTINGS)
        env["DJANGO_SETTINGS_MODULE"] = "bench_settings"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(data_dir), env.get("PYTHONPATH")]))

    log = open(data_dir / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            *parley,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.server_threads),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/1.1/test", server)
        key = subprocess.run(
            [*parley, "apikey", "create", "--site", "https://bench.example/"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        script = data_dir / "comment_check.lua"
        script.write_text(LUA % {"key": key})
        common = [
            wrk,
            f"-t{args.threads}",
            f"-c{args.connections}",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ]
        if args.warmup:
            subprocess.run(
                [*common[:3], f"-d{args.warmup}s", *common[3:]], check=True, capture_output=True
            )
        cpu_before = server_cpu_seconds(server.pid)
        run = subprocess.run(
            [*common[:3], f"-d{args.duration}s", *common[3:]],
            check=True,
            capture_output=True,
            text=True,
        )
        cpu = server_cpu_seconds(server.pid) - cpu_before
        result = parse_wrk(run.stdout)
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # gunicorn and its workers, which we started
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)

    database = "PostgreSQL" if args.database_url else "SQLite"
    engine = "full engine" if args.engine == "full" else "NO engine rules: API overhead only"
    print(
        f"comment-check over HTTP: parley serve --workers {args.workers} "
        f"--threads {args.server_threads} ({database}, {engine}), "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s on the same machine"
    )
    print(f"  requests/s  {result['requests_per_second']:.0f}   (target >= 800)")
    print(f"  p50         {result['p50_ms']:.2f} ms")
    print(f"  p99         {result['p99_ms']:.2f} ms   (target <= 25 ms)")
    print(f"  requests    {result['requests']}   errors {result['errors']}")
    per_request = cpu / max(result["requests"], 1) * 1000
    cores = os.cpu_count() or 1
    print(
        f"  server CPU  {per_request:.2f} ms a request -> about "
        f"{cores * 1000 / per_request:.0f} requests/s if the {cores} cores were all Parley's"
    )
    load = os.getloadavg()[0]
    print(f"  load avg    {load:.1f} on {cores} cores while measuring (others' work included)")
    if args.keep:
        print(f"  data dir    {data_dir}")


if __name__ == "__main__":
    main()
