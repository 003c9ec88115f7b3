"""rasad: Persian-language news turned into searchable, structured knowledge."""

__version__ = "0.1.0"
