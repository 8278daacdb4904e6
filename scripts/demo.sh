#!/usr/bin/env bash
# `npm run demo`: the trainer's venv (built once per machine and cached, see setup.sh), the server and UI, then the demo
# command (server/demo/demo.command.ts). `npm run demo -- --remove` only needs the server build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --remove "* ]]; then
  npm run -s build:server
else
  bash scripts/setup.sh setup_trainer
  echo "demo: building the server and the UI"
  npm run -s build
fi
exec node dist/server/cli/main.js demo "$@"
