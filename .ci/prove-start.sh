#!/usr/bin/env bash
# Runs the README's start command exactly as written, in this (fresh) checkout with default
# settings, waits for the sign-in page, signs in as a demo person and opens the demo plan, then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -e .data ]; then
	# This checkout has run Concord before (a developer's tree): prove it on a fresh clone instead.
	tmp=$(mktemp -d)
	echo "prove-start: this checkout has a .data folder; proving the start command on a fresh clone of HEAD in $tmp"
	git clone -q . "$tmp/concord"
	status=0
	bash "$tmp/concord/.ci/prove-start.sh" || status=$?
	rm -rf "$tmp"
	exit "$status"
fi
if curl -fsS -o /dev/null http://localhost:3000/signin 2>/dev/null; then
	echo "prove-start: something already answers on port 3000; stop it (a running Concord?) and run again" >&2
	exit 1
fi
log=$(mktemp)
# Its own process group, so stopping it stops npm and the server under it.
setsid bash -c 'npm ci && npm run build && npm start' >"$log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT

for _ in $(seq 1 600); do
	if curl -fsS -o /dev/null http://localhost:3000/signin 2>/dev/null; then break; fi
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "prove-start: the start command exited before serving the sign-in page:" >&2
		tail -n 40 "$log" >&2
		exit 1
	fi
	sleep 1
done
curl -fsS -o /dev/null http://localhost:3000/signin || {
	echo "prove-start: no sign-in page on :3000 after 10 minutes" >&2
	tail -n 40 "$log" >&2
	exit 1
}
node --import tsx tests/smoke/start.ts http://localhost:3000 || {
	tail -n 40 "$log" >&2
	exit 1
}
echo "prove-start: the README's start command serves Concord on a fresh checkout"
