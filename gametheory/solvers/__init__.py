"""Equilibrium solvers; each module registers its methods in :mod:`.registry`."""
