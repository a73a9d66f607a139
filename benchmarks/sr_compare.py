"""Does Empathy Lab's screen reader say the same as a real one? Comparison of one key's speech, and of a
reading-order transcript against a say-all. Pure: standard library and ``auditor.model`` only.

Vocabulary differs between screen readers and is fine ("edit text" and "entry", "button" and "push button");
a different element, name, role, value or state is not. So Empathy Lab's phrase is first put in Orca's words
(:data:`ROLE_VOCABULARY`, :data:`STATE_VOCABULARY`), then split into its parts (the phrase joins name, role,
value, states and description with ", "), and each part must be found, as a run of words, in what Orca said for
the same key; every word Orca said about the element must be used up by some part. What is left over on
either side is a disagreement, named by the part it is (name, role, state, value, description) from the node
Empathy Lab spoke about.

Orca's words about where it is rather than what it is on (entering a form or a list, leaving a landmark,
switching to focus mode, wrapping to the top) are context, not the element's phrase: :func:`element_speech`
sets them aside. Those are differences by design between the two readers, documented once in
docs/screen-reader.md, not counted per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.model import phrasing
from auditor.model.axnode import AXNode

# Empathy Lab's (NVDA-like) role words -> Orca's.
ROLE_VOCABULARY: dict[str, str] = {
    "edit text": "entry", "search edit text": "entry", "edit text, multi line": "entry",
    "search edit text, multi line": "entry", "button": "push button", "graphic": "image",
    "unlabelled graphic": "image", "grouping": "panel", "tab control": "page tab list", "tab": "page tab",
    "property page": "scroll pane", "tree view": "tree", "tree view item": "tree item",
    "check menu item": "check menu item", "radio menu item": "radio menu item", "alert dialog": "alert",
    "content info landmark": "content info", "main landmark": "main", "navigation landmark": "navigation",
    "banner landmark": "banner", "complementary landmark": "complementary", "search landmark": "search",
    "form landmark": "form", "region landmark": "region", "figure": "figure", "frame": "frame",
}
# Empathy Lab's state words -> Orca's.
STATE_VOCABULARY: dict[str, str] = {
    "unavailable": "grayed", "half checked": "partially checked", "has pop-up": "has popup",
    "invalid entry": "invalid entry", "read only": "read only",
}
# Orca says a radio button is "selected" or "not selected" (AT-SPI's STATE_CHECKED for radios).
RADIO_STATES = {"checked": "selected", "not checked": "not selected"}
STATE_WORDS = {"not selected", "checked", "not checked", "partially checked", "pressed", "not pressed", "expanded", "collapsed",
               "selected", "required", "invalid entry", "grayed", "read only", "has popup", "visited",
               "current", "on", "off", "multi line"}

# Orca's words about its own modes and where it is, not about the element (regular expressions, whole
# utterance, case-insensitive).
CONTEXT_PATTERNS = [
    r"focus mode", r"browse mode", r"wrapping to (top|bottom)\.?", r"leaving .*", r"loading\. please wait\.?",
    r"finished loading.*", r".* document web\.?", r"chromium frame\.?", r"form", r"list with \d+ items?\.?",
    r"table with \d+ rows? \d+ columns?\.?", r"(.* )?(navigation|banner|main|content info|complementary|"
    r"search|region|form)( landmark)?\.?", r"(.* )?panel\.?", r"(.* )?dialog\.?", r"(.* )?alert\.?",
    r"nested level \d+\.?", r"(.* )?(grouping|section|article)\.?",
    r"screen reader on\.?", r"main content", r"row \d+\.?", r"column \d+\.?",
]
_CONTEXT = re.compile("^(?:" + "|".join(CONTEXT_PATTERNS) + ")$", re.I)


def words(text: str) -> list[str]:
    """Lower-case words and numbers, in any script (Arabic as well as Latin); punctuation and symbols are not
    words (a screen reader's punctuation level decides whether they are spoken, and both readers here leave it
    to the voice)."""
    return re.findall(r"[^\W_]+", text.casefold().replace("pop-up", "popup"))


# Differences by design between the two readers, the same on every page: (roles, Empathy Lab's part, Orca's
# words instead, the name it is reported under once). docs/screen-reader.md says which side follows the specs.
DESIGN_DIFFERENCES = [
    ({"combobox"}, "collapsed", "opens menu", "native select: Orca says the popup, not the collapsed state"),
]


INFERRED_LABEL = "a field with no accessible name: Orca guesses a label from the text beside it"
REBROKEN = ("a name from content with a block in it: Orca reads the text as CSS laid it out, without the "
            "space accname puts between blocks")
NAME_TWICE = "a focused element that is not a control: Orca says its name, then its text"


@dataclass
class Verdict:
    """One key compared: ``agree`` when every part matched and nothing was left over."""

    agree: bool
    differs: list[str] = field(default_factory=list)     # "element", "name", "role", "state", "value", ...
    missing: list[str] = field(default_factory=list)     # Empathy Lab's parts Orca did not say
    extra: str = ""                                       # Orca's words Empathy Lab did not say
    design: list[str] = field(default_factory=list)      # differences by design (DESIGN_DIFFERENCES) set aside


# Roles whose role word is Orca's own for that role only: <summary> is a toggle button on AT-SPI.
ROLE_VOCABULARY_BY_ROLE: dict[str, str] = {"DisclosureTriangle": "toggle button"}


def orca_role_word(node: AXNode) -> str:
    """The role word Orca uses for the node."""
    word = phrasing.role_word(node)
    return ROLE_VOCABULARY_BY_ROLE.get(node.role) or ROLE_VOCABULARY.get(word, word)


# Role words of an element's content said before its own role when reading (phrasing.reading_phrase).
CONTENT_ROLE_WORDS = ("graphic", "unlabelled graphic")


def orca_words(phrase: str, node: AXNode | None) -> list[str]:
    """Empathy Lab's phrase in Orca's vocabulary, as its parts (each a string)."""
    parts = [p.strip() for p in phrase.split(", ")]
    if node is not None:
        word = phrasing.role_word(node)
        joined = ", ".join(parts)
        if word and orca_role_word(node) != word and (", " + word in ", " + joined):
            # role words may hold ", " themselves ("edit text, multi line"): swap them as a whole
            head, _, tail = (", " + joined).partition(", " + word)
            joined = (head + ", " + orca_role_word(node) + tail)[2:]
            parts = [p.strip() for p in joined.split(", ")]
    out = []
    for index, part in enumerate(parts):
        if index and part in CONTENT_ROLE_WORDS:
            part = ROLE_VOCABULARY[part]   # the role of what the element holds ("Red Panda, graphic, link")
        part = STATE_VOCABULARY.get(part, part)
        if node is not None and node.role == "radio":
            part = RADIO_STATES.get(part, part)
        if node is not None and node.role in phrasing.POSITION_ROLES and re.fullmatch(r"\d+ of \d+", part):
            continue    # position in set: Orca 43 leaves it to a where-am-I key (docs/screen-reader.md)
        if part:
            out.append(part)
    return out


# Chromium names an image that has no name, on AT-SPI only, with an offer of its own image-description service
# (not the accessible name by accname: the CDP tree has none). Empathy Lab says "unlabelled graphic"; Orca
# says the hint, then the image. The hint is set aside (docs/screen-reader.md: Ashleigh should not hear it).
CHROMIUM_IMAGE_HINT = re.compile(r"to get missing image descriptions, open the context menu\.?", re.I)


# Orca says it enters the main landmark at the start of the next utterance when the main's text runs on after
# an inline element that it said as an utterance of its own ("GDS." then "main content is part of ..."); in a
# say-all the same words come as an utterance of their own. Context, like the other CONTEXT_PATTERNS.
LEADING_CONTEXT = re.compile(r"^main content\s+(?=\S)", re.I)


def element_speech(utterances: list[str]) -> list[str]:
    """Orca's utterances for a key without its context and mode words, and without Chromium's image hint."""
    out = []
    for u in utterances:
        u = LEADING_CONTEXT.sub("", " ".join(CHROMIUM_IMAGE_HINT.sub(" ", u).split()))
        if u and not _CONTEXT.match(u):
            out.append(u)
    return out


def _find(seq: list[str], sub: list[str], used: list[bool]) -> int:
    """Start of the first run of ``sub`` in ``seq`` whose words are all unused; -1 when there is none."""
    n = len(sub)
    for i in range(len(seq) - n + 1):
        if seq[i:i + n] == sub and not any(used[i:i + n]):
            return i
    return -1


def _find_rebroken(seq: list[str], sub: list[str], used: list[bool]) -> tuple[int, int]:
    """A run of unused words in ``seq`` with the same letters as ``sub`` in the same order, broken into words
    elsewhere ("changeaddress" for "change address"). Returns (start, end) or (-1, -1)."""
    target = "".join(sub)
    for i in range(len(seq)):
        text = ""
        for j in range(i, len(seq)):
            if used[j]:
                break
            text += seq[j]
            if text == target:
                return i, j + 1
            if not target.startswith(text):
                break
    return -1, -1


def _kind(part: str, node: AXNode | None) -> str:
    """Which part of Empathy Lab's phrase a string is."""
    if node is None:
        return "element"
    w = words(part)
    if w == words(node.name):
        return "name"
    if w == words(orca_role_word(node)) or part in CONTENT_ROLE_WORDS:
        return "role"
    if w == words(node.value):
        return "value"
    if w == words(node.description):
        return "description"
    if " ".join(w) in STATE_WORDS:
        return "state"
    return "name"


def compare(phrase: str, node: AXNode | None, orca: list[str], more_allowed: bool = False) -> Verdict:
    """Empathy Lab's ``phrase`` about ``node`` against Orca's utterances for the same key.

    ``more_allowed``: Orca's words may hold more than the element (it read a whole line, as for a landmark),
    so words left over on Orca's side are not a difference."""
    spoken = element_speech(orca)
    seq = words(" ".join(spoken))
    if node is not None and node.role in ("image", "img") and not node.name.strip():
        seq = [w for w in seq if w not in ("unlabeled", "unlabelled")]   # Orca's word for "no name"
    used = [False] * len(seq)
    missing: list[str] = []
    design: list[str] = []
    parts = orca_words(phrase, node)
    # longest parts first, so a name is not used up by a shorter part that happens to be inside it
    for part in sorted(parts, key=lambda p: -len(words(p))):
        sub = words(part)
        if not sub:
            continue
        at, end = _find(seq, sub, used), -1
        if at >= 0:
            end = at + len(sub)
        else:
            at, end = _find_rebroken(seq, sub, used)
            if at >= 0:
                design.append(REBROKEN)
        if at < 0:
            missing.append(part)
            continue
        for i in range(at, end):
            used[i] = True
    extra = " ".join(w for w, u in zip(seq, used) if not u)
    for roles, mine, theirs, why in DESIGN_DIFFERENCES:
        if node is not None and node.role in roles and mine in missing and theirs in extra:
            missing.remove(mine)
            extra = " ".join(extra.replace(theirs, " ").split())
            design.append(why)
    if more_allowed or (extra == "selected" and node is not None and node.role in phrasing.EDIT_ROLES
                        and node.value):
        extra = ""      # (Orca says the text in a field it tabbed into is selected: a text selection, not a state)
    if extra and not missing and node is not None and any(used):
        lead = used.index(True)
        if node.role in phrasing.FIELD_ROLES and not node.name.strip() and lead and not any(
                not u for u in used[lead:]):
            # a field with no accessible name: Orca guesses a label from the text beside it (its label
            # inference), before the role; Empathy Lab follows accname, by which there is no name
            extra = ""
            design.append(INFERRED_LABEL)
        elif node.name.strip() and extra == " ".join(words(node.name)):
            # Orca says a focused element's name and then its text, the same words twice
            extra = ""
            design.append(NAME_TWICE)
    differs: list[str] = []
    if not any(used) and parts:
        differs.append("element")
    else:
        for part in missing:
            kind = _kind(part, node)
            if kind not in differs:
                differs.append(kind)
        if extra:
            kind = "state" if extra in STATE_WORDS else ("description" if node is not None and node.description
                                                         and extra in " ".join(words(node.description))
                                                         else "extra words")
            if kind not in differs:
                differs.append(kind)
    return Verdict(agree=not differs, differs=differs, missing=missing, extra=extra, design=design)


def same_place(phrase: str, node: AXNode | None, orca: list[str], first: int = 3) -> Verdict:
    """For the landmark key: Orca speaks the first visual line inside the landmark (which may end in the middle
    of a long heading, or hold two links, or begin with a skip link before a banner on the same line), Empathy
    Lab the first thing inside it. The same place when Orca's line holds the first ``first`` words of that
    thing's name (its text, for text)."""
    spoken = words(" ".join(element_speech(orca)))
    name = node.name if node is not None and node.role != "StaticText" and node.name else phrase
    if node is not None and node.role != "StaticText" and not node.name.strip():
        name = orca_role_word(node)     # a thing with no name: its role is all either reader says
    start = words(name)[:first]
    # (every word Orca said, context words too: the landmark's line may be said as "X panel.")
    heard = words(" ".join(CHROMIUM_IMAGE_HINT.sub(" ", u) for u in orca))
    if len(start) < first:
        # a name of one or two words ("Play") may well be inside other words ("Unable to play media"): it
        # must begin one of Orca's utterances
        heard = []
        for u in orca:
            said = words(LEADING_CONTEXT.sub("", " ".join(CHROMIUM_IMAGE_HINT.sub(" ", u).split())))
            if said[:1] in (["unlabeled"], ["unlabelled"]):
                said = said[1:]     # Orca's word for an image with no name, before the role
            heard += said[:len(start)] + [""]
    if start and any(heard[i:i + len(start)] == start for i in range(len(heard))):
        return Verdict(agree=True)
    if spoken and spoken == words(name)[:len(spoken)]:
        return Verdict(agree=True)      # the line ends before the thing's third word (a <pre>'s first line)
    return Verdict(agree=False, differs=["element"], missing=[name], extra=" ".join(spoken))


# -- reading order against say-all -----------------------------------------------------------------------
def say_all_reached(stops: list[tuple[str, AXNode | None]], say_all: list[str], window: int = 80, back: int = 30
                    ) -> list[tuple[bool, str]]:
    """For each of Empathy Lab's reading-order stops (phrase, node), whether Orca's say-all reached the same
    thing at about the same place: the stop's name (its text, for text) as a run of words not used by an
    earlier stop, from ``back`` words before where the previous stop was found to ``window`` words after it
    (the two readers may order a field's label, hint and the field itself differently), and for a control,
    heading or image its role word within a few words of it. Returns (reached, why-not) per stop."""
    seq = words(" ".join(CHROMIUM_IMAGE_HINT.sub(" ", u) for u in say_all
                         if not re.fullmatch(r"main content\.?", u.strip(), re.I)))
    used = [False] * len(seq)
    pos = 0
    out: list[tuple[bool, str]] = []
    for phrase, node in stops:
        name = node.name if node is not None and node.role != "StaticText" else phrase
        target = words(name)
        role = ""
        if node is not None and node.role != "StaticText":
            role = orca_role_word(node)
        if not target:
            target, role = words(role), ""
        if not target:
            out.append((True, ""))
            continue
        lo, hi = max(0, pos - back), min(len(seq), pos + window + len(target))   # (a paragraph may be long)
        found, n = _find_near(seq, target, used, lo, hi), len(target)
        r = words(role)
        if role and found >= 0 and not _role_near(seq, found, n, r):
            # the name's words may also be in other text (a dialog's title holds its button's name): a later
            # run with the role word by it is the element
            later = found
            while True:
                later = _find_near(seq, target, used, later + 1, hi)
                if later < 0 or _role_near(seq, later, n, r):
                    break
            found = later if later >= 0 else found
        joined = False
        if found < 0:
            found, n = _find_joined(seq, target, lo, hi)
            joined = True
        if found < 0:
            out.append((False, "not reached"))
            continue
        if not joined:      # (a word shared with the next block stays free for it)
            for i in range(found, found + n):
                used[i] = True
        pos = max(pos, found + n)
        if role:
            if not _role_near(seq, found, n, r):
                out.append((False, f"role: Orca did not say {role!r} by it"))
                continue
        out.append((True, ""))
    return out


def _role_near(seq: list[str], found: int, n: int, role: list[str]) -> bool:
    near = seq[max(0, found - 8):found + n + 8]
    return any(near[i:i + len(role)] == role for i in range(len(near)))


def _find_joined(seq: list[str], sub: list[str], start: int, stop: int) -> tuple[int, int]:
    """As _find_near, but blind to where words break: text of two blocks with no space between them in the
    DOM ("Council</span><span>Working") comes to Orca as one word. Returns (first word, number of words)."""
    offsets, text = [], ""
    for j in range(start, stop):
        offsets.append(len(text))
        text += seq[j]
    at = text.find("".join(sub))
    if at < 0:
        return -1, 0
    end = at + len("".join(sub)) - 1
    first = max(i for i, o in enumerate(offsets) if o <= at)
    last = max(i for i, o in enumerate(offsets) if o <= end)
    return start + first, last - first + 1


def _find_near(seq: list[str], sub: list[str], used: list[bool], start: int, stop: int) -> int:
    n = len(sub)
    for i in range(start, stop - n + 1):
        if seq[i:i + n] == sub and not any(used[i:i + n]):
            return i
    return -1
