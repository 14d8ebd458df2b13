"""The Akismet-compatible HTTP API and /api/v1/check: the engine's face for other sites."""
