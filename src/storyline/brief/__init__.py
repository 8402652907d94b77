"""A story's brief: what happened, the versions and who backs each, the dispute ledger, who said
what, the timeline, and the sources grouped by independent origin. Every sentence it shows carries
its evidence (article id and character offsets into that article's cleaned text).

``brief_data`` builds the brief as plain records (the JSON form and what the web page renders);
``render_brief`` writes it as Markdown, JSON or a standalone HTML page.
"""

from storyline.brief.compose import brief_data, sentence_spans
from storyline.brief.render import render_brief

__all__ = ["brief_data", "render_brief", "sentence_spans"]
