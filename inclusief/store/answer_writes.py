"""Saving one answer in one database round trip (PostgreSQL).

The access check, the upsert of the answer and the assessment's ``updated_at`` in a single
statement (data-modifying CTEs), run outside an explicit transaction: one statement is its
own transaction, so no BEGIN and COMMIT either. The statement writes only when the check
passes; it returns what the check saw, so the service can give the same refusals as
:func:`inclusief.services.access.answer_target`. PostgreSQL only (SQLite has no
data-modifying CTEs, and in-process round trips cost little there).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

_SAVE = text(
    """
WITH target AS (
  SELECT a.id, a.status, a.questionnaire_id, a.questionnaire_version,
         o.consultant_id, u.role, u.active,
         i.id AS invitation_id, i.revoked_at, i.expires_at,
         CASE WHEN CAST(:user_id AS integer) IS NOT NULL
              THEN coalesce(u.active AND u.role = 'consultant'
                            AND o.consultant_id = CAST(:user_id AS integer), false)
              ELSE coalesce(i.id IS NOT NULL AND i.revoked_at IS NULL
                            AND i.expires_at > CAST(:now AS timestamptz), false)
         END AS allowed
  FROM assessments a
  JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN users u ON u.id = CAST(:user_id AS integer)
  LEFT JOIN invitations i
    ON i.id = CAST(:invitation_id AS integer) AND i.assessment_id = a.id
  WHERE a.id = :assessment_id
),
up AS (
  INSERT INTO answers (assessment_id, item_id, value, answered_at)
  SELECT id, :item_id, CAST(:value AS integer), CAST(:now AS timestamptz) FROM target
  WHERE allowed AND status = 'open'
    AND questionnaire_id = :questionnaire_id AND questionnaire_version = :version
  ON CONFLICT (assessment_id, item_id)
  DO UPDATE SET value = EXCLUDED.value, answered_at = EXCLUDED.answered_at
  RETURNING assessment_id
),
touched AS (
  UPDATE assessments SET updated_at = CAST(:now AS timestamptz)
  WHERE id IN (SELECT assessment_id FROM up)
  RETURNING id
)
SELECT status, questionnaire_id, questionnaire_version, consultant_id, role, active,
       invitation_id, revoked_at, expires_at, allowed,
       (SELECT count(*) FROM touched) AS written
FROM target
"""
)


def save_checked(
    conn: Connection,
    *,
    assessment_id: int,
    item_id: str,
    value: int | None,
    now: datetime,
    user_id: int | None,
    invitation_id: int | None,
    questionnaire_id: str,
    version: str,
) -> tuple[Any, ...] | None:
    """Check and write in one statement; None when the assessment does not exist.

    The row: status, questionnaire id and version, owning consultant, the user's role and
    active flag, the invitation's id, revocation and expiry, whether the actor may write,
    and how many answers were written (0 or 1)."""
    row = conn.execute(
        _SAVE,
        {
            "assessment_id": assessment_id,
            "item_id": item_id,
            "value": value,
            "now": now,
            "user_id": user_id,
            "invitation_id": invitation_id,
            "questionnaire_id": questionnaire_id,
            "version": version,
        },
    ).one_or_none()
    return None if row is None else tuple(row)
