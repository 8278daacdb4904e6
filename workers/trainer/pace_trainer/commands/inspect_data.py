"""``inspect-data --config FILE [--epoch 1] [--limit 4]``: what ``train`` would feed the model, without training.

Emits the tokenized dataset's counts, then the first micro-batches of an epoch exactly as the trainer collates them
(input ids, attention mask, labels with -100 where the loss skips), so the loss mask can be checked by eye or test.
"""
HELP = "show the tokenized, masked and collated micro-batches train would use (no training)"


def add_arguments(p) -> None:
    p.add_argument("--config", required=True)
    p.add_argument("--epoch", type=int, default=1)
    p.add_argument("--limit", type=int, default=4, help="micro-batches to show")


def run(args) -> None:
    from ..events import emit
    from ..training.batches import collate, epoch_steps
    from ..training.config import load_config
    from ..training.data import read_conversations, tokenize
    from ..training.model import load_base

    config = load_config(args.config)
    conversations = read_conversations(config.trainFile)
    tokenizer, _ = load_base(config.baseModel)
    data = tokenize(conversations, tokenizer, config.maxLength)
    vocab = tokenizer.get_vocab()
    emit("dataset", examples=len(data.examples), trimmed=data.trimmed, dropped=data.dropped, padTokenId=tokenizer.pad_token_id,
         chatTokenIds={t: vocab[t] for t in ("<user>", "<assistant>", "<eot>")}, bosTokenId=tokenizer.bos_token_id)
    lengths = [len(e.input_ids) for e in data.examples]
    shown = 0
    for slots in epoch_steps(lengths, config.globalBatchSize, config.microBatchSize, config.seed, args.epoch):
        for slot in slots:
            if shown >= args.limit:
                break
            batch = collate([data.examples[i] for i in slot], tokenizer.pad_token_id)
            emit("batch", examples=slot, **{k: v.tolist() for k, v in batch.items()})
            shown += 1
    emit("done", batches=shown)
