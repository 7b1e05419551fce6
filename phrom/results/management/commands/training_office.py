"""Give a training office's account the roll-up of training needs (and nothing else), or take it back."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from phrom.accounts.permissions.results import TRAINING_OFFICE_PERMISSION


class Command(BaseCommand):
    help = _("Let a training office's account read the roll-up of training needs (--remove to take it back).")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, username: str, remove: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No account is named %(name)s.") % {"name": username})
        app_label, codename = TRAINING_OFFICE_PERMISSION.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        if remove:
            user.user_permissions.remove(permission)
            self.stdout.write(_("%(name)s no longer reads the training needs.") % {"name": username})
        else:
            user.user_permissions.add(permission)
            self.stdout.write(_("%(name)s now reads the roll-up of training needs (and no plan or result).")
                              % {"name": username})
