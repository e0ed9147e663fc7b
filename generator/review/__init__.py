"""Change control and the expert review: compare sources with a git revision, build the packet."""
