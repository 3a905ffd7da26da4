"""Example construction checked token by token: answer-only labels, one BOS, truncation, padding."""
import random

import pytest
import torch

from lora_trainer.config import DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE, TrainerError
from lora_trainer.data import IGNORE_INDEX, PadCollator, PromptEncoder
from lora_trainer.demo_model import build_tokenizer


@pytest.fixture(scope="module")
def tokenizer():
    return build_tokenizer()


def test_labels_cover_only_answer_and_eos(tokenizer):
    enc = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    ex = enc.example("质量很好", 1, 512)
    ids, labels = ex["input_ids"], ex["labels"]
    answer = tokenizer("积极", add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    prompt_len = len(ids) - len(answer)
    assert len(ids) == len(labels)
    for i in range(prompt_len):
        assert labels[i] == IGNORE_INDEX, f"prompt token {i} ({tokenizer.decode([ids[i]])!r}) is not masked"
    for i in range(prompt_len, len(ids)):
        assert labels[i] == ids[i], f"answer token {i} is masked or wrong"
    assert ids[prompt_len:] == answer
    # The prompt part decodes back to exactly the formatted template (nothing lost, nothing added).
    assert tokenizer.decode(ids[:prompt_len]) == DEFAULT_TEMPLATE.format(sentence="质量很好")


def test_exactly_one_bos(tokenizer):
    bos = tokenizer.bos_token_id
    with_literal = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS).example("好", 0, 512)["input_ids"]
    without = PromptEncoder(tokenizer, "评论：{sentence} 情感：", DEFAULT_LABEL_WORDS).example("好", 0, 512)["input_ids"]
    for ids in (with_literal, without):
        assert ids[0] == bos and ids.count(bos) == 1


def test_truncation_cuts_sentence_not_answer(tokenizer):
    enc = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    ex = enc.example("很" * 500, 0, 64)
    assert len(ex["input_ids"]) == 64
    tail = tokenizer("消极", add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    assert ex["input_ids"][-len(tail):] == tail
    assert ex["labels"][-len(tail):] == tail
    # The template's closing part survives the cut too.
    suffix = tokenizer(" [/INST]", add_special_tokens=False)["input_ids"]
    assert ex["input_ids"][-len(tail) - len(suffix):-len(tail)] == suffix


def test_max_length_shorter_than_template_is_an_error(tokenizer):
    enc = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    with pytest.raises(TrainerError) as err:
        enc.example("好", 0, 10)
    assert err.value.code == "invalid_spec"


def test_collator_pads_to_longest_in_batch(tokenizer):
    enc = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    batch = [enc.example("好", 1, 512), enc.example("一般般吧还可以", 0, 512)]
    out = PadCollator(tokenizer.pad_token_id)(batch)
    longest = max(len(b["input_ids"]) for b in batch)
    assert out["input_ids"].shape == (2, longest)  # dynamic: not padded to maxLength
    short = len(batch[0]["input_ids"])
    assert out["attention_mask"][0].tolist() == [1] * short + [0] * (longest - short)
    assert out["labels"][0, short:].eq(IGNORE_INDEX).all()
    assert out["input_ids"][0, short:].eq(tokenizer.pad_token_id).all()


def test_parse_answers():
    enc = PromptEncoder(build_tokenizer(), DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    assert enc.parse(" 积极") == 1
    assert enc.parse("消极。") == 0
    assert enc.parse("极好") is None
    assert enc.parse("") is None


def _padded_tokens(order, lengths, batch_size):
    return sum(max(lengths[i] for i in order[s:s + batch_size]) * len(order[s:s + batch_size])
               for s in range(0, len(order), batch_size))


def test_length_grouping_pads_less_and_keeps_each_batch_class_mix():
    import random
    import statistics

    import torch

    from lora_trainer.data import length_grouped_order

    # Like the reviews: lengths vary ~5x and the long ones are mostly one class.
    rnd = random.Random(0)
    lengths, classes = [], []
    for _ in range(2048):
        long = rnd.random() < 0.25
        lengths.append(rnd.randint(120, 250) if long else rnd.randint(40, 110))
        classes.append(1 if rnd.random() < (0.8 if long else 0.4) else 0)
    order = length_grouped_order(lengths, classes, batch_size=32, window_batches=8, generator=torch.Generator().manual_seed(1))
    assert sorted(order) == list(range(len(lengths)))  # every example exactly once

    shuffled = torch.randperm(len(lengths), generator=torch.Generator().manual_seed(1)).tolist()
    assert _padded_tokens(order, lengths, 32) < 0.8 * _padded_tokens(shuffled, lengths, 32)

    def class_share_spread(o):
        return statistics.pstdev(sum(classes[i] for i in o[s:s + 32]) / 32 for s in range(0, len(o), 32))
    # Sorting whole windows by length would put the long, mostly-positive examples together.
    plain_sorted = [i for s in range(0, len(shuffled), 256) for i in sorted(shuffled[s:s + 256], key=lambda i: lengths[i])]
    assert class_share_spread(order) < class_share_spread(shuffled)
    assert class_share_spread(plain_sorted) > 1.5 * class_share_spread(order)


def test_length_grouping_is_a_new_order_each_epoch():
    from lora_trainer.data import LengthGroupedSampler

    sampler = LengthGroupedSampler(list(range(10, 110)), [i % 2 for i in range(100)], batch_size=8, window_batches=2)
    first, second = list(sampler), list(sampler)
    assert sorted(first) == sorted(second) == list(range(100)) and first != second


def test_trainer_batches_come_from_the_class_keeping_sampler(tmp_path, tiny_model_dir, toy_data):
    # The sampler is wired in by overriding a Trainer hook; if transformers stopped calling that hook,
    # jobs would silently train on random (or HF's class-skewed) batches.
    from conftest import make_spec
    from lora_trainer.config import TrainSpec, _build, validate
    from lora_trainer.data import LengthGroupedSampler, read_jsonl
    from lora_trainer.train import build_trainer, load_base

    def sampler_of(**training):
        spec = validate(_build(TrainSpec, make_spec(tmp_path, tiny_model_dir, toy_data, **training), ""))
        tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
        trainer, _ = build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train), read_jsonl(spec.val))
        loader = trainer.get_train_dataloader()  # what trainer.train() iterates
        return getattr(loader.batch_sampler, "sampler", None)

    grouped = sampler_of(batchSize=16, lengthGroupWindow=4)
    assert isinstance(grouped, LengthGroupedSampler) and (grouped.batch_size, grouped.window_batches) == (16, 4)
    assert not isinstance(sampler_of(batchSize=16, groupByLength=False), LengthGroupedSampler)


def _step_imbalance(order, lengths, batch_size, world):
    """Mean over full steps of (the heaviest rank's tokens / the ranks' mean)."""
    step, ratios = batch_size * world, []
    for s in range(0, len(order) - step + 1, step):
        tokens = [sum(lengths[i] for i in order[s + r * batch_size:s + (r + 1) * batch_size]) for r in range(world)]
        ratios.append(max(tokens) / (sum(tokens) / world))
    return sum(ratios) / len(ratios)


def test_rank_balanced_order_splits_each_step_evenly_without_changing_what_the_step_holds():
    from lora_trainer.data import rank_balanced_order

    rng = random.Random(3)
    lengths = [int(40 + rng.expovariate(1 / 100)) for _ in range(2048)]  # a long tail, like reviews
    for world in (2, 4):
        order = rank_balanced_order(lengths, 32, world, torch.Generator().manual_seed(7))
        drawn = torch.randperm(len(lengths), generator=torch.Generator().manual_seed(7)).tolist()
        assert sorted(order) == list(range(len(lengths)))
        step = 32 * world
        # every step is the same random set of examples as a plain shuffle's; only the split changes
        assert all(set(order[s:s + step]) == set(drawn[s:s + step]) for s in range(0, len(order), step))
        assert _step_imbalance(drawn, lengths, 32, world) > 1.04  # random splits: the heavy rank waits
        assert _step_imbalance(order, lengths, 32, world) < 1.005


def test_rank_balanced_sampler_is_the_same_on_every_rank_and_new_each_epoch():
    from lora_trainer.data import RankBalancedSampler

    lengths = list(range(10, 138))
    a, b = RankBalancedSampler(lengths, 8, 2, seed=42), RankBalancedSampler(lengths, 8, 2, seed=42)
    torch.manual_seed(0)
    first = list(a)
    torch.manual_seed(1)  # ranks' global RNGs drift apart (dropout); the order must not
    assert list(b) == first
    a.set_epoch(1)
    assert list(a) != first and sorted(list(a)) == sorted(first)
