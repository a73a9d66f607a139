"""GNOME Orca, the Linux screen reader, on a page in Chromium with no display and no sound card: what it says.

:class:`OrcaSession` starts, in a temporary folder of its own: Xvfb (a virtual display), a private D-Bus
session bus, the AT-SPI accessibility bus on it (``org.a11y.Bus``, flagged enabled), Orca with a speech server
that writes each utterance to a file (``benchmarks/orca/elab_capture_speech.py``), and, per page, Chromium with
``--force-renderer-accessibility`` on that display. Keys go to Chromium's window through ``xdotool`` (XTEST),
so Orca hears them as a user's. A key's speech is everything Orca says until it has been quiet for a moment.

Orca refuses a second instance for the same user: sessions are serialised by a lock file, and a session does not
start while another Orca of this user runs (it waits for the lock, then says so and gives up). Cleaning up ends
only the processes this session started and their descendants, by process id (the calling process is made a
child subreaper, so daemons that Orca's or D-Bus's children start stay within reach); nothing is killed by name.

Needs (Debian): orca at-spi2-core dbus-x11 xdotool python3-pyatspi xvfb chromium (the Makefile's
``system`` target installs them). :func:`missing` says which are not here.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEECH_MODULE = HERE / "orca" / "elab_capture_speech.py"
ORCA = "/usr/bin/orca"
LOCK = Path(tempfile.gettempdir()) / f"empathy-lab-orca-{os.getuid()}.lock"
PR_SET_CHILD_SUBREAPER = 36
MODE = re.compile(r"(Focus|Browse) mode\.?$", re.I)     # what Orca says when it switches mode

# Orca's settings for the session: speech to the file, nothing else; no reading on load, no page summary.
SETTINGS = """\
import orca.settings as s
s.speechServerFactory = "elab_capture_speech"
s.speechFactoryModules = ["elab_capture_speech"]
s.enableSpeech = True
s.enableBraille = False
s.enableSound = False
s.enableKeyEcho = False
s.enableEchoByCharacter = False
s.enableEchoByWord = False
s.enableTutorialMessages = False
s.sayAllOnLoad = False
s.pageSummaryOnLoad = False
"""

# The programs a session needs, and the Debian package of each.
NEEDS = {ORCA: "orca", "Xvfb": "xvfb", "dbus-daemon": "dbus", "gdbus": "libglib2.0-bin", "xdotool": "xdotool"}


class OrcaUnavailable(RuntimeError):
    """Orca cannot run here (a program is missing, or another Orca of this user is running)."""


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> list[str]:
    """Debian packages whose programs are not on this machine ([] when a session can start)."""
    out = [package for program, package in NEEDS.items() if not shutil.which(program)]
    if chromium_path() is None:
        out.append("chromium")
    if not Path("/usr/lib/python3/dist-packages/pyatspi").exists():
        out.append("python3-pyatspi")
    return out


@dataclass
class Utterance:
    at: float
    kind: str       # "speak", "sayall", "sayall-end"
    text: str


class _Speech:
    """Reads the utterance file as Orca's speech server appends to it."""

    def __init__(self, path: Path):
        self.path = path
        self.pos = 0
        self.mode = ""      # "focus" or "browse": the last mode Orca said it switched to
        path.touch()

    def read_new(self) -> list[Utterance]:
        with open(self.path, "rb") as fh:
            fh.seek(self.pos)
            data = fh.read()
        cut = data.rfind(b"\n") + 1
        self.pos += cut
        out = []
        for line in data[:cut].decode("utf-8", "replace").splitlines():
            parts = line.split("\t", 2)
            if len(parts) == 3:
                out.append(Utterance(float(parts[0]), parts[1], parts[2]))
                mode = MODE.match(parts[2].strip())
                if mode:
                    self.mode = mode.group(1).casefold()
        return out

    def wait(self, settle: float, longest: float, least: float = 0.0, until=None) -> list[Utterance]:
        """What is said until ``settle`` seconds of quiet (after at least ``least`` seconds, and after an
        utterance that ``until`` accepts when given), or ``longest`` seconds in all."""
        start = last = time.monotonic()
        said: list[Utterance] = []
        while True:
            new = self.read_new()
            now = time.monotonic()
            if new:
                said += new
                last = now
                if until is not None and any(until(u) for u in new):
                    until = None
            if now - start >= longest:
                return said
            if until is None and now - start >= least and now - last >= settle:
                return said
            time.sleep(0.03)


class OrcaSession:
    """One Orca and its virtual desktop; ``open(url)`` starts Chromium on a page, ``key(k)`` presses a key.

    Use as a context manager. Keys are xdotool names: ``Tab``, ``shift+Tab``, ``h`` (next heading), ``k``
    (link), ``m`` (landmark), ``Insert+Tab`` (form field: Orca has no single-letter key for it), ``Down``,
    ``KP_Add`` (say all), ``ctrl+Home`` (top of the page), ``F5``.
    """

    def __init__(self, settle: float = 0.5, lock_wait: float = 600.0):
        self.settle = settle
        self.lock_wait = lock_wait
        self.tmp = Path(tempfile.mkdtemp(prefix="elab-orca-"))
        self.env: dict[str, str] = {}
        self._procs: list[tuple[str, subprocess.Popen]] = []
        self._chromium: subprocess.Popen | None = None
        self._lock = None
        self._before: set[int] = set()
        self.speech = _Speech(self.tmp / "speech.tsv")

    # -- lifecycle ------------------------------------------------------------------------------------
    def __enter__(self) -> "OrcaSession":
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        gone = missing()
        if gone:
            raise OrcaUnavailable("Orca cannot run here: please install the Debian packages " + " ".join(gone)
                                  + " (make system does)")
        self._take_lock()
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        self._before = set(self._descendants())
        self._environment()
        self._xvfb()
        self._dbus()
        self._orca()

    def close(self) -> None:
        self._stop_chromium()
        for _, proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 5
        for _, proc in self._procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
        self._procs.clear()
        self._end_strays()
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- pages and keys -------------------------------------------------------------------------------
    def open(self, url: str, load_wait: float = 30.0, title: str = "") -> list[Utterance]:
        """Show ``url`` and wait until Orca has presented it. In the Chromium already running, through its
        address bar (as a user would; starting Chromium costs seconds) when ``title`` is given and Orca then
        says it; else in a new Chromium (typing races on a loaded machine: the address bar may keep text)."""
        if title and self._chromium is not None and self._chromium.poll() is None:
            self.speech.read_new()
            subprocess.run(["xdotool", "key", "ctrl+l"], env=self.env, check=True, timeout=20)
            self.speech.wait(0.3, 3.0, least=0.3)
            subprocess.run(["xdotool", "key", "ctrl+a"], env=self.env, check=True, timeout=20)
            subprocess.run(["xdotool", "type", "--delay", "2", url], env=self.env, check=True, timeout=30)
            self.speech.read_new()
            subprocess.run(["xdotool", "key", "Return"], env=self.env, check=True, timeout=20)
            said = self.speech.wait(1.0, load_wait, least=0.8,
                                    until=lambda u: "document" in u.text or "Finished loading" in u.text)
            wanted = " ".join(title.split()).casefold()
            if any(wanted in " ".join(u.text.split()).casefold() for u in said):
                return said
        self._stop_chromium()
        self.speech.read_new()
        chromium = chromium_path()
        assert chromium is not None
        command = [chromium, "--no-sandbox", "--test-type", f"--user-data-dir={self.tmp / 'chromium'}",
                   "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--password-store=basic",
                   "--noerrdialogs", "--disable-session-crashed-bubble", "--disable-extensions",
                   "--disable-component-update", "--disable-background-networking", "--disable-sync",
                   "--disable-translate", "--lang=en-GB", "--ozone-platform=x11", "--window-position=0,0",
                   "--window-size=1280,1000", "--force-renderer-accessibility", url]
        self._chromium = self._start("chromium", command)
        self._focus_window()
        said = self.speech.wait(1.0, load_wait, least=0.8,
                                until=lambda u: "document" in u.text or "Finished loading" in u.text)
        return said

    def key(self, key: str, expect: float = 5.0, longest: float = 20.0) -> list[Utterance]:
        """Press one key; what Orca says until it has been quiet for ``settle`` seconds. On a loaded machine
        Orca may take a while to start: up to ``expect`` seconds of silence are waited out before the first
        utterance (0: a key that may well say nothing)."""
        self.speech.read_new()
        subprocess.run(["xdotool", "key", "--delay", "20", key], env=self.env, check=True, timeout=20,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        said = self.speech.wait(self.settle, expect, least=0.25, until=lambda u: True) if expect else []
        return said + self.speech.wait(self.settle, longest, least=0.0 if said else 0.25)

    def browse_mode(self, expect: float = 15.0) -> list[Utterance]:
        """Back to browse mode if Orca last said it switched to focus mode (Orca+A), so that its quick keys and
        ctrl+Home are Orca's and not typed into a form field. A page may come up with Orca in focus mode: Orca
        puts its caret back where it was in the document before a reload, or on a form field a page loads
        with, and a combo box or an entry there switches it to focus mode."""
        if self.speech.mode != "focus":
            return []
        said = self.key("Insert+a", expect=expect)
        if self.speech.mode != "browse":
            said += self.speech.wait(self.settle, expect, until=lambda u: bool(MODE.match(u.text.strip())))
        return said

    def say_all(self, longest: float = 120.0) -> list[Utterance]:
        """Orca's Say All (KP_Add in the desktop layout) from where its caret is, to the end of the page."""
        self.speech.read_new()
        subprocess.run(["xdotool", "key", "KP_Add"], env=self.env, check=True, timeout=20,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        said = self.speech.wait(1.0, longest, least=0.3, until=lambda u: u.kind == "sayall-end")
        return [u for u in said if u.kind == "sayall"]

    def reload(self) -> list[Utterance]:
        """F5, and wait until Orca has presented the page again."""
        self.speech.read_new()
        subprocess.run(["xdotool", "key", "F5"], env=self.env, check=True, timeout=20)
        return self.speech.wait(1.0, 30.0, least=0.8,
                                until=lambda u: "document" in u.text or "Finished loading" in u.text)

    # -- start-up steps -------------------------------------------------------------------------------
    def _take_lock(self) -> None:
        self._lock = open(LOCK, "w")
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OrcaUnavailable(f"another Orca session held {LOCK} for {self.lock_wait:.0f} s") from None
                time.sleep(0.5)
        others = subprocess.run(["pgrep", "-u", str(os.getuid()), "-x", "orca"], capture_output=True,
                                text=True).stdout.split()
        if others:
            raise OrcaUnavailable(f"another Orca of this user is running (process {', '.join(others)}); Orca "
                                  f"refuses a second one, and this session does not end processes it did not start")

    def _environment(self) -> None:
        home, run = self.tmp / "home", self.tmp / "run"
        for folder in (home, run):
            folder.mkdir(mode=0o700)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DBUS_", "XDG_", "AT_SPI", "DISPLAY", "WAYLAND", "GTK_", "ORCA_"))}
        env.update({
            "HOME": str(home), "XDG_RUNTIME_DIR": str(run), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_SESSION_TYPE": "x11", "ACCESSIBILITY_ENABLED": "1", "GTK_MODULES": "gail:atk-bridge",
            "NO_AT_BRIDGE": "0", "LANG": "C.UTF-8", "ELAB_ORCA_SPEECH": str(self.speech.path),
        })
        env.pop("PYTHONPATH", None)
        env.pop("VIRTUAL_ENV", None)
        self.env = env

    def _start(self, name: str, command: list[str], **kw) -> subprocess.Popen:
        if "stdout" not in kw:
            kw["stdout"] = open(self.tmp / f"{name}.log", "w")
            kw.setdefault("stderr", subprocess.STDOUT)
        proc = subprocess.Popen(command, env=self.env, stdin=subprocess.DEVNULL, **kw)
        self._procs.append((name, proc))
        return proc

    def _xvfb(self) -> None:
        read, write = os.pipe()
        self._start("xvfb", ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten",
                             "tcp", "-noreset"], pass_fds=(write,))
        os.close(write)
        number = b""
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        if not number.strip():
            raise OrcaUnavailable(f"Xvfb did not start (see {self.tmp / 'xvfb.log'})")
        self.env["DISPLAY"] = ":" + number.decode().strip()

    def _dbus(self) -> None:
        proc = self._start("dbus", ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        address = proc.stdout.readline().decode().strip() if proc.stdout else ""
        if not address:
            raise OrcaUnavailable("the D-Bus session bus did not start")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        bus = ["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path", "/org/a11y/bus"]
        subprocess.run(bus + ["--method", "org.a11y.Bus.GetAddress"], env=self.env, check=True, timeout=20,
                       stdout=subprocess.DEVNULL)
        for prop in ("IsEnabled", "ScreenReaderEnabled"):
            subprocess.run(bus + ["--method", "org.freedesktop.DBus.Properties.Set", "org.a11y.Status", prop,
                                  "<true>"], env=self.env, timeout=20, stdout=subprocess.DEVNULL)

    def _orca(self) -> None:
        prefs = self.tmp / "orca-prefs"
        prefs.mkdir()
        shutil.copy(SPEECH_MODULE, prefs / SPEECH_MODULE.name)
        (prefs / "orca-customizations.py").write_text(SETTINGS, encoding="utf-8")
        self._start("orca", [ORCA, "-u", str(prefs)])
        said = self.speech.wait(0.3, 30.0, until=lambda u: "Screen reader on" in u.text)
        if not any("Screen reader on" in u.text for u in said):
            log = (self.tmp / "orca.log").read_text("utf-8", "replace")[-600:]
            raise OrcaUnavailable(f"Orca did not start: {log.strip() or 'no output'}")

    def _focus_window(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._chromium is not None and self._chromium.poll() is not None:
                raise OrcaUnavailable(f"Chromium exited (see {self.tmp / 'chromium.log'})")
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "chromium"], env=self.env,
                                   capture_output=True, text=True, timeout=10).stdout.split()
            if found:
                subprocess.run(["xdotool", "windowfocus", "--sync", found[-1]], env=self.env, timeout=10)
                return
            time.sleep(0.2)
        raise OrcaUnavailable(f"no Chromium window after {timeout:.0f} s")

    # -- ending ---------------------------------------------------------------------------------------
    def _stop_chromium(self) -> None:
        proc, self._chromium = self._chromium, None
        if proc is None:
            return
        tree = [proc.pid, *self._descendants(proc.pid)]
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        self._procs = [(n, p) for n, p in self._procs if p is not proc]
        for pid in tree[1:]:
            _signal(pid, signal.SIGKILL)
        _reap()
        self.speech.wait(0.3, 3.0)      # Orca's words about the window going away

    def _end_strays(self) -> None:
        """End what is left of this session: descendants of this process that were not there before it."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = [p for p in self._descendants() if p not in self._before]
            for pid in pids:
                _signal(pid, sig)
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline and any(p not in self._before for p in self._descendants()):
                _reap()
                time.sleep(0.1)
        _reap()

    @staticmethod
    def _descendants(root: int | None = None) -> list[int]:
        """Process ids below ``root`` (default: this process), from /proc's parent links."""
        root = os.getpid() if root is None else root
        parent: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                    parent[int(entry)] = int(stat[stat.rfind(")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
        out = []
        for pid in parent:
            up, steps = pid, 0
            while up in parent and up > 1 and steps < 64:
                up, steps = parent[up], steps + 1
                if up == root:
                    out.append(pid)
                    break
        return out


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
