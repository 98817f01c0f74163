"""The exercise library: the YAML format, its safe loader and the library of every source."""
