"""Alembic environment for newsfusion's store.

newsfusion runs the migrations itself (``newsfusion.store.migrate.upgrade``)
and hands over a connection that is already inside its write transaction, so
an upgrade is all-or-nothing. For developers running the alembic command,
``-x db=FILE_OR_URL`` names the database.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsfusion.store.schema import metadata

config = context.config


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER much: batch mode copies tables
        transactional_ddl=True,
        compare_type=False,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from newsfusion.store.connect import resolve

    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    if not db:
        raise SystemExit("pass the database with: alembic -x db=FILE_OR_URL ...")
    engine = create_engine(resolve(db).url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("newsfusion migrations run online only (give -x db=FILE_OR_URL)")
run_migrations_online()
