#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if sys.argv[1:2] in (["run"], ["makemigrations"], ["extract"], ["deadline"]):
        # Developer commands: the README's first command runs the local, embedded tracker;
        # makemigrations only writes code; extract and deadline read files and print, touching
        # no data. They run in debug mode unless told otherwise; every other command gets the
        # production default (DEBUG off, SECRET_KEY required).
        os.environ.setdefault("DEBUG", "1")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A configuration mistake deserves one clear line, not a traceback.
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
