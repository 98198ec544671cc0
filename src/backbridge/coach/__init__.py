"""A guided session: steps, pacing, set logging and resume, shared by the CLI and the web."""
