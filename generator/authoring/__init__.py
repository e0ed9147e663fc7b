"""Help for the people who write the sources: ``handbook new`` (a valid skeleton to start from)."""
