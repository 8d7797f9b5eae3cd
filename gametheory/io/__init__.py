"""Reading and writing games: model files (TOML), Gambit .nfg, safe expressions."""
