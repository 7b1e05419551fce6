"""The `phrom` console script: Django's management commands with Phrom's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["phrom", *sys.argv[1:]])


if __name__ == "__main__":
    main()
