"""Games of incomplete information: Bayesian games, signalling, screening and sequential equilibrium."""
