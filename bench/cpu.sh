#!/usr/bin/env bash
# Where the machine's CPU goes during a bench phase, per process, from /proc (no profiler needed). Source it, then:
#   cpu_mark before <name>=<pids…> …    # snapshot; a name's pids may be "pg:<data dir>" for a PostgreSQL server
#   …the phase…
#   cpu_mark after <name>=<pids…> …     # same names
#   cpu_children <name> "$(times)"     # optional: CPU of a subshell's children, e.g. the load generator
#   cpu_report <wall seconds>            # CPU seconds per name, its share of the machine, and idle
# A process's CPU is user + system time, including children it waited for: PostgreSQL's ended backends count towards
# the postmaster's, the live ones are added one by one.
tick=$(getconf CLK_TCK)
declare -A cpu_before cpu_after
cpu_names=()

# CPU ticks of one process (fields 14-17 of /proc/<pid>/stat, counted after the command name, which may hold spaces).
cpu_ticks() { [ -r "/proc/$1/stat" ] && sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13 + $14 + $15}' || echo 0; }

cpu_of() { # pid | pg:<data dir>
  if [[ $1 == pg:* ]]; then
    local main total
    main=$(head -1 "${1#pg:}/postmaster.pid")
    total=$(cpu_ticks "$main")
    for child in $(pgrep -P "$main"); do total=$((total + $(cpu_ticks "$child"))); done
    echo "$total"
  else
    cpu_ticks "$1"
  fi
}

machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6}' /proc/stat; } # total, idle (incl. iowait)

cpu_mark() { # before|after name=pid[,pid…] …
  local when=$1 spec name sum pid pids
  shift
  [ "$when" = before ] && cpu_names=()
  for spec in "$@"; do
    name=${spec%%=*}
    sum=0
    pids=${spec#*=}
    for pid in ${pids//,/ }; do sum=$((sum + $(cpu_of "$pid"))); done
    if [ "$when" = before ]; then cpu_before[$name]=$sum; cpu_names+=("$name"); else cpu_after[$name]=$sum; fi
  done
  if [ "$when" = before ]; then cpu_before[machine]=$(machine_ticks); else cpu_after[machine]=$(machine_ticks); fi
}

# The children's line of bash's `times` (e.g. from a subshell that ran the load generator) as a name's CPU.
cpu_children() { # name "<times output>"
  local user sys
  read -r user sys <<<"$(tail -1 <<<"$2")"
  cpu_before[$1]=0
  cpu_after[$1]=$(awk -v u="$user" -v s="$sys" -v k="$tick" 'function sec(x, m) { split(x, m, "m"); return m[1] * 60 + m[2] } BEGIN {printf "%d", (sec(u) + sec(s)) * k}')
  cpu_names+=("$1")
}

cpu_report() { # wall seconds
  local wall=$1 name used named=0
  read -r total0 idle0 <<<"${cpu_before[machine]}"
  read -r total1 idle1 <<<"${cpu_after[machine]}"
  local total=$((total1 - total0)) idle=$((idle1 - idle0))
  echo "CPU over ${wall} s on $(nproc) cores ($(awk -v t=$total -v k=$tick 'BEGIN {printf "%.1f", t / k}') CPU-seconds available):"
  for name in "${cpu_names[@]}"; do
    used=$((cpu_after[$name] - cpu_before[$name]))
    named=$((named + used))
    awk -v n="$name" -v u=$used -v t=$total -v k=$tick 'BEGIN {printf "  %-16s %7.1f s  %5.1f %%\n", n, u / k, 100 * u / t}'
  done
  awk -v u=$((total - idle - named)) -v t=$total -v k=$tick 'BEGIN {printf "  %-16s %7.1f s  %5.1f %%\n", "everything else", (u < 0 ? 0 : u) / k, 100 * (u < 0 ? 0 : u) / t}'
  awk -v u=$idle -v t=$total -v k=$tick 'BEGIN {printf "  %-16s %7.1f s  %5.1f %%\n", "idle", u / k, 100 * u / t}'
}
