"""Reporters read only the run's JSON (report.json's dict) and write other formats."""
