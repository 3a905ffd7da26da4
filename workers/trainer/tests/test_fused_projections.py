"""training.fuseProjections (fused_projections.py): one product for q/k/v and one for gate/up must compute
what the unfused block computes, keep memory and the adapter as they were, and leave alone what it
cannot fuse."""
from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from lora_trainer.fused_projections import fuse_projections


def _tiny_lora_llama(targets: list[str], dropout: float):
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=64, hidden_size=32, intermediate_size=48, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64)
    model = LlamaForCausalLM(config)
    model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, lora_dropout=dropout, target_modules=targets,
                                             task_type="CAUSAL_LM"))
    for name, param in model.named_parameters():  # LoRA's B starts at zero: give it values so its term counts
        if "lora_B" in name:
            nn.init.normal_(param, std=0.1)
    return model


def _loss_and_grads(model, seed: int):
    torch.manual_seed(seed)  # the same dropout masks for both models, if they draw them in the same order
    ids = torch.randint(0, 64, (2, 12), generator=torch.Generator().manual_seed(1))
    loss = model(input_ids=ids, labels=ids).loss
    loss.backward()
    return loss.item(), {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}


@pytest.mark.parametrize("targets", [["q_proj", "v_proj"], ["q_proj", "k_proj", "v_proj", "gate_proj", "up_proj"]])
@pytest.mark.parametrize("dropout", [0.0, 0.3])
def test_a_fused_block_computes_the_unfused_loss_and_lora_gradients(targets, dropout):
    plain = _tiny_lora_llama(targets, dropout)
    fused = copy.deepcopy(plain)
    assert fuse_projections(fused) == 4  # two blocks, each an attention and an MLP
    plain.train(), fused.train()

    loss_plain, grads_plain = _loss_and_grads(plain, seed=7)
    loss_fused, grads_fused = _loss_and_grads(fused, seed=7)

    assert loss_fused == pytest.approx(loss_plain, rel=1e-6)
    assert grads_fused.keys() == grads_plain.keys() and grads_plain
    for name, grad in grads_plain.items():
        torch.testing.assert_close(grads_fused[name], grad, rtol=1e-5, atol=1e-7, msg=name)


def test_fusing_keeps_one_copy_of_the_weights_and_the_adapter_unchanged():
    model = _tiny_lora_llama(["q_proj", "v_proj"], 0.0)
    before_state = {k: v.clone() for k, v in model.state_dict().items()}
    params_before = sum(p.numel() for p in model.parameters())
    fuse_projections(model)

    attention = model.base_model.model.model.layers[0].self_attn
    mlp = model.base_model.model.model.layers[0].mlp
    fused = attention.fused_qkv_weight
    assert fused.shape == (32 + 16 + 16, 32)  # q, then k and v of two key/value heads
    for projection in (attention.q_proj.base_layer, attention.k_proj, attention.v_proj.base_layer):
        weight = projection.weight
        assert weight.untyped_storage().data_ptr() == fused.untyped_storage().data_ptr()  # a view, not a copy
        assert not weight.requires_grad
    assert mlp.fused_gate_up_weight.shape == (96, 32)
    assert sum(p.numel() for p in model.parameters()) == params_before
    after_state = model.state_dict()
    assert after_state.keys() == before_state.keys()  # the fused buffers are not saved
    for key, value in before_state.items():
        torch.testing.assert_close(after_state[key], value, rtol=0, atol=0, msg=key)


def test_layers_it_cannot_fuse_are_left_alone():
    class QuantizedLinear(nn.Linear):  # stands for FP8's or 4-bit's base layers: not a plain nn.Linear
        pass

    model = _tiny_lora_llama(["q_proj", "v_proj"], 0.0)
    attention = model.base_model.model.model.layers[0].self_attn
    attention.k_proj = QuantizedLinear(32, 16, bias=False)
    assert fuse_projections(model) == 3  # the other block's attention and both MLPs
    assert "forward" not in vars(attention) and not hasattr(attention, "fused_qkv_weight")


def test_a_model_of_another_architecture_is_not_fused():
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=1, n_embd=32, n_head=2, vocab_size=64))
    assert fuse_projections(model) == 0


def test_the_trainer_moves_the_model_to_its_device_before_it_is_fused(tmp_path, tiny_model_dir, toy_data, monkeypatch):
    # A model moved after fusing has its fused tensor and each projection's weight (views of it) copied
    # to the device separately: the views become copies, and those weights take twice the memory. The
    # Trainer moves the model when it is built, so build_trainer must fuse after that.
    from conftest import make_spec
    from lora_trainer.answer_only_trainer import AnswerOnlyTrainer
    from lora_trainer.config import _build, TrainSpec, validate
    from lora_trainer.data import read_jsonl
    from lora_trainer.train import build_trainer, load_base

    fused_when_moved = []
    move = AnswerOnlyTrainer._move_model_to_device

    def recording_move(self, model, device):
        fused_when_moved.append(any(hasattr(m, "fused_qkv_weight") for m in model.modules()))
        return move(self, model, device)

    monkeypatch.setattr(AnswerOnlyTrainer, "_move_model_to_device", recording_move)
    spec = validate(_build(TrainSpec, make_spec(tmp_path, tiny_model_dir, toy_data, fuseProjections=True), ""))
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
    trainer, _ = build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train), read_jsonl(spec.val))

    assert fused_when_moved == [False]
    attention = trainer.model.base_model.model.model.layers[0].self_attn
    assert attention.q_proj.base_layer.weight.untyped_storage().data_ptr() == attention.fused_qkv_weight.untyped_storage().data_ptr()
