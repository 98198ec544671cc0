"""backbridge: a local-first coach for stronger glutes and a calmer lower back."""

__version__ = "0.1.0"
