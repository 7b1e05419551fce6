"""What tests share that is not a fixture: data, builders and readers, imported by test modules
and conftest files alike (test modules never import each other or a conftest)."""
