"""The ``audit`` command line (the contract is in docs/cli.md).

    audit [URL...] [--persona ID|all] [--out DIR] [--format json,md,...] [--fail-on IMPACT] ...
    audit validate [PATH...]
    audit init [--ci github|gitlab|none] [--url URL...]
    audit serve-demo [--port N]
    audit replay DIR
    audit compare A B
    audit merge REPORT... --out DIR
    audit lab-report --observations FILE... --report REPORT.json... --out DIR

Exit codes: 0 nothing at or above the threshold; 1 accessibility failures; 2 usage or configuration error;
3 the audit could not run.
"""

from __future__ import annotations

import importlib
import os
import sys

from auditor.commands import SUBCOMMANDS
from auditor.errors import AuditCannotRun, EmpathyLabError, UsageError



def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            module = importlib.import_module(SUBCOMMANDS[argv[0]])
            return module.main(argv[1:])
        from auditor.commands import run

        return run.main(argv)
    except UsageError as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    except AuditCannotRun as exc:
        print(f"audit: the audit could not run: {exc}", file=sys.stderr)
        return 3
    except EmpathyLabError as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("audit: stopped", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except SystemExit as exc:  # argparse: --help exits 0, bad options exit 2
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:  # a bug in Empathy Lab: say so plainly, keep the details for a report
        if os.environ.get("EMPATHY_LAB_DEBUG"):
            raise
        print(f"audit: internal error: {type(exc).__name__}: {exc}\n"
              "audit: this is a fault in Empathy Lab, not in your pages; run again with EMPATHY_LAB_DEBUG=1 "
              "to see the details", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
