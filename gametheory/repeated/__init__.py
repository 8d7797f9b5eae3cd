"""Repeated games: the stage game played again and again (issue 14; this file is replaced when the parts merge)."""
