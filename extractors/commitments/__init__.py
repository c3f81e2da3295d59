"""Commitments: sentences stating a future action, with actor, action, horizon, kind and domain."""
