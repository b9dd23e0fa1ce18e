#!/usr/bin/env bash
# End-to-end test of `streamtune slurm` on a throw-away single-node Slurm cluster.
#
# Starts munged, slurmctld and slurmd with every file (key, socket, slurm.conf, state, spool,
# logs) in a scratch folder, so nothing under /etc is read or changed. Then it generates the
# job scripts for a 4-shard exhaustive sweep of SearchSpaces/tiny-block.json, submits them,
# and checks that the merged evaluations and Pareto front equal those of the same exhaustive
# sweep in one process. A second round cuts one shard's journal short and submits again, to
# check that a task resumes its shard instead of failing.
#
# Usage: scripts/slurm-single-node-test.sh [STREAMTUNE_BINARY]
#   The binary defaults to $STREAMTUNE_BIN, then .build/debug/streamtune, then the release one.
# Environment: STREAMTUNE_SLURM_TIMEOUT (seconds to wait for each round of jobs, default 300),
#   STREAMTUNE_SLURM_KEEP=1 keeps the scratch folder even when the test passes.
# Exit codes: 0 pass, 1 fail, 77 Slurm cannot run here (the reason is printed).
# Needs root and Debian's slurm-wlm and munge packages (`make deps` installs them).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SPACE="$ROOT/SearchSpaces/tiny-block.json"
SHARDS=4
TIMEOUT=${STREAMTUNE_SLURM_TIMEOUT:-300}
START=$SECONDS

skip() { echo "SKIP: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "[$((SECONDS - START))s] $*"; }

BIN=${1:-${STREAMTUNE_BIN:-}}
if [ -z "$BIN" ]; then
  for candidate in "$ROOT/.build/debug/streamtune" "$ROOT/.build/release/streamtune"; do
    if [ -x "$candidate" ]; then BIN=$candidate; break; fi
  done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || fail "no streamtune executable; run swift build first"

# Everything Slurm needs before anything starts; a missing piece means Slurm cannot run here.
[ "$(id -u)" -eq 0 ] || skip "slurmd and munged are started as root here, and this is uid $(id -u)"
for command in munged mungekey munge unmunge slurmctld slurmd sbatch squeue sinfo scancel \
  setpriv python3; do
  command -v "$command" >/dev/null || skip "$command not found; install slurm-wlm and munge (make deps)"
done
id munge >/dev/null 2>&1 || skip "no munge user; install the munge package (make deps)"

SCRATCH=$(mktemp -d /tmp/streamtune-slurm.XXXXXX)
chmod 755 "$SCRATCH"
PIDS=()
JOBS=()

cleanup() {
  local status=$?
  if [ ${#JOBS[@]} -gt 0 ] && [ -n "${SLURM_CONF:-}" ]; then
    scancel "${JOBS[@]}" 2>/dev/null
    for _ in $(seq 20); do
      [ -z "$(squeue -h -j "$(IFS=,; echo "${JOBS[*]}")" 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  # Stop the daemons in reverse start order, by the process ids recorded at start.
  local index
  for ((index = ${#PIDS[@]} - 1; index >= 0; index--)); do
    kill "${PIDS[index]}" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done
  if [ "$status" -eq 0 ] && [ "${STREAMTUNE_SLURM_KEEP:-0}" != 1 ]; then
    rm -rf "$SCRATCH"
  elif [ "$status" -eq 77 ]; then
    rm -rf "$SCRATCH"
  else
    echo "scratch folder kept for inspection: $SCRATCH" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Prints the last lines of every log, for a failure or a skip.
show_logs() {
  for log in "$SCRATCH"/log/*.log "$SCRATCH"/run/slurm/logs/*.out; do
    [ -f "$log" ] || continue
    echo "--- $log (last 15 lines)" >&2
    tail -n 15 "$log" >&2
  done
}

# Two free TCP ports on the loopback interface, for slurmctld and slurmd.
port_free() { ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
PORT=$((20000 + ($$ % 10000) * 2))
while ! port_free "$PORT" || ! port_free $((PORT + 1)); do PORT=$((PORT + 2)); done

# --- munge: its own key and socket in the scratch folder.
mkdir -p "$SCRATCH/munge" "$SCRATCH/munge-socket" "$SCRATCH/log"
chown munge:munge "$SCRATCH/munge" "$SCRATCH/munge-socket"
chmod 700 "$SCRATCH/munge"
chmod 755 "$SCRATCH/munge-socket"
SOCKET="$SCRATCH/munge-socket/munge.socket"
as_munge() { setpriv --reuid=munge --regid=munge --init-groups "$@"; }
as_munge mungekey --create --keyfile="$SCRATCH/munge/munge.key" >"$SCRATCH/log/mungekey.log" 2>&1 ||
  { show_logs; skip "mungekey could not create a key"; }
# Started directly, not through as_munge, so that $! is the process id of munged itself.
setpriv --reuid=munge --regid=munge --init-groups munged --foreground --socket="$SOCKET" \
  --key-file="$SCRATCH/munge/munge.key" --log-file="$SCRATCH/munge/munged.log" \
  --pid-file="$SCRATCH/munge-socket/munged.pid" --seed-file="$SCRATCH/munge/munged.seed" \
  >"$SCRATCH/log/munged.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.1; done
munge -S "$SOCKET" -n 2>/dev/null | unmunge -S "$SOCKET" 2>/dev/null | grep -q 'STATUS: *Success' ||
  { show_logs; skip "munged did not start: munge -n | unmunge did not report Success"; }
note "munged running (pid ${PIDS[0]})"

# --- Slurm: slurm.conf in the scratch folder, named by SLURM_CONF for daemons, clients and jobs.
HOST=$(hostname -s)
CPUS=$(nproc)
mkdir -p "$SCRATCH/etc" "$SCRATCH/state" "$SCRATCH/spool"
export SLURM_CONF="$SCRATCH/etc/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=streamtune-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$SCRATCH/state
SlurmdSpoolDir=$SCRATCH/spool
SlurmctldPidFile=$SCRATCH/state/slurmctld.pid
SlurmdPidFile=$SCRATCH/spool/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdParameters=config_overrides
MpiDefault=none
MailProg=/bin/true
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
echo "ConstrainCores=no" >"$SCRATCH/etc/cgroup.conf"

slurmctld -D -f "$SLURM_CONF" >"$SCRATCH/log/slurmctld.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do sinfo -h >/dev/null 2>&1 && break; sleep 0.2; done
kill -0 "${PIDS[1]}" 2>/dev/null || { show_logs; skip "slurmctld exited at start"; }
slurmd -D -f "$SLURM_CONF" -N "$HOST" >"$SCRATCH/log/slurmd.log" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -N -o %t 2>/dev/null | head -n 1)
  [ "$state" = idle ] && break
  kill -0 "${PIDS[2]}" 2>/dev/null || break
  sleep 0.5
done
[ "$state" = idle ] || { show_logs; skip "the node did not become idle within 60 s (state: ${state:-none})"; }
note "slurmctld and slurmd running on ports $PORT and $((PORT + 1)); node $HOST idle, $CPUS CPUs"

# Submits the generated scripts and waits for both jobs to leave the queue.
submit_and_wait() {
  local output array_job merge_job
  output=$(bash "$SCRATCH/run/slurm/submit.sh" 2>&1) || fail "submit.sh failed: $output"
  echo "$output"
  array_job=$(sed -n 's/^array job \([0-9][0-9]*\):.*/\1/p' <<<"$output")
  merge_job=$(sed -n 's/^merge job \([0-9][0-9]*\):.*/\1/p' <<<"$output")
  [ -n "$array_job" ] && [ -n "$merge_job" ] || fail "submit.sh printed no job ids"
  JOBS=("$array_job" "$merge_job")
  local deadline=$((SECONDS + TIMEOUT))
  while [ -n "$(squeue -h -j "$array_job,$merge_job" 2>/dev/null)" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      squeue -j "$array_job,$merge_job" >&2
      show_logs
      fail "jobs $array_job and $merge_job still queued or running after $TIMEOUT s"
    fi
    sleep 1
  done
  JOBS=()
  [ -f "$SCRATCH/run/merged/pareto.csv" ] && [ -f "$SCRATCH/run/merged/report.md" ] ||
    { show_logs; fail "no merged/pareto.csv and report.md: a shard or the merge failed"; }
}

# Compares two result CSVs as multisets of rows without the columns that name the row's
# position, its strategy or its timing.
same_rows() {
  python3 - "$1" "$2" <<'PYTHON'
import collections, csv, sys

def rows(path):
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        kept = [c for c in reader.fieldnames if c not in ("index", "strategy", "evaluation_time_ms")]
        return kept, collections.Counter(tuple(row[c] for c in kept) for row in reader)

left_columns, left = rows(sys.argv[1])
right_columns, right = rows(sys.argv[2])
if left_columns != right_columns:
    sys.exit(f"columns differ: {left_columns} against {right_columns}")
if left != right:
    only_left, only_right = left - right, right - left
    print(f"{sum(only_left.values())} rows only in {sys.argv[1]}, e.g. {list(only_left)[:2]}")
    print(f"{sum(only_right.values())} rows only in {sys.argv[2]}, e.g. {list(only_right)[:2]}")
    sys.exit(1)
print(f"{sum(left.values())} rows equal")
PYTHON
}

compare_with_single_machine() {
  same_rows "$SCRATCH/run/merged/evaluations.csv" "$SCRATCH/single/evaluations.csv" ||
    fail "the merged evaluations differ from the one-process sweep"
  same_rows "$SCRATCH/run/merged/pareto.csv" "$SCRATCH/single/pareto.csv" ||
    fail "the merged Pareto front differs from the one-process sweep's"
}

# --- Round 1: generate, submit, merge, compare with one process.
"$BIN" slurm "$SPACE" --array "$SHARDS" --strategy exhaustive --out "$SCRATCH/run" ||
  fail "streamtune slurm exited with status $?"
submit_and_wait
note "round 1: array and merge jobs finished"
"$BIN" sweep "$SPACE" --strategy exhaustive --out "$SCRATCH/single" --jobs "$CPUS" --quiet ||
  fail "the one-process sweep exited with status $?"
compare_with_single_machine
note "round 1: merged results equal the one-process sweep"

# --- Round 2: shard 2 loses the end of its journal; submitting again must resume it.
journal="$SCRATCH/run/shard-2/evaluations.csv"
kept_rows=10
head -n $((kept_rows + 1)) "$journal" >"$journal.cut" && mv "$journal.cut" "$journal"
rm -rf "$SCRATCH/run/merged"
submit_and_wait
grep -q "($kept_rows replayed)" "$SCRATCH"/run/slurm/logs/*_2.out ||
  { show_logs; fail "shard 2 did not resume from its $kept_rows journal rows"; }
compare_with_single_machine
note "round 2: shard 2 resumed from $kept_rows rows; merged results still equal"

echo "PASS: slurm single-node test in $((SECONDS - START)) s"
