# Pace GPU worker: consumes the train and evaluate queues (`npm run worker`) and runs the Python trainer on the GPUs
# it is given. Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t pace-worker .
# The CUDA runtime comes from this base image; PyTorch's wheels bring their own CUDA libraries, so only the driver
# (through the NVIDIA container toolkit) is needed on the host.
FROM nvidia/cuda:12.8.1-runtime-ubuntu22.04

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PACE_CACHE_DIR=/opt/pace-cache \
    PACE_PYTHON=python3.11

# Node 24 (NodeSource) and Python 3.11 (deadsnakes: Ubuntu 22.04 ships 3.10)
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg software-properties-common \
 && add-apt-repository -y ppa:deadsnakes/ppa \
 && curl -fsSL https://deb.nodesource.com/setup_24.x | bash - \
 && apt-get install -y --no-install-recommends nodejs python3.11 python3.11-venv \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The trainer's venv first, keyed by its requirements alone, so code changes do not rebuild PyTorch
COPY scripts/setup.sh scripts/setup.sh
COPY workers/trainer/requirements.txt workers/trainer/requirements.txt
RUN bash scripts/setup.sh setup_trainer

COPY package.json package-lock.json ./
# onnxruntime-node's CPU build ships in the package; its CUDA provider is not fetched (package.json allowScripts), so
# the ONNX back-end runs on CPU here and the torch scorer uses the GPU.
RUN npm ci

COPY . .
# setup.sh links workers/trainer/.venv into the cached venv; COPY replaced the folder, so link it again
RUN bash scripts/setup.sh setup_trainer && npm run -s build:server

# Model folders and run outputs live on volumes
VOLUME ["/models", "/data"]
ENV PACE_DATA_DIR=/data
CMD ["npm", "run", "worker"]
