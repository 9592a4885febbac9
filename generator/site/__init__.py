"""The site: what one build publishes (``plan``), made by ``planner``, rendered by ``render``."""
