"""The torch scorer behind the ``score`` command: the two primitive requests of every model back-end.

Requests are those of server/training/trainer-protocol.ts, results those of server/evaluations/backends/backend.types.ts;
the ONNX back-end computes the same numbers (same tokenization, right-padded batches, log-softmax in float64) and the
parity tests hold the two together.
"""
