"""Probe ``media_alternative``: video and audio come with captions, transcripts and a way to stop them.

Reads ``dom.media`` (native <video>/<audio>, iframes of known players, <object>/<embed> media). Reports:
- a <video> with no captions or subtitles track (review, 1.2.2: captions may be burned into the picture) -
  left to axe's ``video-caption`` (which also asks for a review) when axe ran;
- a <video> with no audio-description track and no described version or transcript near it (review, 1.2.3,
  1.2.5, and 1.2.8 AAA, whose full text alternative is technique G69): only a person can tell whether what is
  shown is also said, or whether text beside it (ACT 1a02b0) is a whole transcript; a video with a
  descriptions track but no transcript near it is a review of 1.2.8 alone;
- an embedded player (YouTube, Vimeo...) or <object> video (review, 1.2.2): its captions cannot be seen from
  the page;
- audio with no transcript link near it (review, 1.2.1): the transcript may be elsewhere on the page;
- sound that plays by itself (1.4.2): native <audio>/<video> with autoplay, not muted and no controls is a fail
  (left to axe's ``no-autoplay-audio`` when axe ran), with controls a review; a player URL asking for
  autoplay without mute is a review (players may block it);
- visible native media with no controls that does not autoplay (review, 2.1.1): it may not be startable.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta, whole

META = ProbeMeta(
    id="media_alternative",
    summary="video and audio without captions or transcripts, or that play by themselves",
    title="Video and audio have captions, transcripts and controls",
    failure_title="Video or audio lacks captions, a transcript or a way to stop it",
    wcag=("1.2.1", "1.2.2", "1.2.3", "1.2.5", "1.2.8", "1.4.2"),
    personas=("saleem", "ashleigh"),
    impact="critical",
    fix="Caption every video, give audio a transcript, describe what is only shown, and never autoplay sound.",
    artifacts=("dom", "axe"),
    why={
        "saleem": "He is deaf: without captions or a transcript, speech and sound are lost to him.",
        "ashleigh": "She is blind: what a video only shows needs describing, and sound that starts by itself "
                    "drowns out her screen reader.",
    },
)

CAPTION_KINDS = ("captions", "subtitles")
HOST_NAMES = {"youtube": "YouTube", "soundcloud": "SoundCloud", "jwplayer": "JW Player", "ted": "TED"}
DESCRIPTION_WORDS = ("audio description", "described", "transcript", "trawsgrifiad", "disgrifiad")
TRANSCRIPT_WORDS = ("transcript", "trawsgrifiad", "text version", "text alternative")


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = whole(artifacts, "dom")
    if dom is None:
        return []
    by_axe = axe_ran(artifacts)
    findings: list[Finding] = []
    for item in dom.get("media") or []:
        findings.extend(_captions(item, by_axe))
        findings.extend(_transcript(item))
        findings.extend(_autoplay(item, by_axe))
        findings.extend(_controls(item))
    return findings


def _base(item: dict, key: str, **kw) -> Finding:
    return META.finding(selector=item.get("selector", ""), snippet=item.get("snippet", ""),
                   role=item.get("kind", ""), name=item.get("name") or _short(item.get("src", "")), key=key, **kw)


def _captions(item: dict, by_axe: bool) -> list[Finding]:
    if item.get("kind") != "video":
        return []
    kinds = {t.get("kind") for t in item.get("tracks") or []}
    nearby = " ".join(n.get("text", "") for n in item.get("transcript") or []).lower()
    out = []
    if item.get("element") == "video":
        if not kinds & set(CAPTION_KINDS) and not by_axe:
            out.append(_base(item, "captions", outcome="review", impact="critical", wcag=["1.2.2"],
                             personas=["saleem"],
                             message="Check: {who} cannot follow what is said in this video unless captions are "
                                     "burned into the picture: it has no captions track",
                             fix="Add a captions track (<track kind=\"captions\" srclang=\"en\">) with what is "
                                 "said and heard."))
        transcript = any(w in nearby for w in TRANSCRIPT_WORDS)
        if "descriptions" not in kinds and not any(w in nearby for w in DESCRIPTION_WORDS):
            out.append(_base(item, "description", outcome="review", impact="moderate",
                             wcag=["1.2.3", "1.2.5", "1.2.8"], personas=["ashleigh"],
                             message="Check: {who} may miss what this video only shows: there is no audio "
                                     "description track, described version or transcript near it",
                             fix="Make sure everything shown is also said; if not, add audio description "
                                 "(or a described version, or a transcript that describes it)."))
        elif not transcript:
            out.append(_base(item, "transcript", outcome="review", impact="minor", wcag=["1.2.8"],
                             personas=["ashleigh", "saleem"],
                             message="Check: {who} may need a transcript of this video (what is said and what is "
                                     "shown, as text): none was found near it",
                             fix="Link a full transcript, with descriptions of what is shown, beside the video."))
    elif not item.get("captions_param"):
        host = item.get("host")
        where = f"the {HOST_NAMES.get(host, str(host).capitalize())} player" if host else "this embedded player"
        out.append(_base(item, "captions", outcome="review", impact="serious", wcag=["1.2.2"],
                         personas=["saleem"],
                         message=f"Check: {{who}} may not follow what is said in this video: the page cannot "
                                 f"tell whether {where} has captions",
                         fix="Play the video and check that accurate captions are there (not only automatic "
                             "ones); link a transcript beside it."))
    return out


def _transcript(item: dict) -> list[Finding]:
    if item.get("kind") != "audio" or item.get("transcript"):
        return []
    return [_base(item, "transcript", outcome="review", impact="serious", wcag=["1.2.1"], personas=["saleem"],
                  message="Check: {who} cannot hear this audio, and no transcript link was found near it",
                  fix="Put a link to a transcript (or the transcript itself) right beside the player.")]


def _autoplay(item: dict, by_axe: bool) -> list[Finding]:
    if not item.get("autoplay") or item.get("muted"):
        return []
    native = item.get("element") in ("video", "audio")
    who = ["ashleigh", "pawel"]
    if native and not item.get("controls"):
        if by_axe:
            return []
        return [_base(item, "autoplay", outcome="fail", impact="serious", wcag=["1.4.2"], personas=who,
                      message="{who} is drowned out or startled by sound that plays by itself and cannot be "
                              "stopped",
                      fix="Do not autoplay sound; if you must, stop it within 3 seconds or give a pause control.")]
    return [_base(item, "autoplay", outcome="review", impact="serious", wcag=["1.4.2"], personas=who,
                  message="Check: {who} may be drowned out or startled by sound that starts by itself",
                  fix="Do not autoplay sound; let people press play.")]


def _controls(item: dict) -> list[Finding]:
    if (item.get("element") not in ("video", "audio") or item.get("controls") or item.get("autoplay")
            or not item.get("visible")):
        return []
    return [_base(item, "controls", outcome="review", impact="serious", wcag=["2.1.1"],
                  personas=["christopher", "ashleigh"],
                  message="Check: {who} may have no way to play or stop this: it has no controls",
                  fix="Add the controls attribute, or custom controls that are buttons reachable by keyboard.")]


def _short(src: str) -> str:
    return (src or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
