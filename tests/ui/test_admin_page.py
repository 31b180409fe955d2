"""The admin page (AppTest): translated users table, messages that outlive the rerun."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, accounts
from inclusief.services import admin as admin_service

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/admin.py")


@pytest.fixture
def page(store, admin, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)

    def make(lang: str = "nl") -> AppTest:
        at = AppTest.from_file(PAGE, default_timeout=60)
        at.session_state["user"] = admin
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception
        return at

    return make


@pytest.mark.parametrize(
    ("lang", "columns", "role"),
    [
        ("nl", ["Nr.", "E-mailadres", "Rol", "Actief"], "beheerder"),
        ("en", ["No.", "Email address", "Role", "Active"], "administrator"),
    ],
)
def test_the_users_table_is_translated(page, lang, columns, role) -> None:
    at = page(lang)
    frame = at.dataframe[0].value
    assert list(frame.columns) == columns
    assert frame.iloc[0, 2] == role and frame.iloc[0, 3] in ("Ja", "Yes")


def test_user_added_message_stays_after_the_rerun(page, store) -> None:
    at = page()
    at.text_input(key="admin_email").set_value("nieuw@example.nl")
    at.selectbox(key="admin_role").set_value("researcher")
    at.text_input(key="admin_password").set_value("correct horse battery")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Gebruiker nieuw@example.nl toegevoegd als onderzoeker."
    ]
    assert "onderzoeker" in at.dataframe[0].value["Rol"].tolist()
    at.run()  # the message is shown once
    assert not at.success


def test_deactivating_a_user_says_so(page, store) -> None:
    accounts.create_user(
        email="weg@example.nl", password="correct horse battery", role="consultant", store=store
    )
    at = page()
    at.toggle[0].set_value(False).run()
    assert not at.exception
    assert "weg@example.nl is gedeactiveerd" in at.success[0].value


def test_a_non_utf8_upload_is_a_dutch_error(page) -> None:
    at = page()
    at.file_uploader(key="admin_upload").set_value(
        ("oud.yaml", "id: é".encode("latin-1"), "text/yaml")
    ).run()
    at.button(key="admin_upload_save").click().run()
    assert not at.exception
    assert "oud.yaml: dit bestand is geen UTF-8-tekst" in at.error[0].value


def test_activating_a_version_says_what_it_means(page, store, admin) -> None:
    mini = (ROOT / "tests/questionnaires/mini.yaml").read_text(encoding="utf-8")
    q = admin_service.upload_questionnaire(
        actor=admin, yaml_text=mini, file="mini.yaml", store=store
    )
    at = page("en")
    at.button(key=f"admin_act_{q.id}_{q.version}").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"{q.id} version {q.version} is now active")


def test_a_bad_questionnaire_upload_is_listed_in_dutch_sentences(page) -> None:
    at = page()
    text = "id: proef\nversion: 1\ntitle: {nl: a, en: b}\nkleur: rood\n"
    at.file_uploader(key="admin_upload").set_value(("proef.yaml", text.encode(), "text/yaml")).run()
    at.button(key="admin_upload_save").click().run()
    assert not at.exception
    shown = re.sub(r"\\(.)", r"\1", at.error[0].value)  # the Markdown source, unescaped
    assert shown.startswith("De invoer klopt niet")
    assert "proef.yaml: kleur: Onbekende sleutel. Controleer de spelling." in shown
    assert "proef.yaml: scales: Dit veld ontbreekt, maar is verplicht." in shown
    assert "version: Hier hoort een tekst." in shown
    assert "unknown key" not in shown and "required but missing" not in shown


def test_the_upload_error_stays_english_in_english(page) -> None:
    at = page("en")
    at.file_uploader(key="admin_upload").set_value(("p.yaml", b"a: [", "text/yaml")).run()
    at.button(key="admin_upload_save").click().run()
    assert "p.yaml: line 1, column 5: malformed YAML" in re.sub(r"\\(.)", r"\1", at.error[0].value)
