from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print the API token of a user (for the header 'Authorization: Token …'), creating it if needed."

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="USERNAME")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called “{username}”.")
        if not user.is_active:
            raise CommandError(f"The user “{username}” is not active.")
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
