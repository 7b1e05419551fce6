"""Benchmark: reminders to 4,000 late agencies. Targets: queued in under 5 s; delivered to the local
SMTP server in under 2 minutes.

    .venv/bin/python bench/reminders.py [--agencies N]

Builds, in a temporary SQLite database, a national structure (bench/import_orgs.py) with one BCP
coordinator (with an e-mail address) per organisation, and an OPDC campaign for the local
governments whose deadline passed yesterday, none of which has sent: N late agencies. Times
`queue_reminders` (the "send reminders" button: Reminder rows in one transaction), then delivers
them with `deliver_due` (what the background worker runs) to a real aiosmtpd server on 127.0.0.1,
and checks that the server received every one.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from import_orgs import generate_rows, setup_django, to_csv  # noqa: E402

LOCAL_KINDS = ["pao", "city_municipality", "town_municipality", "subdistrict_municipality", "sao"]


def national_rows(agencies: int) -> list[list[str]]:
    """The national structure, cut so that exactly `agencies` local governments are in it."""
    rows, local = [], 0
    for row in generate_rows(agencies + 3_000):
        local += row[3] in LOCAL_KINDS
        if local > agencies:
            break
        rows.append(row)
    return rows


def build(agencies: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from phrom.accounts.models import Membership
    from phrom.campaigns.models import Campaign
    from phrom.campaigns.targets import targets
    from phrom.orgs.importer import import_organisations
    from phrom.orgs.models import Organisation, OrgKind

    report = import_organisations(to_csv(national_rows(agencies)), "orgs.csv")
    assert report.ok, report.errors[:3]
    opdc = Organisation.objects.get(code="OPDC")
    campaign = Campaign.objects.create(collector=opdc, title="ทบทวนแผน BCP ประจำปี 2570", fiscal_year=2570,
                                       deadline=timezone.localdate() - datetime.timedelta(days=1))
    campaign.kinds.set(OrgKind.objects.filter(code__in=LOCAL_KINDS))
    orgs = list(targets(campaign).values_list("pk", "code"))
    User = get_user_model()
    password = make_password(None)  # unusable: these people only receive e-mail here
    User.objects.bulk_create([User(username=f"bcp-{code.lower()}", email=f"bcp-{code.lower()}@example.go.th",
                                   password=password) for _pk, code in orgs], batch_size=2000)
    users = dict(User.objects.filter(username__startswith="bcp-").values_list("username", "pk"))
    Membership.objects.bulk_create([
        Membership(user_id=users[f"bcp-{code.lower()}"], organisation_id=pk, role=Membership.Role.COORDINATOR)
        for pk, code in orgs
    ], batch_size=2000)
    return campaign, opdc, len(orgs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=4_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
        setup_django(tmp)
        from aiosmtpd.controller import Controller
        from django.conf import settings

        from phrom.campaigns.mail import deliver_due
        from phrom.campaigns.models import Reminder
        from phrom.campaigns.reminders import manual_kind, queue_reminders
        from tests.smtp import Inbox, free_port

        campaign, opdc, n = build(args.agencies)
        print(f"late agencies, each with a BCP coordinator: {n:,}")

        t0, c0 = time.perf_counter(), time.process_time()
        queued = queue_reminders(campaign, opdc, kind=manual_kind())
        queue_s, queue_cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"queued {queued.queued:,} reminders ({queued.no_address:,} with no address) in {queue_s:.2f} s "
              f"(CPU {queue_cpu:.2f} s)")

        inbox = Inbox()
        inbox.port = free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
        controller.start()
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", inbox.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        try:
            t0, c0 = time.perf_counter(), time.process_time()
            report = deliver_due()
            deliver_s, deliver_cpu = time.perf_counter() - t0, time.process_time() - c0
            deadline = time.perf_counter() + 10
            while len(inbox.messages) < report.sent and time.perf_counter() < deadline:
                time.sleep(0.05)
        finally:
            controller.stop()
        received = len(inbox.messages)
        sent_rows = Reminder.objects.filter(status="sent").count()
        print(f"delivered {report.sent:,} e-mails in {deliver_s:.1f} s (CPU {deliver_cpu:.1f} s, "
              f"{1000 * deliver_s / max(1, report.sent):.1f} ms each); the SMTP server received {received:,}; "
              f"Reminder rows marked sent: {sent_rows:,}")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        print(f"target: queued < 5 s: {'met' if queue_s < 5 else 'MISSED'}")
        print(f"target: delivered < 2 min: {'met' if deliver_s < 120 and received == queued.queued else 'MISSED'}")


if __name__ == "__main__":
    main()
