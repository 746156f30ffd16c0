"""Benchmarks for issue 10: a synthetic Soledad site, nginx to serve it, two bare spiders and a harness.

Run the modules from the project root, e.g. ``.venv/bin/python -m benchmarks.run --posts 2000``.
"""
