"""compute: see the README's section for developers."""
