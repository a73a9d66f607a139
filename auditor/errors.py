"""Error types with the exit codes of the CLI contract (see docs/cli.md).

User errors (bad input, bad options) exit 2; the audit not being able to run (browser missing,
site unreachable) exits 3. Anything else is a bug and is reported as such by the CLI.
"""


class EmpathyLabError(Exception):
    exit_code = 2


class UsageError(EmpathyLabError):
    """Bad options, bad files, bad names: the user can fix it. Exit 2."""

    exit_code = 2


class AuditCannotRun(EmpathyLabError):
    """The audit could not run at all: no browser, site unreachable. Exit 3."""

    exit_code = 3
