"""Cleaning: main text and metadata from pages and scraped text, furniture removal, restoration."""

from storyline.cleaning.normalized import is_normalized_text, strip_like_scrape
from storyline.cleaning.pipeline import TextCleaning, clean_article, clean_text
from storyline.cleaning.profile import OutletProfile, learn_outlet_profile
from storyline.cleaning.restoration import restore_text, restore_with_twin

__all__ = [
    "OutletProfile",
    "TextCleaning",
    "clean_article",
    "clean_text",
    "is_normalized_text",
    "learn_outlet_profile",
    "restore_text",
    "restore_with_twin",
    "strip_like_scrape",
]
