"""Label Studio integration: labeling config from the schema, local server, push and pull."""
