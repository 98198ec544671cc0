"""The notice shown on first run and by ``backbridge about``."""

from backbridge.catalog.rules import PainRules

NOTICE_TITLE = "backbridge is a training coach, not a medical device"

NOTICE = "\n\n".join(
    (
        (
            "backbridge guides a home routine for the buttock muscles (glutes) and the lower "
            "back: warm-up and stretches, banded squats with hip extension, hip bridges and "
            "clamshells. It logs what you do and how your back feels, and keeps all of it on this"
            " computer."
        ),
        (
            "It does not diagnose, treat or replace a clinician, and nothing it shows is medical "
            "advice. Exercise is one reasonable option for non-specific low back pain, not a "
            "cure."
        ),
        (
            "Stop and get help the same day (emergency department or urgent care) if you notice "
            "new or worsening trouble passing urine or controlling your bladder or bowels, "
            "numbness around the genitals, bottom or inner thighs, new sexual problems, or "
            "weakness in both legs."
        ),
        (
            "See a doctor or physiotherapist before you go on if you have back pain after a fall "
            "or accident, a history of cancer, fever or unexplained weight loss, pain that is "
            "worse at night and does not ease when you change position, pain that keeps getting "
            "worse, or if the pain started when you were under 20 or over 50."
        ),
    )
)


def notice(pain: PainRules) -> str:
    """The notice, with the pain limits the coach applies (from ``rules.yaml``)."""
    return (
        f"{NOTICE}\n\nStop any exercise that causes sharp or rising pain. Pain up to "
        f"{pain.safe_max}/10 during a set is fine, up to {pain.acceptable_max}/10 is acceptable "
        f"if it settles afterwards; above {pain.acceptable_max}/10, stop that exercise for the "
        f"day; at {pain.severe_from}/10 or more, stop the training for the day. If pain this "
        "strong comes back, or your pain does not improve over a few weeks, see a doctor or "
        "physiotherapist."
    )
