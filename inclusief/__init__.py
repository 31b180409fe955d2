"""Inclusief: measure, carve and advise for inclusive employers.

The core (everything under ``inclusief`` except ``inclusief.ui``) never imports streamlit.
"""

__version__ = "0.1.0"
