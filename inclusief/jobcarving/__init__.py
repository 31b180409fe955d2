"""Jobcarving: carve simple tasks out of existing roles and bundle them into new jobs.

Modules: :mod:`.model` (pydantic data), :mod:`.inventory` (YAML loaders), :mod:`.fit`
(task-candidate fit and accommodations), :mod:`.optimise` (exact MILP), :mod:`.greedy`
(baseline), :mod:`.business_case` and :mod:`.cli`.
"""
