"""roros: facts about Røros, the copper-mining town in Norway, each with where it comes from."""

__version__ = "0.2.0"
