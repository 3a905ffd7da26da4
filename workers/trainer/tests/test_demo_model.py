"""The demo base model: standard Llama files, a real Chinese tokenizer, deterministic weights."""
import hashlib
import json

from lora_trainer.demo_model import build_vocab, make_demo_model


def test_vocab_covers_gb2312_and_ascii():
    vocab = build_vocab()
    assert vocab[:4] == ["<unk>", "<s>", "</s>", "<pad>"]
    assert len(vocab) == len(set(vocab))
    hanzi = [c for c in vocab if "\u4e00" <= c <= "\u9fff"]
    assert len(hanzi) >= 6763
    for ch in "积极消极，。！？（）：abcXYZ019 \n":
        assert ch in vocab


def test_make_demo_model_loads_and_is_deterministic(tmp_path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    a, b = tmp_path / "a", tmp_path / "b"
    make_demo_model(a)
    make_demo_model(b)
    digest = lambda p: hashlib.sha256((p / "model.safetensors").read_bytes()).hexdigest()
    assert digest(a) == digest(b)

    config = json.loads((a / "config.json").read_text())
    assert config["architectures"] == ["LlamaForCausalLM"] and config["max_position_embeddings"] >= 2048
    assert json.loads((a / "tokenizer_config.json").read_text())["tokenizer_class"] == "PreTrainedTokenizerFast"
    tok = AutoTokenizer.from_pretrained(str(a), local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(str(a), local_files_only=True)
    assert model.config.vocab_size == len(tok)
    text = "<s>[INST] 质量很好，物流也快！ [/INST]积极</s>"
    ids = tok(text, add_special_tokens=False)["input_ids"]
    assert tok.unk_token_id not in ids
    assert tok.decode(ids) == text
    assert tok("好")["input_ids"][0] == tok.bos_token_id  # adds BOS like Llama's tokenizer
