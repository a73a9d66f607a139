"""``audit serve-demo [--port N]``: run the bundled demo council service by hand (see auditor/demo.py)."""

from auditor.demo import serve_demo_main as main

__all__ = ["main"]
