from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop

from phrom.core.messages import both
from phrom.privacy.erasure import erase_person, find_person


class Command(BaseCommand):
    help = ("A data-subject request (PDPA): remove the person with this e-mail or phone from the team and call "
            "tree of every plan as it is now (recorded as an erasure in each plan's audit trail). Versions "
            "sent to campaigns are kept. Lists what it would do unless --erase is given (docs/privacy.md).")

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--erase", action="store_true", help="Erase; without it, only list (a dry run).")
        parser.add_argument("--user", help="The operator's username, recorded in the audit trails.")

    def _say(self, msgid, **params):
        for line in both(msgid, **params):
            self.stdout.write(line)

    def handle(self, *args, email="", phone="", erase=False, user=None, **options):
        if not email and not phone:
            raise CommandError("--email or --phone")
        operator = None
        if user:
            operator = get_user_model().objects.filter(username=user).first()
            if operator is None:
                raise CommandError(f"no user {user}")
        found = find_person(email=email, phone=phone)
        for entry in found:
            plan = entry.plan
            self.stdout.write(f"{plan.organisation.code} {plan.fiscal_year} (plan {plan.pk}): "
                              f"{', '.join(f'{k} {n}' for k, n in zip(entry.keys, entry.names, strict=True))}")
            if erase:
                version = erase_person(entry, user=operator)
                self._say(gettext_noop("Erased: the plan is now at version {version}."), version=version)
        if not found:
            self._say(gettext_noop("No plan's team lists this person now."))
        elif not erase:
            self._say(gettext_noop("Dry run: {count} plan(s) list this person. Add --erase to remove them."),
                      count=len(found))
