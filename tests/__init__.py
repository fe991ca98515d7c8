"""Tests that cross the apps: whole-site walks, the audit trail and the data-rights exports.

They sit above every app, so they may import all of them; `mallard/tests` may import only
`mallard` (the layers in pyproject.toml, checked by `lint-imports`).
"""
