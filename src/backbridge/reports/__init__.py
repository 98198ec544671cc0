"""Reports on the training history: pure series the web and, later, the exports draw."""
