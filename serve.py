"""Serve Inclusief: ``streamlit run serve.py`` (scripts/run, docs/deploy.md).

The page script is app.py; this file adds the login-cookie routes and the page language to
Streamlit's server (inclusief/ui/server.py).
"""

import streamlit as st

from inclusief.ui.server import middleware, routes

app = st.App("app.py", routes=routes(), middleware=middleware())
