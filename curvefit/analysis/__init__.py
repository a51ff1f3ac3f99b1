"""Seeing inside a fit: each unit's part, the fit's pieces, the errors, the noise floor and the baselines."""
