"""The one-line-a-page progress an audit prints to standard error (a bar on a terminal)."""

from __future__ import annotations

import sys


def progress_printer(stream=sys.stderr):
    tty = stream.isatty()

    def show(index: int, total: int, url: str, result: dict) -> None:
        if result["status"] != "ok":
            state = f"error: {result['error']}"
        else:
            fails = sum(1 for f in result["findings"] if f["outcome"] == "fail")
            state = f"{fails} failure{'s' if fails != 1 else ''}"
        line = f"[{index}/{total}] {url}: {state}"
        if tty:
            width = 30
            done = int(width * index / total)
            stream.write("\r\033[K" + "#" * done + "." * (width - done) + " " + line[:100])
            if index == total:
                stream.write("\n")
        else:
            stream.write(line + "\n")
        stream.flush()

    return show
