"""The label inventory, the JSON Schemas and the validation of documents and submissions."""

from econfacts.schema.inventory import Inventory, load_inventory

__all__ = ["Inventory", "load_inventory"]
