#!/usr/bin/env python3
"""The class view under a large class: `bash course.sh loadtest-classview [--students 300]`.

HTTP only, no kernels: a real JupyterHub on 127.0.0.1 (hub/loadtest.py's test hub, with
the class view set up by `classview.configure`), N users, each with a token of the
scopes a student's server token has for the service; then every student posts their
check verdicts straight to the service, as a kernel does (autograd_lesson/classroom.py),
all at once, a report every 0.5 to 3 s. Measured: the report's round trip (p50, p95,
max), that none is lost (every 201 is in the database, every report got a 201), and the
service's memory after the first 30 students and after all N.

Bounded: at most 1000 students and 50 reports each, and a total time limit; everything
runs on 127.0.0.1 in a temporary directory, removed at the end.
"""

import argparse
import asyncio
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hub import loadtest

ACCESS = "access:services!service=classview"
EXERCISES = ["06.1", "06.2", "06.3", "06.4", "07.1", "07.2"]


async def make_students(http, hub, names):
    """The users, and a token each with the server token's scope for the service."""
    admin = {"Authorization": f"token {hub.admin_token}"}
    async with http.post(f"{hub.url}/hub/api/users", json={"usernames": names}, headers=admin) as r:
        if r.status != 201:
            raise RuntimeError(f"making the users answered {r.status}: {await r.text()}")
    tokens = {}
    for name in names:  # one at a time: the hub hashes each token (and we share 2 cores)
        async with http.post(
            f"{hub.url}/hub/api/users/{name}/tokens",
            json={"scopes": [ACCESS], "note": "classview load"},
            headers=admin,
        ) as r:
            tokens[name] = (await r.json())["token"]
    return tokens


async def student(http, url, token, reports, rng, results, start, ramp):
    """Post `reports` verdicts, one every 0.5 to 3 s, each timed until its answer; the
    first after a random wait of up to `ramp` seconds (when this student's login ends)."""
    await start.wait()
    await asyncio.sleep(rng.uniform(0, ramp))
    headers = {"Authorization": f"token {token}"}
    for i in range(reports):
        await asyncio.sleep(rng.uniform(0.5, 3.0))
        exercise = rng.choice(EXERCISES)
        mark = rng.choice(["ok", "wrong", "wrong", "todo"])
        body = {
            "exercise": exercise,
            "lesson": exercise[:2],
            "mark": mark,
            "mistake": "assigns-instead-of-adds" if mark == "wrong" else None,
            "time": time.time(),
        }
        t = time.perf_counter()
        try:
            async with http.post(url, json=body, headers=headers) as r:
                await r.read()
                status = r.status
        except aiohttp.ClientError as error:
            status = f"{type(error).__name__}"
        results.append((time.perf_counter() - t, status, i == 0))


def check_overhead(reports=150):
    """What reporting adds to a check, in ms, with the service up, down (nothing listens)
    and not answering (it takes the request and never replies within the timeout); the
    "service" here is a stand-in on 127.0.0.1, since only the kernel's side is timed."""
    import os
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from autograd_lesson import classroom
    from autograd_lesson.exercises.base import Verdict

    class Up(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(201)
            self.end_headers()

        def log_message(self, *args):
            pass

    class NotAnswering(Up):
        def do_POST(self):
            time.sleep(classroom.TIMEOUT + 1)

    def serve(handler):
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server.server_address[1]

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        down = s.getsockname()[1]  # closed again at once: nothing listens there
    verdict = Verdict(False, "not yet", mistake="assigns-instead-of-adds")
    saved = {k: os.environ.get(k) for k in (classroom.URL_SETTING, classroom.TOKEN_SETTING)}
    os.environ[classroom.TOKEN_SETTING] = "a-token"
    result = {}
    try:
        for case, port in (
            ("up", serve(Up)),
            ("down", down),
            ("not_answering", serve(NotAnswering)),
        ):
            os.environ[classroom.URL_SETTING] = f"http://127.0.0.1:{port}/services/classview/"
            classroom._reset()
            times = []
            for _ in range(reports):
                t = time.perf_counter()
                classroom.report("06.4", verdict)  # what @check calls after every verdict
                times.append((time.perf_counter() - t) * 1000)
                time.sleep(0.01)
            result[case] = {"first_ms": times[0], **loadtest.summary(times[1:])}
    finally:
        classroom._reset()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return result


def service_process(hub):
    for p in psutil.Process(hub.proc.pid).children(recursive=True):
        if "hub.classview" in " ".join(p.cmdline()):
            return p
    raise RuntimeError("the class view's process was not found")


def service_memory(hub):
    """RSS and PSS of the class view's process, in MiB."""
    info = service_process(hub).memory_full_info()
    return {"rss": info.rss / 2**20, "pss": getattr(info, "pss", info.rss) / 2**20}


def cpu_seconds(process):
    times = process.cpu_times()
    return times.user + times.system


async def run(args, state):
    hub = loadtest.Hub(state, students=1, timeout=args.timeout)
    result = {"students": args.students, "reports_each": args.reports, "ramp_s": args.ramp}
    try:
        await hub.start()
        url = f"http://127.0.0.1:{hub.classview_port}/services/classview/api/reports"
        names = [f"student{i + 1:04d}" for i in range(args.students)]
        connector = aiohttp.TCPConnector(limit=0)  # one connection per student, as kernels
        async with aiohttp.ClientSession(connector=connector) as http:
            t = time.perf_counter()
            tokens = await make_students(http, hub, names)
            result["making_users_and_tokens_s"] = time.perf_counter() - t
            rng = random.Random(args.seed)
            results = []
            service = service_process(hub)
            cpu0 = cpu_seconds(service)
            first = min(30, len(names))  # memory is measured after 30 students, then all
            for group, seen in ((names[:first], first), (names[first:], len(names))):
                if not group:
                    continue
                start = asyncio.Event()
                tasks = [
                    asyncio.create_task(
                        student(
                            http,
                            url,
                            tokens[n],
                            args.reports,
                            random.Random(rng.random()),
                            results,
                            start,
                            args.ramp,
                        )
                    )
                    for n in group
                ]
                start.set()
                await asyncio.wait_for(asyncio.gather(*tasks), args.timeout)
                result[f"service_memory_mib_after_{seen}_students"] = service_memory(hub)
            # the service's own CPU per report, which the other work on the machine does
            # not change (the round trips above it does); the first of each student includes
            # asking the hub about the token
            result["service_cpu_ms_per_report"] = (
                (cpu_seconds(service) - cpu0) * 1000 / len(results)
            )
        times = [t * 1000 for t, status, _ in results if status == 201]
        refused = [status for _, status, _ in results if status != 201]
        # a student's first report waits for the hub to say whose token it is (the answer
        # is then cached for 5 minutes); the others are the service's own time
        result["first_report_ms"] = loadtest.summary(
            [t * 1000 for t, status, first in results if status == 201 and first]
        )
        result["later_reports_ms"] = loadtest.summary(
            [t * 1000 for t, status, first in results if status == 201 and not first]
        )
        result["reports_sent"] = len(results)
        result["reports_stored_201"] = len(times)
        result["reports_refused_or_failed"] = refused[:20]
        result["report_ms"] = loadtest.summary(times)
        with sqlite3.connect(state / "classview.sqlite") as db:
            result["reports_in_database"] = db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        return result
    finally:
        hub.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--reports", type=int, default=10, help="reports per student")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--ramp",
        type=float,
        default=60.0,
        help="each student's first report comes within this many seconds, as logins do "
        "(a class of 300 takes minutes to log in: hub/README.md); 0: all at once",
    )
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    if not 1 <= args.students <= 1000 or not 1 <= args.reports <= 50:
        parser.error("--students must be 1 to 1000 and --reports 1 to 50")
    loadtest.ensure_proxy()
    overhead = check_overhead()
    state = Path(tempfile.mkdtemp(prefix="agcv-"))
    try:
        result = asyncio.run(run(args, state))
        result["check_overhead_ms"] = overhead
    finally:
        shutil.rmtree(state, ignore_errors=True)
    ms = result["report_ms"]
    print(json.dumps(result, indent=1))
    print(
        f"\n{args.students} students, {result['reports_sent']} reports: p50 {ms['p50']:.1f} ms, "
        f"p95 {ms['p95']:.1f} ms, max {ms['max']:.1f} ms; stored {result['reports_in_database']}"
        f" of {result['reports_sent']}"
    )
    out = loadtest.ROOT / "build" / "hub" / f"classview-load-{args.students}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    lost = result["reports_sent"] - result["reports_in_database"]
    if lost or result["reports_refused_or_failed"] or ms["p95"] >= 50:
        sys.exit(f"FAILED: {lost} lost, p95 {ms['p95']:.1f} ms (must be under 50 ms)")


if __name__ == "__main__":
    main()
