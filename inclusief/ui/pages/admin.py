"""Administration: users, questionnaire versions, reassigning organisations."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inclusief.errors import InputError, NotFound
from inclusief.services import access, accounts, admin, organisations
from inclusief.ui.auth import current_user
from inclusief.ui.i18n import tr
from inclusief.ui.text import plain, show_input_error

user = current_user()
if user is None or user.role != "admin":
    st.error(tr("app.not_allowed"))
    st.stop()
st.title(tr("app.admin_title"))
# A message that must outlive the rerun after a change (set before st.rerun, shown here).
FLASH = "admin_flash"
if flash := st.session_state.pop(FLASH, None):
    st.success(flash)


def _role(code: str) -> str:
    return tr(f"app.role_{code}")


def _done(message: str) -> None:
    """Show ``message`` after the rerun that brings the change on screen."""
    st.session_state[FLASH] = message
    st.rerun()


st.subheader(tr("app.admin_users"))
users = accounts.list_users(actor=user)
st.dataframe(
    pd.DataFrame(
        [
            {
                tr("app.admin_col_id"): u.id,
                tr("store.email"): u.email,
                tr("app.admin_role"): _role(u.role),
                tr("app.admin_active"): tr("common.yes") if u.active else tr("common.no"),
            }
            for u in users
        ],
        columns=[
            tr("app.admin_col_id"),
            tr("store.email"),
            tr("app.admin_role"),
            tr("app.admin_active"),
        ],
    ),
    hide_index=True,
    width="stretch",
)
with st.form("admin_add_user", clear_on_submit=True):
    st.markdown(f"**{tr('app.admin_add_user')}**")
    c1, c2, c3 = st.columns([3, 2, 2])
    email = c1.text_input(tr("store.email"), key="admin_email", max_chars=254)
    role = c2.selectbox(
        tr("app.admin_role"),
        access.ROLES,
        format_func={r: _role(r) for r in access.ROLES}.__getitem__,
        key="admin_role",
    )
    password = c3.text_input(tr("store.password"), type="password", key="admin_password")
    if st.form_submit_button(tr("app.dash_add")):
        try:
            added = accounts.create_user(actor=user, email=email, password=password, role=role)
        except InputError as exc:
            show_input_error(exc)
        else:
            _done(tr("app.admin_user_added_who", email=added.email, role=_role(added.role)))
for u in users:
    if u.id == user.id:
        continue
    active = st.toggle(
        f"{plain(u.email)} ({_role(u.role)})", value=u.active, key=f"admin_active_{u.id}"
    )
    if active != u.active:
        accounts.set_user_active(actor=user, user_id=u.id, active=active)
        _done(tr("app.admin_user_on" if active else "app.admin_user_off", email=u.email))

st.subheader(tr("app.admin_questionnaires"))
upload = st.file_uploader(tr("app.admin_upload"), type=["yaml", "yml"], key="admin_upload")
if upload is not None and st.button(tr("common.save"), key="admin_upload_save"):
    try:
        q = admin.upload_questionnaire(
            actor=user, yaml_text=upload.getvalue().decode("utf-8"), file=upload.name
        )
    except UnicodeDecodeError:
        st.error(tr("app.admin_not_utf8", file=upload.name))
    except InputError as exc:
        show_input_error(exc)
    else:
        st.success(tr("app.admin_uploaded", id=q.id, version=q.version))
versions = admin.list_questionnaire_versions(actor=user)
for v in versions:
    c1, c2 = st.columns([4, 1])
    c1.write(f"{v['questionnaire_id']} {v['version']}" + (" ✓" if v["active"] else ""))
    if not v["active"] and c2.button(
        tr("app.admin_activate"), key=f"admin_act_{v['questionnaire_id']}_{v['version']}"
    ):
        admin.activate_questionnaire(
            actor=user, questionnaire_id=v["questionnaire_id"], version=v["version"]
        )
        _done(tr("app.admin_activated", id=v["questionnaire_id"], version=v["version"]))

st.subheader(tr("app.admin_reassign"))
orgs = organisations.list_organisations(actor=user)
consultants = [u for u in users if u.role == "consultant" and u.active]
if orgs and consultants:
    with st.form("admin_reassign"):
        org_id = st.selectbox(
            tr("app.dash_choose_org"),
            [o.id for o in orgs],
            format_func={o.id: o.name for o in orgs}.__getitem__,
            key="admin_org",
        )
        to = st.selectbox(
            tr("app.admin_to"),
            [c.id for c in consultants],
            format_func={c.id: c.email for c in consultants}.__getitem__,
            key="admin_to",
        )
        if st.form_submit_button(tr("app.admin_reassign")):
            try:
                organisations.reassign_organisation(
                    actor=user, organisation_id=org_id, consultant_id=to
                )
            except NotFound as exc:
                st.error(str(exc))
            else:
                st.success(tr("app.admin_reassigned"))
