"""loraboard's LoRA trainer (transformers + peft)."""
__version__ = "0.1.0"
