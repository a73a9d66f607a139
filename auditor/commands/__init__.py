"""One module per ``audit`` subcommand; ``run`` is the audit itself (no subcommand word)."""

# subcommand word -> its module (auditor/cli.py dispatches through this; `audit --help` lists it)
SUBCOMMANDS = {
    "validate": "auditor.commands.validate",
    "init": "auditor.commands.init",
    "serve-demo": "auditor.commands.serve_demo",
    "replay": "auditor.commands.replay",
    "compare": "auditor.commands.compare",
    "merge": "auditor.commands.merge",
    "lab-report": "auditor.commands.lab_report",
}
