"""Repeated games: minmax values, the folk-theorem set, grim trigger, penal codes, automata, finite horizons."""
