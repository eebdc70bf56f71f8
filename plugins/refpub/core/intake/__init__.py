"""Reading the data root: which files are data, YAML with the line of every value, and what must
never be read or published."""
