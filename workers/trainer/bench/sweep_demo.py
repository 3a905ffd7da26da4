"""Hyperparameter sweep for the CPU demo preset (custom loop mirroring the trainer's loss); run on the GPU
to choose, then confirm with the real CLI on CPU. Usage: sweep_demo.py CONFIG_JSON MODEL_DIR SPLIT_DIR"""
import json, time, torch, random, torch.nn.functional as F, sys
from transformers import AutoModelForCausalLM, AutoTokenizer
from peft import LoraConfig, get_peft_model
from lora_trainer.data import PromptEncoder, PadCollator, read_jsonl
from lora_trainer.config import DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS
import transformers; transformers.logging.set_verbosity_error()
cfg = json.loads(sys.argv[1])
MODEL = sys.argv[2] if len(sys.argv) > 2 else ".cache/demo/model"; SPLIT = sys.argv[3] if len(sys.argv) > 3 else ".cache/demo/split"
dev = "cuda" if torch.cuda.is_available() else "cpu"
tok = AutoTokenizer.from_pretrained(MODEL)
enc = PromptEncoder(tok, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
ex = [enc.example(r["sentence"], r["label"], cfg.get("maxlen", 256)) for r in read_jsonl(SPLIT + "/train.jsonl")]
val = read_jsonl(SPLIT + "/val.jsonl")[:cfg.get("nval", 1200)]
torch.manual_seed(cfg.get("seed", 0))
m = AutoModelForCausalLM.from_pretrained(MODEL)
with torch.no_grad():
    m.lm_head.weight.mul_(cfg.get("head", 1.0))
    m.model.norm.weight.mul_(cfg.get("norm", 1.0))
m = m.to(dev)
m = get_peft_model(m, LoraConfig(r=cfg.get("r", 8), lora_alpha=cfg.get("alpha", 16), target_modules=cfg.get("t", ["q_proj","v_proj"]), lora_dropout=0.05, task_type="CAUSAL_LM"))
opt = torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=cfg.get("lr", 2e-3), weight_decay=cfg.get("wd", 0.01))
steps = cfg.get("steps", 600); bs = cfg.get("bs", 16)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s+1)/20) * max(0.0, 1 - s/steps) if cfg.get("decay", True) else 1.0)
col = PadCollator(tok.pad_token_id)
rng = random.Random(cfg.get("seed", 0)); order = list(range(len(ex)))
def evaluate():
    m.eval(); first = full = 0
    a1 = {k: v[0] for k, v in enc.answer_ids.items()}
    with torch.no_grad():
        for i in range(0, len(val), 64):
            rows = val[i:i+64]; ps = [enc.prompt_ids(r["sentence"], 250) for r in rows]; L = max(map(len, ps))
            ids = torch.full((len(ps), L), tok.pad_token_id); att = torch.zeros_like(ids)
            for j, p in enumerate(ps): ids[j, L-len(p):] = torch.tensor(p); att[j, L-len(p):] = 1
            g = m.generate(input_ids=ids.to(dev), attention_mask=att.to(dev), max_new_tokens=3, do_sample=False, pad_token_id=tok.pad_token_id)
            for j, r in enumerate(rows):
                first += int(g[j, L].item() == a1[r["label"]])
                full += int(enc.parse(tok.decode(g[j, L:], skip_special_tokens=True)) == r["label"])
    m.train(); return first/len(val), full/len(val)
t = time.time(); step = 0; losses = []
while step < steps:
    if cfg.get("lg"):  # the Trainer's length-grouped order
        from transformers.trainer_pt_utils import LengthGroupedSampler
        g = torch.Generator(); g.manual_seed(cfg.get("seed", 0) + step)
        order = list(LengthGroupedSampler(bs, lengths=[len(e["input_ids"]) for e in ex], generator=g))
    else:
        rng.shuffle(order)
    for i in range(0, len(order) - bs + 1, bs):
        b = col([ex[k] for k in order[i:i+bs]])
        tg = b["labels"][:, 1:]; keep = (tg != -100).any(0).nonzero().squeeze(-1)
        b = {k: v.to(dev) for k, v in b.items()}; tg = tg.to(dev); keep = keep.to(dev)
        lg = m(input_ids=b["input_ids"], attention_mask=b["attention_mask"], logits_to_keep=keep).logits.float()
        loss = F.cross_entropy(lg.reshape(-1, lg.shape[-1]), tg[:, keep].reshape(-1), ignore_index=-100)
        loss.backward(); torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0); opt.step(); sched.step(); opt.zero_grad(); step += 1
        losses.append(loss.item())
        if step % cfg.get("every", 150) == 0 or step == steps:
            print(json.dumps({**cfg, "step": step, "loss": round(sum(losses[-50:])/50, 3), "acc": evaluate(), "s": round(time.time()-t)}), flush=True)
        if step >= steps: break
