# Sourced by the import and OpenTelemetry benches: each run's time and peak memory appended to $work/<label>.txt, and their median, peak
# and list (in run order). Needs GNU time; $work must be set.
measure() { # label command... -> appends "seconds peak_mb" to $work/label.txt; fails (showing its output) when the command fails
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || { cat "$work/stdout.txt" "$work/stderr.txt" >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$work/time.txt" >> "$work/$label.txt"
}
median_of() { sort -n | awk '{ s[NR] = $1 } END { print (NR % 2 ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2) }'; } # of the first column on stdin
median() { median_of < "$work/$1.txt"; }
peak() { sort -n -k2 "$work/$1.txt" | tail -1 | awk '{print $2}'; }
each() { awk '{printf "%s%s", (NR > 1 ? " / " : ""), $1}' "$work/$1.txt"; }
ratios() { # label_a label_b -> run i's a / b, a line each, in run order (a file's first column is the run's figure)
  paste "$work/$1.txt" "$work/$2.txt" | awk '{ printf "%.3f\n", $1 / $(NF / 2 + 1) }'
}
paired() { # label_a label_b -> the median of run i's a / b: each pair ran back to back, so a machine that slows down for a while moves both
  printf "%.2f" "$(ratios "$1" "$2" | median_of)"
}
