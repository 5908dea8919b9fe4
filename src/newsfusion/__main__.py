"""``python -m newsfusion``: the same as the ``newsfusion`` command."""

from .cli import run

if __name__ == "__main__":
    run()
