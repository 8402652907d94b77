"""Stories: incremental clustering of articles into stories with stable ids.

Entry points: :class:`IncrementalStoryClusterer` (``assign`` a batch, ``to_bytes``/``from_bytes``
for persisted state) and :func:`story_title`.
"""

from storyline.stories.clustering import IncrementalStoryClusterer, StoryAssignment
from storyline.stories.features import ArticleFeatures, ArticleFeaturizer
from storyline.stories.titles import story_title

__all__ = [
    "ArticleFeatures",
    "ArticleFeaturizer",
    "IncrementalStoryClusterer",
    "StoryAssignment",
    "story_title",
]
