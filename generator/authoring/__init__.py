"""Help for the people who write the sources: ``handbook new`` skeletons (new.py, skeletons/)."""
