"""newslens' own assets: gazetteers, lexicons and small trained components."""
