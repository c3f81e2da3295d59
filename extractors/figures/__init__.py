"""Figures: the numbers an analyst would tabulate, with unit, kind and context (pure functions)."""
