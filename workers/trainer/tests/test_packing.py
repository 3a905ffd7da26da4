"""Packing (packing.py): a packed row computes exactly what the padded batch computes.

If examples leaked attention into each other, or positions did not restart per example, the answer
logits would differ by far more than float32 rounding (checked: with one causal attention over the
whole row instead of one per example, test_packed_answer_logits_equal_padded fails)."""
import copy

import pytest
import torch

from lora_trainer.data import IGNORE_INDEX, PadCollator, PromptEncoder
from lora_trainer.packing import VARLEN_ATTENTION, PackCollator, use_varlen_attention


@pytest.fixture(scope="module")
def model_and_examples(tiny_model_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny_model_dir))
    model = AutoModelForCausalLM.from_pretrained(str(tiny_model_dir), dtype=torch.float32).eval()
    encoder = PromptEncoder(tokenizer, "<s>[INST] 评论：{sentence} [/INST]", {"0": "消极", "1": "积极"})
    sentences = ["好", "这个东西质量很好物流也快", "差评" * 9, "一般般吧", "颜色不错尺寸合适包装完好客服态度好"]
    examples = [encoder.example(s, i % 2, 64) for i, s in enumerate(sentences)]
    return tokenizer, model, examples


def test_collator_lays_examples_end_to_end(model_and_examples):
    tokenizer, _, examples = model_and_examples
    batch = PackCollator(tokenizer.pad_token_id, max_length=64, pad_to_multiple_of=8)(examples)
    lengths = [len(e["input_ids"]) for e in examples]
    real = sum(lengths)
    total = batch["input_ids"].shape[1]
    assert total % 8 == 0 and real <= total < real + 8
    assert batch["num_samples"] == len(examples) and batch["num_real_tokens"] == real
    bounds = batch["cu_seq_lens_q"].tolist()
    assert bounds[: len(examples) + 1] == [0, *torch.tensor(lengths).cumsum(0).tolist()] and bounds[-1] == total
    for (start, end), e in zip(zip(bounds, bounds[1:]), examples):
        assert batch["input_ids"][0, start:end].tolist() == e["input_ids"]
        assert batch["labels"][0, start:end].tolist() == e["labels"]
        assert batch["position_ids"][0, start:end].tolist() == list(range(end - start))
    assert (batch["labels"][0, real:] == IGNORE_INDEX).all()
    # answer_positions = the positions whose next token is a labelled (answer) token
    expected = [p for p in range(total - 1) if batch["labels"][0, p + 1] != IGNORE_INDEX]
    assert batch["answer_positions"].tolist() == expected


def test_packed_answer_logits_equal_padded(model_and_examples):
    tokenizer, model, examples = model_and_examples
    padded = PadCollator(tokenizer.pad_token_id)(examples)
    with torch.no_grad():
        ref = model(input_ids=padded["input_ids"], attention_mask=padded["attention_mask"]).logits
    packed_model = copy.deepcopy(model)
    use_varlen_attention(packed_model)
    assert packed_model.config._attn_implementation == VARLEN_ATTENTION
    batch = PackCollator(tokenizer.pad_token_id, max_length=64, pad_to_multiple_of=8)(examples)
    with torch.no_grad():
        out = packed_model(input_ids=batch["input_ids"], position_ids=batch["position_ids"],
                           cu_seq_lens_q=batch["cu_seq_lens_q"], cu_seq_lens_k=batch["cu_seq_lens_k"],
                           max_length_q=64, max_length_k=64).logits
    bounds = batch["cu_seq_lens_q"].tolist()
    for i, e in enumerate(examples):
        n = len(e["input_ids"])
        torch.testing.assert_close(out[0, bounds[i]:bounds[i] + n], ref[i, :n], rtol=1e-4, atol=1e-4)


def test_cuda_branch_calls_the_varlen_kernel_with_shapes_it_accepts():
    """The CUDA branch (torch.nn.attention.varlen) cannot run without a GPU, but its call can on fake
    CUDA tensors: the op's argument binding and registered fake implementation run, no kernel does.
    Catches a misnamed argument or a wrong [T, H, D] layout (the output shape) before a GPU job does."""
    from torch._subclasses.fake_tensor import FakeTensorMode

    from lora_trainer.packing import varlen_attention

    with FakeTensorMode():
        heads, kv_heads, total, dim = 8, 2, 300, 16  # grouped-query attention, as in Llama 3
        q = torch.empty(1, heads, total, dim, device="cuda", dtype=torch.bfloat16)
        k = torch.empty(1, kv_heads, total, dim, device="cuda", dtype=torch.bfloat16)
        v = torch.empty(1, kv_heads, total, dim, device="cuda", dtype=torch.bfloat16)
        cu = torch.tensor([0, 100, 250, 300], dtype=torch.int32, device="cuda")
        out, weights = varlen_attention(None, q, k, v, None, scaling=0.25, cu_seq_lens_q=cu, cu_seq_lens_k=cu,
                                        max_length_q=512, max_length_k=512)
        assert weights is None
        assert out.shape == (1, total, heads, dim) and out.dtype == torch.bfloat16 and out.device.type == "cuda"


def test_token_budget_cuts_the_batch_into_passes_in_order(model_and_examples):
    tokenizer, _, examples = model_and_examples
    lengths = [len(e["input_ids"]) for e in examples]
    budget = max(lengths) + 10
    batch = PackCollator(tokenizer.pad_token_id, max_length=64, pad_to_multiple_of=8, max_tokens=budget)(examples)
    chunks = batch["chunks"]
    assert len(chunks) > 1
    assert all(c["input_ids"].shape[1] <= budget for c in chunks)
    assert sum(c["num_samples"] for c in chunks) == len(examples)
    # in order, nothing lost: the chunks' real tokens are the examples end to end
    flat = [t for c in chunks for t in c["input_ids"][0, : c["num_real_tokens"]].tolist()]
    assert flat == [t for e in examples for t in e["input_ids"]]
    # the whole batch's labels, for the Trainer's answer-token count
    assert torch.equal(batch["labels"], torch.cat([c["labels"] for c in chunks], dim=1))
    answers = sum(sum(1 for l in e["labels"] if l != IGNORE_INDEX) for e in examples)
    assert int((batch["labels"][:, 1:] != IGNORE_INDEX).sum()) == answers
