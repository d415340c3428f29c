"""Alembic environment: always run programmatically by ``storycheck.store.database.migrate``.

The caller passes an open connection (already inside a transaction) in ``config.attributes``; there
is no alembic.ini and no offline mode.
"""

from alembic import context

from storycheck.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
