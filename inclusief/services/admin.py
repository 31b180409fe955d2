"""The admin's use cases: questionnaire versions (upload, validate, activate).

Users live in :mod:`inclusief.services.accounts`, reassignment of an organisation in
:mod:`inclusief.services.organisations`.
"""

from __future__ import annotations

from typing import Any

from inclusief.errors import InputError, NotFound
from inclusief.questionnaires.load import load_text, shipped_versions
from inclusief.questionnaires.model import Questionnaire
from inclusief.services.access import Actor, log, require_role, session
from inclusief.store import questionnaire_versions
from inclusief.store.db import Store


def upload_questionnaire(
    *, actor: Actor, yaml_text: str, file: str = "upload.yaml", store: Store | None = None
) -> Questionnaire:
    """Validate (every problem named by the engine) and store a version, not yet active."""
    with session(store) as s:
        p = require_role(s, actor, "admin")
    q = load_text(yaml_text, file=file)
    if q.version in shipped_versions(q.id):  # any shipped version, not only the newest
        raise InputError.single(
            file,
            f"{q.id} version {q.version} is shipped already; give it a new version",
            field="version",
        )
    with session(store) as s:
        if questionnaire_versions.find(s, q.id, q.version) is not None:
            raise InputError.single(
                file, f"{q.id} version {q.version} is already stored", field="version"
            )
        questionnaire_versions.add(
            s, questionnaire_id=q.id, version=q.version, yaml_text=yaml_text, uploaded_by=p.id
        )
        log(s, actor, "questionnaire.upload", "questionnaire", None, id=q.id, version=q.version)
    return q


def activate_questionnaire(
    *, actor: Actor, questionnaire_id: str, version: str, store: Store | None = None
) -> None:
    with session(store) as s:
        require_role(s, actor, "admin")
        rows = questionnaire_versions.versions_of(s, questionnaire_id)
        if not any(r.version == version for r in rows):
            raise NotFound(f"{questionnaire_id} version {version}")
        for r in rows:
            r.active = r.version == version
        log(
            s,
            actor,
            "questionnaire.activate",
            "questionnaire",
            None,
            id=questionnaire_id,
            version=version,
        )


def list_questionnaire_versions(
    *, actor: Actor, store: Store | None = None
) -> list[dict[str, Any]]:
    with session(store) as s:
        require_role(s, actor, "admin")
        return [
            {
                "questionnaire_id": r.questionnaire_id,
                "version": r.version,
                "active": r.active,
                "uploaded_at": r.uploaded_at,
            }
            for r in questionnaire_versions.all_versions(s)
        ]
