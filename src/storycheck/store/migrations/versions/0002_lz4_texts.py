"""PostgreSQL: keep large texts (reports, documents, analyses) compressed with lz4, not pglz

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

A batch run puts a report of ~270 KB per story (up to several MB); pglz, PostgreSQL's default, took
~15-18 ms of the server's CPU per report on a 3k-article batch, lz4 ~4-5 ms, and it reads back faster
for ``show`` and the web page. Only new values are written with it; old ones stay readable. A server
without lz4 (older than 14, or built without it) keeps pglz: nothing else changes. SQLite: nothing.
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

COLUMNS = (("reports", "data"), ("documents", "text"), ("analyses", "data"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        saved = bind.begin_nested()  # (a server without lz4 refuses: the migration goes on without it)
        try:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")
        except Exception:  # noqa: BLE001 - "compression method lz4 not supported" or a server before 14
            saved.rollback()
            return
        saved.commit()


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION pglz")
