"""An Orca speech server that writes what Orca would say to a file, one utterance a line, instead of a voice.

Orca imports it from its preferences folder (``orca -u FOLDER`` puts FOLDER on ``sys.path``); the settings
file that ``benchmarks/orca_session.py`` writes there names it as Orca's speech-server factory. The file is
``$ELAB_ORCA_SPEECH``; each line is ``<unix time> TAB <kind> TAB <text>`` with kind ``speak`` or ``sayall``.
Runs inside Orca's own Python (Debian's /usr/bin/python3), so it imports only Orca and the standard library.
"""

import os
import time

from gi.repository import GLib

from orca import speechserver

_PATH = os.environ.get("ELAB_ORCA_SPEECH", "")


def _write(kind, text):
    if not _PATH or not text:
        return
    text = " ".join(str(text).split())
    if text:
        with open(_PATH, "a", encoding="utf-8") as out:
            out.write("%.3f\t%s\t%s\n" % (time.time(), kind, text))


class SpeechServer(speechserver.SpeechServer):
    _the_one = None

    @staticmethod
    def getFactoryName():
        return "Empathy Lab file"

    @staticmethod
    def getSpeechServers():
        return [SpeechServer.getSpeechServer()]

    @staticmethod
    def getSpeechServer(info=None):
        if SpeechServer._the_one is None:
            SpeechServer._the_one = SpeechServer()
        return SpeechServer._the_one

    @staticmethod
    def shutdownActiveServers():
        SpeechServer._the_one = None

    def __init__(self):
        super().__init__()
        self._reading = 0       # bumped by stop(): a say-all in progress ends

    def getInfo(self):
        return ["Empathy Lab file", "elab-file"]

    def getVoiceFamilies(self):
        return [speechserver.VoiceFamily({"name": "file", "lang": "en", "dialect": "", "variant": None})]

    def speak(self, text=None, acss=None, interrupt=True):
        _write("speak", text)

    def speakCharacter(self, character, acss=None):
        pass

    def speakKeyEvent(self, event, acss=None):
        pass

    def sayAll(self, utteranceIterator, progressCallback):
        """Read everything as a voice that takes no time would: one piece each time GLib is idle, reporting
        progress so that Orca moves its caret along; stop() (any key) ends it."""
        self._reading += 1
        reading = self._reading

        def step():
            if reading != self._reading:
                return False
            try:
                context, _acss = next(utteranceIterator)
            except StopIteration:
                _write("sayall-end", "end")
                return False
            _write("sayall", context.utterance)
            context.currentOffset = context.startOffset
            progressCallback(context.copy(), speechserver.SayAllContext.PROGRESS)
            context.currentOffset = context.endOffset
            progressCallback(context.copy(), speechserver.SayAllContext.COMPLETED)
            return True

        GLib.idle_add(step)

    def stop(self):
        self._reading += 1

    def shutdown(self):
        pass

    def reset(self, text=None, acss=None):
        pass
