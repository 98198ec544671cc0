"""How it looked: rep counting and form checks from pose landmarks (pure), fed by pose sources."""
