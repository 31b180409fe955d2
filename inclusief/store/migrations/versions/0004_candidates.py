"""candidates: profiles, capability levels with source, consents, easy-read intakes

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 10:03:27.064972
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('pseudonym', sa.String(length=60), nullable=False),
    sa.Column('hours_min', sa.Float(), nullable=False),
    sa.Column('hours_max', sa.Float(), nullable=False),
    sa.Column('hours_wanted', sa.Float(), nullable=True),
    sa.Column('slots', sa.JSON(), nullable=False),
    sa.Column('travel_mode', sa.String(length=20), nullable=True),
    sa.Column('travel_minutes', sa.Integer(), nullable=True),
    sa.Column('likes', sa.JSON(), nullable=False),
    sa.Column('dislikes', sa.JSON(), nullable=False),
    sa.Column('support', sa.JSON(), nullable=False),
    sa.Column('support_note', sa.Text(), nullable=False),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('hourly_cost_eur', sa.Float(), nullable=True),
    sa.Column('from_candidate', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultant_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidates_consultant_id'), ['consultant_id'], unique=False)

    op.create_table('candidate_capabilities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=50), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=80), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('candidate_id', 'dimension', name='uq_candidate_dim')
    )
    with op.batch_alter_table('candidate_capabilities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_capabilities_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('candidate_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('employer', sa.String(length=200), nullable=True),
    sa.Column('how', sa.String(length=10), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=80), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('candidate_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_consents_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('candidate_intakes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('employer', sa.String(length=200), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('candidate_intakes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_intakes_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('candidate_intake_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('intake_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=40), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['intake_id'], ['candidate_intakes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('intake_id', 'question', name='uq_intake_question')
    )
    with op.batch_alter_table('candidate_intake_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_intake_answers_intake_id'), ['intake_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('candidate_intake_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_intake_answers_intake_id'))

    op.drop_table('candidate_intake_answers')
    with op.batch_alter_table('candidate_intakes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_intakes_candidate_id'))

    op.drop_table('candidate_intakes')
    with op.batch_alter_table('candidate_consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_consents_candidate_id'))

    op.drop_table('candidate_consents')
    with op.batch_alter_table('candidate_capabilities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_capabilities_candidate_id'))

    op.drop_table('candidate_capabilities')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidates_consultant_id'))

    op.drop_table('candidates')
