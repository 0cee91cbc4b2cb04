"""Reading report editions into the model, normalized XML and the git archive."""
