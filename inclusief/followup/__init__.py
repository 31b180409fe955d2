"""Placements that last: follow-up check-ins, early-warning signals and retention figures.

A domain package (issue #19): pure functions over plain facts, no database. The services
(``inclusief/services/placements.py``) read the store, build :class:`~.model.PlacementFacts`
and call :mod:`.schedule`, :mod:`.signals` and :mod:`.retention`. The codes, the check-in
schedule and the signal rules live in YAML data files beside this module, each with sources.
"""
