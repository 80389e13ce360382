"""Reading and checking rubric YAML files."""
