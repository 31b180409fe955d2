"""support needs as rows, user names, municipality, research releases

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("name", sa.String(length=120), nullable=True))
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("municipality", sa.String(length=80), nullable=True))
    support = op.create_table(
        "support_need_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.String(length=50), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assessment_id", "option_id", name="uq_support_need"),
    )
    op.create_index(
        op.f("ix_support_need_choices_assessment_id"),
        "support_need_choices",
        ["assessment_id"],
        unique=False,
    )
    # carry every stored list over, one row per choice
    conn = op.get_bind()
    assessments = sa.table(
        "assessments",
        sa.column("id", sa.Integer()),
        sa.column("support_needs", sa.JSON()),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    rows = []
    for a_id, needs, updated in conn.execute(
        sa.select(assessments.c.id, assessments.c.support_needs, assessments.c.updated_at)
    ):
        for option in dict.fromkeys(needs or []):
            rows.append({"assessment_id": a_id, "option_id": str(option), "chosen_at": updated})
    if rows:
        op.bulk_insert(support, rows)
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("support_needs")
    op.create_table(
        "research_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=50), nullable=False),
        sa.Column("questionnaire_version", sa.String(length=20), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "questionnaire_id", "questionnaire_version", "period", name="uq_release"
        ),
    )


def downgrade() -> None:
    op.drop_table("research_releases")
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("support_needs", sa.JSON(), nullable=True))
    op.drop_index(op.f("ix_support_need_choices_assessment_id"), table_name="support_need_choices")
    op.drop_table("support_need_choices")
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("municipality")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("name")
