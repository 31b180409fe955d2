"""placements, check-ins, check-in links and the placement timeline (issue #19)

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-02 10:10:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("consultant_id", sa.Integer(), nullable=False),
        sa.Column("candidate_pseudonym", sa.String(length=60), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("carving_project_id", sa.Integer(), nullable=True),
        sa.Column("job_title", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("contract_type", sa.String(length=30), nullable=False),
        sa.Column("hours_per_week", sa.Float(), nullable=False),
        sa.Column("route", sa.String(length=30), nullable=False),
        sa.Column("schemes", sa.JSON(), nullable=False),
        sa.Column("jobcoach", sa.String(length=120), nullable=True),
        sa.Column("contact_person", sa.String(length=120), nullable=True),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consultant_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["carving_project_id"], ["carving_projects.id"], ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_placements_organisation_id"), "placements", ["organisation_id"], unique=False
    )
    op.create_index(
        op.f("ix_placements_consultant_id"), "placements", ["consultant_id"], unique=False
    )
    op.create_table(
        "placement_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("point", sa.String(length=20), nullable=False),
        sa.Column("respondent", sa.String(length=10), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=50), nullable=False),
        sa.Column("questionnaire_version", sa.String(length=20), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("overall", sa.Float(), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["placement_id"], ["placements.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("placement_id", "point", "respondent", name="uq_checkin_point"),
    )
    op.create_index(
        op.f("ix_placement_checkins_placement_id"),
        "placement_checkins",
        ["placement_id"],
        unique=False,
    )
    op.create_table(
        "checkin_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["checkin_id"], ["placement_checkins.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(
        op.f("ix_checkin_links_checkin_id"), "checkin_links", ["checkin_id"], unique=False
    )
    op.create_table(
        "placement_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("event_kind", sa.String(length=40), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.Column("who", sa.String(length=120), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("signal_key", sa.String(length=120), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["placement_id"], ["placements.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_placement_entries_placement_id"),
        "placement_entries",
        ["placement_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_placement_entries_placement_id"), table_name="placement_entries")
    op.drop_table("placement_entries")
    op.drop_index(op.f("ix_checkin_links_checkin_id"), table_name="checkin_links")
    op.drop_table("checkin_links")
    op.drop_index(op.f("ix_placement_checkins_placement_id"), table_name="placement_checkins")
    op.drop_table("placement_checkins")
    op.drop_index(op.f("ix_placements_consultant_id"), table_name="placements")
    op.drop_index(op.f("ix_placements_organisation_id"), table_name="placements")
    op.drop_table("placements")
