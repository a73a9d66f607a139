"""``python -m auditor.probes [README]``: rewrite the table of checks in personas/README.md from the registry."""

from __future__ import annotations

import sys
from pathlib import Path

from auditor.paths import personas_dir
from auditor.probes import write_checks_table


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    readme = Path(args[0]) if args else personas_dir() / "README.md"
    changed = write_checks_table(readme)
    print(f"{readme}: table of checks {'rewritten' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
