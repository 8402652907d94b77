"""Words that calls to action on news sites are made of (subscription, sign-up, social), for the
cheap checks in :mod:`storyline.cleaning.furniture` before its case-insensitive patterns run."""

# Pre-checks, so the case-insensitive patterns only run on blocks they can match: every match of
# CALL_TO_ACTION_RE holds one of these strings (in the folded text) and starts one of these words
CALL_TO_ACTION_PARTS = (
    "subscri",
    "newsletter",
    "sign",
    "inbox",
    "mail",
    "follow",
    "twitter",
    "facebook",
    "instagram",
    "linkedin",
    "tiktok",
    "youtube",
    "download",
    "click",
    "tap here",
    "register",
    "log",
    "share this",
    "podcast",
    "alert",
)
CALL_TO_ACTION_WORDS = frozenset(
    {
        "subscribe",
        "subscription",
        "subscriber",
        "newsletter",
        "newsletters",
        "sign",
        "signing",
        "inbox",
        "email",
        "mail",
        "follow",
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "tiktok",
        "youtube",
        "download",
        "click",
        "tap",
        "register",
        "log",
        "login",
        "share",
        "podcast",
        "alert",
        "alerts",
    }
)
