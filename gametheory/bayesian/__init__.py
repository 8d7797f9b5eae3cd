"""Incomplete information: Bayesian games, signaling games and their equilibria."""
