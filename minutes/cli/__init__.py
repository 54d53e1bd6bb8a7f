"""Console entry point. The command modules register themselves on `app`."""
from minutes.cli.app import app, main

__all__ = ["app", "main"]

from minutes.cli.app import register_all as _register_all

_register_all()  # so CliRunner().invoke(app, ...) sees every command
