"""Fixtures of the claims tests (the helpers are in ``claims_helpers``)."""

from claims_helpers import base, comp, comp_drop  # noqa: F401  (fixtures)
