from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from phrom.orgs.models import Organisation
from phrom.orgs.routes import route_of


class Command(BaseCommand):
    help = (
        "Print the route of an organisation's plan: its collectors in order, then the informed offices, "
        "one per line as CODE<TAB>kind<TAB>name."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", metavar="ORG_CODE")
        parser.add_argument("--lang", choices=["th", "en"], default="th", help="language of headers and names")

    def handle(self, code, lang, **options):
        with translation.override(lang):
            org = Organisation.objects.filter(code=code).first()
            if org is None:
                raise CommandError(translation.gettext("No organisation has the code “%(code)s”.") % {"code": code})
            route = route_of(org)
            lines = [translation.gettext("# Collectors, in order")]
            lines += [f"{o.code}\t{o.kind_id}\t{o.name}" for o in route.collectors]
            lines.append(translation.gettext("# Informed offices"))
            lines += [f"{o.code}\t{o.kind_id}\t{o.name}" for o in route.informed]
            self.stdout.write("\n".join(lines))
            for selector in route.unresolved:
                self.stderr.write(
                    translation.gettext("Warning: the route step “%(step)s” matches no organisation.")
                    % {"step": selector}
                )
