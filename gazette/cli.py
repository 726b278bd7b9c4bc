"""The ``gazette`` command: Django's management commands bound to Gazette's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gazette.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "gazette"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
