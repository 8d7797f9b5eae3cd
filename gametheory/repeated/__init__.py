"""Repeated games: minmax values, the folk-theorem set, sustainability thresholds in the discount factor."""
