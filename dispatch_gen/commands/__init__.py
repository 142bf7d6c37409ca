"""One module per command (or pair of related commands); each registers its sub-parser with ``register``."""
