"""FP8 frozen linear layers (lora_trainer/fp8.py) on the CPU, where the FP8 product is emulated in
float32 from the same quantized operands: the scale algebra, the autograd wiring and the model
conversion are what these check. The GPU kernels (Triton quantization, torch._scaled_mm) are compared
with these references by bench/fp8_check.py on the device; learning is compared in docs/performance.md."""
import pytest
import torch

from lora_trainer.fp8 import Fp8FrozenLinear, check_fp8_device, convert_frozen_linears, transposed_e4m3
from lora_trainer.kernels.quantize import E4M3_MAX, quantize_rows_reference


def rel(a, b):
    return float((a.detach().float() - b.detach().float()).norm() / b.detach().float().norm())


def test_rowwise_quantization_maps_each_rows_max_to_e4m3s_max():
    x = torch.randn(32, 64) * torch.logspace(-3, 3, 32)[:, None]  # rows of very different magnitudes
    q, scale = quantize_rows_reference(x)
    assert q.dtype == torch.float8_e4m3fn and scale.shape == (32, 1)
    assert torch.allclose(q.float().abs().amax(dim=1), torch.full((32,), E4M3_MAX))
    assert rel(q.float() * scale, x) < 0.04  # e4m3: 3 mantissa bits


def test_forward_and_input_gradient_use_the_weights_row_scales_correctly():
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 48, bias=False).requires_grad_(False)
    with torch.no_grad():
        linear.weight.mul_(torch.logspace(-2, 2, 48)[:, None])  # output rows of very different scales
    fp8 = Fp8FrozenLinear(linear)
    x = torch.randn(3, 10, 64, requires_grad=True)
    g = torch.randn(3, 10, 48)
    y = fp8(x)
    y.backward(g)
    # exactly the product of the dequantized operands...
    w_deq = fp8.w_q.float() * fp8.w_scale.t()
    x_q, x_s = quantize_rows_reference(x.detach().reshape(-1, 64))
    assert torch.allclose(y.detach().reshape(-1, 48), (x_q.float() * x_s) @ w_deq.t(), rtol=1e-5, atol=1e-5)
    g_q, g_s = quantize_rows_reference(g.reshape(-1, 48), fp8.w_scale)
    assert torch.allclose(x.grad.reshape(-1, 64), (g_q.float() * g_s) @ fp8.w_q.float(), rtol=1e-5, atol=1e-5)
    # ...which is the float32 layer's up to e4m3 rounding (a misplaced scale is off by orders of magnitude)
    exact_x = x.detach().clone().requires_grad_(True)
    exact_y = linear(exact_x)
    exact_y.backward(g)
    assert rel(y, exact_y) < 0.06
    assert rel(x.grad, exact_x.grad) < 0.06


def test_conversion_replaces_the_frozen_linears_and_keeps_lora_trainable():
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=4)
    model = get_peft_model(LlamaForCausalLM(cfg), LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"],
                                                             lora_dropout=0.0, task_type="CAUSAL_LM"))
    for name, p in model.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(p, std=0.02)  # non-zero B, so A's gradient is not trivially zero
    ids = torch.randint(0, 300, (2, 24))
    reference = model(input_ids=ids, labels=ids)
    reference.loss.backward()
    ref_grads = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}
    model.zero_grad()

    assert convert_frozen_linears(model) == 2 * 7  # q, k, v, o, gate, up, down in each block
    layer = model.base_model.model.model.layers[0]
    assert isinstance(layer.self_attn.q_proj.base_layer, Fp8FrozenLinear)
    assert isinstance(layer.mlp.down_proj, Fp8FrozenLinear)
    assert type(model.base_model.model.lm_head) is torch.nn.Linear  # the head stays bf16
    assert not any("w_q" in n for n, _ in model.named_parameters())  # buffers: no optimizer sees them
    out = model(input_ids=ids, labels=ids)
    out.loss.backward()
    assert out.loss.item() == pytest.approx(reference.loss.item(), rel=1e-2)
    for name, p in model.named_parameters():
        if p.requires_grad:
            assert rel(p.grad, ref_grads[name]) < 0.15, name


def test_fp8_is_refused_without_a_gpu(tmp_path, tiny_model_dir, toy_data, event_validator):
    from conftest import make_spec, run_cli, write_spec

    assert "CUDA GPU" in check_fp8_device("cpu")
    rc, events, _ = run_cli("train", str(write_spec(tmp_path, make_spec(tmp_path, tiny_model_dir, toy_data, fp8=True))))
    assert rc != 0 and len(events) == 1, events
    assert not list(event_validator.iter_errors(events[0]))
    assert events[0]["event"] == "failed" and events[0]["code"] == "quantization_unavailable"
    assert "training.fp8 needs a CUDA GPU" in events[0]["error"]


def test_fp8_and_4bit_quantization_are_refused_together(tmp_path, tiny_model_dir, toy_data):
    from conftest import make_spec, run_cli, write_spec

    spec = make_spec(tmp_path, tiny_model_dir, toy_data, fp8=True, quantization="4bit")
    rc, events, _ = run_cli("train", str(write_spec(tmp_path, spec)))
    assert rc != 0 and events[-1]["code"] == "invalid_spec" and "choose one" in events[-1]["error"]


def _layer_and_grads(mode):
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 48, bias=False).requires_grad_(False)
    with torch.no_grad():
        linear.weight.mul_(torch.logspace(-2, 2, 48)[:, None])
    layer = Fp8FrozenLinear(linear, mode)
    x = torch.randn(3, 10, 64, requires_grad=True)
    g = torch.randn(3, 10, 48) * torch.logspace(-3, 1, 48)  # gradient columns of very different scales
    y = layer(x)
    y.backward(g)
    return linear, layer, x, g, y.detach(), x.grad


def test_gradient_mode_runs_the_forward_in_bf16_and_only_the_input_gradient_in_fp8():
    # Issue 18: FP8 in the forward cost ~0.1 nats on the 7B shape, FP8 in the input gradient did not;
    # "gradient" mode keeps the original weight for an unrounded forward.
    linear, layer, x, g, y, gx = _layer_and_grads("gradient")
    assert not hasattr(layer, "w_q")
    assert torch.allclose(y, linear(x.detach()), rtol=1e-6, atol=1e-6)  # exact, no e4m3 rounding
    full = _layer_and_grads("full")
    assert rel(full[4], y) > 1e-3  # whereas the full mode's forward is rounded
    assert torch.equal(gx, full[5])  # and the input gradient is the full mode's FP8 one


def test_forward_mode_keeps_the_fp8_forward_and_an_unquantized_input_gradient():
    _, layer, x, g, y, gx = _layer_and_grads("forward")
    full = _layer_and_grads("full")
    assert not hasattr(layer, "wt_q")  # no second e4m3 layout to store
    assert torch.equal(y, full[4])
    exact = (g.reshape(-1, 48) @ (layer.w_q.float() * layer.w_scale.t())).reshape(3, 10, 64)
    assert rel(gx, exact) < 1e-6  # float32 here, bf16 on a GPU: no e4m3 rounding of g
    assert rel(full[5], exact) > 1e-3  # whereas the FP8 input gradient rounds g to 3 mantissa bits


def test_conversion_passes_the_mode_on():
    from transformers import LlamaConfig, LlamaForCausalLM

    cfg = LlamaConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=1,
                      num_attention_heads=4, num_key_value_heads=4)
    model = LlamaForCausalLM(cfg).requires_grad_(False)
    assert convert_frozen_linears(model, mode="gradient") == 7
    assert all(m.mode == "gradient" for m in model.modules() if isinstance(m, Fp8FrozenLinear))
    with pytest.raises(ValueError, match="mode"):
        Fp8FrozenLinear(torch.nn.Linear(16, 16), mode="e5m2")


def test_the_lean_gradient_mode_computes_the_same_as_the_stored_copy():
    linear, stored, x, g, y, gx = _layer_and_grads("gradient")
    lean = Fp8FrozenLinear(linear, "gradient", lean=True)
    assert not hasattr(lean, "wt_q")  # peak memory as bf16's: the e4m3 copy is made per backward
    assert torch.equal(transposed_e4m3(lean.weight, lean.w_scale).float(), stored.wt_q.float())
    xl = x.detach().clone().requires_grad_(True)
    lean(xl).backward(g)
    assert torch.equal(xl.grad, gx)


def test_the_spec_option_runs_the_lean_gradient_mode(tmp_path, tiny_model_dir, toy_data, monkeypatch):
    # training.fp8 = FP8 in the input gradient only (the full FP8 path learned ~0.1 nats less, issue 18)
    from conftest import make_spec
    from lora_trainer import train
    from lora_trainer.config import TrainSpec, _build, validate
    from lora_trainer.data import read_jsonl

    monkeypatch.setattr(train, "check_fp8_device", lambda device: None)  # the CPU emulates the products
    spec = validate(_build(TrainSpec, make_spec(tmp_path, tiny_model_dir, toy_data, fp8=True), ""))
    tokenizer, model, device, dtype = train.load_base(spec.baseModelPath, None)
    trainer, _ = train.build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train), [])
    layers = [m for m in trainer.model.modules() if isinstance(m, Fp8FrozenLinear)]
    assert layers and all(m.mode == "gradient" and m.lean for m in layers)
