"""The ``train`` command's parts: config, data (tokenize + mask), batches, checkpoints and the loop."""
