#!/usr/bin/env bash
# Where a .NET benchmark spends its time, instruction by instruction (no hardware counters needed).
# Usage: bench/perf-annotate.sh [--wait S] [--record S] [--top N] -- COMMAND ARGS...
#   e.g. bench/perf-annotate.sh -- dotnet bench/Herald.Bench.Listen/bin/Release/net10.0/Herald.Bench.Listen.dll --seconds 25 --herald-only
# Starts COMMAND with the JIT's perf map on, waits --wait seconds (warm-up, tier-up), samples it with `perf record` for
# --record seconds, then reads the machine code of the hottest JIT-compiled methods from /proc/PID/mem at the addresses
# of the perf map (so COMMAND must still be running then: give it a long enough run) and disassembles it with objdump.
# Prints the hottest methods; writes each one's disassembly with the share of samples per instruction to
# /tmp/perf-annotate.asm (the sample usually lands on the instruction after a slow load or a mispredicted branch).
# Needs perf, objdump (binutils) and python3.
set -euo pipefail
wait_s=7; record_s=5; top=6
while [ $# -gt 0 ]; do
  case "$1" in
    --wait) wait_s=$2; shift 2 ;;
    --record) record_s=$2; shift 2 ;;
    --top) top=$2; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
export DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0
"$@" > /tmp/perf-annotate.out 2>&1 &
pid=$!
sleep "$wait_s"
perf record -F 5000 -p "$pid" -o /tmp/perf-annotate.data -- sleep "$record_s" > /dev/null 2>&1
perf script -i /tmp/perf-annotate.data -F ip 2> /dev/null > /tmp/perf-annotate.ips
python3 - "$pid" "$top" <<'PY'
import collections, re, subprocess, sys
pid, top = sys.argv[1], int(sys.argv[2])
syms = []
for line in open(f'/tmp/perf-{pid}.map'):
    address, size, name = line.rstrip('\n').split(' ', 2)
    syms.append((int(address, 16), int(size, 16), name))
syms.sort()
ips = collections.Counter(int(l.split()[0], 16) for l in open('/tmp/perf-annotate.ips') if l.strip())
total = sum(ips.values()) or 1
starts = [s[0] for s in syms]
import bisect
by_method = collections.Counter()
for ip, n in ips.items():
    i = bisect.bisect_right(starts, ip) - 1
    if i >= 0 and ip < syms[i][0] + syms[i][1]:
        by_method[syms[i]] += n
mem = open(f'/proc/{pid}/mem', 'rb')
with open('/tmp/perf-annotate.asm', 'w') as out:
    for (address, size, name), n in by_method.most_common(top):
        mem.seek(address)
        open('/tmp/perf-annotate.bin', 'wb').write(mem.read(size))
        dis = subprocess.run(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64', '--no-show-raw-insn',
                              f'--adjust-vma={address}', '/tmp/perf-annotate.bin'], capture_output=True, text=True).stdout
        out.write(f'\n===== {100 * n / total:.1f}% {name}\n')
        for l in dis.splitlines():
            m = re.match(r'\s*([0-9a-f]+):\s*(.*)', l)
            if m:
                out.write(f'{100 * ips.get(int(m.group(1), 16), 0) / total:6.2f} {m.group(1)}: {m.group(2)}\n')
print(f'{total} samples; JIT code of the hottest methods in /tmp/perf-annotate.asm')
for (address, size, name), n in by_method.most_common(top + 4):
    print(f'{100 * n / total:5.1f}% {name[:160]}')
PY
wait "$pid" || true
