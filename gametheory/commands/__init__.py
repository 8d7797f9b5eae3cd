"""Subcommands of the ``gametheory`` CLI, one module each (see :mod:`gametheory.cli`)."""
