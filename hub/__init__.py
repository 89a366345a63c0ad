"""The JupyterHub set-up; `python -m hub.link` (from the repo root) prints the course link."""
