"""The site: pages generated from the package at build time (see hooks.py, wired in mkdocs.yml)."""
