"""The registry: schema, vocabularies, and reading it from YAML."""
