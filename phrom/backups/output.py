"""What an operator reads from `phrom backup` and `phrom restore`: progress in Thai on stderr as the
work goes on, the result in Thai and English on stdout, and a refusal as its error code (docs/errors.md)
with both messages."""

from contextlib import contextmanager

from django.core.management.base import CommandError

from phrom.core.errors import PhromError
from phrom.core.messages import both


class Operator:
    def __init__(self, command):
        self.command = command

    def progress(self, msgid: str, **params) -> None:
        self.command.stderr.write(both(msgid, **params)[0])

    def done(self, msgid: str, **params) -> None:
        for line in both(msgid, **params):
            self.command.stdout.write(line)

    @contextmanager
    def refusals(self):
        try:
            yield
        except PhromError as exc:
            raise CommandError(f"[{exc.code}] {exc.message_th}\n{exc.message_en}") from exc
