"""Games of incomplete information: Bayesian games, signaling games, screening and bargaining with private values."""
