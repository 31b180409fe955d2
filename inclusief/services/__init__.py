"""Use cases: check access, load from the store, call the domain, save. See docs/architecture.md."""
