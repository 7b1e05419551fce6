"""Benchmark: crisis mode. Targets: an activation of a call tree of 10,000 people, every first message
handed to a local SMTP server within 60 s, under 2× a bare smtplib loop sending the same messages
over one connection; the acknowledgement p95 under 100 ms server side with 200 people answering
at once.

    .venv/bin/python bench/crisis.py [--people N] [--answering N]

Builds, in a temporary SQLite database (or a fresh PostgreSQL one: --postgres URL), a plan whose team has N people (e-mail addresses only) and a
call tree ten wide (the head calls 10, each of them 10 …), times `services.activate` plus
`delivery.deliver_due` (what the background worker runs: the whole tree in one run, down its order)
to a real aiosmtpd server on 127.0.0.1, then the same messages, composed beforehand, sent by a bare
loop of the standard library's smtplib over one connection to a fresh server. Then 200 people answer at
once over HTTP (open their link, press an answer), served by gunicorn as scripts/start serves Phrom
(2 workers, 8 handler threads in all): the time Django spends on each request (bench/crisis_server.py)
and the latency each client sees, beside a bare view doing one UPDATE under the same load.
"""

import argparse
import copy
import os
import smtplib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from import_orgs import setup_django  # noqa: E402

WIDTH = 10


def team_and_tree(people: int) -> tuple[list[dict], list[dict]]:
    team = [{"key": f"m{i}", "name": f"เจ้าหน้าที่ คนที่ {i}", "position": "นักวิเคราะห์นโยบายและแผน",
             "role": "head" if i == 0 else "member", "team": f"ทีม {i % 20}", "phone": "", "line_id": "",
             "email": f"p{i}@example.go.th", "alternate": f"m{(i + 1) % people}"} for i in range(people)]
    tree = [{"caller": None, "callee": "m0", "order": 1, "channel": "email"}]
    tree += [{"caller": f"m{(i - 1) // WIDTH}", "callee": f"m{i}", "order": (i - 1) % WIDTH + 1, "channel": "email"}
             for i in range(1, people)]
    return team, tree


def build(people: int):
    from phrom.plans.services import create_plan
    from tests.factories import OrganisationFactory, UserFactory
    from tests.helpers.plans import FULL

    org = OrganisationFactory(code="PU21-HEALTH", name_th="สำนักงานสาธารณสุขจังหวัดระยอง", kind_id="provincial_unit",
                              province_id="21")
    user = UserFactory()
    template = copy.deepcopy(FULL)
    template["team"], template["call_tree"] = team_and_tree(people)
    template["procedures"] = [dict(p, owner="m0") for p in template["procedures"]]
    return create_plan(org, user=user, fiscal_year=2569, template=template), user


def serve():
    from aiosmtpd.controller import Controller

    from tests.smtp import Inbox, free_port

    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    return inbox, controller


def wait_for(inbox, n: int) -> None:
    deadline = time.perf_counter() + 30
    while len(inbox.messages) < n and time.perf_counter() < deadline:
        time.sleep(0.02)


def web_server(port: int, handlers: int):
    """Phrom served by gunicorn as scripts/start serves it (2 workers, the handler threads shared
    between them), on the bench's database, with the time Django spends on each request in a header
    (bench/crisis_server.py)."""
    import socket
    import subprocess

    env = dict(os.environ, HTTPS="false")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "crisis_server:application", "--pythonpath",
         f"{Path(__file__).resolve().parent},{Path(__file__).resolve().parent.parent}", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", str(max(1, handlers // 2)), "--backlog", "2048", "--log-level", "warning"],
        env=env)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the web server did not start")


def at_once(port: int, visits: list[list[tuple[str, str, bytes | None]]]) -> list[list[tuple[float, float, int]]]:
    """Each visit (one client: its requests one after the other over its own connection) started at
    the same instant in its own thread: per request, the latency the client saw, the time the server
    spent (X-Handler-Ms) and the status."""
    import http.client
    import threading

    barrier = threading.Barrier(len(visits))
    out: list = [None] * len(visits)

    def visit(i):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        got = []
        barrier.wait()
        for method, url, body in visits[i]:
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
            t0 = time.perf_counter()
            connection.request(method, url, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            got.append((time.perf_counter() - t0, float(response.getheader("X-Handler-Ms", "nan")) / 1000,
                        response.status))
        connection.close()
        out[i] = got

    threads = [threading.Thread(target=visit, args=(i,)) for i in range(len(visits))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def summary(label: str, timings: list[tuple[float, float, int]]) -> float:
    """Print the client and server figures of some requests; the server's p95 (seconds)."""
    def p(values, q):
        values = sorted(values)
        return values[int(q * (len(values) - 1))]

    client, server = [t[0] for t in timings], [t[1] for t in timings]
    statuses = sorted({t[2] for t in timings})
    print(f"  {label:<34} server median {1000 * p(server, .5):6.1f} ms, p95 {1000 * p(server, .95):6.1f} ms | "
          f"client median {1000 * p(client, .5):6.0f} ms, p95 {1000 * p(client, .95):6.0f} ms | HTTP {statuses}")
    return p(server, .95)


def answering(activation, n: int, handlers: int) -> float:
    """n people answer at once over HTTP (each opens their link, then presses "safe" with a note),
    and, under the same load, n clients call a bare view doing one UPDATE twice: the server's time per
    request and the client's latency. The answer POST's server p95 (seconds)."""
    from urllib.parse import urlencode, urlsplit

    from phrom.crisis import tokens
    from tests.smtp import free_port

    people = list(activation.recipients.order_by("pk")[:2 * n])
    links = [urlsplit(tokens.answer_url(r)).path for r in people[:n]]
    form = urlencode({"answer": "safe", "note": "ปลอดภัย อยู่บ้าน"}).encode()
    port = free_port()
    server = web_server(port, handlers)
    try:
        at_once(port, [[("GET", "/bench/bare/0/", None)] for _ in range(handlers)])  # warm every handler up
        bare = at_once(port, [[("POST", f"/bench/bare/{r.pk}/", b"")] * 2 for r in people[n:]])
        answers = at_once(port, [[("GET", link, None), ("POST", link, form)] for link in links])
    finally:
        server.terminate()
        server.wait()
    print(f"{n} people answering at once over HTTP, gunicorn 2 workers × {handlers // 2} threads "
          "(server: Django's handling of the request; client: the whole round trip, queueing included)")
    floor = summary("bare view, one UPDATE", [t for v in bare for t in v])
    summary("answer page GET (open the link)", [v[0] for v in answers])
    post = summary("answer page POST (answer)", [v[1] for v in answers])
    print(f"  ratio of the answer POST's server p95 to the bare view's: {post / floor:.1f}×")
    answered = activation.recipients.filter(answered_at__isnull=False).count()
    print(f"  people recorded answered: {answered}")
    return post


def fresh_postgres(url: str, tmp: str) -> None:
    import psycopg

    server, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["PHROM_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-throwaway-key-nothing-is-served")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--answering", type=int, default=200)
    parser.add_argument("--handlers", type=int, default=8)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server (postgres://user:pw@host:port/NAME): "
                        "the database NAME is made afresh (dropped first if it exists) instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "static").mkdir()  # STATIC_ROOT: whitenoise warns without it
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
        os.environ.setdefault("PHROM_BASE_URL", "https://phrom.example.go.th")
        if args.postgres:
            fresh_postgres(args.postgres, tmp)
        else:
            setup_django(tmp)
        from django.conf import settings

        from phrom.crisis import services
        from phrom.crisis.delivery import compose, deliver_due
        from phrom.crisis.models import Message
        from phrom.crisis.providers import message_id

        t0 = time.perf_counter()
        plan, user = build(args.people)
        print(f"plan with a team of {args.people:,} and a call tree {WIDTH} wide built in {time.perf_counter() - t0:.1f} s")
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.PHROM_SMS_GATEWAY_URL = settings.PHROM_LINE_CHANNEL_TOKEN = ""

        inbox, controller = serve()
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            activation = services.activate(user, plan, scenario=plan.scenarios.first(), message="น้ำท่วมสำนักงาน "
                                           "ทุกคนรายงานตัวผ่านลิงก์", is_test=True)
            report = deliver_due(activation.pk)
            run_s, run_cpu = time.perf_counter() - t0, time.process_time() - c0
            wait_for(inbox, report.sent)
        finally:
            controller.stop()
        received = len(inbox.messages)
        alerted = activation.recipients.filter(alerted_at__isnull=False).count()
        print(f"activated and delivered {report.sent:,} first alerts in {run_s:.1f} s (CPU {run_cpu:.1f} s, "
              f"{1000 * run_s / max(1, report.sent):.2f} ms each); the SMTP server received {received:,}; "
              f"people alerted: {alerted:,}")

        from django.core.mail import EmailMessage

        mails = []
        for m in (Message.objects.filter(activation=activation).select_related("activation__organisation",
                                                                               "recipient", "about")
                  .defer("activation__snapshot")):
            subject, text = compose(m)
            mail = EmailMessage(subject, text, to=[m.recipient.email], headers={"Message-ID": message_id(m)})
            mails.append((mail.from_email, mail.to, mail.message().as_bytes(linesep="\r\n")))  # as Django sends it
        inbox, controller = serve()
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            with smtplib.SMTP("127.0.0.1", inbox.port) as smtp:
                for sender, to, data in mails:
                    smtp.sendmail(sender, to, data)
            bare_s, bare_cpu = time.perf_counter() - t0, time.process_time() - c0
            wait_for(inbox, len(mails))
        finally:
            controller.stop()
        ratio = run_s / bare_s
        print(f"bare smtplib loop, same {len(mails):,} messages, one connection: {bare_s:.1f} s (CPU {bare_cpu:.1f} s); "
              f"ratio {ratio:.2f}× (CPU, steadier on a shared machine: {run_cpu / bare_cpu:.2f}×; both count the "
              "SMTP server, a thread of this process)")

        p95 = answering(activation, args.answering, args.handlers)
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        print(f"target: every first message within 60 s: {'met' if run_s < 60 and received == args.people else 'MISSED'}")
        print(f"target: under 2× the bare smtplib loop: {'met' if ratio < 2 else 'MISSED'}")
        print(f"target: acknowledgement p95 < 100 ms: {'met' if p95 < 0.1 else 'MISSED'}")


if __name__ == "__main__":
    main()
