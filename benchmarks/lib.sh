# Shared by run-benchmarks.sh and build-overhead.sh (sourced, not run): logging and waiting for a quiet
# machine. The caller sets LOAD_MAX (load average under which measuring starts) and WAIT_MAX (longest
# wait, in seconds) before calling wait_for_quiet.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits until the 1-minute load average is below LOAD_MAX (or WAIT_MAX has passed) and prints it.
wait_for_quiet() {
  local waited=0
  while awk -v l="$(load1)" -v m="$LOAD_MAX" 'BEGIN { exit !(l >= m) }'; do
    if [ "$waited" -ge "$WAIT_MAX" ]; then
      log "load $(load1) still >= $LOAD_MAX after ${WAIT_MAX}s; measuring anyway"
      break
    fi
    log "load $(load1) >= $LOAD_MAX; waiting"
    sleep 30
    waited=$((waited + 30))
  done
  load1
}
