"""The grouped ops give vLLM's own results (run with .venv-vllm's python: unittest, no pytest there)."""
import unittest

import torch
from vllm.lora.ops.torch_ops import lora_ops as vllm_ops

from loraboard_vllm_plugin import cpu_lora_ops as ours

torch.manual_seed(0)
SLOTS, RANK, HIDDEN, OUT = 4, 16, 48, 40
# Two sequences on slot 2, one on slot 0, one with index -1 (no adapter: vLLM's torch ops read slot -1).
SEQ_LENS = torch.tensor([3, 5, 2, 4])
SEQ_SLOTS = torch.tensor([2, 0, 2, -1])
TOKENS = int(SEQ_LENS.sum())
PER_TOKEN = torch.repeat_interleave(SEQ_SLOTS, SEQ_LENS)
STARTS = torch.cumsum(SEQ_LENS, 0) - SEQ_LENS


def weights(out, inp):
    return torch.randn(SLOTS, 1, out, inp, dtype=torch.bfloat16)


class SameResultsAsVllm(unittest.TestCase):
    def check(self, name, make_args):
        expected_out, actual_out = make_args(), make_args()
        getattr(vllm_ops, name)(*expected_out[0], **expected_out[1])
        getattr(ours, name)(*actual_out[0], **actual_out[1])
        torch.testing.assert_close(actual_out[0][2], expected_out[0][2], rtol=1e-4, atol=1e-4)

    def test_shrink(self):
        x, a = torch.randn(TOKENS, HIDDEN, dtype=torch.bfloat16), weights(RANK, HIDDEN)
        self.check("bgmv_shrink", lambda: ((x, a, torch.zeros(TOKENS, RANK), PER_TOKEN, 0.5), {}))
        self.check("sgmv_shrink", lambda: ((x, a, torch.zeros(TOKENS, RANK), STARTS, SEQ_LENS, SEQ_SLOTS,
                                            4, 5, TOKENS, 0.5), {}))

    def test_expand_adds_or_overwrites(self):
        x, b = torch.randn(TOKENS, RANK), weights(OUT, RANK)
        base = torch.randn(TOKENS, OUT)
        for add in (True, False):
            self.check("bgmv_expand", lambda: ((x, b, base.clone(), PER_TOKEN, add), {}))
            self.check("sgmv_expand", lambda: ((x, b, base.clone(), STARTS, SEQ_LENS, SEQ_SLOTS, 4, 5, TOKENS,
                                                add), {}))

    def test_expand_pads_to_the_common_width(self):
        x, b, narrower = torch.randn(TOKENS, RANK), weights(OUT, RANK), torch.randn(TOKENS, OUT - 8)
        self.check("bgmv_expand", lambda: ((x, b, narrower.clone(), PER_TOKEN, True), {}))

    def test_expand_broadcasts_a_single_row(self):
        x, b, base = torch.randn(1, RANK), weights(OUT, RANK), torch.randn(TOKENS, OUT)
        self.check("bgmv_expand", lambda: ((x, b, base.clone(), torch.tensor([1]), True), {}))

    def test_expand_slice(self):
        x, b = torch.randn(TOKENS, RANK), weights(OUT, RANK)
        base = torch.randn(TOKENS, 3 * OUT)
        for add in (True, False):
            self.check("bgmv_expand_slice", lambda: ((x, b, base.clone(), PER_TOKEN, OUT, OUT, add), {}))
            self.check("sgmv_expand_slice", lambda: ((x, b, base.clone(), STARTS, SEQ_LENS, SEQ_SLOTS, 4, 5,
                                                      TOKENS, OUT, OUT, add), {}))

    def test_install_points_the_cpu_wrapper_at_these_ops(self):
        from vllm.lora.punica_wrapper import punica_cpu
        ours.install()
        for name in ours.OPS:
            self.assertIs(getattr(punica_cpu, name), getattr(ours, name))


if __name__ == "__main__":
    unittest.main()
