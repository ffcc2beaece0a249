"""What a reader reads, in their language: the UI catalogues (`locales/<lang>.toml`) and the
lookup `i18n.t`. The lowest room: it imports nothing else of lienket, so every other room may
speak through it."""
