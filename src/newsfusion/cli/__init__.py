"""The command line: a thin layer over the library.

Each command group lives in its own module here and registers itself on
:data:`main`. Errors are printed on one line (``newsfusion: <file>: <reason>
(<fix>) [code]``), never as a traceback.

Exit codes: 0 success; 1 nothing could be done (e.g. no input could be
ingested); 2 usage or configuration error; 3 pipeline misconfigured;
4 input unreadable; 5 database error; 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import NewsfusionError
from .common import main

# Command modules, in the order their commands appear in --help.
COMMAND_MODULES = ("ingest", "query", "extract", "export", "entities", "sources", "eval", "serve")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _e:  # a command module not written yet
        if _e.name != f"{__name__}.{_name}":
            raise


def run() -> None:
    """Console entry point: no tracebacks for expected errors."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("newsfusion: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("newsfusion: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except NewsfusionError as e:
        click.echo(f"newsfusion: {e}", err=True)
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(0)
