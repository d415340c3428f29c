"""leases: ``Store.held``'s lock as a row (a follower's lock of its chain's stories), not a session's advisory lock

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28

A session-level advisory lock does not hold behind a connection pooler in transaction mode (pgbouncer): each
statement may run on another server connection. A row taken, renewed and released each in a transaction of its
own works through any pooler. SQLite has the table too (one schema), unused: its lock is a file's.
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('leases',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('renewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('leases')
