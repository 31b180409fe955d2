"""action items name the dimension they are about

Revision ID: 0006
Revises: 0002
Create Date: 2026-12-02 10:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("action_items") as batch:
        batch.add_column(sa.Column("dimension_id", sa.String(length=50), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action_items") as batch:
        batch.drop_column("dimension_id")
