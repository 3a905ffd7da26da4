"""convert-gguf on a tiny Llama written to GGUF here the way llama.cpp writes one (q/k rows permuted,
a byte-level BPE tokenizer with ChatML specials): the converted directory must compute what the
original model computes, carry the GGUF's own special tokens and save without any quantization."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch

gguf = pytest.importorskip("gguf")

CHAT_TEMPLATE = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def _byte_tokens() -> list[str]:
    """GPT-2's byte-to-unicode table: the 256 base tokens of a byte-level BPE vocabulary."""
    visible = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = [], 0
    for b in range(256):
        if b in visible:
            chars.append(chr(b))
        else:
            chars.append(chr(256 + extra))
            extra += 1
    return chars


def _permute(w: np.ndarray, heads: int) -> np.ndarray:
    """llama.cpp's convert_hf_to_gguf permutation of q/k rows (interleaved rotary halves)."""
    return w.reshape(heads, 2, w.shape[0] // heads // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def _write_gguf(model, path) -> None:
    cfg = model.config
    tokens = SPECIALS + _byte_tokens() + ["ĠĠ", "ĠĠĠĠ"]
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("tiny-chat")
    writer.add_context_length(cfg.max_position_embeddings)
    writer.add_embedding_length(cfg.hidden_size)
    writer.add_block_count(cfg.num_hidden_layers)
    writer.add_feed_forward_length(cfg.intermediate_size)
    writer.add_head_count(cfg.num_attention_heads)
    writer.add_head_count_kv(cfg.num_key_value_heads)
    writer.add_rope_dimension_count(cfg.hidden_size // cfg.num_attention_heads)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    writer.add_vocab_size(len(tokens))
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("smollm")
    writer.add_token_list(tokens)
    writer.add_token_types([3] * len(SPECIALS) + [1] * (len(tokens) - len(SPECIALS)))
    writer.add_token_merges(["Ġ Ġ", "ĠĠ ĠĠ"])  # two: a one-item array reads back as a scalar
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_pad_token_id(2)  # as SmolLM2's GGUF: pad = eos; the converter picks another
    writer.add_add_bos_token(False)
    writer.add_chat_template(CHAT_TEMPLATE)
    sd = {k: v.float().numpy() for k, v in model.state_dict().items()}
    writer.add_tensor("token_embd.weight", sd["model.embed_tokens.weight"])
    for i in range(cfg.num_hidden_layers):
        p = f"model.layers.{i}."
        names = {"attn_norm": "input_layernorm", "attn_v": "self_attn.v_proj", "attn_output": "self_attn.o_proj",
                 "ffn_norm": "post_attention_layernorm", "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj",
                 "ffn_down": "mlp.down_proj"}
        for g, h in names.items():
            writer.add_tensor(f"blk.{i}.{g}.weight", sd[p + h + ".weight"])
        writer.add_tensor(f"blk.{i}.attn_q.weight", _permute(sd[p + "self_attn.q_proj.weight"], cfg.num_attention_heads))
        writer.add_tensor(f"blk.{i}.attn_k.weight", _permute(sd[p + "self_attn.k_proj.weight"], cfg.num_key_value_heads))
    writer.add_tensor("output_norm.weight", sd["model.norm.weight"])
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(SPECIALS) + 258, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                         tie_word_embeddings=True, rms_norm_eps=1e-5)
    model = LlamaForCausalLM(config).to(torch.bfloat16).eval()
    path = tmp_path_factory.mktemp("gguf") / "tiny-chat.gguf"
    _write_gguf(model, path)
    return model, path


def test_converted_directory_computes_the_original_and_saves_plain(tiny, tmp_path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from lora_trainer.convert_gguf import MARKER, convert_gguf

    original, path = tiny
    out = tmp_path / "models" / "tiny-chat"
    summary = convert_gguf(str(path), str(out))
    assert summary["eos"] == "<|im_end|>" and summary["pad"] == "<|endoftext|>"

    config = json.loads((out / "config.json").read_text())
    assert "quantization_config" not in config
    assert config["dtype"] == "bfloat16" and (config["eos_token_id"], config["pad_token_id"]) == (2, 0)
    assert (out / "tokenizer.json").is_file() and (out / MARKER).is_file()
    assert not list(tmp_path.glob("models/.*tmp"))

    tokenizer = AutoTokenizer.from_pretrained(str(out))
    assert (tokenizer.bos_token, tokenizer.eos_token, tokenizer.pad_token) == ("<|im_start|>", "<|im_end|>", "<|endoftext|>")
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "hi there"}], tokenize=False)
    assert prompt == "<|im_start|>user\nhi there<|im_end|>\n"
    ids = tokenizer(prompt, return_tensors="pt").input_ids
    assert ids[0, 0].item() == 1 and tokenizer.decode(ids[0]) == prompt

    converted = AutoModelForCausalLM.from_pretrained(str(out)).eval()
    assert converted.dtype == torch.bfloat16
    want_weights, got_weights = original.state_dict(), converted.state_dict()
    assert set(got_weights) == set(want_weights)
    for name, weight in want_weights.items():  # bf16 -> f32 GGUF -> bf16 is exact
        assert torch.equal(got_weights[name], weight), name
    with torch.no_grad():
        want, got = original(ids).logits.float(), converted(ids).logits.float()
    assert torch.allclose(got, want, atol=2e-2), (got - want).abs().max()


def test_a_converted_directory_is_left_alone_and_a_half_one_refused(tiny, tmp_path):
    from lora_trainer.config import TrainerError
    from lora_trainer.convert_gguf import convert_gguf

    _, path = tiny
    out = tmp_path / "done"
    convert_gguf(str(path), str(out))
    before = (out / "model.safetensors").stat().st_mtime_ns
    assert convert_gguf(str(path), str(out)) == {"path": str(out), "skipped": True}
    assert (out / "model.safetensors").stat().st_mtime_ns == before

    stray = tmp_path / "stray"
    stray.mkdir()
    with pytest.raises(TrainerError, match="exists without"):
        convert_gguf(str(path), str(stray))
